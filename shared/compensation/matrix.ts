// Spillover matrix algebra for compensation, in float64.
// Convention (FCS 3.1 $SPILLOVER, Spidlen et al.; Roederer, Cytometry 2001;45:194-205): the
// spillover matrix S is n×n row-major, row i = the fraction of fluorochrome i's signal seen by each
// detector j (S[i][i] = 1). Observed = true · S, hence compensated = raw · S⁻¹.

export type CompensationErrorCode =
  | 'SPILLOVER_SHAPE' // value count is not n*n, or n < 1
  | 'SPILLOVER_BAD_VALUE' // NaN/Infinity, diagonal not 1, or a strongly negative coefficient
  | 'SPILLOVER_SINGULAR' // a zero pivot: some detector is a combination of the others
  | 'SPILLOVER_ILL_CONDITIONED' // invertible, but compensation would amplify noise absurdly
  | 'SPILLOVER_CHANNEL_MISSING'; // a matrix channel is not a $PnN of the data set

export interface CompensationErrorDetail {
  /** 0-based matrix row/column at fault, and its channel name when known. */
  row?: number;
  column?: number;
  channel?: string;
  value?: number;
  conditionNumber?: number;
  limit?: number;
}

export class CompensationError extends Error {
  readonly code: CompensationErrorCode;
  readonly detail?: CompensationErrorDetail;

  constructor(code: CompensationErrorCode, message: string, detail?: CompensationErrorDetail) {
    super(message);
    this.name = 'CompensationError';
    this.code = code;
    if (detail !== undefined) this.detail = detail;
  }
}

function checkShape(m: ArrayLike<number>, n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new CompensationError('SPILLOVER_SHAPE', `spillover matrix size must be a positive integer (got ${n})`);
  }
  if (m.length !== n * n) {
    throw new CompensationError('SPILLOVER_SHAPE', `spillover matrix of ${n} channels needs ${n * n} values, got ${m.length}`);
  }
}

interface Lu {
  lu: Float64Array;
  perm: Int32Array;
}

/**
 * Doolittle LU with partial (row) pivoting, P·A = L·U stored in one array (Golub & Van Loan,
 * Matrix Computations, 4th ed., algorithm 3.4.1). A zero pivot — or one below n·eps·‖A‖∞, which
 * only rounding separates from zero — means a singular matrix; the row is reported in
 * the original matrix order.
 */
function luDecompose(m: ArrayLike<number>, n: number, names?: readonly string[]): Lu {
  const lu = Float64Array.from(m);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let normInf = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.abs(lu[i * n + j]);
    normInf = Math.max(normInf, s);
  }
  const tiny = n * Number.EPSILON * normInf;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(lu[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (!(best > tiny)) {
      const name = names?.[k];
      throw new CompensationError(
        'SPILLOVER_SINGULAR',
        `spillover matrix is singular: column ${k + 1}${name ? ` (${name})` : ''} is a linear combination of the others, so compensation cannot separate it`,
        { column: k, ...(name ? { channel: name } : {}) },
      );
    }
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j];
        lu[k * n + j] = lu[p * n + j];
        lu[p * n + j] = t;
      }
      const t = perm[k];
      perm[k] = perm[p];
      perm[p] = t;
    }
    const pivot = lu[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const f = (lu[i * n + k] /= pivot);
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) lu[i * n + j] -= f * lu[k * n + j];
    }
  }
  return { lu, perm };
}

/** Inverse of the n×n row-major matrix `m` by LU with partial pivoting (float64). */
export function invert(m: ArrayLike<number>, n: number, names?: readonly string[]): Float64Array {
  checkShape(m, n);
  for (let i = 0; i < n * n; i++) {
    if (!Number.isFinite(m[i])) {
      throw new CompensationError('SPILLOVER_BAD_VALUE', `spillover value at row ${Math.floor(i / n) + 1}, column ${(i % n) + 1} is not a finite number`, {
        row: Math.floor(i / n),
        column: i % n,
        value: m[i],
      });
    }
  }
  const { lu, perm } = luDecompose(m, n, names);
  const inv = new Float64Array(n * n);
  const col = new Float64Array(n);
  // Solve A·x = e_j for each column j: forward substitution with L (unit diagonal), back with U.
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) col[i] = perm[i] === j ? 1 : 0;
    for (let i = 1; i < n; i++) {
      let s = col[i];
      for (let k = 0; k < i; k++) s -= lu[i * n + k] * col[k];
      col[i] = s;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = col[i];
      for (let k = i + 1; k < n; k++) s -= lu[i * n + k] * col[k];
      col[i] = s / lu[i * n + i];
    }
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i];
  }
  return inv;
}

