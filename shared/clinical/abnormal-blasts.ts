// The abnormal blast population (WHO: acute leukemia needs "an abnormal blast population of ≥ 20 %
// of nucleated cells", domain.md) versus everything in the CD45-dim/SSC-low gate. Normal marrow puts
// its own cells in that gate (domain.md "Blasts…": B-cell precursors / hematogones, CD34+ myeloid
// progenitors ≈ 1 %), and the template's immature-phenotype rescue also brings NK cells (CD7+,
// smCD3−, cyCD3−/dim, CD45 bright) from the lymphocyte gate. Counting them pushed tubes with a
// 15–17 % abnormal population over 20 % (bench/accuracy.md, stress cohort).
// Here each blast-gate event is tested against the normal phenotypes the SAME tube's evidence can
// identify — a phenotype incompatible with the lineage(s) the gate's markers call, so never the
// leukemic cluster itself:
// - B-cell precursors (hematogones): CD19+ or cyCD79a+, cyCD3−, cyMPO−, when the blasts are not
//   B lineage (McKenna et al., Blood 2001;98:2498–507: normal B precursors in every marrow).
// - Myeloid progenitors: CD34+ with no B or T marker (CD19−, cyCD79a−, cyCD3−, CD7−), when the
//   blasts are not myeloid (domain.md: CD34+ myeloid progenitors ≈ 1 %; their cyMPO is dim or
//   absent, so a myeloid call cannot tell them from AML blasts — they stay counted then).
// - NK cells: rescued from the lymphocyte gate (CD45 bright, lymphocyte scatter) with CD7+ and
//   cyCD3, CD34, CD19, cyCD79a, cyMPO all negative (NK: CD7+ smCD3− cyCD3ε −/dim; EuroFlow ALOT,
//   van Dongen et al., Leukemia 2012). Applied for every lineage: CD7+ cyCD3− CD34− blasts with
//   lymphocyte-bright CD45 are indistinguishable from NK cells in ALOT and are rare.
//   NK cells are CD45 bright like mature T cells: only events with CD45 at or above the rule set's
//   percentile of the tube's mature T cells count as NK (T blasts whose CD45 reaches the
//   lymphocytes are mostly dimmer than that).
// And one addition, when the blasts are T lineage: events of the monocyte gate with cyCD3 above
// the negative control and smCD3 low (< ¼ of the mature T cells' median, as the template's
// rescue). Monocytes are cyCD3− (EuroFlow ALOT); T blasts with monocyte-like CD45/SSC land there
// and the template rescues only the CD34+ ones from that gate. CD7 alone is not used: NK cells
// (CD7+) reach that gate too.
// Nothing is subtracted when an internal control failed or the gate's markers call no lineage.
// What cannot be separated per event and stays counted: hematogones inside a B-lineage call (the
// maturation check, rules L10/L11, judges that pattern), myeloid progenitors inside a myeloid call.
import { TPL, type AlotColumns, type TemplateResult } from './alot-template';
import type { MarkerFinding } from './lineage';
import type { AbnormalBlastRules } from './rules';
import { gather, percentileInPlace, type LabelIndex } from './stats';
import { truncateDigits } from './mrd';

export type AddedPopulationCode = 'T_BLASTS_IN_MONOCYTE_GATE';

export interface AddedPopulation {
  population: AddedPopulationCode;
  events: number;
  percentNucleated: number;
  reason: string;
}

export type SubtractedPopulationCode = 'B_PRECURSOR' | 'MYELOID_PROGENITOR' | 'NK';

export interface SubtractedPopulation {
  population: SubtractedPopulationCode;
  events: number;
  /** % of nucleated events. */
  percentNucleated: number;
  /** Phenotype used and why it is normal (plain language, for the analyst). */
  reason: string;
}

/**
 * Why the engine subtracted nothing (the early returns of countAbnormalBlasts), for programs: the
 * arithmetic line says the same in English for the analyst.
 * - NO_CONTROL: a marker needed to tell normal from leukemic cells has no column or no upper
 *   limit of negative (no internal control to compute it from).
 * - CONTROL_FAILED: the marker's internal control exists but failed (call 'no_control').
 * - NO_LINEAGE: the gate's markers call no lineage, so no phenotype is "incompatible" with it.
 */
export type NothingSubtractedCode = 'NO_CONTROL' | 'CONTROL_FAILED' | 'NO_LINEAGE';

