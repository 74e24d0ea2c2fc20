// 2-D event counts on a regular grid: the dot plot's raster. Every event with finite coordinates
// inside the range lands in exactly one cell (the range maximum goes into the last cell), so the
// counts sum to the events drawn.

export interface Extent {
  min: number;
  max: number;
}

export interface DensityGrid {
  bins: number;
  x: Extent;
  y: Extent;
  /** Row-major bins × bins: counts[row * bins + col], row = y cell, col = x cell. */
  counts: Uint32Array;
  /** Events counted (finite x and y inside the range). */
  counted: number;
  /** Events not counted: a coordinate NaN or ±Infinity, or outside the requested range. */
  skipped: number;
  maxCount: number;
}

/** Range of the finite values (NaN and ±Infinity ignored). */
export function extent(values: Float32Array | Float64Array): Extent {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v > -Infinity && v < Infinity)) continue; // NaN and ±Infinity are not plotted
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) return { min: 0, max: 1 };
  if (min === max) return { min: min - 0.5, max: max + 0.5 };
  return { min, max };
}

/** Bins x/y over `range` (a zoomed view), or over the extent of the finite values when absent. */
export function binDensity(x: Float32Array | Float64Array, y: Float32Array | Float64Array, bins: number, range?: { x: Extent; y: Extent }): DensityGrid {
  if (x.length !== y.length) throw new RangeError('x and y must have the same length');
  if (range && !(range.x.max > range.x.min && range.y.max > range.y.min)) throw new RangeError('empty range');
  const ex = range ? range.x : extent(x);
  const ey = range ? range.y : extent(y);
  const counts = new Uint32Array(bins * bins);
  const sx = bins / (ex.max - ex.min);
  const sy = bins / (ey.max - ey.min);
  const last = bins - 1;
  let counted = 0;
  let skipped = 0;
  for (let i = 0; i < x.length; i++) {
    const xv = x[i];
    const yv = y[i];
    // NaN fails every comparison; infinities fall outside the finite extent.
    if (!(xv >= ex.min && xv <= ex.max && yv >= ey.min && yv <= ey.max)) {
      skipped++;
      continue;
    }
    let c = ((xv - ex.min) * sx) | 0;
    let r = ((yv - ey.min) * sy) | 0;
    if (c > last) c = last;
    if (r > last) r = last;
    counts[r * bins + c]++;
    counted++;
  }
  let maxCount = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > maxCount) maxCount = counts[i];
  return { bins, x: ex, y: ey, counts, counted, skipped, maxCount };
}

/** Cell centres along one axis, for the heatmap's x/y arrays. */
export function binCentres(e: Extent, bins: number): Float64Array {
  const out = new Float64Array(bins);
  const w = (e.max - e.min) / bins;
  for (let i = 0; i < bins; i++) out[i] = e.min + (i + 0.5) * w;
  return out;
}
