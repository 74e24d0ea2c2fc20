// Gating-ML 2.0 section 5.4 "fasinh":
//   fasinh(x, T, M, A) = (asinh(x * sinh(M ln10) / T) + A ln10) / ((M + A) ln10)
// Limits: T > 0, M > 0, 0 <= A <= M.
import { outputFor } from './array';
import { rangeError, requireParam } from './errors';
import type { Transform } from './types';

export interface ArcsinhParams {
  T: number;
  M: number;
  A?: number;
}

export function arcsinh(params: ArcsinhParams): Transform {
  const p = params as unknown as Record<string, unknown>;
  const T = requireParam('arcsinh', p, 'T');
  const M = requireParam('arcsinh', p, 'M');
  const A = requireParam('arcsinh', p, 'A', 0);
  if (!(T > 0)) throw rangeError('arcsinh', 'T', 'T must be > 0', T);
  if (!(M > 0)) throw rangeError('arcsinh', 'M', 'M must be > 0', M);
  if (A < 0 || A > M) throw rangeError('arcsinh', 'A', 'A must be within 0..M', A);
  const scale = Math.sinh(M * Math.LN10) / T;
  const invScale = 1 / scale;
  const offset = A * Math.LN10;
  const span = (M + A) * Math.LN10;
  const invSpan = 1 / span;
  return {
    kind: 'arcsinh',
    params: Object.freeze({ T, M, A }),
    apply: (x) => (Math.asinh(x * scale) + offset) * invSpan,
    inverse: (y) => Math.sinh(y * span - offset) * invScale,
    applyArray(x, out) {
      const n = x.length;
      const r = outputFor(n, out);
      for (let i = 0; i < n; i++) r[i] = (Math.asinh(x[i] * scale) + offset) * invSpan;
      return r;
    },
    inverseArray(y, out) {
      const n = y.length;
      const r = outputFor(n, out);
      for (let i = 0; i < n; i++) r[i] = Math.sinh(y[i] * span - offset) * invScale;
      return r;
    },
  };
}
