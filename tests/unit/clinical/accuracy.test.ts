// Issue #7 acceptance: on a seeded cohort of ≥ 200 synthetic ALOT tubes (FCS bytes → parse →
// compensate → template → rules) the suggested category is right in ≥ 98 %.
// bench/accuracy.ts runs a larger cohort and publishes the confusion matrix.
import { expect, it } from 'vitest';
import { alotCohort, measureLineageAccuracy } from '../../../shared/synthetic/cohort';

it('suggests the right category for ≥ 98 % of a 210-tube seeded cohort', () => {
  const report = measureLineageAccuracy(alotCohort({ seed: 2026, size: 210, events: 30_000 }));
  const wrong = report.cases.filter((c) => c.truth !== c.predicted).map((c) => `${c.truth}→${c.predicted} (seed ${c.spec.seed}, ${c.trueBlastPercent.toFixed(1)} %)`);
  expect(report.cases.length).toBe(210);
  expect(report.accuracy, wrong.join('; ')).toBeGreaterThanOrEqual(0.98);
  expect(report.meanBlastError).toBeLessThan(5);
}, 120_000);
