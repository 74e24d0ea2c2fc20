// Small dense float64 linear algebra for gate geometry and Gating-ML compensation matrices
// (n ≤ a few dozen). Row-major Float64Array n×n.

/** Inverse by Gauss–Jordan elimination with partial pivoting; null when singular. */
export function invertMatrix(m: ArrayLike<number>, n: number): Float64Array | null {
  if (m.length !== n * n) throw new RangeError(`matrix has ${m.length} entries, expected ${n * n}`);
  const a = Float64Array.from(m);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]!));
  if (!(scale > 0) || !Number.isFinite(scale)) return null;
  const tiny = scale * n * 1e-14;
  for (let col = 0; col < n; col++) {
    let piv = col;
    let best = Math.abs(a[col * n + col]!);
    for (let r = col + 1; r < n; r++) {
      const v = Math.abs(a[r * n + col]!);
      if (v > best) { best = v; piv = r; }
    }
    if (!(best > tiny)) return null;
    if (piv !== col) {
      for (let k = 0; k < n; k++) {
        let t = a[col * n + k]!; a[col * n + k] = a[piv * n + k]!; a[piv * n + k] = t;
        t = inv[col * n + k]!; inv[col * n + k] = inv[piv * n + k]!; inv[piv * n + k] = t;
      }
    }
    const p = a[col * n + col]!;
    for (let k = 0; k < n; k++) { a[col * n + k] = a[col * n + k]! / p; inv[col * n + k] = inv[col * n + k]! / p; }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r * n + col]!;
      if (f === 0) continue;
      for (let k = 0; k < n; k++) {
        a[r * n + k] = a[r * n + k]! - f * a[col * n + k]!;
        inv[r * n + k] = inv[r * n + k]! - f * inv[col * n + k]!;
      }
    }
  }
  return inv;
}

/**
 * Right pseudo-inverse of a full-row-rank rows×cols matrix (rows ≤ cols): Mᵀ(MMᵀ)⁻¹, cols×rows.
 * Gating-ML spectrum matrices have one row per fluorochrome over more or equal detectors; for a
 * square matrix this is the ordinary inverse. Null when MMᵀ is singular.
 */
export function rightPseudoInverse(m: ArrayLike<number>, rows: number, cols: number): Float64Array | null {
  if (rows === cols) return invertMatrix(m, rows);
  const mmt = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < rows; j++) {
      let s = 0;
      for (let k = 0; k < cols; k++) s += m[i * cols + k]! * m[j * cols + k]!;
      mmt[i * rows + j] = s;
    }
  const inv = invertMatrix(mmt, rows);
  if (!inv) return null;
  const out = new Float64Array(cols * rows);
  for (let k = 0; k < cols; k++)
    for (let j = 0; j < rows; j++) {
      let s = 0;
      for (let i = 0; i < rows; i++) s += m[i * cols + k]! * inv[i * rows + j]!;
      out[k * rows + j] = s;
    }
  return out;
}
