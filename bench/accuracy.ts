// Accuracy of the clinical interpretation on synthetic tubes with known truth (issue #7):
// - lineage: confusion matrix of suggested vs true category on a seeded ALOT cohort;
// - MRD: measured vs true MRD % from 10⁻² to 10⁻⁵ (10⁻⁵ with 6 × 10⁶ events, Theunissen 2017);
// - a baseline in the same run: the template with fixed gates instead of the adaptive fit;
// - the floor measured in the same run: generating + writing + parsing a tube (work any analysis
//   must do before it starts), against which the classification time is given as a ratio.
// Usage: node scripts/build.mjs --bench && node dist/bench/accuracy.mjs [cohortSize] [eventsPerTube]
import fs from 'node:fs';
import path from 'node:path';
import { alotCohort, measureLineageAccuracy, measureMrd } from '../shared/synthetic/cohort';
import { generateAlotTube, tubeToFcs } from '../shared/synthetic';
import { parseFcs } from '../shared/fcs/parse';
import { LINEAGE_CATEGORIES } from '../shared/clinical/lineage';
import { CURRENT_RULE_SET } from '../shared/clinical/rules';
import { mrdFromCounts, formatPercent } from '../shared/clinical/mrd';

const size = Number(process.argv[2] ?? 350);
const events = Number(process.argv[3] ?? 50_000);
const now = () => performance.now();

// Floor: the same tubes generated, written and parsed, without analysis.
const specs = alotCohort({ seed: 7, size, events });
const f0 = now();
for (const s of specs.slice(0, Math.min(50, specs.length))) parseFcs(tubeToFcs(generateAlotTube(s)));
const floorMs = (now() - f0) / Math.min(50, specs.length);

const lineage = measureLineageAccuracy(specs, now);
const perTubeMs = lineage.milliseconds / specs.length;
// Baseline in the same run: the same template with fixed gates (no adaptive CD45/SSC fit).
const fixed = measureLineageAccuracy(specs, now, { adaptive: false });
const fixedWrong = specs.length - fixed.correct;
const adaptiveWrong = specs.length - lineage.correct;

const truthRows = Object.keys(lineage.confusion);
const header = `| truth \\ suggested | ${LINEAGE_CATEGORIES.join(' | ')} | n | correct |`;
const sep = `|---|${LINEAGE_CATEGORIES.map(() => '---:').join('|')}|---:|---:|`;
const rows = truthRows.map((t) => {
  const r = lineage.confusion[t]!;
  const n = Object.values(r).reduce((a, b) => a + b, 0);
  return `| ${t} | ${LINEAGE_CATEGORIES.map((c) => (r[c] ? String(r[c]) : '·')).join(' | ')} | ${n} | ${((100 * (r[t] ?? 0)) / n).toFixed(1)} % |`;
});

const mrdCases = [
  { mrdFraction: 1e-2, events: 200_000, seed: 101 },
  { mrdFraction: 1e-3, events: 500_000, seed: 102 },
  { mrdFraction: 1e-4, events: 1_000_000, seed: 103 },
  { mrdFraction: 1e-4, events: 2_000_000, seed: 104 },
  { mrdFraction: 3e-5, events: 3_000_000, seed: 105 },
  { mrdFraction: 1e-5, events: 6_000_000, seed: 106 },
];
const mrd = measureMrd(mrdCases, now);
const lloq = CURRENT_RULE_SET.mrd.lloqEvents;
const mrdRows = mrd.map((m) => {
  const aboveLloq = m.trueLeukemic >= lloq;
  const ok = aboveLloq ? (m.relativeError < 0.1 ? 'yes' : 'NO') : 'n/a (< LLOQ)';
  const lod = mrdFromCounts({ leukemicEvents: 0, nucleatedEvents: m.measuredNucleated }).lodPercent;
  return `| ${m.mrdFraction.toExponential(0)} | ${m.events.toLocaleString('en')} | ${m.trueLeukemic} / ${m.trueNucleated} | ${formatPercent(m.trueMrdPercent)} | ${m.measuredLeukemic} / ${m.measuredNucleated} | ${formatPercent(m.measuredMrdPercent)} | ${m.status} | ${(100 * m.relativeError).toFixed(2)} % | ${ok} | ${formatPercent(lod)} | ${(m.milliseconds / 1000).toFixed(1)} s |`;
});
const mrdOk = mrd.filter((m) => m.trueLeukemic >= lloq).every((m) => m.relativeError < 0.1);

const md = [
  '# Clinical accuracy on synthetic tubes (bench/accuracy.ts)',
  '',
  `Rule set ${CURRENT_RULE_SET.version}. Cohort: ${specs.length} seeded ALOT tubes of ${events.toLocaleString('en')} events (FACSCanto II and FACSLyric naming, varied $PnS), six leukemic categories at 20–90 % blasts and NO_LEUKEMIA (normal marrow or a 2–12 % abnormal population). Path: FCS bytes → parseFcs → compensation (SPILL) → logicle CD45/SSC template → rules. The classifier never reads the truth.`,
  '',
  `**Lineage accuracy: ${lineage.correct}/${specs.length} = ${(100 * lineage.accuracy).toFixed(1)} %** (target ≥ 98 %). Mean |measured − true| blast % on leukemic tubes: ${lineage.meanBlastError.toFixed(2)} points (the CD45-dim gate also holds normal CD34+ precursors).`,
  '',
  header, sep, ...rows,
  '',
  `Baseline measured in the same run — the template with fixed CD45/SSC gates (no adaptive fit): ${fixed.correct}/${specs.length} = ${(100 * fixed.accuracy).toFixed(1)} %, mean blast % error ${fixed.meanBlastError.toFixed(2)} points. Errors: adaptive ${adaptiveWrong} vs fixed ${fixedWrong} (${adaptiveWrong === 0 ? 'adaptive makes none' : `ratio ${(fixedWrong / adaptiveWrong).toFixed(1)}× fewer`}).`,
  '',
  `Time: ${perTubeMs.toFixed(0)} ms per tube end to end vs a floor of ${floorMs.toFixed(0)} ms to generate + write + parse the same tube (ratio ${(perTubeMs / floorMs).toFixed(2)}×; the analysis itself is the difference).`,
  '',
  `## MRD (gate "Leukemic" of the synthetic Gating-ML, template denominator; LOD ${CURRENT_RULE_SET.mrd.lodEvents}, LLOQ ${lloq} events)`,
  '',
  '| MRD level | events acquired | true leukemic / nucleated | true MRD | measured leukemic / nucleated | measured MRD | status | relative error | within 10 % | LOD of tube | time |',
  '|---|---:|---:|---:|---:|---:|---|---:|---|---:|---:|',
  ...mrdRows,
  '',
  `MRD within 10 % relative for every tube at or above the LLOQ: **${mrdOk ? 'yes' : 'NO'}**.`,
  '',
];
const text = md.join('\n');
process.stdout.write(text + '\n');
const out = path.resolve(process.cwd(), 'bench', 'out');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'accuracy.md'), text);
if (lineage.accuracy < 0.98 || !mrdOk) process.exitCode = 1;
