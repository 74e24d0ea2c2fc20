// Spillover keywords: $SPILLOVER (FCS 3.1 §3.2.20), $SPILL and BD FACSDiva's pre-3.1 SPILL, all
// "n,ch1,…,chn,s11,s12,…,snn" (row i = spill of fluorochrome i into detector j).
// Exporter quirks handled (refdata README): both present → $SPILLOVER wins (flowCore #62, Spidlen);
// channels written as 1-based parameter numbers (Accuri C6 flowCore #198, Navios FlowKit #264);
// comma as decimal mark ("0,95": FACSDiva on Spanish/German Windows, flowCore #209);
// names without coefficients (MACSQuant, flowCore #262) → warning, no matrix.
// Older compensation keywords (readFileSpillover): FCS 3.0 $COMP (a compensation matrix in percent,
// inverted here to a spillover) and Beckman Coulter's $DFCiTOj (FC500/Gallios/Navios LMD files).
import { FcsError } from './errors';
import type { FcsParameter, FcsWarning, Spillover } from './types';
import { CompensationError, invert } from '../compensation/matrix';

export const SPILLOVER_KEYWORDS = ['$SPILLOVER', '$SPILL', 'SPILL'] as const;

const NUM = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function readSpillover(keywords: Record<string, string>, parameters: FcsParameter[], warnings: FcsWarning[] = []): Spillover | null {
  const present = SPILLOVER_KEYWORDS.filter((k) => keywords[k] !== undefined && keywords[k]!.trim() !== '');
  if (present.length === 0) return null;
  const keyword = present[0]!;
  if (present.length > 1) {
    const same = present.every((k) => keywords[k]!.trim() === keywords[keyword]!.trim());
    if (!same) warnings.push({ code: 'SPILLOVER_BOTH', message: `${present.join(' and ')} are all present and differ; ${keyword} used (flowCore #62)`, keyword });
  }
  return parseSpilloverString(keywords[keyword]!, keyword, parameters, warnings);
}

export function parseSpilloverString(value: string, keyword: string, parameters: FcsParameter[], warnings: FcsWarning[] = []): Spillover | null {
  const bad = (msg: string) => new FcsError('FCS_BAD_SPILLOVER', `FCS TEXT: ${keyword} ${msg}`, { keyword });
  const tokens = value.split(',').map((t) => t.trim());
  const nRaw = tokens[0] ?? '';
  if (!/^\d+$/.test(nRaw)) throw bad(`must start with the channel count, found '${nRaw.slice(0, 30)}'`);
  const n = Number(nRaw);
  if (n === 0) return null;
  if (n > parameters.length) throw bad(`lists ${n} channels but the data set has only ${parameters.length} parameters`);
  let values: string[];
  if (tokens.length === 1 + n + n * n) {
    values = tokens.slice(1 + n);
  } else if (tokens.length === 1 + n + 2 * n * n && tokens.slice(1 + n).every((t) => /^[+-]?\d+$|^\d+([eE][+-]?\d+)?$/.test(t))) {
    // Comma decimal mark: every coefficient was split in two ("0,95" → "0", "95").
    values = [];
    const rest = tokens.slice(1 + n);
    for (let i = 0; i < rest.length; i += 2) values.push(`${rest[i]}.${rest[i + 1]}`);
    warnings.push({ code: 'SPILLOVER_COMMA_DECIMAL', message: `${keyword} writes decimals with a comma (e.g. '${rest[0]},${rest[1]}'); read as ${values[0]}`, keyword });
  } else if (tokens.length === 1 + n) {
    warnings.push({ code: 'SPILLOVER_NO_VALUES', message: `${keyword} names ${n} channels but has no coefficients; no spillover matrix`, keyword });
    return null;
  } else {
    throw bad(`has ${tokens.length} comma-separated fields; ${1 + n + n * n} expected for ${n} channels (n, ${n} names, ${n * n} coefficients)`);
  }

  const channels: string[] = [];
  const used = new Set<number>();
  let byNumber = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[1 + i]!;
    let idx = parameters.findIndex((p) => p.name === t);
    if (idx < 0) idx = parameters.findIndex((p) => p.name.toUpperCase() === t.toUpperCase());
    if (idx < 0 && /^\d+$/.test(t) && Number(t) >= 1 && Number(t) <= parameters.length) {
      idx = Number(t) - 1;
      byNumber++;
    }
    if (idx < 0) idx = parameters.findIndex((p) => p.marker !== null && p.marker.toUpperCase() === t.toUpperCase());
    if (idx < 0) throw bad(`names channel '${t.slice(0, 40)}', which is not a parameter ($PnN) of this data set`);
    if (used.has(idx)) throw bad(`lists channel '${parameters[idx]!.name}' twice`);
    used.add(idx);
    channels.push(parameters[idx]!.name);
  }
  if (byNumber) warnings.push({ code: 'SPILLOVER_CHANNEL_NUMBERS', message: `${keyword} names ${byNumber} channel(s) by parameter number; mapped to $PnN`, keyword });

  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) {
    const s = values[i]!;
    if (!NUM.test(s)) throw bad(`coefficient ${i + 1} ('${s.slice(0, 30)}', row ${Math.floor(i / n) + 1}, column ${(i % n) + 1}) is not a number`);
    matrix[i] = Number(s);
  }
  if (isSingular(matrix, n)) throw bad(`matrix (${n}×${n}) is singular: compensation would divide by zero`);
  return { keyword, channels, matrix };
}

