// RectangleGate (Gating-ML 2.0 section 3.5.1): a hyper-rectangle in any number of dimensions;
// a one-dimensional one is a "range" gate. Each bound may be absent (open). The standard makes
// the minimum inclusive and the maximum exclusive: min ≤ x < max.
import type { BitSet } from '../bitset';
import type { Dimension } from '../dimension';
import { GeometricGate, checkDimensions, finite, scan, type GateOptions } from './gate';

export interface RectangleDimension extends Dimension {
  min?: number;
  max?: number;
}

export interface RectangleGateOptions extends GateOptions {
  dimensions: RectangleDimension[];
}

export class RectangleGate extends GeometricGate {
  readonly type = 'rectangle' as const;
  readonly dimensions: readonly RectangleDimension[];
  /** Bounds per dimension, open sides as ∓Infinity. */
  readonly lows: Float64Array;
  readonly highs: Float64Array;

  constructor(o: RectangleGateOptions) {
    super(o);
    checkDimensions(this, o.dimensions);
    this.dimensions = o.dimensions.map((d) => ({ ...d }));
    const n = o.dimensions.length;
    this.lows = new Float64Array(n);
    this.highs = new Float64Array(n);
    o.dimensions.forEach((d, i) => {
      if (d.min === undefined && d.max === undefined)
        throw this.invalid(`dimension ${i + 1} has neither a minimum nor a maximum`);
      if (d.min !== undefined && !finite(d.min)) throw this.invalid(`dimension ${i + 1} minimum is not a finite number`);
      if (d.max !== undefined && !finite(d.max)) throw this.invalid(`dimension ${i + 1} maximum is not a finite number`);
      const lo = d.min ?? -Infinity;
      const hi = d.max ?? Infinity;
      if (lo > hi) throw this.invalid(`dimension ${i + 1} minimum ${lo} is above its maximum ${hi}`);
      this.lows[i] = lo;
      this.highs[i] = hi;
    });
  }

  evaluate(columns: readonly Float64Array[], eventCount: number, parent: BitSet | null): BitSet {
    const n = columns.length;
    const lo = this.lows, hi = this.highs;
    if (n === 1) {
      const x = columns[0]!, a = lo[0]!, b = hi[0]!;
      // NaN (e.g. log of a negative) fails both comparisons: outside, as the standard wants.
      return scan(eventCount, parent, (e) => { const v = x[e]!; return v >= a && v < b; });
    }
    if (n === 2) {
      const x = columns[0]!, y = columns[1]!;
      const ax = lo[0]!, bx = hi[0]!, ay = lo[1]!, by = hi[1]!;
      return scan(eventCount, parent, (e) => { const u = x[e]!, v = y[e]!; return u >= ax && u < bx && v >= ay && v < by; });
    }
    return scan(eventCount, parent, (e) => {
      for (let k = 0; k < n; k++) {
        const v = columns[k]![e]!;
        if (!(v >= lo[k]! && v < hi[k]!)) return false;
      }
      return true;
    });
  }
}
