// Small robust statistics on typed arrays for the clinical template (no per-event objects).

/** Values of `col` where labels[i] === code, as a new Float64Array. */
export function select(col: Float64Array, labels: Uint8Array, code: number, count?: number): Float64Array {
  let n = count;
  if (n === undefined) { n = 0; for (let i = 0; i < labels.length; i++) if (labels[i] === code) n++; }
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === code) out[k++] = col[i]!;
  return out;
}

/**
 * Event indices grouped by label (a counting sort of 0..n-1 by labels[i]): built once per label
 * state so every population is gathered by its own index list instead of rescanning all labels
 * per call (classify on 10^6 events called `select` dozens of times over the whole label array).
 */
export interface LabelIndex {
  /** Event indices, grouped by label code. */
  order: Int32Array;
  /** Population `code` is order[start[code] .. start[code + 1]). */
  start: Int32Array;
}

export function indexLabels(labels: Uint8Array, codes = 256): LabelIndex {
  const start = new Int32Array(codes + 1);
  for (let i = 0; i < labels.length; i++) start[labels[i]! + 1]!++;
  for (let c = 0; c < codes; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, codes);
  const order = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) order[fill[labels[i]!]!++] = i;
  return { order, start };
}

/** Values of `col` for the events of population(s) `codes`, in event order within each code. */
export function gather(col: Float64Array, index: LabelIndex, ...codes: number[]): Float64Array {
  let n = 0;
  for (const c of codes) n += index.start[c + 1]! - index.start[c]!;
  const out = new Float64Array(n);
  let k = 0;
  for (const c of codes) for (let j = index.start[c]!, e = index.start[c + 1]!; j < e; j++) out[k++] = col[index.order[j]!]!;
  return out;
}

/**
 * gather() into `scratch` (reused across calls to spare the allocator and the GC on 10⁶-event
 * tubes); returns the filled view. `scratch` must hold at least the populations' total count.
 */
export function gatherInto(scratch: Float64Array, col: Float64Array, index: LabelIndex, ...codes: number[]): Float64Array {
  let k = 0;
  for (const c of codes) for (let j = index.start[c]!, e = index.start[c + 1]!; j < e; j++) scratch[k++] = col[index.order[j]!]!;
  return scratch.subarray(0, k);
}

/** Number of events with label `code`. */
export const countOf = (index: LabelIndex, code: number): number => index.start[code + 1]! - index.start[code]!;

/**
 * p-th percentile (0..100), linear interpolation between order statistics (type 7, the R and
 * NumPy default); NaN for empty input. Same value as sorting a copy (NaNs sort last), but by
 * selection in O(n): the template takes dozens of percentiles of populations of up to 10^6 events.
 */
export function percentile(values: Float64Array, p: number): number {
  if (values.length === 0) return NaN;
  return percentileInPlace(Float64Array.from(values), p);
}

/** percentile() that reorders `a` instead of copying it: for scratch arrays the caller owns. */
export function percentileInPlace(a: Float64Array, p: number): number {
  const n = a.length;
  if (n === 0) return NaN;
  // NaNs to the end, as a sort would put them.
  let m = 0;
  for (let i = 0; i < n; i++) { const v = a[i]!; if (v === v) { if (m !== i) a[m] = v; m++; } }
  for (let i = m; i < n; i++) a[i] = NaN;
  const pos = (p / 100) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  if (lo >= m) return NaN;
  const vlo = selectKth(a, lo, m);
  if (hi === lo) return vlo;
  if (hi >= m) return vlo + (NaN - vlo) * (pos - lo);
  // After selection everything right of lo is ≥ a[lo]: the next order statistic is their minimum.
  let vhi = Infinity;
  for (let i = lo + 1; i < m; i++) if (a[i]! < vhi) vhi = a[i]!;
  return vlo + (vhi - vlo) * (pos - lo);
}

