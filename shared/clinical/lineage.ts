// Lineage suggestion from the ALOT tube (issue #7; domain.md "Categories used by the network").
// OncoFlow suggests and shows why; the analyst confirms or overrides (Confirmation below).
// Positivity is judged against internal controls in the same tube (domain.md): mature T cells are
// the positive control for cyCD3/smCD3/CD7 and the negative control for CD19/cyCD79a, mature B
// cells the reverse, granulocytes the positive control for cyMPO (negative: mature T cells), and
// mature T cells the negative control for CD34. Upper limit of negative (ULN) = the rule set's
// percentile of the negative control; a marker is positive when ≥ the rule set's % of blasts exceed it.
import { CURRENT_RULE_SET } from './rules';
import type { RuleSet } from './rules';
import { ALOT_MARKERS, CYTOPLASMIC_MARKERS, type MarkerMapping } from './markers';
import { TPL, type AlotColumns, type TemplatePopulation, type TemplateResult } from './alot-template';
import { countOf, gatherInto, indexLabels, percentileInPlace, type LabelIndex } from './stats';
import { maturationPattern, type MaturationPattern } from './hematogones';
import { countAbnormalBlasts, type AbnormalBlastCount } from './abnormal-blasts';
import { truncateDigits } from './mrd';

export type LineageCategory =
  | 'PRO_B_ALL' | 'PRO_B_PRE_B_ALL' | 'PRE_B_ALL' | 'T_ALL' | 'AML' | 'MPAL' | 'NO_LEUKEMIA' | 'UNDETERMINED';
export const LINEAGE_CATEGORIES: readonly LineageCategory[] = ['PRO_B_ALL', 'PRO_B_PRE_B_ALL', 'PRE_B_ALL', 'T_ALL', 'AML', 'MPAL', 'NO_LEUKEMIA', 'UNDETERMINED'];

export type PositivityCall = 'positive' | 'partial' | 'negative' | 'no_control';

export interface ControlStats { population: TemplatePopulation | 'LYMPHOCYTES_T_B'; events: number; median: number }

export interface MarkerFinding {
  marker: string;
  cytoplasmic: boolean;
  /** % of blast events above the negative control's upper limit. */
  percentPositive: number;
  /** Median of the blasts (compensated linear units). */
  median: number;
  /** Median of the blasts above the ULN (intensity of the positive part). */
  medianOfPositive: number;
  /** Upper limit of negative: percentile of the negative control. */
  upperLimitOfNegative: number;
  negativeControl: ControlStats | null;
  positiveControl: ControlStats | null;
  /** Threshold (% positive) applied to this marker. */
  thresholdPercent: number;
  call: PositivityCall;
}

export interface FiredRule { id: string; text: string; source: string }

export interface Suggestion {
  category: LineageCategory;
  /**
   * The blast % the threshold is applied to: from rule set oncocrean-2025.3 the abnormal blast
   * population (abnormalBlasts.percent); before, the whole CD45-dim/SSC-low gate.
   */
  blastPercent: number;
  blastEvents: number;
  /** The CD45-dim/SSC-low gate (with rescued immature events), % of nucleated and events. */
  blastGatePercent?: number;
  blastGateEvents?: number;
  /** Gate minus identified normal populations, with what was subtracted and why (2025.3 on). */
  abnormalBlasts?: AbnormalBlastCount;
  nucleatedEvents: number;
  acquiredEvents: number;
  markers: Record<string, MarkerFinding>;
  rule: FiredRule;
  /** Plain-language reasons, first the deciding one. */
  explanation: string[];
  /** Blast % within the rule set's margin of the diagnostic threshold. */
  borderline: boolean;
  populations: Record<string, { events: number; percentNucleated: number }>;
  ruleSetVersion: string;
  templateVersion: string;
  markerMapping?: MarkerMapping[];
  /** CD19+ blast-gate maturation pattern (hematogones vs B-ALL), when measured. */
  maturation?: MaturationPattern;
}

/** The analyst's decision on a suggestion; the backend stores both side by side. */
export interface Confirmation {
  decision: 'confirmed' | 'overridden';
  finalCategory: LineageCategory;
  /** Required when overridden (why the analyst disagrees); optional comment when confirmed. */
  reason: string;
  /** User id of the analyst. */
  by: string;
  /** ISO 8601 timestamp. */
  at: string;
}

