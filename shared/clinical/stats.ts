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
 * p-th percentile (0..100), linear interpolation between order statistics (type 7, the R and
 * NumPy default); NaN for empty input. Same value as sorting a copy (NaNs sort last), but by
 * selection in O(n): the template takes dozens of percentiles of populations of up to 10^6 events.
 */
export function percentile(values: Float64Array, p: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  const a = Float64Array.from(values);
  // NaNs to the end, as a sort would put them.
  let m = 0;
  for (let i = 0; i < n; i++) { const v = a[i]!; if (v === v) a[m++] = v; }
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

/** Quickselect (Hoare partition, median-of-three pivot) on a[0..m): a[k] becomes the k-th smallest. */
function selectKth(a: Float64Array, k: number, m: number): number {
  let left = 0;
  let right = m - 1;
  while (right > left) {
    const mid = (left + right) >>> 1;
    // Median of three as pivot: avoids quadratic time on sorted or constant runs.
    let x = a[left]!, y = a[mid]!, z = a[right]!;
    if (x > y) { const t = x; x = y; y = t; }
    if (y > z) { y = z; }
    if (x > y) { y = x; }
    const pivot = y;
    let i = left, j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) { const t = a[i]!; a[i] = a[j]!; a[j] = t; i++; j--; }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k]!;
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
