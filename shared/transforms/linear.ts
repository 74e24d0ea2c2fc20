// Gating-ML 2.0 section 5.2 "flin": flin(x, T, A) = (x + A) / (T + A).
// Limits: T > 0, 0 <= A <= T (A widens the scale below zero so that -A maps to 0).
import { outputFor } from './array';
import { rangeError, requireParam } from './errors';
import type { Transform } from './types';

export interface LinearParams {
  T: number;
  A?: number;
}

export function linear(params: LinearParams): Transform {
  const T = requireParam('linear', params as unknown as Record<string, unknown>, 'T');
  const A = requireParam('linear', params as unknown as Record<string, unknown>, 'A', 0);
  if (!(T > 0)) throw rangeError('linear', 'T', 'T must be > 0', T);
  if (A < 0 || A > T) throw rangeError('linear', 'A', 'A must be within 0..T', A);
  const span = T + A;
  return {
    kind: 'linear',
    params: Object.freeze({ T, A }),
    apply: (x) => (x + A) / span,
    inverse: (y) => y * span - A,
    applyArray(x, out) {
      const n = x.length;
      const r = outputFor(n, out);
      for (let i = 0; i < n; i++) r[i] = (x[i] + A) / span;
      return r;
    },
    inverseArray(y, out) {
      const n = y.length;
      const r = outputFor(n, out);
      for (let i = 0; i < n; i++) r[i] = y[i] * span - A;
      return r;
    },
  };
}