function norm1(m: ArrayLike<number>, n: number): { norm: number; column: number } {
  let norm = 0;
  let column = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(m[i * n + j]);
    if (s > norm) {
      norm = s;
      column = j;
    }
  }
  return { norm, column };
}

export interface Conditioning {
  /** κ₁(S) = ‖S‖₁·‖S⁻¹‖₁ (exact for these small matrices, not an estimate). */
  conditionNumber: number;
  /** Column j of S⁻¹ with the largest 1-norm: the detector whose noise compensation amplifies most. */
  column: number;
  /** Row i of S⁻¹ with the largest 1-norm: the compensated channel that receives the most amplified noise. */
  row: number;
}

export function conditioning(m: ArrayLike<number>, n: number, inverse?: Float64Array): Conditioning {
  const inv = inverse ?? invert(m, n);
  const { norm: a } = norm1(m, n);
  const { norm: b, column } = norm1(inv, n);
  let row = 0;
  let rowNorm = -1;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.abs(inv[i * n + j]);
    if (s > rowNorm) {
      rowNorm = s;
      row = i;
    }
  }
  return { conditionNumber: a * b, column, row };
}

/** 1-norm condition number κ₁ = ‖S‖₁·‖S⁻¹‖₁; Infinity for a singular matrix. */
export function conditionNumber(m: ArrayLike<number>, n: number): number {
  try {
    return conditioning(m, n).conditionNumber;
  } catch (e) {
    if (e instanceof CompensationError && e.code === 'SPILLOVER_SINGULAR') return Infinity;
    throw e;
  }
}

export interface SpilloverCheckOptions {
  /** Refuse above this κ₁. Real 8-14 colour panels measure ~2-50; 1e4 means a unit error of
   * 1e4 in compensated values per unit of raw noise — no longer a meaningful compensation. */
  maxConditionNumber?: number;
  /** Largest accepted |S[i][i] - 1| (spillover is normalised to the primary detector). */
  diagonalTolerance?: number;
  /** Most negative accepted off-diagonal coefficient (small negatives come from fitting noise). */
  minOffDiagonal?: number;
}

export const DEFAULT_MAX_CONDITION_NUMBER = 1e4;

/**
 * Validates a spillover matrix and returns its inverse, or throws a CompensationError that says
 * what is wrong and where (row/column numbers are 1-based in messages, 0-based in `detail`).
 */
export function checkedInverse(m: ArrayLike<number>, n: number, names?: readonly string[], options: SpilloverCheckOptions = {}): Float64Array {
  checkShape(m, n);
  const diagonalTolerance = options.diagonalTolerance ?? 1e-3;
  const minOffDiagonal = options.minOffDiagonal ?? -0.5;
  const maxCond = options.maxConditionNumber ?? DEFAULT_MAX_CONDITION_NUMBER;
  const label = (i: number): string => (names?.[i] ? ` (${names[i]})` : '');
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = m[i * n + j];
      const where = { row: i, column: j, value: v, ...(names?.[i] ? { channel: names[i] } : {}) };
      if (!Number.isFinite(v)) {
        throw new CompensationError('SPILLOVER_BAD_VALUE', `spillover value at row ${i + 1}${label(i)}, column ${j + 1}${label(j)} is not a finite number`, where);
      }
      if (i === j && Math.abs(v - 1) > diagonalTolerance) {
        throw new CompensationError(
          'SPILLOVER_BAD_VALUE',
          `spillover diagonal at row ${i + 1}${label(i)} is ${v}, expected 1: each fluorochrome's own detector is the reference (a matrix in percent, or with rows/columns swapped, looks like this)`,
          where,
        );
      }
      if (i !== j && v < minOffDiagonal) {
        throw new CompensationError(
          'SPILLOVER_BAD_VALUE',
          `spillover of ${i + 1}${label(i)} into ${j + 1}${label(j)} is ${v}: a fluorochrome cannot remove more than ${-minOffDiagonal} of its own signal from another detector`,
          where,
        );
      }
    }
  }
  const inv = invert(m, n, names);
  const c = conditioning(m, n, inv);
  if (!(c.conditionNumber <= maxCond)) {
    throw new CompensationError(
      'SPILLOVER_ILL_CONDITIONED',
      `spillover matrix is ill-conditioned (1-norm condition number ${c.conditionNumber.toPrecision(3)} > ${maxCond}): noise in detector ${c.column + 1}${label(c.column)} is amplified most, into compensated channel ${c.row + 1}${label(c.row)}; check these rows and columns for near-duplicate spillover values`,
      { conditionNumber: c.conditionNumber, limit: maxCond, row: c.row, column: c.column, ...(names?.[c.column] ? { channel: names[c.column] } : {}) },
    );
  }
  return inv;
}
