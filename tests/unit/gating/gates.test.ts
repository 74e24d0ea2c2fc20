// Gate geometry on generated data with known truth.
import { describe, expect, it } from 'vitest';
import { BitSet } from '../../../shared/gating/bitset';
import { BooleanGate } from '../../../shared/gating/gates/boolean';
import { EllipsoidGate } from '../../../shared/gating/gates/ellipsoid';
import { PolygonGate } from '../../../shared/gating/gates/polygon';
import { QuadrantGate } from '../../../shared/gating/gates/quadrant';
import { RectangleGate } from '../../../shared/gating/gates/rectangle';
import { GatingError } from '../../../shared/gating/errors';

const X = { channel: 'X' }, Y = { channel: 'Y' }, Z = { channel: 'Z' };

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Plain even-odd test with on-edge inside, per point, for comparison with the gridded gate. */
function referenceInside(v: number[][], x: number, y: number): boolean {
  let c = false;
  for (let i = 0, j = v.length - 1; i < v.length; j = i++) {
    const [xi, yi] = v[i]!, [xj, yj] = v[j]!;
    const cross = (xj! - xi!) * (y - yi!) - (yj! - yi!) * (x - xi!);
    if (cross === 0 && x >= Math.min(xi!, xj!) && x <= Math.max(xi!, xj!) && y >= Math.min(yi!, yj!) && y <= Math.max(yi!, yj!)) return true;
    if ((yi! > y) !== (yj! > y) && x < ((xj! - xi!) * (y - yi!)) / (yj! - yi!) + xi!) c = !c;
  }
  return c;
}

describe('RectangleGate', () => {
  it('includes the minimum and excludes the maximum', () => {
    const g = new RectangleGate({ id: 'r', dimensions: [{ ...X, min: 1, max: 2 }] });
    const xs = Float64Array.from([0.999, 1, 1.5, 2, 2.001]);
    expect([...g.evaluate([xs], 5, null).indices()]).toEqual([1, 2]);
  });

  it('treats a missing bound as open', () => {
    const g = new RectangleGate({ id: 'r', dimensions: [{ ...X, min: 0 }, { ...Y, max: 0 }] });
    const xs = Float64Array.from([-1, 0, 1e300, 5]), ys = Float64Array.from([-5, -1e300, -1, 0]);
    expect([...g.evaluate([xs, ys], 4, null).indices()]).toEqual([1, 2]);
  });

  it('tests every dimension of a 3-dimensional box', () => {
    const g = new RectangleGate({ id: 'r', dimensions: [{ ...X, min: 0, max: 1 }, { ...Y, min: 0, max: 1 }, { ...Z, min: 0, max: 1 }] });
    const xs = Float64Array.from([0.5, 0.5, 0.5]), ys = Float64Array.from([0.5, 0.5, 1]), zs = Float64Array.from([0.5, -1, 0.5]);
    expect([...g.evaluate([xs, ys, zs], 3, null).indices()]).toEqual([0]);
  });

  it('leaves NaN values outside', () => {
    const g = new RectangleGate({ id: 'r', dimensions: [{ ...X, max: 10 }] });
    expect([...g.evaluate([Float64Array.from([NaN, 1])], 2, null).indices()]).toEqual([1]);
  });

  it('refuses non-finite bounds', () => {
    expect(() => new RectangleGate({ id: 'r', dimensions: [{ ...X, min: -Infinity }] })).toThrow(GatingError);
  });

  it('tests only the members of the parent', () => {
    const g = new RectangleGate({ id: 'r', dimensions: [{ ...X, min: 0 }] });
    const xs = Float64Array.from([1, 1, 1, -1, 1]);
    const parent = BitSet.fromIndices(5, [1, 3, 4]);
    expect([...g.evaluate([xs], 5, parent).indices()]).toEqual([1, 4]);
  });

  it('gives the same members through a dense or a sparse parent as gating everything and intersecting', () => {
    const r = rng(9);
    const n = 40_000;
    const xs = Float64Array.from({ length: n }, () => r()), ys = Float64Array.from({ length: n }, () => r());
    for (const dims of [[{ ...X, min: 0.2, max: 0.7 }], [{ ...X, min: 0.2 }, { ...Y, max: 0.6 }]]) {
      const g = new RectangleGate({ id: 'r', dimensions: dims });
      const cols = dims.length === 1 ? [xs] : [xs, ys];
      const all = g.evaluate(cols, n, null);
      expect(all.equals(BitSet.fromPredicate(n, (e) => xs[e]! >= 0.2 && (dims.length === 1 ? xs[e]! < 0.7 : ys[e]! < 0.6)))).toBe(true);
      for (const density of [0.05, 0.9]) {
        const parent = BitSet.fromPredicate(n, () => r() < density);
        expect(g.evaluate(cols, n, parent).equals(all.and(parent))).toBe(true);
      }
    }
  });

  it('refuses a dimension without bounds, naming the gate', () => {
    expect(() => new RectangleGate({ id: 'Blasts', dimensions: [{ ...X }] })).toThrow(expect.objectContaining({ code: 'GATE_INVALID', gateId: 'Blasts' }));
  });
});

