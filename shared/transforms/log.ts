// Gating-ML 2.0 section 5.3 "flog": flog(x, T, M) = (1/M) * log10(x/T) + 1.
// Limits: T > 0, M > 0. Undefined for x <= 0: x = 0 gives -Infinity and x < 0 gives NaN, as
// Math.log10 does (and as the FlowUtils vectors in refdata/transforms/test_vectors.json expect).
import { outputFor } from './array';
import { rangeError, requireParam } from './errors';
import type { Transform } from './types';

export interface LogParams {
  T: number;
  M: number;
}

export function log(params: LogParams): Transform {
  const p = params as unknown as Record<string, unknown>;
  const T = requireParam('log', p, 'T');
  const M = requireParam('log', p, 'M');
  if (!(T > 0)) throw rangeError('log', 'T', 'T must be > 0', T);
  if (!(M > 0)) throw rangeError('log', 'M', 'M must be > 0', M);
  const invM = 1 / M;
  const invT = 1 / T;
  return {
    kind: 'log',
    params: Object.freeze({ T, M }),
    apply: (x) => invM * Math.log10(x * invT) + 1,
    inverse: (y) => T * Math.pow(10, (y - 1) * M),
    applyArray(x, out) {
      const n = x.length;
      const r = outputFor(n, out);
      for (let i = 0; i < n; i++) r[i] = invM * Math.log10(x[i] * invT) + 1;
      return r;
    },
    inverseArray(y, out) {
      const n = y.length;
      const r = outputFor(n, out);
      for (let i = 0; i < n; i++) r[i] = T * Math.pow(10, (y[i] - 1) * M);
      return r;
    },
  };
}
