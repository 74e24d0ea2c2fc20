// Fast, exact-to-1e-10 inversion of the biexponential family (logicle, hyperlog).
//
// Both scales are defined implicitly: the display value y is the root of x = B(y), with B explicit,
// increasing, and (by the reflection rule of Moore & Parks, Cytometry A 2012;81:273-277) odd around
// x1: writing u = y - x1, x = g(u) for u >= 0 and y(-x) = 2*x1 - y(x). So we only ever invert
// g on u >= 0, where g(0) = 0, g'(0) = s0 > 0 and g is convex (B'' >= 0 right of x1).
//
// The reference algorithm (Halley iteration per value, two Math.exp per iteration) is ~30x slower
// than this (bench/transforms.ts). Instead we tabulate u(x) once per parameter set at knots spaced 128 per octave of x, and
// interpolate with quintic Hermite polynomials matching the exact u, u' = 1/g'(u) and
// u'' = -g''(u)/g'(u)^3 at both knots of a bucket.
// The knots are the doubles whose low 45 mantissa bits are zero, so the bucket of a value is read
// straight from the high 32 bits of its IEEE-754 pattern (exponent + 7 mantissa bits: a monotonic,
// log-like key, no Math.log), and the position t inside the bucket is the remaining 45 mantissa
// bits divided by 2^45 - exact. Error bound: h^6/46080 * max|u^(6)| with h = x/128; on the log
// branch u^(6) = -120/(b x^6), i.e. ~1e-17: the result is within a few ulps of the exact root,
// which keeps inverse(apply(x)) == x to 1e-11 even where dx/dy ~ b*x is large (test_vectors.json
// roundtrip_requirements). Quintic at 128/octave beats cubic at 256/octave: 6 KB of table per
// octave instead of 8 KB, and cubic's 4e-13 in y is 4e-9 in x at x = 1000 (fails the roundtrip).
// Below the first knot (x < g'(0)*2^-30, so u < 1e-9) u = x/g'(0) is off by at most b*u^2 < 1e-16;
// above the last knot (x > 2^26 * T) and for NaN/Infinity we fall back to the exact Newton solve.

import { outputFor } from './array';
import { rangeError, requireParam } from './errors';
import type { Transform } from './types';

export interface OddBranch {
  /** x = g(u) for u >= 0. */
  g(u: number): number;
  /** g'(u) for u >= 0. */
  dg(u: number): number;
  /** g''(u) for u >= 0. */
  d2g(u: number): number;
  /** g'(0). */
  readonly s0: number;
  /** P and b with g(u) >= P*expm1(b*u) for u >= 0 (bounds the root from above). */
  readonly P: number;
  readonly b: number;
}

const LITTLE_ENDIAN = new Uint32Array(new Float64Array([1]).buffer)[1] === 0x3ff00000;
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = LITTLE_ENDIAN ? 0 : 1;
/** Buckets per octave of x = 2^KEY_BITS; the key is the high word shifted right by KEY_SHIFT. */
const KEY_BITS = 7;
const KEY_SHIFT = 20 - KEY_BITS;
const LOW_MASK = (1 << KEY_SHIFT) - 1;
/** 2^-(32 + KEY_SHIFT): maps the mantissa bits below the bucket key to [0, 1). */
const T_SCALE = Math.pow(2, -(32 + KEY_SHIFT));
const CHUNK = 4096;
const MAX_OCTAVES = 160;

/**
 * Exact root u >= 0 of g(u) = x for x >= 0 by Newton iteration from the right. g is increasing and
 * convex on u >= 0, so starting above the root the iterates decrease monotonically onto it
 * (no overshoot, no bracketing needed); we stop when an iterate no longer decreases.
 */
export function solveBranch(branch: OddBranch, x: number): number {
  if (!(x > 0)) return x === 0 ? 0 : Number.NaN;
  if (x === Infinity) return Infinity;
  // g(u) >= s0*u (convexity) and g(u) >= P*expm1(b*u): both give upper bounds of the root.
  let u = Math.min(x / branch.s0, Math.log1p(x / branch.P) / branch.b);
  for (let i = 0; i < 200; i++) {
    const next = u - (branch.g(u) - x) / branch.dg(u);
    if (!(next < u)) break;
    u = next;
  }
  return u;
}

