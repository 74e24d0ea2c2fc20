// Accuracy of the clinical interpretation on synthetic tubes with known truth (issue #7):
// - lineage: confusion matrix of suggested vs true category on a seeded ALOT cohort, at the
//   'realistic' difficulty (the claim) and at 'easy' (the previous claim), per-category
//   sensitivity, blast % error;
// - a baseline in the same run: the template with fixed gates instead of the adaptive fit;
// - MRD: measured vs true MRD % from 10⁻² to 10⁻⁵ (10⁻⁵ with 6 × 10⁶ events, Theunissen 2017),
//   easy and realistic (regenerating marrow, overlapping phenotype), with the events behind it;
// - the floor measured in the same run: generating + writing + parsing a tube (work any analysis
//   must do before it starts), against which the classification time is given as a ratio.
// The final cohort seed (7) was not used while tuning the classifier (tuning: seeds 11 and 2026).
// Usage: node scripts/build.mjs --bench && node dist/bench/accuracy.mjs [cohortSize] [eventsPerTube]
import fs from 'node:fs';
import path from 'node:path';
import { alotCohort, COHORT_ROWS, measureLineageAccuracy, measureMrd, type AccuracyReport, type MrdCase } from '../shared/synthetic/cohort';
import { generateAlotTube, tubeToFcs, type AlotTubeOptions } from '../shared/synthetic';
import { parseFcs } from '../shared/fcs/parse';
import { LINEAGE_CATEGORIES } from '../shared/clinical/lineage';
import { CURRENT_RULE_SET, ONCOCREAN_2025_2 } from '../shared/clinical/rules';
import { mrdFromCounts, formatPercent } from '../shared/clinical/mrd';

const SEED = 7;
const size = Number(process.argv[2] ?? 280);
const events = Number(process.argv[3] ?? 50_000);
const now = () => performance.now();
const pct = (x: number, d = 1) => `${(100 * x).toFixed(d)} %`;

const realisticSpecs = alotCohort({ seed: SEED, size, events, difficulty: 'realistic' });
const easySpecs = alotCohort({ seed: SEED, size, events, difficulty: 'easy' });

// Floor: the same tubes generated, written and parsed, without analysis.
function floorMs(specs: AlotTubeOptions[]): number {
  const k = Math.min(40, specs.length);
  const t0 = now();
  for (const s of specs.slice(0, k)) parseFcs(tubeToFcs(generateAlotTube(s)));
  return (now() - t0) / k;
}

function confusionTable(r: AccuracyReport): string[] {
  const header = `| truth \\ suggested | ${LINEAGE_CATEGORIES.join(' | ')} | n | sensitivity (right) | acceptable |`;
  const sep = `|---|${LINEAGE_CATEGORIES.map(() => '---:').join('|')}|---:|---:|---:|`;
  const rows = COHORT_ROWS.map((row) => {
    const m = r.confusion[row]!;
    const n = Object.values(m).reduce((a, b) => a + b, 0);
    const truth = row === 'NO_LEUKEMIA_REGENERATING' ? 'NO_LEUKEMIA' : row;
    const ok = r.cases.filter((c) => c.row === row && c.acceptable).length;
    const label = row === 'NO_LEUKEMIA_REGENERATING' ? 'NO_LEUKEMIA (regenerating, hematogones 5–30 %)' : row === 'NO_LEUKEMIA' ? 'NO_LEUKEMIA (normal or sub-threshold abnormal population)' : row;
    return `| ${label} | ${LINEAGE_CATEGORIES.map((c) => (m[c] ? String(m[c]) : '·')).join(' | ')} | ${n} | ${n ? pct((m[truth] ?? 0) / n) : '–'} | ${n ? pct(ok / n) : '–'} |`;
  });
  return [header, sep, ...rows];
}

function blastErrors(r: AccuracyReport): { mean: number; p95: number; bias: number } {
  const e = r.cases.filter((c) => c.truth !== 'NO_LEUKEMIA').map((c) => c.measuredBlastPercent - c.trueBlastPercent);
  const abs = e.map(Math.abs).sort((a, b) => a - b);
  return { mean: abs.reduce((a, b) => a + b, 0) / abs.length, p95: abs[Math.floor(0.95 * (abs.length - 1))]!, bias: e.reduce((a, b) => a + b, 0) / e.length };
}