/**
 * Selection on a[0..m): a[k] becomes the k-th smallest, smaller-or-equal values left of it and
 * greater-or-equal right of it. Floyd–Rivest SELECT (Floyd & Rivest, CACM 1975;18:165–172,
 * Algorithm 489): on large ranges it first narrows [left, right] around k by recursing on a small
 * sample, so it partitions about n + min(k, n − k) elements instead of quickselect's ≈ 3.4 n —
 * the template takes medians of 10⁵–10⁶ blast events per marker. NaN-free input (percentile
 * moves NaNs past m first).
 */
function selectKth(a: Float64Array, k: number, m: number): number {
  floydRivest(a, k, 0, m - 1);
  return a[k]!;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!; a[i] = a[j]!; a[j] = t;
}

function floydRivest(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      // Sample-based bounds that hold the k-th value with high probability (constants from the paper).
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (i * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - i) * s) / n + sd));
      floydRivest(a, k, newLeft, newRight);
    }
    // Partition [left, right] around t = a[k].
    const t = a[k]!;
    let i = left, j = right;
    swap(a, left, k);
    if (a[right]! > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++; j--;
      while (a[i]! < t) i++;
      while (a[j]! > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else { j++; swap(a, j, right); }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

export const median = (v: Float64Array): number => percentile(v, 50);

/** Fraction (0..1) of values strictly above a limit. */
export function fractionAbove(values: Float64Array, limit: number): number {
  if (values.length === 0) return NaN;
  let k = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > limit) k++;
  return k / values.length;
}

/**
 * Otsu's threshold (Otsu, IEEE Trans SMC 1979) on values already in a bounded display scale,
 * with the two class means and sizes so callers can judge whether the split is real.
 */
export function otsu(values: Float64Array, lo: number, hi: number, bins = 128): { threshold: number; meanLow: number; meanHigh: number; nLow: number; nHigh: number } {
  const h = new Float64Array(bins);
  const w = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    let b = Math.floor((values[i]! - lo) / w);
    if (b < 0) b = 0; else if (b >= bins) b = bins - 1;
    h[b]!++;
  }
  let total = 0, sumAll = 0;
  for (let b = 0; b < bins; b++) { total += h[b]!; sumAll += h[b]! * (lo + (b + 0.5) * w); }
  let best = -1, bestB = bins >> 1, wB = 0, sumB = 0;
  for (let b = 0; b < bins - 1; b++) {
    wB += h[b]!;
    sumB += h[b]! * (lo + (b + 0.5) * w);
    const wF = total - wB;
    if (wB === 0 || wF === 0) continue;
    const mB = sumB / wB, mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) { best = between; bestB = b; }
  }
  const threshold = lo + (bestB + 1) * w;
  let nLow = 0, nHigh = 0, sLow = 0, sHigh = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v <= threshold) { nLow++; sLow += v; } else { nHigh++; sHigh += v; }
  }
  return { threshold, meanLow: nLow ? sLow / nLow : NaN, meanHigh: nHigh ? sHigh / nHigh : NaN, nLow, nHigh };
}

/**
 * Position of the lowest point of a smoothed histogram of `values` inside [from, to] — the density
 * valley used to place a boundary between two populations where the data put it.
 */
export function valley(values: Float64Array, from: number, to: number, bins = 64): number {
  const h = new Float64Array(bins);
  const w = (to - from) / bins;
  for (let i = 0; i < values.length; i++) {
    const b = Math.floor((values[i]! - from) / w);
    if (b >= 0 && b < bins) h[b]!++;
  }
  // 5-bin moving average: single-bin noise must not create a valley.
  let best = Infinity, bestB = bins >> 1;
  for (let b = 2; b < bins - 2; b++) {
    const s = h[b - 2]! + h[b - 1]! + h[b]! + h[b + 1]! + h[b + 2]!;
    if (s < best) { best = s; bestB = b; }
  }
  return from + (bestB + 0.5) * w;
}