/** y = x1 + sign(x) * u(|x|) by the exact solve (reflection rule for negative x). */
export function exactOdd(branch: OddBranch, x1: number, x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const u = solveBranch(branch, Math.abs(x));
  return x < 0 ? x1 - u : x1 + u;
}

interface Table {
  lowHi: number;
  highHi: number;
  baseKey: number;
  /** Per bucket: c0..c5 of u = c0 + t*(c1 + t*(c2 + t*(c3 + t*(c4 + t*c5)))), t in [0, 1). */
  coef: Float64Array;
  invS0: number;
  /** Whether u = x/g'(0) is exact below the first knot (else solve exactly there). */
  linearBelow: boolean;
}

function highWordOfPowerOfTwo(exponent: number): number {
  // Biased exponent in bits 20..30 of the high word; mantissa zero.
  return (exponent + 1023) << 20;
}

function buildTable(branch: OddBranch, topX: number): Table {
  const highExp = Math.min(Math.ceil(Math.log2(topX)) + 26, 1020);
  const linearExp = Math.floor(Math.log2(branch.s0)) - 30;
  // Realistic parameters need 60-90 octaves; cap the table (extreme M with W = 0 makes g'(0)
  // tiny) and let values below it take the exact solve when u = x/g'(0) would not be exact.
  const lowExp = Math.max(linearExp, highExp - MAX_OCTAVES, -1020);
  const lowHi = highWordOfPowerOfTwo(lowExp);
  const highHi = highWordOfPowerOfTwo(highExp);
  const baseKey = lowHi >>> KEY_SHIFT;
  const buckets = (highHi >>> KEY_SHIFT) - baseKey;
  const coef = new Float64Array(buckets * 6);
  const bits = new Uint32Array(2);
  const asDouble = new Float64Array(bits.buffer);
  let x0 = 0;
  let u0 = 0;
  let du0 = 0;
  let d2u0 = 0;
  for (let k = 0; k <= buckets; k++) {
    bits[HI] = (baseKey + k) << KEY_SHIFT;
    bits[LO] = 0;
    const x = asDouble[0];
    const u = solveBranch(branch, x);
    // Inverse-function derivatives: u' = 1/g'(u), u'' = -g''(u) * u'^3.
    const du = 1 / branch.dg(u);
    const d2u = -branch.d2g(u) * du * du * du;
    if (k > 0) {
      // Quintic Hermite on t in [0, 1] matching value, slope and curvature at both knots.
      const h = x - x0;
      const dp = u - u0;
      const m0 = du0 * h;
      const m1 = du * h;
      const a0 = d2u0 * h * h;
      const a1 = d2u * h * h;
      const j = (k - 1) * 6;
      coef[j] = u0;
      coef[j + 1] = m0;
      coef[j + 2] = a0 / 2;
      coef[j + 3] = 10 * dp - 6 * m0 - 4 * m1 - (3 * a0 - a1) / 2;
      coef[j + 4] = -15 * dp + 8 * m0 + 7 * m1 + (3 * a0 - 2 * a1) / 2;
      coef[j + 5] = 6 * dp - 3 * m0 - 3 * m1 - (a0 - a1) / 2;
    }
    x0 = x;
    u0 = u;
    du0 = du;
    d2u0 = d2u;
  }
  return { lowHi, highHi, baseKey, coef, invS0: 1 / branch.s0, linearBelow: lowExp <= linearExp };
}

/**
 * Writes y = x1 + sign(x) * u(|x|) for x[0..n) to out[outOffset..outOffset+n); `words` views the
 * same bytes as `x` as 32-bit words. Values beyond the table, NaN and Infinity are rare: they are
 * returned as (index, value) pairs for an exact solve after the loop (keeping the Newton solver
 * out of the loop; the value is kept because out may be x itself), or null when there were none.
 */
type Evaluator = (x: Float64Array, words: Uint32Array, n: number, out: Float64Array, outOffset: number) => number[] | null;