/**
 * Singular (or not invertible at all) by the compensation module's LU with partial pivoting, so
 * the reader and compensation share one definition of "singular".
 */
export function isSingular(matrix: Float64Array, n: number): boolean {
  try {
    invert(matrix, n);
    return false;
  } catch (err) {
    if (err instanceof CompensationError) return true;
    throw err;
  }
}

/** Serialize for $SPILLOVER (writer). */
export function formatSpillover(s: Spillover): string {
  const n = s.channels.length;
  const parts: string[] = [String(n), ...s.channels];
  for (let i = 0; i < n * n; i++) parts.push(formatNumber(s.matrix[i]!));
  return parts.join(',');
}

/** Shortest decimal that reads back to the same float64 (JS Number → string round-trips). */
function formatNumber(x: number): string {
  return String(x);
}

// ---------------------------------------------------------------------------------------------
// FCS 3.0 $COMP and Beckman Coulter $DFCiTOj
// ---------------------------------------------------------------------------------------------

/** What the reader knows about the other data sets of the same file (the $NEXTDATA chain). */
export interface OtherDataset {
  /** 0-based index in the file. */
  index: number;
  /** 'FCS2.0' | 'FCS3.0' | … */
  version: string;
  keywords: Record<string, string>;
}

export interface FileSpilloverContext {
  /** 'FCS2.0' | 'FCS3.0' | … of this data set. */
  version: string;
  keywords: Record<string, string>;
  parameters: FcsParameter[];
  eventCount: number;
  /** Data sets before this one in the file (LMD: the FCS 2.0 part precedes the FCS 3.0 part). */
  earlier?: OtherDataset[];
}

const DFC_KEY = /^\$DFC(\d+)TO(\d+)$/;

/** True when the keywords hold at least one Beckman $DFCiTOj coefficient. */
export function hasDfcKeywords(keywords: Record<string, string>): boolean {
  for (const k of Object.keys(keywords)) if (DFC_KEY.test(k)) return true;
  return false;
}

/**
 * The matrix a data set's compensation keywords ask for, in the order of trust:
 * $SPILLOVER > $SPILL > SPILL (readSpillover) > $COMP (FCS 3.0) > the $DFCiTOj of the FCS 2.0 part
 * of the same LMD file (for its raw FCS 3.0 part). $COMP and borrowed $DFC leave a warning saying
 * how the matrix was read; a source passed over for a better one leaves SPILLOVER_BOTH.
 *
 * A data set's OWN $DFCiTOj is never returned as its spillover: Beckman writes $DFC only in the
 * FCS 2.0 part of an LMD, beside values the instrument has already compensated (Navios IFU
 * 773232AH, "DATA part … 10 bit, compensated and transformed data"; De Novo FCS Express KB "Are
 * Beckman Coulter LMD files unique?": data set #1 has compensation "baked in"), and our FC500 file
 * shows it: its FCS 2.0 "FL3 Lin" equals the raw FCS 3.0 FL3 minus 28.4 % of FL1 ($DFC1TO3 =
 * 28.40). A file of another version carrying $DFC is a re-export of that part (our own writer keeps
 * the keywords), so its values are compensated too. Attaching the matrix would make every consumer
 * compensate twice; for FCS 2.0 data sets DFC_COMPENSATION_APPLIED says so instead, and
 * readDfcSpillover gives the matrix on request.
 */
