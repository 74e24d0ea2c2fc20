// Issue #7 acceptance: on a seeded cohort of ≥ 200 synthetic ALOT tubes (FCS bytes → parse →
// compensate → template → rules) the suggested category is right in ≥ 98 %, at the 'realistic'
// difficulty (overlapping populations, spreading error, gain shifts, debris, doublets,
// regenerating marrows; shared/synthetic/alot.ts). Seed 2026 was used while tuning;
// bench/accuracy.ts publishes the confusion matrix on an unseen seed.
import { expect, it } from 'vitest';
import { alotCohort, measureLineageAccuracy } from '../../../shared/synthetic/cohort';

const report = (() => {
  let r: ReturnType<typeof measureLineageAccuracy> | undefined;
  return () => (r ??= measureLineageAccuracy(alotCohort({ seed: 2026, size: 210, events: 30_000, difficulty: 'realistic' })));
})();

it('suggests the right category for ≥ 98 % of a 210-tube realistic seeded cohort', () => {
  const r = report();
  const wrong = r.cases.filter((c) => c.truth !== c.predicted).map((c) => `${c.row}→${c.predicted} (seed ${c.spec.seed}, ${c.trueBlastPercent.toFixed(1)} %)`);
  expect(r.cases.length).toBe(210);
  expect(r.accuracy, wrong.join('; ')).toBeGreaterThanOrEqual(0.98);
  expect(r.meanBlastError).toBeLessThan(6);
}, 120_000);

it('never calls leukemia on a regenerating marrow of the cohort', () => {
  const regen = report().cases.filter((c) => c.row === 'NO_LEUKEMIA_REGENERATING');
  expect(regen.length).toBeGreaterThanOrEqual(25);
  for (const c of regen) expect(['NO_LEUKEMIA', 'UNDETERMINED']).toContain(c.predicted);
}, 120_000);