/** The portable loop (also the fallback where code generation is not allowed). */
function portableEvaluator(table: Table, x1: number): Evaluator {
  const { lowHi, highHi, baseKey, coef, invS0, linearBelow } = table;
  const firstHi = linearBelow ? 0 : lowHi;
  return (x, words, n, out, outOffset) => {
    let outside: number[] | null = null;
    for (let i = 0; i < n; i++) {
      const hi = words[2 * i + HI];
      const ahi = hi & 0x7fffffff;
      let u = 0;
      if (ahi >= lowHi && ahi < highHi) {
        const j = ((ahi >>> KEY_SHIFT) - baseKey) * 6;
        const t = ((ahi & LOW_MASK) * 4294967296 + words[2 * i + LO]) * T_SCALE;
        u = coef[j] + t * (coef[j + 1] + t * (coef[j + 2] + t * (coef[j + 3] + t * (coef[j + 4] + t * coef[j + 5]))));
      } else if (ahi >= firstHi && ahi < lowHi) {
        u = Math.abs(x[i]) * invS0;
      } else {
        (outside ??= []).push(i, x[i]);
      }
      // Sign applied by multiplication, not a branch: dim populations straddle zero, and a
      // mispredicted sign branch per value costs more than the whole interpolation.
      out[outOffset + i] = x1 + (1 - ((hi >>> 31) << 1)) * u;
    }
    return outside;
  };
}

// The same loop compiled once per table. V8 folds the values of a closure's context into its
// optimised code only while one closure of that function exists; a function generated per table
// is the only closure of its own code, so the table (array base and length) and the bounds become
// constants: ~25 % faster than the portable loop (42 vs 57 ms for 8M values here). The source is
// this fixed text plus our own numeric constants; table values are passed as arguments, so no
// data is ever compiled. Where code generation is forbidden (strict CSP) the portable loop runs.
const EVALUATOR_SOURCE = `'use strict';
return function evaluate(x, words, n, out, outOffset) {
  let outside = null;
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + ${HI}];
    const ahi = hi & 0x7fffffff;
    let u = 0;
    if (ahi >= LOW_HI && ahi < HIGH_HI) {
      const j = ((ahi >>> ${KEY_SHIFT}) - BASE_KEY) * 6;
      const t = ((ahi & ${LOW_MASK}) * 4294967296 + words[2 * i + ${LO}]) * ${T_SCALE};
      u = COEF[j] + t * (COEF[j + 1] + t * (COEF[j + 2] + t * (COEF[j + 3] + t * (COEF[j + 4] + t * COEF[j + 5]))));
    } else if (ahi >= FIRST_HI && ahi < LOW_HI) {
      u = Math.abs(x[i]) * INV_S0;
    } else {
      (outside ??= []).push(i, x[i]);
    }
    out[outOffset + i] = X1 + (1 - ((hi >>> 31) << 1)) * u;
  }
  return outside;
};`;

function compiledEvaluator(table: Table, x1: number): Evaluator | null {
  try {
    const make = new Function('COEF', 'LOW_HI', 'HIGH_HI', 'BASE_KEY', 'INV_S0', 'FIRST_HI', 'X1', EVALUATOR_SOURCE) as (...args: unknown[]) => Evaluator;
    return make(table.coef, table.lowHi, table.highHi, table.baseKey, table.invS0, table.linearBelow ? 0 : table.lowHi, x1);
  } catch {
    return null;
  }
}

/**
 * Whether createOddInverse may compile its evaluator with `new Function` (default: yes, Node and
 * workers without a CSP). A page under a Content-Security-Policy without 'unsafe-eval' must turn
 * it off before building any logicle/hyperlog: the compile would be refused anyway, but only after
 * the browser has reported a securitypolicyviolation (CSP Level 3, section 4.4 "EnsureCSPDoesNotBlockStringCompilation").
 */
let codeGenerationAllowed = true;

export function setCodeGeneration(allowed: boolean): void {
  codeGenerationAllowed = allowed;
}

export function codeGenerationEnabled(): boolean {
  return codeGenerationAllowed;
}

export interface OddInverse {
  /** y for one x; identical to the array path. */
  apply(x: number): number;
  applyArray(x: ArrayLike<number>, out: Float64Array): Float64Array;
}

