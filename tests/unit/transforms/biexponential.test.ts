// Logicle and hyperlog fast paths against the definition, solved here independently by bisection
// on the formulas as written in refdata/transforms/test_vectors.json ("formulas"), with negative
// values by reflection y(-x) = 2*x1 - y(x). Requirement: within 1e-9 of the exact root; the table
// actually lands within a few ulps, so the sweeps assert 1e-12.
import { describe, expect, it } from 'vitest';
import { hyperlog, logicle, logicleDefaults, TransformError, type Transform } from '../../../shared/transforms';
import { hyperlogBranch } from '../../../shared/transforms/hyperlog';
import { logicleBranch } from '../../../shared/transforms/logicle';
import { createOddInverse } from '../../../shared/transforms/oddInverse';

type Params = { T: number; W: number; M: number; A: number };

/** Root of an increasing function by bisection until the interval stops shrinking (~60 halvings). */
function bisect(f: (y: number) => number, target: number, lo: number, hi: number): number {
  while (f(hi) < target) hi = 2 * hi + 1;
  for (let i = 0; i < 2000; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Logicle y(x) straight from the Gating-ML/Parks formulas: B(y) = a e^(by) - c e^(-dy) - f. */
function logicleReference({ T, W, M, A }: Params): (x: number) => number {
  const w = W / (M + A);
  const x2 = A / (M + A);
  const x1 = x2 + w;
  const x0 = x2 + 2 * w;
  const b = (M + A) * Math.LN10;
  const d = w === 0 ? b : bisect((dd) => 2 * (Math.log(dd) - Math.log(b)) + w * (b + dd), 0, 1e-300, b);
  const ca = Math.exp(x0 * (b + d));
  const fa = Math.exp(b * x1) - ca * Math.exp(-d * x1);
  const a = T / (Math.exp(b) - fa - ca * Math.exp(-d));
  const c = ca * a;
  const f = fa * a;
  const B = (y: number): number => a * Math.exp(b * y) - c * Math.exp(-d * y) - f;
  return (x) => {
    const y = bisect(B, Math.abs(x), x1, 1);
    return x < 0 ? 2 * x1 - y : y;
  };
}

/** Hyperlog y(x) from EH(y) = a e^(by) + c y - f for y >= x1 (odd extension below x1). */
function hyperlogReference({ T, W, M, A }: Params): (x: number) => number {
  const w = W / (M + A);
  const x2 = A / (M + A);
  const x1 = x2 + w;
  const x0 = x2 + 2 * w;
  const b = (M + A) * Math.LN10;
  const ca = Math.exp(b * x0) / w;
  const fa = Math.exp(b * x1) + ca * x1;
  const a = T / (Math.exp(b) + ca - fa);
  const c = ca * a;
  const f = fa * a;
  const EH = (y: number): number => a * Math.exp(b * y) + c * y - f;
  return (x) => {
    const y = bisect(EH, Math.abs(x), x1, 1);
    return x < 0 ? 2 * x1 - y : y;
  };
}

/** Dense sweep: around zero, linear grid over the data range, log grid to 1e9, both signs. */
function sweep(T: number): Float64Array {
  const xs: number[] = [0, -0, Number.MIN_VALUE, 1e-300, 1e-12, -1e-12];
  for (let i = -2000; i <= 2000; i++) xs.push(i * 0.01);
  for (let i = -2000; i <= 2000; i++) xs.push((i * T) / 1000);
  for (let e = -9; e <= 9; e += 0.001) xs.push(10 ** e, -(10 ** e));
  // Values just above T and far above it (saturated events, unscaled data).
  for (const m of [1, 1.0001, 1.5, 4, 1000, 2 ** 30]) xs.push(T * m, -T * m);
  return Float64Array.from(xs);
}

/** Largest |inverse(apply(x)) - x| / max(1, |x|), with the x where it happens. */
function worstRelativeRoundTrip(t: Transform, xs: Float64Array): number {
  const back = t.inverseArray(t.applyArray(xs));
  let worst = 0;
  for (let i = 0; i < xs.length; i++) worst = Math.max(worst, Math.abs(back[i] - xs[i]) / Math.max(1, Math.abs(xs[i])));
  return worst;
}

const logicleSets: Params[] = [
  { ...logicleDefaults, A: 0 },
  { T: 1000, W: 1, M: 4, A: 0 },
  { T: 10000, W: 0.5, M: 4.5, A: 0 },
  { T: 10000, W: 1, M: 4, A: 0.5 },
  { T: 262144, W: 0, M: 4.5, A: 0 },
  { T: 262144, W: 2, M: 4.5, A: 0.5 },
  { T: 262144, W: 1, M: 5, A: -1 },
];

describe('logicle', () => {
  for (const p of logicleSets) {
    it(`agrees with a bisection of the definition within 1e-12 over a dense sweep (${JSON.stringify(p)})`, () => {
      const ref = logicleReference(p);
      const t = logicle(p);
      const xs = sweep(p.T);
      const ys = t.applyArray(xs);
      let worst = 0;
      let at = 0;
      for (let i = 0; i < xs.length; i++) {
        const err = Math.abs(ys[i] - ref(xs[i]));
        if (err > worst) {
          worst = err;
          at = xs[i];
        }
      }
      expect(worst, `worst at x=${at}`).toBeLessThan(1e-12);
    });
  }

  it('maps 0 to x1 = (W + A)/(M + A) and T to 1', () => {
    const t = logicle({ T: 10000, W: 1, M: 4, A: 0.5 });
    expect(t.apply(0)).toBe((1 + 0.5) / 4.5);
    expect(Math.abs(t.apply(10000) - 1)).toBeLessThan(1e-15);
  });

  it('reflects negatives: y(-x) = 2*x1 - y(x) (reference code), not the bare root of B(y) = -x', () => {
    // test_vectors.json formulas.logicle: at x = -10 (T=1000, W=1, M=4) 0.067574, not 0.056015.
    const t = logicle({ T: 1000, W: 1, M: 4, A: 0 });
    expect(t.apply(-10)).toBeCloseTo(0.067574, 6);
    expect(t.apply(-10) + t.apply(10)).toBeCloseTo(2 * 0.25, 15);
  });

  it('inverts exactly: inverse(apply(x)) == x to 1e-12 relative over the sweep', () => {
    const t = logicle(logicleDefaults);
    const xs = sweep(logicleDefaults.T).filter((x) => Math.abs(x) < 1e8 && Math.abs(x) > 1e-200);
    expect(worstRelativeRoundTrip(t, xs)).toBeLessThanOrEqual(1e-12);
  });

  it('gives the same value from apply, applyArray on Float64Array, on Float32Array and on number[]', () => {
    const t = logicle(logicleDefaults);
    const f32 = Float32Array.from([-1234.5, -1, 0, 0.25, 7, 300, 262144, 3e6]);
    const viaF32 = t.applyArray(f32);
    const viaF64 = t.applyArray(Float64Array.from(f32));
    const viaList = t.applyArray(Array.from(f32));
    for (let i = 0; i < f32.length; i++) {
      expect(viaF32[i]).toBe(t.apply(f32[i]));
      expect(viaF64[i]).toBe(viaF32[i]);
      expect(viaList[i]).toBe(viaF32[i]);
    }
  });

  it('handles Float32Array input longer than its internal chunk and writes into a given output', () => {
    const t = logicle(logicleDefaults);
    const n = 10_000;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = (i - 1000) * 13.7;
    const out = new Float64Array(n);
    expect(t.applyArray(x, out)).toBe(out);
    for (let i = 0; i < n; i += 97) expect(out[i]).toBe(t.apply(x[i]));
  });

  it('works in place on a subarray view (non-zero byte offset)', () => {
    const t = logicle(logicleDefaults);
    const buf = Float64Array.from([1, 2, 3, 100, -100, 5000]);
    const view = buf.subarray(2);
    const want = Array.from(view, (v) => t.apply(v));
    t.applyArray(view, view);
    expect(Array.from(view)).toEqual(want);
    expect(buf[0]).toBe(1);
  });

  it('returns NaN for NaN, and runs to ±Infinity for ±Infinity', () => {
    const t = logicle(logicleDefaults);
    const ys = t.applyArray(Float64Array.from([Number.NaN, Infinity, -Infinity]));
    expect(ys[0]).toBeNaN();
    expect(ys[1]).toBe(Infinity);
    expect(ys[2]).toBe(-Infinity);
  });

  it('refuses W > M/2 naming W', () => {
    expect(() => logicle({ T: 262144, W: 3, M: 4.5, A: 0 })).toThrowError(expect.objectContaining({ code: 'TRANSFORM_PARAM_RANGE', param: 'W' }));
  });

  it('refuses T <= 0 naming T', () => {
    expect(() => logicle({ T: 0, W: 0.5, M: 4.5, A: 0 })).toThrowError(TransformError);
    expect(() => logicle({ T: -1, W: 0.5, M: 4.5, A: 0 })).toThrowError(expect.objectContaining({ code: 'TRANSFORM_PARAM_RANGE', param: 'T' }));
  });

  it('refuses A outside -W..M-2W and a non-finite M', () => {
    expect(() => logicle({ T: 262144, W: 0.5, M: 4.5, A: 4 })).toThrowError(expect.objectContaining({ param: 'A' }));
    expect(() => logicle({ T: 262144, W: 0.5, M: 4.5, A: -1 })).toThrowError(expect.objectContaining({ param: 'A' }));
    expect(() => logicle({ T: 262144, W: 0.5, M: Number.NaN, A: 0 })).toThrowError(expect.objectContaining({ code: 'TRANSFORM_PARAM_NOT_FINITE', param: 'M' }));
  });
});

const hyperlogSets: Params[] = [
  { T: 1000, W: 1, M: 4, A: 0 },
  { T: 10000, W: 1, M: 4.5, A: 0 },
  { T: 10000, W: 0.5, M: 4.5, A: 0 },
  { T: 262144, W: 0.01, M: 4.5, A: 1 },
];

describe('hyperlog', () => {
  for (const p of hyperlogSets) {
    it(`agrees with a bisection of the EH definition within 1e-12 over a dense sweep (${JSON.stringify(p)})`, () => {
      const ref = hyperlogReference(p);
      const t = hyperlog(p);
      const xs = sweep(p.T);
      const ys = t.applyArray(xs);
      let worst = 0;
      let at = 0;
      for (let i = 0; i < xs.length; i++) {
        const err = Math.abs(ys[i] - ref(xs[i]));
        if (err > worst) {
          worst = err;
          at = xs[i];
        }
      }
      expect(worst, `worst at x=${at}`).toBeLessThan(1e-12);
    });
  }

  it('inverts exactly: inverse(apply(x)) == x to 1e-12 relative', () => {
    const t = hyperlog({ T: 10000, W: 1, M: 4.5, A: 0 });
    const xs = sweep(10000).filter((x) => Math.abs(x) < 1e8 && Math.abs(x) > 1e-200);
    expect(worstRelativeRoundTrip(t, xs)).toBeLessThanOrEqual(1e-12);
  });

  it('refuses W = 0 (the EH definition divides by w)', () => {
    expect(() => hyperlog({ T: 10000, W: 0, M: 4.5, A: 0 })).toThrowError(expect.objectContaining({ code: 'TRANSFORM_PARAM_RANGE', param: 'W' }));
  });
});

describe('extreme parameters', () => {
  it('stays exact for logicle with W = 0 and M = 30 (g\'(0) ~ 1e-28 T: table capped, exact solve below it)', () => {
    const p = { T: 262144, W: 0, M: 30, A: 0 };
    const ref = logicleReference(p);
    const t = logicle(p);
    for (const x of [1e-30, 1e-20, 1e-12, 1e-6, 1, 1000, -1000, 262144]) {
      expect(Math.abs(t.apply(x) - ref(x)), `x=${x}`).toBeLessThan(1e-12);
    }
  });
});

describe('values outside the table', () => {
  it('are solved exactly also when transforming in place', () => {
    const t = logicle(logicleDefaults);
    const xs = Float64Array.from([1e300, -1e300, 5, Number.NaN, Infinity, -3e20, 7e-320]);
    const want = Array.from(xs, (x) => t.apply(x));
    t.applyArray(xs, xs);
    expect(Array.from(xs)).toEqual(want);
    expect(want[0]).toBeGreaterThan(10);
    expect(want[1]).toBeLessThan(-10);
    expect(want[3]).toBeNaN();
  });
});

describe('generated and portable evaluators', () => {
  const cases: [string, ReturnType<typeof logicleBranch>, number][] = [
    ['logicle', logicleBranch(262144, 0.5, 4.5, 0), 262144],
    ['logicle W=0', logicleBranch(262144, 0, 4.5, 0), 262144],
    ['hyperlog', hyperlogBranch(10000, 1, 4.5, 0), 10000],
  ];
  for (const [name, { branch, x1 }, T] of cases) {
    it(`give bit-identical values over the sweep (${name}), so a strict-CSP renderer draws what the backend gates`, () => {
      const xs = sweep(T);
      const compiled = createOddInverse(branch, x1, T).applyArray(xs, new Float64Array(xs.length));
      const portable = createOddInverse(branch, x1, T, { compiled: false }).applyArray(xs, new Float64Array(xs.length));
      let differing = 0;
      for (let i = 0; i < xs.length; i++) if (!Object.is(compiled[i], portable[i])) differing++;
      expect(differing).toBe(0);
    });
  }
});
