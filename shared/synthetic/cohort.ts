// Seeded cohorts of synthetic tubes with known truth, and the accuracy measurement shared by the
// cohort test (tests/unit/clinical/accuracy.test.ts) and bench/accuracy.ts. Each tube goes
// FCS bytes → parseFcs → compensation → template → rules, the path the CLI takes.
import { parseFcs } from '../fcs/parse';
import { readGatingML } from '../gating/gatingml/read';
import { classifyDataset } from '../clinical/pipeline';
import { mrdFromGating } from '../clinical/mrd-gating';
import { LINEAGE_CATEGORIES, type LineageCategory } from '../clinical/lineage';
import type { TemplateOptions } from '../clinical/alot-template';
import type { RuleSet } from '../clinical/rules';
import { generateAlotTube, generateMrdTube, POP, type AlotTubeOptions, type Difficulty, type Instrument, type SyntheticCategory } from './alot';
import { tubeToFcs } from './fcs';
import { evaluate } from '../gating/evaluate';
import { mrdGatingML, MRD_GATE_IDS } from './mrd-gates';
import { createRng } from './prng';

const LEUKEMIC: Array<Exclude<SyntheticCategory, 'NO_LEUKEMIA'>> = ['PRO_B_ALL', 'PRO_B_PRE_B_ALL', 'PRE_B_ALL', 'T_ALL', 'AML', 'MPAL'];

/** Cohort rows: the six leukemic categories, normal / sub-threshold marrow, regenerating marrow. */
export type CohortRow = SyntheticCategory | 'NO_LEUKEMIA_REGENERATING';
export const COHORT_ROWS: readonly CohortRow[] = [...LEUKEMIC, 'NO_LEUKEMIA', 'NO_LEUKEMIA_REGENERATING'];

/**
 * `size` tube specifications, cycling over COHORT_ROWS: the six leukemic categories at blast loads
 * 20–90 %; NO_LEUKEMIA tubes (half normal marrow, half with a sub-threshold abnormal population of
 * 2–12 %); and regenerating marrows (NO_LEUKEMIA truth, hematogones 5–30 % of nucleated cells).
 * Sub-threshold loads stop at 12 % because normal CD34+ precursors add to the CD45-dim gate
 * (domain.md). Both instruments. `difficulty` defaults to 'realistic' (alot.ts header); in it
 * one tube in ten is low-cellularity.
 */
export function alotCohort(opts: {
  seed: number; size: number; events?: number; difficulty?: Difficulty;
  /** Blast % range of the leukemic tubes (default 20–90). */
  blastRange?: [number, number];
  /** Range of the sub-threshold abnormal population in NO_LEUKEMIA tubes (default 2–12). */
  subthresholdRange?: [number, number];
}): AlotTubeOptions[] {
  const [b0, b1] = opts.blastRange ?? [20, 90];
  const [s0, s1] = opts.subthresholdRange ?? [2, 12];
  const rng = createRng(opts.seed);
  const difficulty = opts.difficulty ?? 'realistic';
  const out: AlotTubeOptions[] = [];
  for (let i = 0; i < opts.size; i++) {
    const row = COHORT_ROWS[i % COHORT_ROWS.length]!;
    const category: SyntheticCategory = row === 'NO_LEUKEMIA_REGENERATING' ? 'NO_LEUKEMIA' : row;
    const instrument: Instrument = rng.next() < 0.5 ? 'canto' : 'lyric';
    const blastPercent = row === 'NO_LEUKEMIA_REGENERATING' ? 0
      : category === 'NO_LEUKEMIA' ? (rng.next() < 0.5 ? 0 : rng.uniform(s0, s1))
      : rng.uniform(b0, b1);
    const spec: AlotTubeOptions = { seed: opts.seed * 100_003 + i, category, blastPercent, instrument, difficulty };
    if (opts.events) spec.events = opts.events;
    if (row === 'NO_LEUKEMIA' && blastPercent > 0) spec.subthresholdPhenotype = rng.pick(LEUKEMIC);
    if (row === 'NO_LEUKEMIA_REGENERATING') spec.hematogonePercent = rng.uniform(5, 30);
    if (difficulty === 'realistic' && rng.next() < 0.1) spec.lowCellularity = true;
    out.push(spec);
  }
  return out;
}

/** The cohort row of a tube specification (regenerating marrow has its own row). */
export function cohortRow(spec: AlotTubeOptions): CohortRow {
  return spec.category === 'NO_LEUKEMIA' && (spec.hematogonePercent ?? 0) >= 5 ? 'NO_LEUKEMIA_REGENERATING' : spec.category;
}

export interface CaseResult {
  spec: AlotTubeOptions;
  truth: SyntheticCategory;
  row: CohortRow;
  /**
   * Right, or the documented acceptable answer: a regenerating marrow suggested UNDETERMINED by
   * the hematogone rule (the BCP-ALL panel is then run; no leukemia is called).
   */
  acceptable: boolean;
  explanation: string;
  predicted: LineageCategory;
  rule: string;
  trueBlastPercent: number;
  /** The suggestion's blast % (from rule set 2025.3 the abnormal population). */
  measuredBlastPercent: number;
  /** The whole CD45-dim/SSC-low gate, % of nucleated events. */
  gatePercent: number;
}

export interface AccuracyReport {
  cases: CaseResult[];
  /** confusion[row][predicted] = count; rows are COHORT_ROWS. */
  confusion: Record<string, Record<string, number>>;
  correct: number;
  accuracy: number;
  /** Correct or documented-acceptable (see CaseResult.acceptable). */
  acceptable: number;
  acceptableAccuracy: number;
  /** Leukemia called on a NO_LEUKEMIA tube, or no leukemia on a leukemic one: the harmful errors. */
  leukemiaCallErrors: number;
  /** Mean |measured − true| blast % over leukemic tubes. */
  meanBlastError: number;
  milliseconds: number;
}