export function createOddInverse(branch: OddBranch, x1: number, topX: number, options: { compiled?: boolean } = {}): OddInverse {
  const table = buildTable(branch, topX);
  const compiled = options.compiled ?? codeGenerationAllowed;
  const evaluate = (compiled ? compiledEvaluator(table, x1) : null) ?? portableEvaluator(table, x1);
  const run = (x: Float64Array, words: Uint32Array, n: number, out: Float64Array, outOffset: number): void => {
    const outside = evaluate(x, words, n, out, outOffset);
    if (outside !== null) {
      for (let k = 0; k < outside.length; k += 2) out[outOffset + outside[k]] = exactOdd(branch, x1, outside[k + 1]);
    }
  };
  const scratch = new Float64Array(CHUNK);
  const scratchWords = new Uint32Array(scratch.buffer);
  const one = new Float64Array(1);
  const oneWords = new Uint32Array(one.buffer);
  const oneOut = new Float64Array(1);
  return {
    apply(x) {
      one[0] = x;
      run(one, oneWords, 1, oneOut, 0);
      return oneOut[0];
    },
    applyArray(x, out) {
      const n = x.length;
      if (x instanceof Float64Array) {
        run(x, new Uint32Array(x.buffer, x.byteOffset, n * 2), n, out, 0);
        return out;
      }
      // Float32Array, number[]: widen a chunk at a time into a reusable float64 scratch.
      for (let start = 0; start < n; start += CHUNK) {
        const m = Math.min(CHUNK, n - start);
        for (let i = 0; i < m; i++) scratch[i] = x[start + i];
        run(scratch, scratchWords, m, out, start);
      }
      return out;
    },
  };
}

/**
 * Gating-ML 2.0 limits shared by logicle (section 5.6) and hyperlog (section 5.7):
 * T > 0, M > 0, 0 <= W <= M/2 (hyperlog: W > 0, its definition divides by w), -W <= A <= M - 2W.
 */
export function validateBiexParams(kind: string, params: Readonly<Record<string, unknown>>, needPositiveW: boolean): [number, number, number, number] {
  const T = requireParam(kind, params, 'T');
  const W = requireParam(kind, params, 'W');
  const M = requireParam(kind, params, 'M');
  const A = requireParam(kind, params, 'A', 0);
  if (!(T > 0)) throw rangeError(kind, 'T', 'T must be > 0', T);
  if (!(M > 0)) throw rangeError(kind, 'M', 'M must be > 0', M);
  if (needPositiveW ? !(W > 0) : !(W >= 0)) throw rangeError(kind, 'W', needPositiveW ? 'W must be > 0' : 'W must be >= 0', W);
  if (W > M / 2) throw rangeError(kind, 'W', `W must be <= M/2 = ${M / 2}`, W);
  if (A < -W) throw rangeError(kind, 'A', `A must be >= -W = ${-W}`, A);
  if (A > M - 2 * W) throw rangeError(kind, 'A', `A must be <= M - 2W = ${M - 2 * W}`, A);
  return [T, W, M, A];
}

// A table costs ~1 ms to build and ~0.4 MB; panels reuse a handful of parameter sets, so keep the
// most recent few per process (the scratch buffers inside are only used synchronously).
const MAX_CACHED = 32;
const cache = new Map<string, OddInverse>();

/** The Transform of a biexponential-family scale: fast table forward, explicit inverse. */
export function oddTransform(kind: string, params: { T: number; W: number; M: number; A: number }, branch: OddBranch, x1: number): Transform {
  // The switch is part of the key: a compiled table cached before it was turned off is not reused.
  const key = `${kind}:${params.T}:${params.W}:${params.M}:${params.A}:${codeGenerationAllowed ? 'c' : 'p'}`;
  let fast = cache.get(key);
  if (fast === undefined) {
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    fast = createOddInverse(branch, x1, params.T);
    cache.set(key, fast);
  }
  const table = fast;
  const g = branch.g;
  const inverseOne = (y: number): number => {
    const u = y - x1;
    return u < 0 ? -g(-u) : g(u);
  };
  return {
    kind,
    params: Object.freeze({ ...params }),
    apply: (x) => table.apply(x),
    inverse: inverseOne,
    applyArray: (x, out) => table.applyArray(x, outputFor(x.length, out)),
    inverseArray(y, out) {
      const n = y.length;
      const r = outputFor(n, out);
      for (let i = 0; i < n; i++) r[i] = inverseOne(y[i]);
      return r;
    },
  };
}