const realistic = measureLineageAccuracy(realisticSpecs, now);
const realisticFixed = measureLineageAccuracy(realisticSpecs, now, { adaptive: false });
const easy = measureLineageAccuracy(easySpecs, now);
const easyFixed = measureLineageAccuracy(easySpecs, now, { adaptive: false });
// Stress run (reported, not the claim): leukemias at 20–25 % blasts and sub-threshold abnormal
// populations of 12–18 %, where normal CD45-dim cells (+2–3 points) decide the call.
// Rule set 2025.3 counts the ABNORMAL blast population (gate minus normal cells identified in the
// tube); 2025.2 (the previous current rule set, blast % = the whole CD45-dim gate) is measured on
// the same tubes in the same run for the before/after. Stress seed 9 was used while tuning 2025.3
// (with seeds 11 and 2026); seed 8 never was and is reported last.
const stressOf = (seed: number) => alotCohort({ seed, size: Math.round(size / 2), events, difficulty: 'realistic', blastRange: [20, 25], subthresholdRange: [12, 18] });
const stressSpecs = stressOf(SEED + 1);
const stress = measureLineageAccuracy(stressSpecs, now);
const stressBefore = measureLineageAccuracy(stressSpecs, now, undefined, ONCOCREAN_2025_2);
const tuneSpecs = stressOf(9);
const tune = measureLineageAccuracy(tuneSpecs, now);
const tuneBefore = measureLineageAccuracy(tuneSpecs, now, undefined, ONCOCREAN_2025_2);
const realisticBefore = measureLineageAccuracy(realisticSpecs, now, undefined, ONCOCREAN_2025_2);
const floorRealistic = floorMs(realisticSpecs);
const perTubeMs = realistic.milliseconds / realisticSpecs.length;

const summaryRow = (name: string, r: AccuracyReport) => {
  const b = blastErrors(r);
  return `| ${name} | ${r.correct}/${r.cases.length} = **${pct(r.accuracy)}** | ${r.acceptable}/${r.cases.length} = ${pct(r.acceptableAccuracy)} | ${r.leukemiaCallErrors} | ${b.mean.toFixed(2)} | ${b.bias >= 0 ? '+' : ''}${b.bias.toFixed(2)} | ${b.p95.toFixed(1)} |`;
};

const wrong = realistic.cases.filter((c) => !c.acceptable)
  .map((c) => `- ${c.row} → ${c.predicted} (rule ${c.rule}; seed ${c.spec.seed}; true blasts ${c.trueBlastPercent.toFixed(1)} %, measured ${c.measuredBlastPercent.toFixed(1)} %, gate ${c.gatePercent.toFixed(1)} %${c.spec.lowCellularity ? '; low cellularity' : ''}): ${c.explanation}`);
const regen = realistic.cases.filter((c) => c.row === 'NO_LEUKEMIA_REGENERATING');
const regenRules = Object.entries(regen.reduce<Record<string, number>>((a, c) => ({ ...a, [c.rule]: (a[c.rule] ?? 0) + 1 }), {})).map(([k, v]) => `${k} × ${v}`).join(', ');
const regenBlastMax = Math.max(...regen.map((c) => c.gatePercent));

