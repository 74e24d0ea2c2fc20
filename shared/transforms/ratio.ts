// Gating-ML 2.0 section 5.5 "fratio": fratio(x1, x2, A, B, C) = A * (x1 - B) / (x2 - C).
// It is a function of TWO columns, so it is not a `Transform` (which maps one value); it produces
// a derived column that other scales (e.g. flog, as in Gating-ML set 1 "MyRatLog") then apply to.
import { outputFor } from './array';
import { TransformError, requireParam } from './errors';

export interface RatioTransform {
  readonly kind: 'ratio';
  readonly params: Readonly<{ A: number; B: number; C: number }>;
  apply(x1: number, x2: number): number;
  applyArrays(x1: ArrayLike<number>, x2: ArrayLike<number>, out?: Float64Array): Float64Array;
}

export function fratio(A: number, B: number, C: number): RatioTransform {
  const p = { A, B, C } as Record<string, unknown>;
  const a = requireParam('fratio', p, 'A');
  const b = requireParam('fratio', p, 'B');
  const c = requireParam('fratio', p, 'C');
  return {
    kind: 'ratio',
    params: Object.freeze({ A: a, B: b, C: c }),
    // x2 == C gives ±Infinity or NaN (0/0), as IEEE division does; gates then exclude the event.
    apply: (x1, x2) => (a * (x1 - b)) / (x2 - c),
    applyArrays(x1, x2, out) {
      const n = x1.length;
      if (x2.length !== n) {
        throw new TransformError('TRANSFORM_PARAM_RANGE', `fratio: columns differ in length (${n} vs ${x2.length})`, 'x2');
      }
      const r = outputFor(n, out);
      for (let i = 0; i < n; i++) r[i] = (a * (x1[i] - b)) / (x2[i] - c);
      return r;
    },
  };
}
