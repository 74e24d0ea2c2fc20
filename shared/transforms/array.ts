// Output buffer handling shared by the transforms' array forms.
import { TransformError } from './errors';

/** Returns `out` when it fits `n` values, else a new Float64Array(n). */
export function outputFor(n: number, out?: Float64Array): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (out.length < n) {
    throw new TransformError('TRANSFORM_PARAM_RANGE', `output array holds ${out.length} values, ${n} needed`, 'out');
  }
  return out;
}