export interface NothingSubtracted {
  reasonCode: NothingSubtractedCode;
  /** The markers concerned (NO_CONTROL, CONTROL_FAILED), in panel order; empty for NO_LINEAGE. */
  markers: string[];
}

export interface AbnormalBlastCount {
  /** Everything in the CD45-dim/SSC-low gate (with the rescued immature events). */
  gateEvents: number;
  gatePercent: number;
  /** Gate events minus the normal populations identified below: the WHO count. */
  events: number;
  percent: number;
  subtracted: SubtractedPopulation[];
  /** Events of other gates counted as abnormal blasts (T lineage: cyCD3+ smCD3-low monocyte-gate events). */
  added: AddedPopulation[];
  /** Lineages the gate's markers call, which decide what may be subtracted. */
  lineages: { b: boolean; t: boolean; myeloid: boolean };
  /** One line with the arithmetic, e.g. "blast gate 22.4 % − NK 1.8 % − … = 19.6 %". */
  arithmetic: string;
  /** Present only when subtraction was not attempted, with the reason (see NothingSubtractedCode). */
  nothingSubtracted?: NothingSubtracted;
}

const isPos = (f: MarkerFinding | undefined): boolean => !!f && (f.call === 'positive' || f.call === 'partial');

const LABEL: Record<SubtractedPopulationCode, string> = {
  B_PRECURSOR: 'B-cell precursors (hematogones)',
  MYELOID_PROGENITOR: 'myeloid progenitors',
  NK: 'NK cells',
};

/**
 * Count the abnormal blasts of the gate. `markers` are the findings on the whole gate (their
 * upper limits of negative come from the tube's internal controls); `index` lists events by label.
 */
