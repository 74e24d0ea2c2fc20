// Hyperlog scale: Bagwell, Cytometry A 2005;64:34-42; definition and limits per Gating-ML 2.0
// section 5.7 (refdata test_vectors.json "formulas.hyperlog"):
//   y is the root of EH(y) = x, EH(y) = a*e^(b*y) + c*y - f for y >= x1, EH(y) = -EH(2*x1 - y) below;
//   w, x1, x0, b as for logicle; e0 = e^(b*x0), ca = e0/w, fa = e^(b*x1) + ca*x1,
//   a = T/(e^b + ca - fa), c = ca*a, f = fa*a.
// EH(x1) = 0, so with u = y - x1 >= 0: EH = P*expm1(b*u) + c*u, P = a*e^(b*x1) (no cancellation).
// Limits: T > 0, M > 0, 0 < W <= M/2, -W <= A <= M - 2W.
import { oddTransform, validateBiexParams, type OddBranch } from './oddInverse';
import type { Transform } from './types';

export interface HyperlogParams {
  T: number;
  W: number;
  M: number;
  A?: number;
}

export function hyperlogBranch(T: number, W: number, M: number, A: number): { branch: OddBranch; x1: number } {
  const w = W / (M + A);
  const x2 = A / (M + A);
  const x1 = x2 + w;
  const x0 = x2 + 2 * w;
  const b = (M + A) * Math.LN10;
  const e0 = Math.exp(b * x0);
  const ca = e0 / w;
  const fa = Math.exp(b * x1) + ca * x1;
  const a = T / (Math.exp(b) + ca - fa);
  const c = ca * a;
  const P = a * Math.exp(b * x1);
  const branch: OddBranch = {
    g: (u) => P * Math.expm1(b * u) + c * u,
    dg: (u) => P * b * Math.exp(b * u) + c,
    d2g: (u) => P * b * b * Math.exp(b * u),
    s0: P * b + c,
    P,
    b,
  };
  return { branch, x1 };
}

export function hyperlog(params: HyperlogParams): Transform {
  const [T, W, M, A] = validateBiexParams('hyperlog', params as unknown as Record<string, unknown>, true);
  const { branch, x1 } = hyperlogBranch(T, W, M, A);
  return oddTransform('hyperlog', { T, W, M, A }, branch, x1);
}
