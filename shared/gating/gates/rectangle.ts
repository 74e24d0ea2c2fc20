// RectangleGate (Gating-ML 2.0 section 3.5.1): a hyper-rectangle in any number of dimensions;
// a one-dimensional one is a "range" gate. Each bound may be absent (open). The standard makes
// the minimum inclusive and the maximum exclusive: min ≤ x < max.
import { BitSet, popcount } from '../bitset';
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
    if (n === 1 || n === 2) return boxes(columns[0]!, n === 2 ? columns[1]! : columns[0]!, this.lows[0]!, this.highs[0]!,
      n === 2 ? this.lows[1]! : -Infinity, n === 2 ? this.highs[1]! : Infinity, eventCount, parent);
    const lo = this.lows, hi = this.highs;
    return scan(eventCount, parent, (e) => {
      for (let k = 0; k < n; k++) {
        const v = columns[k]![e]!;
        if (!(v >= lo[k]! && v < hi[k]!)) return false;
      }
      return true;
    });
  }
}

/**
 * ax ≤ x < bx and ay ≤ y < by for one or two columns (a range passes its column twice with an
 * open second interval). Dense words are tested without data-dependent branches (0/1 products),
 * sparse parents bit by bit. NaN fails every comparison: outside, as the standard wants.
 */
export function boxes(xs: Float64Array, ys: Float64Array, ax: number, bx: number, ay: number, by: number, eventCount: number, parent: BitSet | null): BitSet {
  const out = new BitSet(eventCount);
  const ow = out.words;
  const pw = parent?.words;
  // An open upper bound must still exclude NaN: v < Infinity is false for NaN, true otherwise
  // except +Infinity itself, which no bounded scale produces.
  for (let wi = 0; wi < ow.length; wi++) {
    let mask = pw ? pw[wi]! : -1;
    if (mask === 0) continue;
    const base = wi << 5;
    if (pw === undefined || popcount(mask) >= 8) {
      const end = Math.min(32, eventCount - base);
      let w = 0;
      for (let b = 0; b < end; b++) {
        const x = xs[base + b]!, y = ys[base + b]!;
        w |= (+(x >= ax) & +(x < bx) & +(y >= ay) & +(y < by)) << b;
      }
      ow[wi] = w & mask;
    } else {
      let w = 0;
      while (mask !== 0) {
        const t = mask & -mask;
        mask ^= t;
        const e = base + (31 - Math.clz32(t));
        const x = xs[e]!, y = ys[e]!;
        if (x >= ax && x < bx && y >= ay && y < by) w |= t;
      }
      ow[wi] = w;
    }
  }
  return out;
}
