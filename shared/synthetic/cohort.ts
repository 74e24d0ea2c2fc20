// Seeded cohorts of synthetic tubes with known truth, and the accuracy measurement shared by the
// cohort test (tests/unit/clinical/accuracy.test.ts) and bench/accuracy.ts. Each tube goes
// FCS bytes → parseFcs → compensation → template → rules, the path the CLI takes.
import { parseFcs } from '../fcs/parse';
import { readGatingML } from '../gating/gatingml/read';
import { classifyDataset } from '../clinical/pipeline';
import { mrdFromGating } from '../clinical/mrd-gating';
import { LINEAGE_CATEGORIES, type LineageCategory } from '../clinical/lineage';
import type { TemplateOptions } from '../clinical/alot-template';
import { generateAlotTube, generateMrdTube, type AlotTubeOptions, type Instrument, type SyntheticCategory } from './alot';
import { tubeToFcs } from './fcs';
import { mrdGatingML, MRD_GATE_IDS } from './mrd-gates';
import { createRng } from './prng';

const LEUKEMIC: Array<Exclude<SyntheticCategory, 'NO_LEUKEMIA'>> = ['PRO_B_ALL', 'PRO_B_PRE_B_ALL', 'PRE_B_ALL', 'T_ALL', 'AML', 'MPAL'];

/**
 * `size` tube specifications: the six leukemic categories at blast loads 20–90 % and NO_LEUKEMIA
 * tubes (half normal marrow, half with a sub-threshold abnormal population of 2–12 %), both
 * instruments. Sub-threshold loads stop at 12 % because normal CD34+ precursors add ≈ 4 % to
 * the CD45-dim gate (domain.md), so the measured blast % of such a tube stays below 20 %.
 */
export function alotCohort(opts: { seed: number; size: number; events?: number }): AlotTubeOptions[] {
  const rng = createRng(opts.seed);
  const out: AlotTubeOptions[] = [];
  const kinds = [...LEUKEMIC, 'NO_LEUKEMIA'] as SyntheticCategory[];
  for (let i = 0; i < opts.size; i++) {
    const category = kinds[i % kinds.length]!;
    const instrument: Instrument = rng.next() < 0.5 ? 'canto' : 'lyric';
    const blastPercent = category === 'NO_LEUKEMIA'
      ? (rng.next() < 0.5 ? 0 : rng.uniform(2, 12))
      : rng.uniform(20, 90);
    out.push({
      seed: opts.seed * 100_003 + i, category, blastPercent, instrument,
      ...(opts.events ? { events: opts.events } : {}),
      ...(category === 'NO_LEUKEMIA' ? { subthresholdPhenotype: rng.pick(LEUKEMIC) } : {}),
    });
  }
  return out;
}

export interface CaseResult {
  spec: AlotTubeOptions;
  truth: SyntheticCategory;
  predicted: LineageCategory;
  rule: string;
  trueBlastPercent: number;
  measuredBlastPercent: number;
}

export interface AccuracyReport {
  cases: CaseResult[];
  /** confusion[truth][predicted] = count. */
  confusion: Record<string, Record<string, number>>;
  correct: number;
  accuracy: number;
  /** Mean |measured − true| blast % over leukemic tubes. */
  meanBlastError: number;
  milliseconds: number;
}

export function measureLineageAccuracy(specs: AlotTubeOptions[], now: () => number = () => Date.now(), template?: TemplateOptions): AccuracyReport {
  const t0 = now();
  const confusion: Record<string, Record<string, number>> = {};
  for (const t of [...LEUKEMIC, 'NO_LEUKEMIA']) confusion[t] = Object.fromEntries(LINEAGE_CATEGORIES.map((c) => [c, 0]));
  const cases: CaseResult[] = [];
  let correct = 0, errSum = 0, errN = 0;
  for (const spec of specs) {
    const tube = generateAlotTube(spec);
    const ds = parseFcs(tubeToFcs(tube));
    const { suggestion } = classifyDataset(ds, template ? { template } : {});
    const truth = tube.truth.category;
    confusion[truth]![suggestion.category]!++;
    if (suggestion.category === truth) correct++;
    if (truth !== 'NO_LEUKEMIA') { errSum += Math.abs(suggestion.blastPercent - tube.truth.blastPercent); errN++; }
    cases.push({ spec, truth, predicted: suggestion.category, rule: suggestion.rule.id, trueBlastPercent: tube.truth.blastPercent, measuredBlastPercent: suggestion.blastPercent });
  }
  return { cases, confusion, correct, accuracy: specs.length ? correct / specs.length : NaN, meanBlastError: errN ? errSum / errN : NaN, milliseconds: now() - t0 };
}

export interface MrdCase {
  mrdFraction: number;
  events: number;
  seed: number;
  trueLeukemic: number;
  trueNucleated: number;
  trueMrdPercent: number;
  measuredLeukemic: number;
  measuredNucleated: number;
  measuredMrdPercent: number;
  status: string;
  /** |measured − true| / true, for tubes at or above the LLOQ. */
  relativeError: number;
  milliseconds: number;
}

/** MRD through FCS bytes and the Gating-ML gates, default (template) denominator. */
export function measureMrd(cases: Array<{ mrdFraction: number; events: number; seed: number }>, now: () => number = () => Date.now()): MrdCase[] {
  const strategy = readGatingML(mrdGatingML('canto'));
  return cases.map(({ mrdFraction, events, seed }) => {
    const t0 = now();
    const tube = generateMrdTube({ seed, mrdFraction, events });
    const ds = parseFcs(tubeToFcs(tube));
    const r = mrdFromGating(ds, strategy, { leukemicId: MRD_GATE_IDS.leukemic });
    const truePct = (tube.truth.leukemicEvents / tube.truth.nucleatedEvents) * 100;
    return {
      mrdFraction, events, seed, trueLeukemic: tube.truth.leukemicEvents, trueNucleated: tube.truth.nucleatedEvents, trueMrdPercent: truePct,
      measuredLeukemic: r.leukemicEvents, measuredNucleated: r.nucleatedEvents, measuredMrdPercent: r.mrdPercent, status: r.status,
      relativeError: truePct > 0 ? Math.abs(r.mrdPercent - truePct) / truePct : NaN, milliseconds: now() - t0,
    };
  });
}