export function readFileSpillover(c: FileSpilloverContext, warnings: FcsWarning[] = []): Spillover | null {
  const { keywords, parameters } = c;
  const has = (k: string) => keywords[k] !== undefined && keywords[k]!.trim() !== '';
  const standard = SPILLOVER_KEYWORDS.filter(has);
  const comp = has('$COMP');
  const dfc = hasDfcKeywords(keywords);
  const passedOver = (used: string, others: string[]) => {
    if (others.length) warnings.push({ code: 'SPILLOVER_BOTH', message: `${others.join(' and ')} also present; ${used} used (the more specific source)`, keyword: used });
  };

  if (standard.length) {
    passedOver(standard[0]!, [...(comp ? ['$COMP'] : []), ...(dfc ? ['$DFCiTOj'] : [])]);
    return readSpillover(keywords, parameters, warnings);
  }
  if (comp) {
    passedOver('$COMP', dfc ? ['$DFCiTOj'] : []);
    return readCompSpillover(keywords, parameters, warnings);
  }
  if (dfc) {
    // Said where Beckman documents it (the FCS 2.0 part); a re-export (e.g. our FCS 3.1 writer,
    // which copies keywords) reads clean, without a matrix either.
    if (c.version === 'FCS2.0') warnings.push(dfcAppliedWarning());
    return null;
  }

  // Beckman LMD: the raw FCS 3.0 part carries no compensation keyword of its own; the matrix the
  // instrument applied to the same events is in the FCS 2.0 part before it.
  for (const other of c.earlier ?? []) {
    if (other.version !== 'FCS2.0' || !hasDfcKeywords(other.keywords)) continue;
    const tot = Number((other.keywords['$TOT'] ?? '').trim());
    if (tot !== c.eventCount) continue;
    return readDfcSpillover(other.keywords, parameters, warnings, `data set ${other.index + 1} (the FCS 2.0 part of this file, same ${tot} events)`);
  }
  return null;
}

function dfcAppliedWarning(): FcsWarning {
  return {
    code: 'DFC_COMPENSATION_APPLIED',
    message: 'the values of this data set were compensated by the instrument with its $DFCiTOj matrix (Beckman Coulter LMD, FCS 2.0 part); no spillover is attached so that compensation is not applied twice',
    keyword: '$DFC1TO2',
  };
}

/** Fluorescence detector number of a $PnN such as "FL3", "FL3 Log", "FL3 INT LOG", "FL10-A"; else null. */
function detectorNumber(name: string): number | null {
  const m = /^FL(\d+)(?![0-9])/i.exec(name.trim());
  return m ? Number(m[1]) : null;
}

/**
 * Beckman Coulter $DFCiTOj as a spillover matrix.
 *
 * Meaning (Navios Instructions for Use 773232AH, Table 4.1 "FCS 2.0 Keyword Information"): "% of
 * FLi to subtract from FLj", i and j being FLUORESCENCE DETECTOR numbers (FL1…FL10 on a 10-colour
 * Navios, all i,j written, i = j included), not $Pn indices. Our files agree: the FC500 data set
 * lists $DFC1TO2…$DFC5TO4 for FL1–FL5 although its fluorescence parameters are P3–P8 (FL1 Log,
 * FL2 Log, FL1 Lin, FL2 Lin, FL3 Lin, FL3 Log), and the Navios file lists FL1–FL10 with only
 * FL1–FL5 recorded. Values are percentages: 28.40 means 0.284 (checked on the FC500 file, where
 * the compensated FL3 Lin is raw FL3 − 0.28·FL1). Hence S[i][j] = $DFCiTOj / 100 with row i the
 * source fluorochrome FLi and column j the detector FLj — the row convention of $SPILLOVER; the
 * diagonal is 1 whatever $DFCiTOi says (a detector subtracts nothing from itself).
 * The entries are read as spillover coefficients (compensation = the exact inverse, as Beckman's
 * software displays them: "FL2 − %FL1"). Read literally as a one-step subtraction matrix (like
 * $COMP) they would differ only at second order (Navios: FL1→FL2→FL3 ≈ 0.134·0.448); with a single
 * non-zero coefficient (the FC500 file) both readings are identical, and no file here tells them apart.
 *
 * Channels: for each detector FLk with a coefficient, the parameter whose $PnN is "FLk…"; when a
 * detector is recorded twice (FC500 "FL1 Log" and "FL1 Lin"), the linear one ($PnE 0,0), because
 * compensation is linear. Detectors not recorded in the data set are dropped with their rows and
 * columns. Fewer than two mapped detectors → null (nothing to compensate).
 */
