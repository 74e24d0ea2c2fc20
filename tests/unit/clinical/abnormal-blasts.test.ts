// Blast % = the ABNORMAL blast population (WHO; domain.md), not every CD45-dim event: rule set
// oncocrean-2025.3 subtracts the normal cells the tube's own phenotypes identify
// (shared/clinical/abnormal-blasts.ts) and shows the arithmetic; 2025.2 keeps the whole gate.
import { describe, expect, it } from 'vitest';
import { generateAlotTube, tubeToFcs, type AlotTubeOptions } from '../../../shared/synthetic';
import { parseFcs } from '../../../shared/fcs/parse';
import { classifyDataset } from '../../../shared/clinical/pipeline';
import { CURRENT_RULE_SET, ONCOCREAN_2025_2, ONCOCREAN_2025_3, type RuleSet } from '../../../shared/clinical/rules';

const run = (o: AlotTubeOptions, rules?: RuleSet) => {
  const tube = generateAlotTube(o);
  return { tube, s: classifyDataset(parseFcs(tubeToFcs(tube)), rules ? { rules } : {}).suggestion };
};
// A 15.3 % abnormal T population in a realistic marrow whose normal cells (hematogones, progenitors,
// NK cells) lift the CD45-dim gate over 20 % (synthetic tuning seed 11, stress cohort).
const subthresholdT: AlotTubeOptions = { seed: 1100087, category: 'NO_LEUKEMIA', blastPercent: 15.315331881400198, subthresholdPhenotype: 'T_ALL', instrument: 'lyric', difficulty: 'realistic', events: 50_000 };
const tAll: AlotTubeOptions = { seed: 1100052, category: 'T_ALL', blastPercent: 23.44789634575136, instrument: 'canto', difficulty: 'realistic', events: 30_000 };

describe('abnormal blast population (rule set 2025.3)', () => {
  it('2025.3 is the current rule set and carries the abnormal-blast parameters', () => {
    expect(CURRENT_RULE_SET.version).toBe('oncocrean-2025.3');
    expect(ONCOCREAN_2025_3.lineage.abnormalBlasts).toBeDefined();
    expect(ONCOCREAN_2025_2.lineage.abnormalBlasts).toBeUndefined();
  });

  it('a 15 % abnormal T population whose CD45-dim gate exceeds 20 % is NO_LEUKEMIA, with the arithmetic shown', () => {
    const { s } = run(subthresholdT);
    expect(s.blastGatePercent).toBeGreaterThan(20);
    expect(s.blastPercent).toBeLessThan(20);
    expect(s).toMatchObject({ category: 'NO_LEUKEMIA', rule: { id: 'L1' }, borderline: true });
    expect(s.explanation[1]).toMatch(/^blast gate \(CD45 dim, SSC low\) [\d.]+ %.* − B-cell precursors \(hematogones\) [\d.]+ %.* = abnormal blasts [\d.]+ %/);
  });

  it('rule set 2025.2 re-reads the same tube with the whole gate as blast %, so a stored call keeps its category', () => {
    const { s } = run(subthresholdT, ONCOCREAN_2025_2);
    expect(s.category).toBe('T_ALL');
    expect(s.blastPercent).toBe(s.blastGatePercent);
    expect(s.abnormalBlasts).toBeUndefined();
  });

  it('subtracts normal B precursors from a T-ALL gate and comes closer to the true blast % than the gate', () => {
    const { s, tube } = run(tAll);
    expect(s.category).toBe('T_ALL');
    const a = s.abnormalBlasts!;
    expect(a.subtracted.map((x) => x.population)).toContain('B_PRECURSOR');
    expect(a.events).toBe(a.gateEvents + a.added.reduce((k, x) => k + x.events, 0) - a.subtracted.reduce((k, x) => k + x.events, 0));
    expect(Math.abs(s.blastPercent - tube.truth.blastPercent)).toBeLessThan(Math.abs(a.gatePercent - tube.truth.blastPercent));
    expect(Math.abs(s.blastPercent - tube.truth.blastPercent)).toBeLessThan(2);
  });

  it('does not subtract B precursors when the blasts themselves are B lineage', () => {
    const { s } = run({ seed: 2, category: 'PRE_B_ALL', blastPercent: 25, difficulty: 'realistic', events: 30_000 });
    expect(s.category).toBe('PRE_B_ALL');
    expect(s.abnormalBlasts!.lineages.b).toBe(true);
    expect(s.abnormalBlasts!.subtracted.map((x) => x.population)).not.toContain('B_PRECURSOR');
  });

  it('subtracts nothing when an internal control failed (the leukemic phenotype cannot be judged)', () => {
    const { s } = run({ seed: 31, category: 'AML', blastPercent: 50, failedStain: 'cyMPO' });
    expect(s.category).toBe('UNDETERMINED');
    expect(s.abnormalBlasts!.subtracted).toEqual([]);
    expect(s.blastPercent).toBe(s.blastGatePercent);
    expect(s.abnormalBlasts!.arithmetic).toMatch(/no valid internal control for cyMPO/);
  });
});