export class ConfirmationError extends Error {
  code = 'CONFIRMATION_INVALID';
}

/** Build a Confirmation, enforcing that an override names a different category and gives a reason. */
export function confirmSuggestion(
  s: Pick<Suggestion, 'category'>,
  d: { finalCategory?: LineageCategory; reason?: string; by: string; at: string },
): Confirmation {
  const finalCategory = d.finalCategory ?? s.category;
  const reason = (d.reason ?? '').trim();
  if (!d.by.trim()) throw new ConfirmationError('the analyst (by) is required');
  if (Number.isNaN(Date.parse(d.at))) throw new ConfirmationError(`'at' is not an ISO timestamp: ${d.at}`);
  if (finalCategory === s.category) return { decision: 'confirmed', finalCategory, reason, by: d.by, at: d.at };
  if (!reason) throw new ConfirmationError(`overriding ${s.category} with ${finalCategory} needs a reason`);
  return { decision: 'overridden', finalCategory, reason, by: d.by, at: d.at };
}

// Rule texts (the ids appear in the suggestion; thresholds come from the rule set).
const SRC_NETWORK = 'network paper (Lopez Aguilar et al., Front. Oncol. 2025), categories from ALOT';
const SRC_WHO = 'WHO 2016/2022: acute leukemia needs ≥ 20 % blasts; MPAL simplified per domain.md';
const SRC_HEM = 'hematogone maturation (McKenna et al., Blood 2001;98:2498–507); limits in the rule set (hematogonePattern)';

type ControlSpec = { neg: number[]; negName: ControlStats['population']; pos: number[] | null; posName: TemplatePopulation | null };
const CONTROLS: Record<string, ControlSpec> = {
  cyCD3: { neg: [TPL.B_CELL], negName: 'B_CELL', pos: [TPL.T_CELL], posName: 'T_CELL' },
  smCD3: { neg: [TPL.B_CELL], negName: 'B_CELL', pos: [TPL.T_CELL], posName: 'T_CELL' },
  CD7: { neg: [TPL.B_CELL], negName: 'B_CELL', pos: [TPL.T_CELL], posName: 'T_CELL' },
  CD19: { neg: [TPL.T_CELL], negName: 'T_CELL', pos: [TPL.B_CELL], posName: 'B_CELL' },
  cyCD79a: { neg: [TPL.T_CELL], negName: 'T_CELL', pos: [TPL.B_CELL], posName: 'B_CELL' },
  // cyMPO and CD34: mature T cells only. The B-cell gate can hold CD19+ blasts whose CD45 reaches
  // the lymphocytes (CD34+ B-ALL, MPO+ B/myeloid MPAL), which would lift the upper limit of
  // negative onto the blasts' own positivity; smCD3+ T cells are never blasts.
  cyMPO: { neg: [TPL.T_CELL], negName: 'T_CELL', pos: [TPL.GRANULOCYTE], posName: 'GRANULOCYTE' },
  CD34: { neg: [TPL.T_CELL], negName: 'T_CELL', pos: null, posName: null },
};

/** Reorder `v` in place as [≤ limit | > limit] (NaN with the low part); returns the count above. */
function partitionAbove(v: Float64Array, limit: number): number {
  let lo = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (!(x > limit)) { v[i] = v[lo]!; v[lo++] = x; }
  }
  return v.length - lo;
}