export function readDfcSpillover(keywords: Record<string, string>, parameters: FcsParameter[], warnings: FcsWarning[] = [], from = 'this data set'): Spillover | null {
  const coeff = new Map<string, number>();
  let top = 0;
  let commas = 0;
  for (const [k, v] of Object.entries(keywords)) {
    const m = DFC_KEY.exec(k);
    if (!m) continue;
    const i = Number(m[1]);
    const j = Number(m[2]);
    let s = v.trim();
    if (/^[+-]?\d+,\d+$/.test(s)) { s = s.replace(',', '.'); commas++; }
    if (!NUM.test(s)) throw new FcsError('FCS_BAD_SPILLOVER', `FCS TEXT: ${k} = '${v.slice(0, 30)}' is not a number (Beckman compensation percentage)`, { keyword: k });
    if (i < 1 || j < 1) throw new FcsError('FCS_BAD_SPILLOVER', `FCS TEXT: ${k} names detector 0; Beckman detectors are numbered from FL1`, { keyword: k });
    coeff.set(`${i},${j}`, Number(s) / 100);
    top = Math.max(top, i, j);
  }
  if (top === 0) return null;

  const detectors: number[] = [];
  const indices: number[] = [];
  for (let k = 1; k <= top; k++) {
    const candidates = parameters.filter((p) => detectorNumber(p.name) === k);
    if (!candidates.length) continue;
    const linear = candidates.find((p) => p.amplification.decades === 0) ?? candidates[0]!;
    detectors.push(k);
    indices.push(linear.index);
  }
  const n = detectors.length;
  const missing = top - n;
  if (n < 2) {
    warnings.push({ code: 'SPILLOVER_FROM_DFC', message: `$DFCiTOj of ${from} covers FL1–FL${top}, but at most one of those detectors is a parameter of this data set; no spillover matrix`, keyword: '$DFC1TO2' });
    return null;
  }
  const matrix = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let col = 0; col < n; col++) {
      matrix[r * n + col] = r === col ? 1 : coeff.get(`${detectors[r]},${detectors[col]}`) ?? 0;
    }
  }
  const channels = indices.map((i) => parameters[i]!.name);
  if (isSingular(matrix, n)) throw new FcsError('FCS_BAD_SPILLOVER', `FCS TEXT: $DFCiTOj matrix of ${from} (${n}×${n}) is singular: compensation would divide by zero`, { keyword: '$DFC1TO2' });
  warnings.push({
    code: 'SPILLOVER_FROM_DFC',
    message: `spillover read from the Beckman $DFCiTOj keywords of ${from}: percent of FLi subtracted from FLj → S[i][j] = value/100, detectors FL${detectors.join(', FL')} mapped to ${channels.join(', ')}`
      + (missing ? `; ${missing} detector(s) of FL1–FL${top} not recorded here were dropped` : '')
      + (commas ? `; ${commas} value(s) written with a decimal comma` : ''),
    keyword: '$DFC1TO2',
  });
  return { keyword: '$DFC', channels, matrix };
}

/**
 * FCS 3.0 $COMP as a spillover matrix.
 *
 * FCS 3.0 (ISAC Data File Standards Committee 1997, §3.2.x keyword "$COMP/n,f1,f2,f3,…/"): an n×n
 * matrix, row-major, in PERCENT; "Cij is the percentage of FLj that has been subtracted
 * electronically from FLi"; negative = subtractive (the usual case), positive = additive; the
 * example "$COMP/3,0.0,-0.1,0.0,-40.0,0.0,-0.6,0.0,-36.4,0.0/" has a zero diagonal. So $COMP is a
 * COMPENSATION matrix (what is done to the detectors), not a spillover matrix (what the
 * fluorochromes do): compensated FLi = FLi + Σj (Cij/100)·FLj, i.e. K = I + C/100 acting on a
 * column of detector values. Our Spillover convention is compensated(row) = raw(row)·S⁻¹, so
 * S⁻¹ = Kᵀ and S = (Kᵀ)⁻¹ (to first order S[j][i] ≈ −Cij/100: 40 % of FL1 subtracted from FL2
 * ≈ FL1 spilling 0.40 into FL2). FCS 3.1 replaced $COMP by $SPILLOVER for this reason.
 *
 * Which parameters: the spec speaks of "acquisition parameters" and indexes by FL number; Beckman
 * Navios (IFU 773232AH Table 4.2) writes n = $PAR in $Pn order. So n = $PAR maps to all parameters
 * in order; a smaller n maps to the first n fluorescence parameters. The diagonal must be 0 or 100
 * (both mean "unchanged"); anything else has no documented meaning and is refused.
 *
 * The spec's past tense ("has been subtracted") describes hardware compensation already in the
 * data; the only current writer documented (Navios/Gallios) puts $COMP beside the raw,
 * uncompensated 20-bit FCS 3.0 data (IFU "FCS 3.0 Section: … uncompensated, raw data"), so the
 * matrix is attached to be applied, with a SPILLOVER_FROM_COMP warning saying how it was read.
 */
