// Pure display helpers for the interpretation panels (no React): numbers as a clinician reads them,
// labels of clinical codes in the user's language, the rule text of a stored suggestion.
import { CATEGORY_LABELS, POSITIVITY_LABELS, RISK_GROUP_LABELS, DECISION_LABELS, type Label } from '../../../shared/clinical/labels';
import { RULE_SETS } from '../../../shared/clinical/rules';
import type { LineageCategory } from '../../../shared/clinical/lineage';
import type { LineageSuggestion } from '../../../shared/api/contract';

const pick = (l: Label | undefined, lang: string, fallback: string): string => (l ? (lang.startsWith('es') ? l.es : l.en) : fallback);

export const categoryLabel = (code: string, lang: string) => pick(CATEGORY_LABELS[code as LineageCategory], lang, code);
export const positivityLabel = (call: string, lang: string) => pick(POSITIVITY_LABELS[call as keyof typeof POSITIVITY_LABELS], lang, call);
export const riskGroupLabel = (group: string, lang: string) => pick(RISK_GROUP_LABELS[group as keyof typeof RISK_GROUP_LABELS], lang, group);
export const decisionLabel = (d: string, lang: string) => pick(DECISION_LABELS[d as keyof typeof DECISION_LABELS], lang, d);

/** Percent with one decimal (two below 1 %), locale digits; null → em dash. */
export function formatPercent(p: number | null | undefined, lang: string): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  const digits = Math.abs(p) < 1 && p !== 0 ? 2 : 1;
  // roundingMode 'trunc': a shown value never crosses a cut-off (20 % blasts, 0.10 % / 1 % MRD) that
  // the exact value, which the rules use, does not reach.
  const options = { minimumFractionDigits: digits, maximumFractionDigits: digits, roundingMode: 'trunc' } as Intl.NumberFormatOptions;
  return new Intl.NumberFormat(lang, options).format(p);
}

/** Fluorescence medians (compensated linear units): whole numbers. */
export function formatIntensity(x: number | null | undefined, lang: string): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(x);
}

/**
 * Parameters for the translated rule text, from the rule set the suggestion was computed with
 * (so an old suggestion reads with the thresholds it used, not today's).
 */
export function lineageRuleParams(ruleSetVersion: string): Record<string, number> {
  const rs = RULE_SETS[ruleSetVersion];
  if (!rs) return {};
  return { blast: rs.lineage.blastThresholdPercent, cd34Low: rs.lineage.cd34PartialLowPercent, cd34High: rs.lineage.cd34PartialHighPercent };
}

/** The diagnostic blast threshold of the suggestion's rule set (WHO 20 % when the set is unknown). */
export function blastThresholdPercent(ruleSetVersion: string): number {
  return RULE_SETS[ruleSetVersion]?.lineage.blastThresholdPercent ?? 20;
}

/**
 * The blast gate and the abnormal blasts on different sides of the diagnostic threshold (rule
 * set oncocrean-2025.3 on, shared/clinical/lineage.ts): the call then rests on the normal
 * populations subtracted, and the analyst should review them. null when they agree or when the
 * suggestion predates the abnormal count.
 */
export function blastGateSplit(s: Pick<LineageSuggestion, 'blastPercent' | 'blastGatePercent' | 'ruleSetVersion'>): { gate: number; abnormal: number; threshold: number } | null {
  const gate = s.blastGatePercent;
  if (gate === undefined || !Number.isFinite(gate)) return null;
  const threshold = blastThresholdPercent(s.ruleSetVersion);
  return (gate >= threshold) !== (s.blastPercent >= threshold) ? { gate, abnormal: s.blastPercent, threshold } : null;
}

/** Translation parameters for the reasons of subtracted populations (from the suggestion's rule set). */
export function abnormalBlastParams(ruleSetVersion: string): { percentile?: number } {
  const p = RULE_SETS[ruleSetVersion]?.lineage.abnormalBlasts?.nkMinCd45TCellPercentile;
  return p === undefined ? {} : { percentile: p };
}

type AbnormalBlasts = NonNullable<LineageSuggestion['abnormalBlasts']>;

/**
 * Why the engine subtracted nothing, so the UI can say it in the user's language. Uses the
 * engine's reason code (abnormalBlasts.nothingSubtracted, shared/clinical/abnormal-blasts.ts) when
 * recorded; suggestions stored before it carry only the arithmetic line, worded "…: no valid
 * internal control for CD7, nothing subtracted" or "…: no lineage called on the gate, nothing
 * subtracted", which is parsed instead. A missing and a failed control read the same to the
 * analyst (NO_CONTROL). null for any other code or wording (the UI then shows the engine's text).
 */
export function nothingSubtractedReason(a: string | Pick<AbnormalBlasts, 'arithmetic' | 'nothingSubtracted'>): { code: 'NO_CONTROL'; markers: string } | { code: 'NO_LINEAGE' } | null {
  const recorded = typeof a === 'string' ? undefined : a.nothingSubtracted;
  if (recorded) {
    const code = recorded.reasonCode;
    if ((code === 'NO_CONTROL' || code === 'CONTROL_FAILED') && recorded.markers.length) return { code: 'NO_CONTROL', markers: recorded.markers.join(', ') };
    if (code === 'NO_LINEAGE') return { code: 'NO_LINEAGE' };
    // An unknown (newer) code: the arithmetic line below may still be readable.
  }
  const arithmetic = typeof a === 'string' ? a : a.arithmetic;
  const control = /: no (?:valid )?internal control for (.+), nothing subtracted$/.exec(arithmetic);
  if (control) return { code: 'NO_CONTROL', markers: control[1]! };
  if (/: no lineage called on the gate, nothing subtracted$/.test(arithmetic)) return { code: 'NO_LINEAGE' };
  return null;
}

/** The suggestion's populations with the whole blast gate listed right before the abnormal blasts. */
export function orderedPopulations<P extends { name: string }>(populations: readonly P[]): P[] {
  const gate = populations.find((p) => p.name === 'BLAST_GATE');
  if (!gate || !populations.some((p) => p.name === 'BLAST')) return [...populations];
  return populations.filter((p) => p !== gate).flatMap((p) => (p.name === 'BLAST' ? [gate, p] : [p]));
}

/** MRD percentages reach 10⁻³ %: two significant digits below 0.1 %, two decimals above. */
export function formatMrdPercent(p: number | null | undefined, lang: string): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  if (p === 0) return '0';
  const opts: Intl.NumberFormatOptions = p >= 0.1 ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : { maximumSignificantDigits: 2 };
  return new Intl.NumberFormat(lang, opts).format(p);
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 2e-5 → "2 × 10⁻⁵" (how sensitivity is written in MRD reports). */
export function formatSensitivity(x: number, lang: string): string {
  if (!Number.isFinite(x) || x <= 0) return '—';
  const exp = Math.floor(Math.log10(x));
  const mantissa = x / 10 ** exp;
  const m = new Intl.NumberFormat(lang, { maximumSignificantDigits: 2 }).format(mantissa);
  return `${m} × 10${String(exp).split('').map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
}

/** Population ids (gating:id) of a Gating-ML document, in document order, for the gate pickers. */
export function gatingMlPopulationIds(xml: string): string[] {
  const ids = new Set<string>();
  const re = /\bgating:id\s*=\s*"([^"]+)"/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) ids.add(m[1]!);
  return [...ids];
}
