// Pure display helpers for the interpretation panels (no React): numbers as a clinician reads them,
// labels of clinical codes in the user's language, the rule text of a stored suggestion.
import { CATEGORY_LABELS, POSITIVITY_LABELS, RISK_GROUP_LABELS, DECISION_LABELS, type Label } from '../../../shared/clinical/labels';
import { RULE_SETS } from '../../../shared/clinical/rules';
import type { LineageCategory } from '../../../shared/clinical/lineage';

const pick = (l: Label | undefined, lang: string, fallback: string): string => (l ? (lang.startsWith('es') ? l.es : l.en) : fallback);

export const categoryLabel = (code: string, lang: string) => pick(CATEGORY_LABELS[code as LineageCategory], lang, code);
export const positivityLabel = (call: string, lang: string) => pick(POSITIVITY_LABELS[call as keyof typeof POSITIVITY_LABELS], lang, call);
export const riskGroupLabel = (group: string, lang: string) => pick(RISK_GROUP_LABELS[group as keyof typeof RISK_GROUP_LABELS], lang, group);
export const decisionLabel = (d: string, lang: string) => pick(DECISION_LABELS[d as keyof typeof DECISION_LABELS], lang, d);

/** Percent with one decimal (two below 1 %), locale digits; null → em dash. */
export function formatPercent(p: number | null | undefined, lang: string): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  const digits = Math.abs(p) < 1 && p !== 0 ? 2 : 1;
  return new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(p);
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