export function readCompSpillover(keywords: Record<string, string>, parameters: FcsParameter[], warnings: FcsWarning[] = []): Spillover | null {
  const keyword = '$COMP';
  const bad = (msg: string) => new FcsError('FCS_BAD_SPILLOVER', `FCS TEXT: ${keyword} ${msg}`, { keyword });
  const tokens = (keywords[keyword] ?? '').split(',').map((t) => t.trim());
  const nRaw = tokens[0] ?? '';
  if (!/^\d+$/.test(nRaw)) throw bad(`must start with the matrix size, found '${nRaw.slice(0, 30)}'`);
  const n = Number(nRaw);
  if (n === 0) return null;
  if (tokens.length !== 1 + n * n) throw bad(`has ${tokens.length} comma-separated fields; ${1 + n * n} expected for a ${n}×${n} matrix (n, then ${n * n} values)`);
  let targets: FcsParameter[];
  let mapping: string;
  if (n === parameters.length) {
    targets = parameters;
    mapping = 'all $PAR parameters in $Pn order';
  } else {
    const fluor = parameters.filter((p) => p.kind === 'fluorescence');
    if (n > fluor.length) throw bad(`is ${n}×${n} but the data set has ${parameters.length} parameters, ${fluor.length} of them fluorescence; cannot tell which parameters it covers`);
    targets = fluor.slice(0, n);
    mapping = `the first ${n} fluorescence parameters`;
  }
  const c = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) {
    const s = tokens[1 + i]!;
    if (!NUM.test(s)) throw bad(`value ${i + 1} ('${s.slice(0, 30)}', row ${Math.floor(i / n) + 1}, column ${(i % n) + 1}) is not a number`);
    c[i] = Number(s);
  }
  // K = I + C/100 (off-diagonal), then S = (Kᵀ)⁻¹.
  const kt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const d = c[i * n + i]!;
    if (d !== 0 && d !== 100) throw bad(`diagonal value C${i + 1}${i + 1} = ${d}; only 0 or 100 (percent, "unchanged") have a defined meaning`);
    for (let j = 0; j < n; j++) kt[j * n + i] = i === j ? 1 : c[i * n + j]! / 100;
  }
  let matrix: Float64Array;
  try {
    matrix = invert(kt, n);
  } catch (err) {
    if (err instanceof CompensationError) throw bad(`compensation matrix (${n}×${n}) is singular: it cannot be turned into a spillover matrix`);
    throw err;
  }
  // The inverse of a matrix with unit diagonal need not keep it; rescale so each fluorochrome's own
  // detector reads 1, the $SPILLOVER convention (compensated values scale by the same factor).
  for (let i = 0; i < n; i++) {
    const d = matrix[i * n + i]!;
    if (!(Math.abs(d) > 0)) throw bad(`gives a spillover matrix with a zero diagonal at row ${i + 1}`);
    for (let j = 0; j < n; j++) matrix[i * n + j] = matrix[i * n + j]! / d;
  }
  if (isSingular(matrix, n)) throw bad(`gives a singular spillover matrix (${n}×${n})`);
  const channels = targets.map((p) => p.name);
  warnings.push({
    code: 'SPILLOVER_FROM_COMP',
    message: `spillover derived from FCS 3.0 $COMP (percent of FLj subtracted from FLi, negative = subtractive), inverted to a spillover matrix over ${mapping}: ${channels.join(', ')}`,
    keyword,
  });
  return { keyword, channels, matrix };
}