/** Per-marker positivity on the blast gate against the internal controls. */
export function markerFindings(cols: AlotColumns, tpl: TemplateResult, rules: RuleSet = CURRENT_RULE_SET, index: LabelIndex = indexLabels(tpl.labels)): Record<string, MarkerFinding> {
  const L = rules.lineage;
  // Percentiles are order statistics: taken in place on the gathered scratch arrays (no copies).
  const percentile = percentileInPlace;
  const out: Record<string, MarkerFinding> = {};
  // Scratch arrays reused across markers (sized for the largest population they will hold).
  let most = 0;
  for (const spec of Object.values(CONTROLS)) {
    let k = 0;
    for (const c of [...spec.neg, ...(spec.pos ?? [])]) k += countOf(index, c);
    most = Math.max(most, k);
  }
  const blastScratch = new Float64Array(countOf(index, TPL.BLAST));
  const controlScratch = new Float64Array(most);
  for (const marker of ALOT_MARKERS) {
    const spec = CONTROLS[marker];
    const col = cols[marker];
    if (!spec || !col) continue;
    const cytoplasmic = CYTOPLASMIC_MARKERS.has(marker);
    const thresholdPercent = cytoplasmic ? L.cytoplasmicPositivePercent : L.surfacePositivePercent;
    const blasts = gatherInto(blastScratch, col, index, TPL.BLAST);
    const neg = gatherInto(controlScratch, col, index, ...spec.neg);
    const negLength = neg.length;
    const negOk = neg.length >= L.minControlEvents;
    const uln = negOk ? percentile(neg, L.negativeControlPercentile) : NaN;
    const negativeControl = negOk ? { population: spec.negName, events: neg.length, median: percentile(neg, 50) } : null;
    let positiveControl: ControlStats | null = null;
    let posOk = true;
    const pos = spec.pos ? gatherInto(controlScratch.subarray(negLength), col, index, ...spec.pos) : null;
    if (pos && spec.posName) {
      posOk = pos.length >= L.minControlEvents;
      if (posOk) {
        const med = percentile(pos, 50);
        positiveControl = { population: spec.posName, events: pos.length, median: med };
        // The positive control must stand clear of the negative's upper limit, or the stain failed.
        posOk = Number.isFinite(uln) && med > uln && med - Math.max(0, uln) >= (L.positiveControlMinRatio - 1) * Math.max(uln, 1);
      }
    }
    // Partition the blasts in place: [≤ ULN | > ULN]. The count gives % positive; the upper part
    // is the positive blasts (their median); the median of all blasts is taken last (the
    // percentile is an order statistic, independent of the order the values are in).
    const nAbove = negOk ? partitionAbove(blasts, uln) : 0;
    const percentPositive = negOk && blasts.length ? (nAbove / blasts.length) * 100 : NaN;
    let call: PositivityCall;
    if (!negOk || !posOk) call = 'no_control';
    else if (percentPositive >= thresholdPercent) call = marker === 'CD34' && percentPositive < L.cd34PartialHighPercent ? 'partial' : 'positive';
    else call = 'negative';
    const medianOfPositive = negOk && blasts.length ? percentile(blasts.subarray(blasts.length - nAbove), 50) : NaN;
    out[marker] = {
      marker, cytoplasmic, percentPositive, median: blasts.length ? percentile(blasts, 50) : NaN, medianOfPositive,
      upperLimitOfNegative: uln, negativeControl, positiveControl, thresholdPercent, call,
    };
  }
  return out;
}

// Cut, not rounded: 19.96 % must not read "20.0 %" beside "below 20 %" (mrd.ts truncateDigits).
const fmt = (p: number): string => (Number.isFinite(p) ? `${p < 0 ? p.toFixed(1) : truncateDigits(p, 1)} %` : 'n/a');

/** % of the CD19+ blast-gate events above the CD34 upper limit of negative (null: too few). */
function cd34OfCd19Positive(cols: AlotColumns, tpl: TemplateResult, uln19: number, uln34: number): number | null {
  const c19 = cols['CD19'], c34 = cols['CD34'];
  if (!c19 || !c34 || !Number.isFinite(uln19) || !Number.isFinite(uln34)) return null;
  let n = 0, k = 0;
  for (let i = 0; i < tpl.labels.length; i++) {
    if (tpl.labels[i] !== TPL.BLAST || !(c19[i]! > uln19)) continue;
    n++;
    if (c34[i]! > uln34) k++;
  }
  return n >= 30 ? (100 * k) / n : null;
}