// MRD: easy and realistic, 10⁻² … 10⁻⁵ (≥ 50 leukemic events at 10⁻⁵ needs ≥ 5 × 10⁶ events).
const levels = [
  { mrdFraction: 1e-2, events: 200_000 },
  { mrdFraction: 1e-3, events: 500_000 },
  { mrdFraction: 1e-4, events: 1_000_000 },
  { mrdFraction: 3e-5, events: 3_000_000 },
  { mrdFraction: 1e-5, events: 6_000_000 },
  { mrdFraction: 0, events: 2_000_000 },
];
const mrd = measureMrd([
  ...levels.map((l, i) => ({ ...l, seed: 700 + i, difficulty: 'easy' as const })),
  ...levels.map((l, i) => ({ ...l, seed: 710 + i, difficulty: 'realistic' as const })),
], now);
const lloq = CURRENT_RULE_SET.mrd.lloqEvents;
const mrdRow = (m: MrdCase) => {
  const aboveLloq = m.trueLeukemic >= lloq;
  const ok = aboveLloq ? (m.relativeError < 0.1 ? 'yes' : 'NO') : m.trueLeukemic === 0 ? (m.status === 'not_detected' ? 'yes (negative)' : 'NO (false positive)') : 'n/a (< LLOQ)';
  const lod = mrdFromCounts({ leukemicEvents: 0, nucleatedEvents: m.measuredNucleated }).lodPercent;
  const err = m.trueLeukemic ? `${(100 * (m.measuredMrdPercent - m.trueMrdPercent) / m.trueMrdPercent).toFixed(1)} %` : '–';
  return `| ${m.difficulty} | ${m.mrdFraction ? m.mrdFraction.toExponential(0) : '0'} | ${m.events.toLocaleString('en')} | ${m.hematogonePercent.toFixed(1)} % | ${m.trueLeukemic} / ${m.trueNucleated} | ${m.measuredLeukemic} / ${m.measuredNucleated} | ${m.missedLeukemicEvents} / ${m.falsePositiveEvents} | ${formatPercent(m.measuredMrdPercent)} | ${m.status} | ${err} | ${ok} | ${formatPercent(lod)} | ${(m.milliseconds / 1000).toFixed(1)} s |`;
};
const mrdQuant = mrd.filter((m) => m.trueLeukemic >= lloq);
const mrdOk = mrdQuant.every((m) => m.relativeError < 0.1) && mrd.filter((m) => m.trueLeukemic === 0).every((m) => m.status === 'not_detected');
const worstRealistic = Math.max(...mrdQuant.filter((m) => m.difficulty === 'realistic').map((m) => m.relativeError));

