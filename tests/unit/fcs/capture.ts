import { expect } from 'vitest';
import { FcsError } from '../../../shared/fcs/errors';

/** Run fn, require an FcsError, return it for assertions on code, place and message. */
export function captureError(fn: () => unknown): FcsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FcsError);
    return e as FcsError;
  }
  throw new Error('expected an FcsError, nothing was thrown');
}

/** Index of the first differing element (NaN equals NaN), -1 when equal; fast on millions of values. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return i;
  }
  return -1;
}