describe('PolygonGate', () => {
  const square = [[0, 0], [10, 0], [10, 10], [0, 10]];

  it('counts events exactly on an edge or a vertex as inside', () => {
    const g = new PolygonGate({ id: 'p', dimensions: [X, Y], vertices: square });
    const pts = [[0, 5], [10, 5], [5, 0], [5, 10], [0, 0], [10, 10], [10.000001, 5], [5, -1e-9]];
    const xs = Float64Array.from(pts, (p) => p[0]!), ys = Float64Array.from(pts, (p) => p[1]!);
    expect([...g.evaluate([xs, ys], pts.length, null).indices()]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('counts events on a diagonal edge as inside', () => {
    const g = new PolygonGate({ id: 'p', dimensions: [X, Y], vertices: [[5, 5], [500, 5], [500, 500]] });
    const xs = Float64Array.from([17.7827941, 250, 250]), ys = Float64Array.from([17.7827941, 249.999, 250.001]);
    expect([...g.evaluate([xs, ys], 3, null).indices()]).toEqual([0, 1]);
  });

  it('leaves the centre of a pentagram outside (even-odd rule on a self-crossing polygon)', () => {
    const star = [0, 1, 2, 3, 4].map((k) => {
      const a = Math.PI / 2 + (k * 4 * Math.PI) / 5;
      return [10 * Math.cos(a), 10 * Math.sin(a)];
    });
    const g = new PolygonGate({ id: 'star', dimensions: [X, Y], vertices: star });
    expect(g.contains(0, 0)).toBe(false);
    expect(g.contains(0, 8)).toBe(true); // inside the top point
    expect(g.contains(0, -9)).toBe(false);
  });

  it('agrees with a plain per-point test on 200 000 random points and a random non-simple polygon', () => {
    const r = rng(7);
    const verts = Array.from({ length: 11 }, () => [r() * 100, r() * 100]);
    const g = new PolygonGate({ id: 'p', dimensions: [X, Y], vertices: verts });
    const n = 200_000;
    const xs = new Float64Array(n), ys = new Float64Array(n);
    for (let e = 0; e < n; e++) { xs[e] = r() * 120 - 10; ys[e] = r() * 120 - 10; }
    // some events exactly on vertices and edge midpoints
    for (let k = 0; k < verts.length; k++) { xs[k] = verts[k]![0]!; ys[k] = verts[k]![1]!; }
    const got = g.evaluate([xs, ys], n, null);
    const want = BitSet.fromPredicate(n, (e) => referenceInside(verts, xs[e]!, ys[e]!));
    expect(got.count).toBe(want.count);
    expect(got.equals(want)).toBe(true);
    expect(got.count).toBeGreaterThan(1000);
  });

  it('agrees with a plain per-point test on a thin diagonal band with events on and beside its edges', () => {
    const verts = [[0, 0], [400, 330], [1000, 880], [1000, 1000], [900, 1000], [300, 330], [0, 40], [-50, 0]];
    const g = new PolygonGate({ id: 'singlets', dimensions: [X, Y], vertices: verts });
    const r = rng(11);
    const n = 100_000;
    const xs = new Float64Array(n), ys = new Float64Array(n);
    for (let e = 0; e < n; e++) {
      // points on an edge, a hair off it, or anywhere in the box
      const k = e % 8, t = r();
      const [x1, y1] = verts[k]!, [x2, y2] = verts[(k + 1) % 8]!;
      const kind = e % 3;
      xs[e] = kind === 2 ? r() * 1100 - 60 : x1! + t * (x2! - x1!);
      ys[e] = kind === 2 ? r() * 1100 - 60 : y1! + t * (y2! - y1!) + (kind === 1 ? (r() - 0.5) * 1e-6 : 0);
    }
    const want = BitSet.fromPredicate(n, (e) => referenceInside(verts, xs[e]!, ys[e]!));
    expect(g.evaluate([xs, ys], n, null).equals(want)).toBe(true);
  });

  it('gives the same members through a dense or a sparse parent as gating everything and intersecting', () => {
    const r = rng(5);
    const verts = Array.from({ length: 9 }, () => [r() * 100, r() * 100]);
    const g = new PolygonGate({ id: 'p', dimensions: [X, Y], vertices: verts });
    const n = 50_000;
    const xs = Float64Array.from({ length: n }, () => r() * 100), ys = Float64Array.from({ length: n }, () => r() * 100);
    const all = g.evaluate([xs, ys], n, null);
    for (const density of [0.02, 0.5, 0.97]) {
      const parent = BitSet.fromPredicate(n, () => r() < density);
      expect(g.evaluate([xs, ys], n, parent).equals(all.and(parent)), `density ${density}`).toBe(true);
    }
  });

  it('tests only the members of the parent', () => {
    const g = new PolygonGate({ id: 'p', dimensions: [X, Y], vertices: square });
    const xs = Float64Array.from([5, 5, 50, 5]), ys = Float64Array.from([5, 5, 5, 5]);
    expect([...g.evaluate([xs, ys], 4, BitSet.fromIndices(4, [1, 2])).indices()]).toEqual([1]);
  });

  it('refuses a polygon whose vertices all lie on one line', () => {
    expect(() => new PolygonGate({ id: 'Flat', dimensions: [X, Y], vertices: [[0, 0], [1, 1], [2, 2]] }))
      .toThrow(expect.objectContaining({ code: 'GATE_INVALID', gateId: 'Flat' }));
  });

  it('refuses fewer than three vertices', () => {
    expect(() => new PolygonGate({ id: 'Two', dimensions: [X, Y], vertices: [[0, 0], [1, 1]] })).toThrow(/at least 3 vertices/);
  });

  it('refuses a polygon on other than two dimensions', () => {
    expect(() => new PolygonGate({ id: 'p', dimensions: [X], vertices: square })).toThrow(/exactly 2 dimensions/);
  });
});

describe('EllipsoidGate', () => {
  it('selects a rotated ellipse with half-axes 10 and 5', () => {
    // Covariance of Gating-ML Ellipse1: eigenvalues 100 and 25 along the diagonals.
    const g = new EllipsoidGate({ id: 'e', dimensions: [X, Y], mean: [0, 0], covariance: [[62.5, 37.5], [37.5, 62.5]], distanceSquare: 1 });
    const s = Math.SQRT1_2;
    const pts = [[9.99 * s, 9.99 * s], [10.01 * s, 10.01 * s], [-4.99 * s, 4.99 * s], [-5.01 * s, 5.01 * s], [0, 0]];
    const xs = Float64Array.from(pts, (p) => p[0]!), ys = Float64Array.from(pts, (p) => p[1]!);
    expect([...g.evaluate([xs, ys], pts.length, null).indices()]).toEqual([0, 2, 4]);
  });

  it('inverts a non-symmetric covariance as written rather than symmetrising it', () => {
    const cov = [[2.5, 7.5, 17.5], [7.5, 7, 13.5], [15.5, 13.5, 4.3]];
    const g = new EllipsoidGate({ id: 'e3', dimensions: [X, Y, Z], mean: [0, 0, 0], covariance: cov, distanceSquare: 1 });
    // C · C⁻¹ = I for C as written.
    const inv = g.inverseCovariance;
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += cov[i]![k]! * inv[k * 3 + j]!;
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
  });

  it('matches the quadratic form event by event in three dimensions', () => {
    const r = rng(3);
    const cov = [[4, 1, 0.5], [1, 3, 0.2], [0.5, 0.2, 2]];
    const g = new EllipsoidGate({ id: 'e', dimensions: [X, Y, Z], mean: [1, 2, 3], covariance: cov, distanceSquare: 2 });
    const n = 5000;
    const cols = [0, 1, 2].map((k) => Float64Array.from({ length: n }, () => k + 1 + (r() - 0.5) * 8));
    const inv = g.inverseCovariance;
    const want = BitSet.fromPredicate(n, (e) => {
      const d = [cols[0]![e]! - 1, cols[1]![e]! - 2, cols[2]![e]! - 3];
      let s = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += d[i]! * inv[i * 3 + j]! * d[j]!;
      return s <= 2;
    });
    expect(g.evaluate(cols, n, null).equals(want)).toBe(true);
    expect(want.count).toBeGreaterThan(100);
  });

  it('refuses a singular covariance matrix, naming the gate', () => {
    expect(() => new EllipsoidGate({ id: 'Sing', dimensions: [X, Y], mean: [0, 0], covariance: [[1, 2], [2, 4]], distanceSquare: 1 }))
      .toThrow(expect.objectContaining({ code: 'MATRIX_SINGULAR', gateId: 'Sing' }));
  });
});

describe('QuadrantGate', () => {
  const q = new QuadrantGate({
    id: 'Q',
    dividers: [{ id: 'dx', dimension: X, values: [10] }, { id: 'dy', dimension: Y, values: [20, 5] }],
    quadrants: [
      { id: 'lowX', positions: [{ divider: 'dx', location: 0 }] },
      { id: 'hiX-midY', positions: [{ divider: 'dx', location: 15 }, { divider: 'dy', location: 10 }] },
    ],
  });

  it('puts an event on a divider value in the interval above it', () => {
    const xs = Float64Array.from([9.99, 10, 10, 10, 10]), ys = Float64Array.from([0, 5, 4.99, 20, 19.99]);
    const m = q.evaluateQuadrants([xs, ys], 5, null);
    expect([...m.get('lowX')!.indices()]).toEqual([0]);
    expect([...m.get('hiX-midY')!.indices()]).toEqual([1, 4]);
  });

  it('defines one population per quadrant, not one for the gate', () => {
    expect(q.populationIds()).toEqual(['lowX', 'hiX-midY']);
  });

  it('refuses a position on an unknown divider', () => {
    expect(() => new QuadrantGate({ id: 'Q2', dividers: [{ id: 'a', dimension: X, values: [1] }], quadrants: [{ id: 'q', positions: [{ divider: 'b', location: 0 }] }] }))
      .toThrow(expect.objectContaining({ code: 'GATE_INVALID', gateId: 'Q2' }));
  });
});

describe('BooleanGate', () => {
  const sets: Record<string, BitSet> = { a: BitSet.fromIndices(8, [0, 1, 2, 3]), b: BitSet.fromIndices(8, [2, 3, 4, 5]) };
  const get = (id: string): BitSet => sets[id]!;

  it('and with a complement keeps the members of one not in the other', () => {
    const g = new BooleanGate({ id: 'g', op: 'and', operands: [{ ref: 'a' }, { ref: 'b', complement: true }] });
    expect([...g.combine(get, 8, null).indices()]).toEqual([0, 1]);
  });

  it('or with a complement includes everything outside the complemented operand', () => {
    const g = new BooleanGate({ id: 'g', op: 'or', operands: [{ ref: 'a' }, { ref: 'b', complement: true }] });
    expect([...g.combine(get, 8, null).indices()]).toEqual([0, 1, 2, 3, 6, 7]);
  });

  it('not inverts its operand within the event count', () => {
    const g = new BooleanGate({ id: 'g', op: 'not', operands: [{ ref: 'a' }] });
    expect(g.combine(get, 8, null).count).toBe(4);
  });

  it('restricts the result to its parent', () => {
    const g = new BooleanGate({ id: 'g', parentId: 'p', op: 'or', operands: [{ ref: 'a' }, { ref: 'b' }] });
    expect([...g.combine(get, 8, BitSet.fromIndices(8, [0, 5, 7])).indices()]).toEqual([0, 5]);
  });

  it('refuses not with two operands', () => {
    expect(() => new BooleanGate({ id: 'N', op: 'not', operands: [{ ref: 'a' }, { ref: 'b' }] })).toThrow(/exactly one/);
  });
});