const md = [
  '# Clinical accuracy on synthetic tubes (bench/accuracy.ts)',
  '',
  `Rule set ${CURRENT_RULE_SET.version} (before/after rows: ${ONCOCREAN_2025_2.version}). Cohort seed ${SEED} (never used while tuning; tuning used seeds 11, 2026 and stress seed 9): ${size} ALOT tubes of ${events.toLocaleString('en')} events (low-cellularity tubes: 60 % of that), cycling over the six leukemic categories at 20–90 % blasts, NO_LEUKEMIA (normal marrow or a 2–12 % abnormal population) and regenerating marrow (NO_LEUKEMIA truth, hematogones 5–30 % as a maturation continuum). Path: FCS bytes → parseFcs → compensation (SPILL) → logicle CD45/SSC template → rules. The classifier never reads the truth.`,
  '',
  '**Difficulty.** *easy*: populations separate cleanly (the previous claim). *realistic* (shared/synthetic/alot.ts): blast CD45 from nearly negative to lymphocyte/monocyte-like, SSC spread, bimodal and dim-positive antigens placed near the rule-set thresholds (with margins so the truth stays exact), photon noise ∝ √signal before compensation (spreading error, instrument-dependent), detector gains ±0.2 decade and scatter ±25 % per tube, FACSLyric naming and more $PnS spellings, 5–15 % debris, 1–5 % doublets, 10 % low-cellularity tubes, NK cells (CD7+, part cyCD3 dim) and hematogones as a continuum in every marrow.',
  '',
  '**Truth of a regenerating marrow** is NO_LEUKEMIA. "Acceptable" also counts UNDETERMINED by rule L11 (hematogone pattern, "confirm with BCP-ALL panel") on those tubes: no leukemia is called and the panel is run. "Harmful" = leukemia called on a NO_LEUKEMIA tube or NO_LEUKEMIA on a leukemic one.',
  '',
  '## Summary',
  '',
  '| run | right | acceptable | harmful | mean abs blast % error (points) | bias | p95 abs error |',
  '|---|---:|---:|---:|---:|---:|---:|',
  summaryRow(`realistic, adaptive template (the claim), ${CURRENT_RULE_SET.version}`, realistic),
  summaryRow(`realistic, adaptive template, ${ONCOCREAN_2025_2.version} (before: blast % = whole gate)`, realisticBefore),
  summaryRow('realistic, fixed gates (baseline)', realisticFixed),
  summaryRow('easy, adaptive template', easy),
  summaryRow('easy, fixed gates (baseline)', easyFixed),
  summaryRow(`stress, tuning seed 9 (realistic): blasts 20–25 %, sub-threshold 12–18 %, ${ONCOCREAN_2025_2.version} (before)`, tuneBefore),
  summaryRow(`stress, tuning seed 9, ${CURRENT_RULE_SET.version}`, tune),
  summaryRow(`stress, held-out seed ${SEED + 1} (realistic): blasts 20–25 %, sub-threshold 12–18 %, ${ONCOCREAN_2025_2.version} (before)`, stressBefore),
  summaryRow(`stress, held-out seed ${SEED + 1}, ${CURRENT_RULE_SET.version}`, stress),
  '',
  `Blast % error is on leukemic tubes. With ${ONCOCREAN_2025_2.version} the blast % is the whole CD45-dim/SSC-low gate, biased upward by the normal cells that share it (hematogones, myeloid progenitors, NK cells counted by the immature-phenotype rescue). From ${CURRENT_RULE_SET.version} it is the abnormal population: the gate minus B-cell precursors when the blasts are not B lineage, CD34+ myeloid progenitors when they are not myeloid, and CD45-bright NK-phenotype events; T blasts of the monocyte gate are added (shared/clinical/abnormal-blasts.ts). Hematogones inside a B-lineage call and progenitors inside a myeloid call cannot be told apart per event in ALOT and stay counted.`,
  '',
  '## Confusion matrix — realistic, adaptive template',
  '',
  ...confusionTable(realistic),
  '',
  `Regenerating marrows: rules ${regenRules}; highest measured blast-gate % ${regenBlastMax.toFixed(1)} %.`,
  '',
  wrong.length ? `Not acceptable (${wrong.length}):` : 'Every tube right or acceptable.',
  ...wrong,
  '',
  '## Confusion matrix — stress near the 20 % threshold (realistic; not the claim)',
  '',
  ...confusionTable(stress),
  '',
  `Held-out seed ${SEED + 1}, ${CURRENT_RULE_SET.version}; not acceptable:`,
  ...stress.cases.filter((c) => !c.acceptable).map((c) => `- ${c.row} → ${c.predicted} (rule ${c.rule}; true abnormal ${c.trueBlastPercent.toFixed(1)} %, measured abnormal ${c.measuredBlastPercent.toFixed(1)} %, blast gate ${c.gatePercent.toFixed(1)} %)`),
  '',
  `Same tubes with ${ONCOCREAN_2025_2.version}; not acceptable:`,
  ...stressBefore.cases.filter((c) => !c.acceptable).map((c) => `- ${c.row} → ${c.predicted} (rule ${c.rule}; true abnormal ${c.trueBlastPercent.toFixed(1)} %, measured blast gate ${c.gatePercent.toFixed(1)} %)`),
  '',
  '## Confusion matrix — realistic, fixed gates (baseline)',
  '',
  ...confusionTable(realisticFixed),
  '',
  '## Confusion matrix — easy, adaptive template',
  '',
  ...confusionTable(easy),
  '',
  `Time (realistic): ${perTubeMs.toFixed(0)} ms per tube end to end vs a floor of ${floorRealistic.toFixed(0)} ms to generate + write + parse the same tube (ratio ${(perTubeMs / floorRealistic).toFixed(2)}×).`,
  '',
  `## MRD (gate "Leukemic" of the synthetic Gating-ML — easy: CD45/CD34/CD19 rectangle, realistic: CD45 vs CD19 diagonal polygon; template denominator; LOD ${CURRENT_RULE_SET.mrd.lodEvents}, LLOQ ${lloq} events)`,
  '',
  'Realistic MRD tubes: regenerating marrow (hematogones 3–10 %), residual blasts CD45 −/dim (upper tail reaching stage-I hematogones), CD34 as bright as stage-I hematogones and 3 % CD34−, CD19 over-expressed; 5–15 % debris, 1–5 % doublets, spreading error.',
  '',
  '| difficulty | MRD level | events acquired | hematogones | true leukemic / nucleated | measured leukemic / nucleated | missed / false-positive events | measured MRD | status | relative error | within 10 % | LOD of tube | time |',
  '|---|---|---:|---:|---:|---:|---:|---:|---|---:|---|---:|---:|',
  ...mrd.map(mrdRow),
  '',
  `MRD within 10 % relative for every tube at or above the LLOQ, and MRD-negative tubes not detected: **${mrdOk ? 'yes' : 'NO'}** (worst realistic relative error ${pct(worstRealistic)}).`,
  '',
];
const text = md.join('\n');
process.stdout.write(text + '\n');
const out = path.resolve(process.cwd(), 'bench', 'out');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'accuracy.md'), text);
if (realistic.accuracy < 0.98 || realistic.leukemiaCallErrors > 0 || !mrdOk) process.exitCode = 1;
