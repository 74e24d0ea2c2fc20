import { describe, expect, it } from 'vitest';
import { percentile } from '../../../shared/clinical/stats';

// Reference: the definition — sort a copy (NaNs last), interpolate between order statistics (type 7).
function sortedPercentile(v: Float64Array, p: number): number {
  const s = Float64Array.from(v).sort();
  const n = s.length;
  if (!n) return NaN;
  const pos = (p / 100) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

describe('percentile by selection', () => {
  it('equals the sorted-copy definition on random, tied, sorted and NaN-holding arrays', () => {
    let seed = 1;
    const rnd = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    for (let t = 0; t < 3000; t++) {
      const n = Math.floor(rnd() * 60);
      const v = new Float64Array(n);
      const kind = t % 4;
      for (let i = 0; i < n; i++) v[i] = kind === 0 ? rnd() : kind === 1 ? Math.floor(rnd() * 3) : kind === 2 ? i : rnd() < 0.1 ? NaN : rnd();
      for (const p of [0, 1, 15.87, 50, 84.13, 99, 100]) {
        const got = percentile(v, p);
        const want = sortedPercentile(v, p);
        expect(Number.isNaN(want) ? Number.isNaN(got) : got === want).toBe(true);
      }
    }
  });

  it('equals the sorted-copy definition on large arrays, where selection narrows on a sample first', () => {
    let seed = 7;
    const rnd = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    for (const n of [601, 5_000, 100_003]) {
      for (const kind of [0, 1, 2, 3]) {
        const v = new Float64Array(n);
        for (let i = 0; i < n; i++) v[i] = kind === 0 ? rnd() : kind === 1 ? Math.floor(rnd() * 5) : kind === 2 ? n - i : rnd() < 0.05 ? NaN : Math.exp(4 * rnd());
        for (const p of [0, 1, 50, 99, 100]) {
          const got = percentile(v, p);
          const want = sortedPercentile(v, p);
          expect(Number.isNaN(want) ? Number.isNaN(got) : got === want).toBe(true);
        }
      }
    }
  });

  it('does not modify its input', () => {
    const v = Float64Array.from([5, 1, 4, 2, 3]);
    percentile(v, 50);
    expect([...v]).toEqual([5, 1, 4, 2, 3]);
  });
});
