// Measurable residual disease from event counts (domain.md "MRD").
// MRD % = leukemic events / total nucleated events × 100, the denominator being all nucleated
// cells after debris and doublet exclusion (viable CD45+ and CD45− nucleated events).
// LOD = 20 clustered events, LLOQ = 50 events (Flores-Montero et al., Leukemia 2017;31:2094–2103);
// the sensitivity a tube reaches is LOD events / nucleated events (EuroFlow, Theunissen et al.,
// Blood 2017;129:347–57: > 4 × 10⁶ cells give ≤ 10⁻⁵).
import { CURRENT_RULE_SET } from './rules';
import type { RuleSet } from './rules';

export type MrdStatus = 'quantified' | 'detected_below_lloq' | 'not_detected';

export interface MrdCounts {
  leukemicEvents: number;
  nucleatedEvents: number;
  /** All events acquired in the tube (before any exclusion), reported beside the result. */
  acquiredEvents?: number;
}

export interface MrdResult extends MrdCounts {
  ruleSetVersion: string;
  status: MrdStatus;
  /** leukemic / nucleated × 100; reported as a value only when status is 'quantified'. */
  mrdPercent: number;
  /** LOD expressed as % of the nucleated events of this tube (the tube's sensitivity). */
  lodPercent: number;
  lloqPercent: number;
  /** LOD events / nucleated events as a fraction, e.g. 4e-6. */
  sensitivity: number;
  lodEvents: number;
  lloqEvents: number;
  /** One-line statement for reports and the CLI. */
  statement: string;
}

export class MrdInputError extends Error {
  code = 'MRD_INPUT_INVALID';
}

/**
 * Digits of a non-negative number cut (not rounded) after `decimals`: a shown value must never
 * cross a clinical cut-off the exact value does not reach (0.9996 % is "0.99 %", not "1.00 %",
 * because the risk rules compare the exact value: F4 vs F2). Works on the decimal string, so
 * 0.29 stays 0.29 (0.29 × 100 is 28.999… in binary).
 */
export function truncateDigits(p: number, decimals: number): string {
  const s = p.toFixed(Math.min(100, decimals + 8));
  const dot = s.indexOf('.');
  return decimals === 0 ? s.slice(0, dot) : s.slice(0, dot + 1 + decimals);
}

/** Format a percentage with enough significant digits for 10⁻⁵ levels, cut toward zero. */
export function formatPercent(p: number): string {
  if (p === 0) return '0 %';
  if (!Number.isFinite(p) || p < 0) return `${p} %`;
  if (p >= 0.1) return `${truncateDigits(p, 2)} %`;
  // Two significant digits below 0.1 %.
  const decimals = 1 - Math.floor(Math.log10(p));
  return `${truncateDigits(p, decimals)} %`;
}

export function mrdFromCounts(counts: MrdCounts, rules: RuleSet = CURRENT_RULE_SET): MrdResult {
  const { leukemicEvents, nucleatedEvents } = counts;
  if (!Number.isInteger(leukemicEvents) || leukemicEvents < 0) throw new MrdInputError(`leukemic events must be a non-negative integer (got ${leukemicEvents})`);
  if (!Number.isInteger(nucleatedEvents) || nucleatedEvents <= 0) throw new MrdInputError(`nucleated events must be a positive integer (got ${nucleatedEvents})`);
  if (leukemicEvents > nucleatedEvents) throw new MrdInputError(`leukemic events (${leukemicEvents}) exceed nucleated events (${nucleatedEvents}); is the leukemic gate inside the nucleated one?`);
  if (counts.acquiredEvents !== undefined && (!Number.isInteger(counts.acquiredEvents) || counts.acquiredEvents < nucleatedEvents))
    throw new MrdInputError(`acquired events must be a whole number of at least the nucleated events (${nucleatedEvents}); got ${counts.acquiredEvents}`);
  const { lodEvents, lloqEvents } = rules.mrd;
  const mrdPercent = (leukemicEvents / nucleatedEvents) * 100;
  const lodPercent = (lodEvents / nucleatedEvents) * 100;
  const lloqPercent = (lloqEvents / nucleatedEvents) * 100;
  const status: MrdStatus = leukemicEvents >= lloqEvents ? 'quantified' : leukemicEvents >= lodEvents ? 'detected_below_lloq' : 'not_detected';
  const behind = `${leukemicEvents} leukemic of ${nucleatedEvents} nucleated events${counts.acquiredEvents !== undefined ? `, ${counts.acquiredEvents} acquired` : ''}`;
  const statement =
    status === 'quantified' ? `MRD ${formatPercent(mrdPercent)} (${behind})`
    : status === 'detected_below_lloq' ? `MRD detected, below LLOQ (< ${formatPercent(lloqPercent)}; ${behind})`
    : `MRD not detected (< LOD = ${formatPercent(lodPercent)}; ${behind})`;
  return {
    ...counts, ruleSetVersion: rules.version, status, mrdPercent, lodPercent, lloqPercent,
    sensitivity: lodEvents / nucleatedEvents, lodEvents, lloqEvents, statement,
  };
}