/** Rule id of the hematogone / regenerating-marrow check in lineage.ts. */
export const HEMATOGONE_RULE_ID = 'L10';

/** `rules` defaults to the current rule set; pass an older one to measure it in the same run. */
export function measureLineageAccuracy(specs: AlotTubeOptions[], now: () => number = () => Date.now(), template?: TemplateOptions, rules?: RuleSet): AccuracyReport {
  const t0 = now();
  const confusion: Record<string, Record<string, number>> = {};
  for (const t of COHORT_ROWS) confusion[t] = Object.fromEntries(LINEAGE_CATEGORIES.map((c) => [c, 0]));
  const cases: CaseResult[] = [];
  let correct = 0, acceptable = 0, harmful = 0, errSum = 0, errN = 0;
  for (const spec of specs) {
    const tube = generateAlotTube(spec);
    const ds = parseFcs(tubeToFcs(tube));
    const { suggestion } = classifyDataset(ds, { ...(template ? { template } : {}), ...(rules ? { rules } : {}) });
    const truth = tube.truth.category;
    const row = cohortRow(spec);
    const predicted = suggestion.category;
    confusion[row]![predicted]!++;
    const right = predicted === truth;
    const ok = right || (row === 'NO_LEUKEMIA_REGENERATING' && predicted === 'UNDETERMINED' && suggestion.rule.id === HEMATOGONE_RULE_ID);
    if (right) correct++;
    if (ok) acceptable++;
    const calledLeukemia = predicted !== 'NO_LEUKEMIA' && predicted !== 'UNDETERMINED';
    if ((truth === 'NO_LEUKEMIA' && calledLeukemia) || (truth !== 'NO_LEUKEMIA' && predicted === 'NO_LEUKEMIA')) harmful++;
    if (truth !== 'NO_LEUKEMIA') { errSum += Math.abs(suggestion.blastPercent - tube.truth.blastPercent); errN++; }
    cases.push({
      spec, truth, row, predicted, acceptable: ok, rule: suggestion.rule.id, explanation: suggestion.explanation[0] ?? '',
      trueBlastPercent: tube.truth.blastPercent, measuredBlastPercent: suggestion.blastPercent, gatePercent: suggestion.blastGatePercent ?? suggestion.blastPercent,
    });
  }
  return {
    cases, confusion, correct, accuracy: specs.length ? correct / specs.length : NaN,
    acceptable, acceptableAccuracy: specs.length ? acceptable / specs.length : NaN, leukemiaCallErrors: harmful,
    meanBlastError: errN ? errSum / errN : NaN, milliseconds: now() - t0,
  };
}

export interface MrdCase {
  mrdFraction: number;
  events: number;
  seed: number;
  difficulty: Difficulty;
  trueLeukemic: number;
  trueNucleated: number;
  trueMrdPercent: number;
  measuredLeukemic: number;
  measuredNucleated: number;
  measuredMrdPercent: number;
  /** Non-leukemic events (by truth) inside the leukemic gate, e.g. hematogones. */
  falsePositiveEvents: number;
  /** Leukemic events (by truth) outside the leukemic gate. */
  missedLeukemicEvents: number;
  /** Hematogones as % of the true nucleated events (regenerating marrow in realistic tubes). */
  hematogonePercent: number;
  status: string;
  /** |measured − true| / true, for tubes at or above the LLOQ. */
  relativeError: number;
  milliseconds: number;
}

/** MRD through FCS bytes and the Gating-ML gates of the tube's difficulty, default (template) denominator. */
export function measureMrd(cases: Array<{ mrdFraction: number; events: number; seed: number; difficulty?: Difficulty }>, now: () => number = () => Date.now()): MrdCase[] {
  const strategies = { easy: readGatingML(mrdGatingML('canto', 'easy')), realistic: readGatingML(mrdGatingML('canto', 'realistic')) };
  return cases.map(({ mrdFraction, events, seed, difficulty = 'easy' }) => {
    const strategy = strategies[difficulty];
    const t0 = now();
    const tube = generateMrdTube({ seed, mrdFraction, events, difficulty });
    const ds = parseFcs(tubeToFcs(tube));
    const r = mrdFromGating(ds, strategy, { leukemicId: MRD_GATE_IDS.leukemic });
    const ms = now() - t0;
    // Truth behind the count (not used by the measurement).
    const members = evaluate(strategy, ds).populations.get(MRD_GATE_IDS.leukemic)!.members;
    const pop = tube.truth.populationOfEvent;
    let fp = 0, tp = 0, hem = 0;
    members.forEach((e) => { if (pop[e] === POP.LEUKEMIC) tp++; else fp++; });
    for (let i = 0; i < pop.length; i++) if (pop[i] === POP.HEMATOGONE) hem++;
    const truePct = (tube.truth.leukemicEvents / tube.truth.nucleatedEvents) * 100;
    return {
      mrdFraction, events, seed, difficulty, trueLeukemic: tube.truth.leukemicEvents, trueNucleated: tube.truth.nucleatedEvents, trueMrdPercent: truePct,
      measuredLeukemic: r.leukemicEvents, measuredNucleated: r.nucleatedEvents, measuredMrdPercent: r.mrdPercent, status: r.status,
      falsePositiveEvents: fp, missedLeukemicEvents: tube.truth.leukemicEvents - tp, hematogonePercent: (100 * hem) / tube.truth.nucleatedEvents,
      relativeError: truePct > 0 ? Math.abs(r.mrdPercent - truePct) / truePct : NaN, milliseconds: ms,
    };
  });
}
