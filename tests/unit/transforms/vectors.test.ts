// Gating-ML 2.0 scales against refdata/transforms/test_vectors.json: peer vectors (FlowUtils unit
// tests, 6 decimals), the independent bisection implementation (12 significant digits) and the
// peer round-trip requirements.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTransform, type Transform } from '../../../shared/transforms';
import { refdata } from '../../helpers/paths';

interface VectorSet {
  name: string;
  params: Record<string, number>;
  x: number[];
  y: (number | string | null)[];
}

const vectors = JSON.parse(fs.readFileSync(refdata('transforms', 'test_vectors.json'), 'utf8')) as {
  peer_vectors: VectorSet[];
  independent_vectors: VectorSet[];
};

function expected(v: number | string | null): number {
  if (v === null) return Number.NaN;
  if (v === '-inf') return -Infinity;
  return v as number;
}

function check(t: Transform, set: VectorSet, tolerance: (y: number) => number): void {
  set.x.forEach((x, i) => {
    const want = expected(set.y[i]);
    const got = t.apply(x);
    // null = undefined there (flog at x <= 0): NaN for x < 0 and -Infinity at 0 both say so.
    if (Number.isNaN(want)) expect(Number.isFinite(got), `x=${x}`).toBe(false);
    else if (!Number.isFinite(want)) expect(got, `x=${x}`).toBe(want);
    else expect(Math.abs(got - want), `x=${x}: got ${got}, want ${want}`).toBeLessThanOrEqual(tolerance(want));
  });
}

describe('peer vectors (FlowUtils transform_tests.py)', () => {
  for (const set of vectors.peer_vectors) {
    it(`${set.name} ${JSON.stringify(set.params)} matches the peer values to 1e-6`, () => {
      check(createTransform(set.name, set.params), set, () => 1e-6);
    });
  }
});

describe('independent vectors (12 significant digits)', () => {
  for (const set of vectors.independent_vectors) {
    it(`${set.name} ${JSON.stringify(set.params)} matches the independent values to 12 digits`, () => {
      // The file prints 12 significant digits: allow half a unit in the 12th digit, plus 1e-15.
      check(createTransform(set.name, set.params), set, (y) => 5e-12 * Math.max(Math.abs(y), 1e-3) + 1e-15);
    });
  }
});

describe('round trips required by the peers', () => {
  // numpy assert_almost_equal(decimal=10): |actual - desired| < 1.5e-10.
  const decimal10 = 1.5e-10;
  const linspace = (a: number, b: number, n: number): number[] => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
  const flowUtils: [string, Record<string, number>][] = [
    ['logicle', { T: 10000, W: 0.5, M: 4.5, A: 0 }],
    ['fasinh', { T: 10000, M: 4.5, A: 0 }],
    ['hyperlog', { T: 10000, W: 0.5, M: 4.5, A: 0 }],
    ['flog', { T: 10000, M: 4.5 }],
  ];
  for (const [kind, params] of flowUtils) {
    it(`${kind} inverse(apply(x)) equals x to 10 decimals on linspace(0, 1000, 10001)`, () => {
      const t = createTransform(kind, params);
      const xs = Float64Array.from(linspace(0, 1000, 10001));
      const back = t.inverseArray(t.applyArray(xs));
      // flog(0) = -Infinity and back gives 0: still exact.
      for (let i = 0; i < xs.length; i++) expect(Math.abs(back[i] - xs[i]), `x=${xs[i]}`).toBeLessThan(decimal10);
    });
  }
  const flowKit: [string, Record<string, number>][] = [
    ['linear', { T: 10000, A: 0 }],
    ['arcsinh', { T: 10000, M: 4.5, A: 0 }],
    ['log', { T: 10000, M: 4.5 }],
    ['logicle', { T: 10000, W: 0.5, M: 4.5, A: 0 }],
    ['hyperlog', { T: 10000, W: 0.5, M: 4.5, A: 0 }],
  ];
  for (const [kind, params] of flowKit) {
    it(`${kind} inverse(apply(x)) equals x to 10 decimals on linspace(0, 10, 101), scalar and array forms alike`, () => {
      const t = createTransform(kind, params);
      const xs = linspace(0, 10, 101);
      const arr = t.applyArray(xs);
      xs.forEach((x, i) => {
        expect(Math.abs(t.inverse(t.apply(x)) - x)).toBeLessThan(decimal10);
        expect(arr[i]).toBe(t.apply(x));
      });
    });
  }
});
