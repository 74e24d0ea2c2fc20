// Spillover keywords: $SPILLOVER (FCS 3.1 §3.2.20), $SPILL and BD FACSDiva's pre-3.1 SPILL, all
// "n,ch1,…,chn,s11,s12,…,snn" (row i = spill of fluorochrome i into detector j).
// Exporter quirks handled (refdata README): both present → $SPILLOVER wins (flowCore #62, Spidlen);
// channels written as 1-based parameter numbers (Accuri C6 flowCore #198, Navios FlowKit #264);
// comma as decimal mark ("0,95": FACSDiva on Spanish/German Windows, flowCore #209);
// names without coefficients (MACSQuant, flowCore #262) → warning, no matrix.
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
