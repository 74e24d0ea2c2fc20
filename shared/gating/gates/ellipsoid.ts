// EllipsoidGate (Gating-ML 2.0 section 3.5.3): events x with (x−μ)ᵀ C⁻¹ (x−μ) ≤ distanceSquare,
// in any number of dimensions. C is used exactly as written, symmetric or not: the compliance
// gate Ellipsoid3D has a non-symmetric covariance and its truth was computed from C⁻¹ as written
// (refdata gatingml2/cases.json: symmetrising it gives 286 mismatches).
import { BitSet, popcount } from '../bitset';
import type { Dimension } from '../dimension';
import { GatingError } from '../errors';
import { invertMatrix } from '../linalg';
import { GeometricGate, checkDimensions, finite, scan, type GateOptions } from './gate';

export interface EllipsoidGateOptions extends GateOptions {
  dimensions: Dimension[];
  mean: number[];
  /** n×n, rows as written. */
  covariance: number[][];
  distanceSquare: number;
}

export class EllipsoidGate extends GeometricGate {
  readonly type = 'ellipsoid' as const;
  readonly dimensions: readonly Dimension[];
  readonly mean: readonly number[];
  readonly covariance: ReadonlyArray<readonly number[]>;
  readonly distanceSquare: number;
  /** C⁻¹, row-major n×n. */
  readonly inverseCovariance: Float64Array;

  constructor(o: EllipsoidGateOptions) {
    super(o);
    checkDimensions(this, o.dimensions);
    const n = o.dimensions.length;
    this.dimensions = o.dimensions.map((d) => ({ ...d }));
    if (!Array.isArray(o.mean) || o.mean.length !== n || !o.mean.every(finite))
      throw this.invalid(`mean needs ${n} finite coordinates`);
    if (!Array.isArray(o.covariance) || o.covariance.length !== n ||
        !o.covariance.every((r) => Array.isArray(r) && r.length === n && r.every(finite)))
      throw this.invalid(`covariance matrix must be ${n}×${n} finite numbers`);
    if (!finite(o.distanceSquare) || o.distanceSquare <= 0)
      throw this.invalid('distanceSquare must be a positive finite number');
    this.mean = [...o.mean];
    this.covariance = o.covariance.map((r) => [...r]);
    this.distanceSquare = o.distanceSquare;
    const inv = invertMatrix(o.covariance.flat(), n);
    if (!inv) throw new GatingError('MATRIX_SINGULAR', 'covariance matrix is singular', this.id);
    this.inverseCovariance = inv;
  }

  evaluate(columns: readonly Float64Array[], eventCount: number, parent: BitSet | null): BitSet {
    const n = columns.length;
    const inv = this.inverseCovariance, d2 = this.distanceSquare;
    if (n === 2) return ellipse2d(columns[0]!, columns[1]!, this.mean[0]!, this.mean[1]!, inv, d2, eventCount, parent);
    const mean = Float64Array.from(this.mean);
    const diff = new Float64Array(n);
    return scan(eventCount, parent, (e) => {
      for (let i = 0; i < n; i++) diff[i] = columns[i]![e]! - mean[i]!;
      let s = 0;
      for (let i = 0; i < n; i++) {
        let row = 0;
        for (let j = 0; j < n; j++) row += inv[i * n + j]! * diff[j]!;
        s += diff[i]! * row;
      }
      return s <= d2;
    });
  }
}

/** (x−μ)ᵀ C⁻¹ (x−μ) ≤ d² in two dimensions; dense words branch-free, sparse parents bit by bit. */
function ellipse2d(xs: Float64Array, ys: Float64Array, mx: number, my: number, inv: Float64Array, d2: number, eventCount: number, parent: BitSet | null): BitSet {
  const a = inv[0]!, b = inv[1]!, c = inv[2]!, d = inv[3]!;
  const out = new BitSet(eventCount);
  const ow = out.words;
  const pw = parent?.words;
  for (let wi = 0; wi < ow.length; wi++) {
    let mask = pw ? pw[wi]! : -1;
    if (mask === 0) continue;
    const base = wi << 5;
    if (pw === undefined || popcount(mask) >= 8) {
      const end = Math.min(32, eventCount - base);
      let w = 0;
      for (let k = 0; k < end; k++) {
        const u = xs[base + k]! - mx, v = ys[base + k]! - my;
        w |= +(u * (a * u + b * v) + v * (c * u + d * v) <= d2) << k;
      }
      ow[wi] = w & mask;
    } else {
      let w = 0;
      while (mask !== 0) {
        const t = mask & -mask;
        mask ^= t;
        const e = base + (31 - Math.clz32(t));
        const u = xs[e]! - mx, v = ys[e]! - my;
        if (u * (a * u + b * v) + v * (c * u + d * v) <= d2) w |= t;
      }
      ow[wi] = w;
    }
  }
  return out;
}
