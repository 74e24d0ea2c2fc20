// Logicle scale: Parks, Roederer & Moore, Cytometry A 2006;69:541-551; computation per
// Moore & Parks, Cytometry A 2012;81:273-277; parameters and limits per Gating-ML 2.0 section 5.6.
//
// y is the root of B(y) = x with B(y) = a*e^(b*y) - c*e^(-d*y) - f, where
//   w = W/(M+A), x2 = A/(M+A), x1 = x2 + w, x0 = x2 + 2w, b = (M+A)*ln10,
//   d solves 2*(ln d - ln b) + w*(b + d) = 0,
//   ca = e^(x0*(b+d)), fa = e^(b*x1) - ca*e^(-d*x1), a = T/(e^b - fa - ca*e^(-d)), c = ca*a, f = fa*a.
// B(x1) = 0, so with u = y - x1: B = P*expm1(b*u) - N*expm1(-d*u), P = a*e^(b*x1), N = c*e^(-d*x1),
// which has no cancellation near x1 (the role of the Taylor series in the reference code).
// Negative data use the reference code's reflection y(-x) = 2*x1 - y(x) (refdata test_vectors.json
// "formulas.logicle": the bare root of B(y) = x would differ, e.g. at x = -10 for T=1000, W=1, M=4).
// Limits: T > 0, M > 0, 0 <= W <= M/2, -W <= A <= M - 2W.
import { exactOdd, oddTransform, validateBiexParams, type OddBranch } from './oddInverse';
import type { Transform } from './types';

export interface LogicleParams {
  T: number;
  W: number;
  M: number;
  A?: number;
}

/** Common cytometer defaults: 18-bit top of scale, 4.5 decades, 0.5 decades of linear width. */
export const logicleDefaults: Readonly<Required<LogicleParams>> = Object.freeze({ T: 262144, W: 0.5, M: 4.5, A: 0 });

export interface LogicleCoefficients {
  a: number; b: number; c: number; d: number; f: number;
  w: number; x0: number; x1: number; x2: number;
  P: number; N: number;
}

/** d > 0 with 2*(ln d - ln b) + w*(b + d) = 0: increasing in d, negative near 0, 2wb >= 0 at d = b. */
function solveD(b: number, w: number): number {
  if (w === 0) return b;
  let lo = 0;
  let hi = b;
  for (let i = 0; i < 2000; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (2 * (Math.log(mid) - Math.log(b)) + w * (b + mid) > 0) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

export function logicleCoefficients(T: number, W: number, M: number, A: number): LogicleCoefficients {
  const w = W / (M + A);
  const x2 = A / (M + A);
  const x1 = x2 + w;
  const x0 = x2 + 2 * w;
  const b = (M + A) * Math.LN10;
  const d = solveD(b, w);
  const ca = Math.exp(x0 * (b + d));
  const fa = Math.exp(b * x1) - ca * Math.exp(-d * x1);
  const a = T / (Math.exp(b) - fa - ca * Math.exp(-d));
  const c = ca * a;
  const f = fa * a;
  return { a, b, c, d, f, w, x0, x1, x2, P: a * Math.exp(b * x1), N: c * Math.exp(-d * x1) };
}

export function logicleBranch(T: number, W: number, M: number, A: number): { branch: OddBranch; x1: number } {
  const { b, d, P, N, x1 } = logicleCoefficients(T, W, M, A);
  const branch: OddBranch = {
    g: (u) => P * Math.expm1(b * u) - N * Math.expm1(-d * u),
    dg: (u) => P * b * Math.exp(b * u) + N * d * Math.exp(-d * u),
    d2g: (u) => P * b * b * Math.exp(b * u) - N * d * d * Math.exp(-d * u),
    s0: P * b + N * d,
    P,
    b,
  };
  return { branch, x1 };
}

export function logicle(params: LogicleParams): Transform {
  const [T, W, M, A] = validateBiexParams('logicle', params as unknown as Record<string, unknown>, false);
  const { branch, x1 } = logicleBranch(T, W, M, A);
  return oddTransform('logicle', { T, W, M, A }, branch, x1);
}

/** The exact (Newton, no table) logicle value, for tests and the benchmark's accuracy check. */
export function logicleExact(params: LogicleParams): (x: number) => number {
  const [T, W, M, A] = validateBiexParams('logicle', params as unknown as Record<string, unknown>, false);
  const { branch, x1 } = logicleBranch(T, W, M, A);
  return (x) => exactOdd(branch, x1, x);
}

/**
 * Logicle parameters that approximate a FlowJo "biex" scale given as in FlowJo workspaces (width
 * basis, negative decades, positive decades, maximum): W = log10(|width basis|)/2, A = negative
 * decades, M = positive decades, T = maximum. FlowJo computes biex with its own algorithm; against
 * its exported 4096-channel table (refdata/transforms/flowjo_biex_lut_*.csv) this logicle agrees
 * within one display channel, not exactly — fine for showing an imported FlowJo axis, while gates
 * exchanged with FlowJo should use Gating-ML logicle parameters.
 */
export function logicleFromFlowJoBiex(biex: { widthBasis: number; negative: number; positive: number; max: number }): Required<LogicleParams> {
  return { T: biex.max, W: Math.log10(Math.abs(biex.widthBasis)) / 2, M: biex.positive, A: biex.negative };
}