/** Decide the category from the template's populations and the marker findings. */
export function suggestLineage(cols: AlotColumns, tpl: TemplateResult, rules: RuleSet = CURRENT_RULE_SET, mapping?: MarkerMapping[]): Suggestion {
  const L = rules.lineage;
  const nucleated = tpl.exclusion.nucleated;
  const index = indexLabels(tpl.labels);
  const markers = markerFindings(cols, tpl, rules, index);
  const blastGateEvents = tpl.counts.BLAST;
  const blastGatePercent = nucleated > 0 ? (blastGateEvents / nucleated) * 100 : 0;
  // Rule sets from 2025.3: the WHO count is the abnormal population, not every CD45-dim event.
  const abnormal = L.abnormalBlasts ? countAbnormalBlasts(cols, tpl, markers, L.abnormalBlasts, index) : null;
  const blastEvents = abnormal ? abnormal.events : blastGateEvents;
  const blastPercent = abnormal ? abnormal.percent : blastGatePercent;
  const populations: Suggestion['populations'] = {};
  for (const [k, v] of Object.entries(tpl.counts)) populations[k] = { events: v, percentNucleated: nucleated ? (v / nucleated) * 100 : 0 };
  // 2025.3: the BLAST row is the abnormal population (as blastEvents); the whole gate is BLAST_GATE.
  if (abnormal) {
    populations['BLAST_GATE'] = populations['BLAST']!;
    populations['BLAST'] = { events: abnormal.events, percentNucleated: abnormal.percent };
  }
  const base: Omit<Suggestion, 'category' | 'rule' | 'explanation'> = {
    blastPercent, blastEvents, blastGatePercent, blastGateEvents, ...(abnormal ? { abnormalBlasts: abnormal } : {}),
    nucleatedEvents: nucleated, acquiredEvents: tpl.eventCount, markers, populations,
    ruleSetVersion: rules.version, templateVersion: tpl.templateVersion,
    // Borderline also when the gate and the abnormal count fall on different sides of the
    // threshold: the call then rests on the subtraction, which the analyst should review.
    borderline: Math.abs(blastPercent - L.blastThresholdPercent) <= L.borderlineMarginPercent
      || (blastGatePercent >= L.blastThresholdPercent) !== (blastPercent >= L.blastThresholdPercent),
    ...(mapping ? { markerMapping: mapping } : {}),
  };
  // The arithmetic behind the abnormal blast % goes right after the deciding reason.
  const arithmetic = abnormal && (abnormal.subtracted.length || abnormal.added.length) ? [abnormal.arithmetic] : [];
  const done = (category: LineageCategory, id: string, text: string, source: string, explanation: string[]): Suggestion =>
    ({ ...base, category, rule: { id, text, source }, explanation: [...explanation.slice(0, 1), ...arithmetic, ...explanation.slice(1), ...tpl.notes] });
  const blastWord = abnormal ? 'abnormal blasts (CD45-dim gate minus identified normal cells)' : 'blasts (CD45 dim, SSC low)';

  // L0a — not a complete ALOT tube: the lineage channels must all be mapped (markers.ts).
  const absent = ['cyCD3', 'cyMPO', 'cyCD79a', 'CD34', 'CD19', 'CD7', 'smCD3'].filter((m) => !markers[m]);
  if (absent.length) {
    return done('UNDETERMINED', 'L0a', 'not a complete ALOT tube: lineage channels missing', 'EuroFlow ALOT (van Dongen et al., Leukemia 2012): 8 markers in one tube',
      [`no channel mapped to ${absent.join(', ')} (check the marker mapping); blasts (CD45 dim, SSC low) are ${fmt(blastPercent)} of nucleated events`]);
  }
  // Hematogone maturation pattern of the CD19+ blast-gate events (hematogones.ts).
  const hp = L.hematogonePattern;
  const maturation = hp ? maturationPattern(cols, tpl, markers['CD19']!.upperLimitOfNegative, markers['CD34']!.upperLimitOfNegative, index) : null;
  if (maturation) base.maturation = maturation;
  const hemClear = !!(hp && maturation && maturation.cd19VsCd45 >= hp.clearMinCd19VsCd45 && maturation.cd34VsCd45 <= hp.clearMaxCd34VsCd45);
  const hemPossible = !!(hp && maturation && maturation.cd19VsCd45 >= hp.possibleMinCd19VsCd45 && maturation.cd34VsCd45 <= hp.possibleMaxCd34VsCd45);
  const hemText = maturation
    ? `CD19+ events of the blast gate (${maturation.events}) show a normal B-precursor maturation pattern: CD19 rises with CD45 (r = ${maturation.cd19VsCd45.toFixed(2)}) and CD34 is lost as CD45 rises (r = ${maturation.cd34VsCd45.toFixed(2)})`
    : '';
  const HEM_ADVICE = 'possible regenerating marrow / hematogones: confirm with BCP-ALL panel';
  // L0c — too few events to judge: never "no leukemia" for lack of data. A tube must be able to
  // hold minBlastEvents at the diagnostic threshold (100 events at 20 % → 500 nucleated events),
  // and a population at or above the threshold with fewer than minBlastEvents cannot be called.
  const minNucleated = Math.ceil((L.minBlastEvents * 100) / L.blastThresholdPercent);
  if (nucleated < minNucleated || (blastPercent >= L.blastThresholdPercent && blastEvents < L.minBlastEvents)) {
    return done('UNDETERMINED', 'L0c', 'too few events to judge', 'EuroFlow SOP: enough events must be acquired to characterise the blast population',
      [`${nucleated} nucleated events with ${blastEvents} ${blastWord} (${fmt(blastPercent)}): at least ${minNucleated} nucleated and ${L.minBlastEvents} blast events are needed; acquire more events or repeat the tube`]);
  }
  // L1 — below the diagnostic level: report the blast % and no lineage (WHO; domain.md).
  if (blastPercent < L.blastThresholdPercent) {
    return done('NO_LEUKEMIA', 'L1', `blast population < ${L.blastThresholdPercent} % of nucleated cells`, SRC_WHO,
      [`${blastWord} are ${fmt(blastPercent)} of ${nucleated} nucleated events, below ${L.blastThresholdPercent} %`,
        ...(hemPossible ? [`${hemText}; ${HEM_ADVICE}`] : [])]);
  }
  // L0b — a lineage cannot be judged without its internal controls.
  const missing: string[] = [];
  if (tpl.counts.T_CELL < L.minControlEvents) missing.push(`mature T cells (${tpl.counts.T_CELL} events; control for cyCD3/smCD3/CD7 and CD19/cyCD79a)`);
  if (tpl.counts.B_CELL < L.minControlEvents) missing.push(`mature B cells (${tpl.counts.B_CELL} events; control for CD19/cyCD79a and cyCD3/smCD3/CD7)`);
  if (tpl.counts.GRANULOCYTE < L.minControlEvents) missing.push(`granulocytes (${tpl.counts.GRANULOCYTE} events; positive control for cyMPO)`);
  if (!missing.length) for (const m of ['cyCD3', 'cyMPO', 'cyCD79a', 'CD19', 'CD7'])
    if (markers[m]!.call === 'no_control') missing.push(`a valid internal control for ${m} (positive control median not ${L.positiveControlMinRatio}× the negative's upper limit)`);
  if (missing.length) {
    return done('UNDETERMINED', 'L0b', 'internal controls required to judge positivity are missing', 'domain.md: positivity is judged against internal controls in the same tube',
      [`blasts ${fmt(blastPercent)}, but missing: ${missing.join('; ')}`]);
  }
  const pct = (m: string) => markers[m]!.percentPositive;
  const pos = (m: string) => markers[m]!.call === 'positive' || markers[m]!.call === 'partial';
  // Strong (WHO MPAL): most blasts positive, at an intensity near the mature positive control.
  const strong = (m: string) => {
    const f = markers[m]!;
    return f.percentPositive >= L.strongPositivePercent
      && (!f.positiveControl || f.medianOfPositive >= L.strongIntensityFraction * f.positiveControl.median);
  };
  const myeloid = pos('cyMPO');
  const tLineage = pos('cyCD3');
  const bLineage = pos('CD19') && pos('cyCD79a');
  const phen = (ms: string[]) => ms.map((m) => `${m} ${fmt(pct(m))}`).join(', ');

  // L2 — MPAL: one blast population meeting the criteria of two lineages (WHO 2016/2022, simplified).
  const mpalLineages: string[] = [];
  if (myeloid) mpalLineages.push('myeloid (cyMPO+)');
  if (strong('cyCD3')) mpalLineages.push('T (cyCD3 strong)');
  if (strong('CD19') && strong('cyCD79a')) mpalLineages.push('B (CD19 strong, cyCD79a strong)');
  if (mpalLineages.length >= 2) {
    return done('MPAL', 'L2', 'blast population meets criteria of two lineages (myeloid: MPO+; T: cyCD3 strong; B: CD19 and cyCD79a strong)', SRC_WHO,
      [`lineages: ${mpalLineages.join(' + ')}; ${phen(['cyMPO', 'cyCD3', 'CD19', 'cyCD79a'])}`, 'ALOT alone only suggests MPAL: confirm with the lineage panels']);
  }
  // L4 — AML: cyMPO+. Before T-ALL: MPO+ blasts whose cyCD3 is not strong (so not MPAL) are
  // myeloid with aberrant T markers (WHO: T lineage for MPAL needs strong cyCD3).
  if (myeloid) return done('AML', 'L4', 'AML: cyMPO+', SRC_NETWORK, [`cyMPO+ (${phen(['cyMPO', 'CD34', 'CD7'])})`]);
  // L3 — T-ALL: cyCD3+ smCD3 low CD7+.
  if (tLineage && pos('CD7')) {
    const exp = [`cyCD3+ CD7+ (${phen(['cyCD3', 'CD7', 'smCD3'])})`];
    if (markers['smCD3'] && strong('smCD3')) exp.push('smCD3 is not low: consider mature T cells; review');
    return done('T_ALL', 'L3', 'T-ALL: cyCD3+ smCD3 low CD7+', SRC_NETWORK, exp);
  }
  // L5 — AML: CD7+ without cyCD3 (and no B lineage).
  if (pos('CD7') && !tLineage && !bLineage) {
    return done('AML', 'L5', 'AML: CD7+ without cyCD3', SRC_NETWORK, [`CD7+ cyCD3− (${phen(['CD7', 'cyCD3', 'cyMPO'])})`]);
  }
  // L10/L11 — hematogones: a B-precursor population that matures like normal marrow is not called
  // B-ALL from ALOT alone (McKenna et al., Blood 2001; network practice: BCP-ALL panel decides).
  if (bLineage && hemClear) {
    return done('NO_LEUKEMIA', 'L10', 'CD19+ cyCD79a+ cells with a normal maturation continuum (hematogones), not a discrete leukemic cluster', SRC_HEM,
      [`${hemText}; ${HEM_ADVICE}`, `blast gate ${fmt(blastPercent)} of nucleated events, mostly normal B-cell precursors`]);
  }
  if (bLineage && hemPossible) {
    return done('UNDETERMINED', 'L11', 'CD19+ cyCD79a+ blast-gate events partly follow a normal maturation pattern: ALOT cannot tell hematogones from B-ALL', SRC_HEM,
      [`${hemText}; ${HEM_ADVICE}`, `as B-ALL the phenotype would be ${phen(['CD19', 'cyCD79a', 'CD34'])}`]);
  }
  // L6–L8 — B lineage: CD19+ cyCD79a+, split by CD34 — measured on the CD19+ events of the blast
  // gate (the B blasts), so normal CD19− cells sharing the CD45-dim gate (myeloid progenitors,
  // erythroid precursors, NK cells) do not dilute it.
  if (bLineage) {
    const cd34 = cd34OfCd19Positive(cols, tpl, markers['CD19']!.upperLimitOfNegative, markers['CD34']!.upperLimitOfNegative) ?? pct('CD34');
    const b = `${phen(['CD19', 'cyCD79a'])}, CD34 ${fmt(cd34)} of the CD19+ blasts`;
    if (cd34 >= L.cd34PartialHighPercent) return done('PRO_B_ALL', 'L6', `Pro B-ALL: CD34+ (≥ ${L.cd34PartialHighPercent} %) CD19+ cyCD79a+`, SRC_NETWORK, [b]);
    if (cd34 >= L.cd34PartialLowPercent) return done('PRO_B_PRE_B_ALL', 'L7', `Pro B–Pre B-ALL: CD34 partly positive (${L.cd34PartialLowPercent}–${L.cd34PartialHighPercent} %) CD19+ cyCD79a+`, SRC_NETWORK, [b]);
    return done('PRE_B_ALL', 'L8', `Pre B-ALL: CD34− (< ${L.cd34PartialLowPercent} %) CD19+ cyCD79a+`, SRC_NETWORK, [b]);
  }
  // L9 — nothing fits: say why.
  const why = tLineage ? 'cyCD3+ without CD7: T lineage incomplete in ALOT'
    : pos('CD19') !== pos('cyCD79a') ? `B markers discordant (${phen(['CD19', 'cyCD79a'])})`
    : 'no lineage marker of ALOT reaches positivity on the blasts';
  return done('UNDETERMINED', 'L9', 'blast population without a complete lineage phenotype in ALOT', SRC_NETWORK,
    [`${why}; ${phen(['cyCD3', 'cyMPO', 'cyCD79a', 'CD19', 'CD7'])}`, 'run the lineage panels']);
}