export function countAbnormalBlasts(cols: AlotColumns, tpl: TemplateResult, markers: Record<string, MarkerFinding>, rules: AbnormalBlastRules, index: LabelIndex): AbnormalBlastCount {
  const nucleated = tpl.exclusion.nucleated;
  const gateEvents = index.start[TPL.BLAST + 1]! - index.start[TPL.BLAST]!;
  const pctOf = (k: number) => (nucleated > 0 ? (k / nucleated) * 100 : 0); // as lineage.ts computes the gate %
  const b = isPos(markers['CD19']) && isPos(markers['cyCD79a']);
  const t = isPos(markers['cyCD3']);
  // Myeloid as in rules L4/L5: cyMPO+, or CD7+ without cyCD3 and without B lineage.
  const myeloid = isPos(markers['cyMPO']) || (isPos(markers['CD7']) && !t && !b);
  const lineages = { b, t, myeloid };
  const names = ['CD19', 'cyCD79a', 'cyCD3', 'CD7', 'CD34', 'cyMPO'] as const;
  const col: Record<string, Float64Array> = {};
  const uln: Record<string, number> = {};
  for (const m of names) {
    const c = cols[m], f = markers[m];
    if (!c || !f || !Number.isFinite(f.upperLimitOfNegative)) {
      return { gateEvents, gatePercent: pctOf(gateEvents), events: gateEvents, percent: pctOf(gateEvents), subtracted: [], added: [], lineages, arithmetic: `blast gate ${truncateDigits(pctOf(gateEvents), 1)} %: no internal control for ${m}, nothing subtracted`, nothingSubtracted: { reasonCode: 'NO_CONTROL', markers: [m] } };
    }
    col[m] = c; uln[m] = f.upperLimitOfNegative;
  }
  // Subtraction needs a judged leukemic phenotype: with a failed internal control, or no lineage
  // called on the gate, no normal population can be told from the leukemic one — the whole gate
  // counts (a CD34+ lineage-negative population filling the gate is not "normal progenitors").
  const failed = names.filter((m) => markers[m]!.call === 'no_control');
  if (failed.length || !(b || t || myeloid)) {
    const why = failed.length ? `no valid internal control for ${failed.join(', ')}` : 'no lineage called on the gate';
    const nothingSubtracted: NothingSubtracted = failed.length ? { reasonCode: 'CONTROL_FAILED', markers: [...failed] } : { reasonCode: 'NO_LINEAGE', markers: [] };
    return { gateEvents, gatePercent: pctOf(gateEvents), events: gateEvents, percent: pctOf(gateEvents), subtracted: [], added: [], lineages, arithmetic: `blast gate ${truncateDigits(pctOf(gateEvents), 1)} %: ${why}, nothing subtracted`, nothingSubtracted };
  }
  const c19 = col['CD19']!, c79 = col['cyCD79a']!, c3 = col['cyCD3']!, c7 = col['CD7']!, c34 = col['CD34']!, cmpo = col['cyMPO']!;
  const u19 = uln['CD19']!, u79 = uln['cyCD79a']!, u3 = uln['cyCD3']!, u7 = uln['CD7']!, u34 = uln['CD34']!, umpo = uln['cyMPO']!;
  const rescued = tpl.rescuedFrom;
  const c45 = cols['CD45'], sm = cols['smCD3'];
  const tCd45 = c45 ? gather(c45, index, TPL.T_CELL) : new Float64Array(0);
  // Too few mature T cells to say what "lymphocyte-bright" is: no NK subtraction.
  const nkMinCd45 = tCd45.length >= 30 ? percentileInPlace(tCd45, rules.nkMinCd45TCellPercentile) : Infinity;
  const doB = rules.subtractBPrecursors && !b;
  const doMyeloid = rules.subtractMyeloidProgenitors && !myeloid;
  const doNk = rules.subtractNkCells && !!rescued;
  let nB = 0, nMy = 0, nNk = 0;
  for (let j = index.start[TPL.BLAST]!, e = index.start[TPL.BLAST + 1]!; j < e; j++) {
    const i = index.order[j]!;
    const bPos = c19[i]! > u19 || c79[i]! > u79;
    const tPos = c3[i]! > u3;
    const mpoPos = cmpo[i]! > umpo;
    const p34 = c34[i]! > u34;
    const p7 = c7[i]! > u7;
    if (doNk && p7 && !bPos && !tPos && !mpoPos && !p34 && (rescued![i] === TPL.LYMPHOCYTE || rescued![i] === TPL.T_CELL) && c45![i]! >= nkMinCd45) nNk++;
    else if (doB && bPos && !tPos && !mpoPos) nB++;
    else if (doMyeloid && p34 && !bPos && !tPos && !p7) nMy++;
  }
  // T blasts in the monocyte gate (see the header).
  let nT = 0;
  const smPosMedian = markers['smCD3']?.positiveControl?.median ?? NaN;
  if (rules.addTBlastsFromMonocyteGate && t && sm && Number.isFinite(smPosMedian)) {
    const smLow = 0.25 * smPosMedian;
    for (let j = index.start[TPL.MONOCYTE]!, e = index.start[TPL.MONOCYTE + 1]!; j < e; j++) {
      const i = index.order[j]!;
      if (sm[i]! < smLow && c3[i]! > u3) nT++;
    }
  }
  const added: AddedPopulation[] = nT > 0 ? [{ population: 'T_BLASTS_IN_MONOCYTE_GATE', events: nT, percentNucleated: pctOf(nT), reason: 'cyCD3+ with smCD3 low in the monocyte gate (monocytes are cyCD3−) while the blasts are T lineage' }] : [];
  const subtracted: SubtractedPopulation[] = [];
  const add = (population: SubtractedPopulationCode, events: number, reason: string) => {
    if (events > 0) subtracted.push({ population, events, percentNucleated: pctOf(events), reason });
  };
  add('NK', nNk, `CD7+ with cyCD3, CD34, CD19, cyCD79a and cyMPO negative, moved from the lymphocyte gate, CD45 at least the mature T cells' ${rules.nkMinCd45TCellPercentile}th percentile: NK phenotype`);
  add('B_PRECURSOR', nB, 'CD19+ or cyCD79a+ (cyCD3−, cyMPO−) while the blasts are not B lineage: normal B-cell precursors');
  add('MYELOID_PROGENITOR', nMy, 'CD34+ without B or T markers (CD19−, cyCD79a−, cyCD3−, CD7−) while the blasts are not myeloid: normal myeloid progenitors');
  const events = gateEvents + nT - nNk - nB - nMy;
  const arithmetic = `blast gate (CD45 dim, SSC low) ${truncateDigits(pctOf(gateEvents), 1)} %`
    + added.map((a) => ` + T blasts in the monocyte gate ${truncateDigits(a.percentNucleated, 1)} %`).join('')
    + subtracted.map((s) => ` − ${LABEL[s.population]} ${truncateDigits(s.percentNucleated, 1)} %`).join('')
    + ` = abnormal blasts ${truncateDigits(pctOf(events), 1)} % of ${nucleated} nucleated events`;
  return { gateEvents, gatePercent: pctOf(gateEvents), events, percent: pctOf(events), subtracted, added, lineages, arithmetic };
}
