// Blast % = the ABNORMAL blast population (WHO; domain.md), not every CD45-dim event: rule set
// oncocrean-2025.3 subtracts the normal cells the tube's own phenotypes identify
// (shared/clinical/abnormal-blasts.ts) and shows the arithmetic; 2025.2 keeps the whole gate.
import { describe, expect, it } from 'vitest';
import { generateAlotTube, tubeToFcs, type AlotTubeOptions } from '../../../shared/synthetic';
import { parseFcs } from '../../../shared/fcs/parse';
import { classifyDataset } from '../../../shared/clinical/pipeline';
import { CURRENT_RULE_SET, ONCOCREAN_2025_2, ONCOCREAN_2025_3, type RuleSet } from '../../../shared/clinical/rules';
import { countAbnormalBlasts } from '../../../shared/clinical/abnormal-blasts';
import { TPL, type TemplateResult } from '../../../shared/clinical/alot-template';
import type { MarkerFinding, PositivityCall } from '../../../shared/clinical/lineage';
import { indexLabels } from '../../../shared/clinical/stats';

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

// The reason code beside the English arithmetic (shared/clinical/abnormal-blasts.ts), on a tiny
// hand-built gate whose truth is known: 10 blast-gate events of 100 nucleated, marker values
// chosen against an upper limit of negative of 100.
describe('why nothing was subtracted, as a reason code', () => {
  const PANEL = ['CD19', 'cyCD79a', 'cyCD3', 'CD7', 'CD34', 'cyMPO'] as const;
  const N = 100, GATE = 10;
  const labels = new Uint8Array(N).fill(TPL.LYMPHOCYTE).fill(TPL.BLAST, 0, GATE);
  const tpl: TemplateResult = {
    templateVersion: 'test', eventCount: N, labels, counts: {} as TemplateResult['counts'],
    exclusion: { doubletRatio: 0, debrisFsc: 0, debris: 0, doublets: 0, nucleated: N }, components: [], notes: [],
  };
  const column = (v: number) => new Float64Array(N).fill(v);
  const cols = (): Record<string, Float64Array | undefined> => Object.fromEntries(PANEL.map((m) => [m, column(m === 'CD34' ? 500 : 10)]));
  const finding = (marker: string, call: PositivityCall, uln = 100): MarkerFinding => ({
    marker, cytoplasmic: marker.startsWith('cy'), percentPositive: call === 'positive' ? 90 : 0, median: 0, medianOfPositive: 0,
    upperLimitOfNegative: uln, negativeControl: null, positiveControl: null, thresholdPercent: 20, call,
  });
  // Blasts called myeloid (cyMPO+): the CD34+ lineage-negative events are not subtractable then,
  // so a healthy panel subtracts nothing here but records no reason code either.
  const markers = (over: Partial<Record<string, MarkerFinding>> = {}): Record<string, MarkerFinding> =>
    ({ ...Object.fromEntries(PANEL.map((m) => [m, finding(m, m === 'cyMPO' ? 'positive' : 'negative')])), ...over } as Record<string, MarkerFinding>);
  const count = (c: Record<string, Float64Array | undefined>, m: Record<string, MarkerFinding>) =>
    countAbnormalBlasts(c, tpl, m, ONCOCREAN_2025_3.lineage.abnormalBlasts!, indexLabels(labels));

  it('a failed internal control is CONTROL_FAILED with the failed markers in panel order', () => {
    const a = count(cols(), markers({ CD7: finding('CD7', 'no_control'), CD19: finding('CD19', 'no_control') }));
    expect(a.nothingSubtracted).toEqual({ reasonCode: 'CONTROL_FAILED', markers: ['CD19', 'CD7'] });
    expect(a.arithmetic).toBe('blast gate 10.0 %: no valid internal control for CD19, CD7, nothing subtracted');
    expect(a).toMatchObject({ events: GATE, percent: 10, subtracted: [], added: [] });
  });

  it('a marker without a column is NO_CONTROL naming that marker', () => {
    const c = cols();
    delete c['CD34'];
    const a = count(c, markers());
    expect(a.nothingSubtracted).toEqual({ reasonCode: 'NO_CONTROL', markers: ['CD34'] });
    expect(a.arithmetic).toBe('blast gate 10.0 %: no internal control for CD34, nothing subtracted');
  });

  it('a marker whose upper limit of negative is not finite is NO_CONTROL', () => {
    const a = count(cols(), markers({ CD7: finding('CD7', 'negative', NaN) }));
    expect(a.nothingSubtracted).toEqual({ reasonCode: 'NO_CONTROL', markers: ['CD7'] });
  });

  it('a gate whose markers call no lineage is NO_LINEAGE with no markers, and counts the whole gate', () => {
    const a = count(cols(), markers({ cyMPO: finding('cyMPO', 'negative') }));
    expect(a.lineages).toEqual({ b: false, t: false, myeloid: false });
    expect(a.nothingSubtracted).toEqual({ reasonCode: 'NO_LINEAGE', markers: [] });
    expect(a.arithmetic).toBe('blast gate 10.0 %: no lineage called on the gate, nothing subtracted');
    expect(a.events).toBe(GATE);
  });

  it('a count where subtraction ran carries no reason code, even when it found nothing to subtract', () => {
    const a = count(cols(), markers());
    expect(a.lineages.myeloid).toBe(true);
    expect(a.subtracted).toEqual([]);
    expect(a.nothingSubtracted).toBeUndefined();
  });

  it('a pipeline suggestion with a failed stain records CONTROL_FAILED for that marker', () => {
    const { s } = run({ seed: 31, category: 'AML', blastPercent: 50, failedStain: 'cyMPO' });
    expect(s.abnormalBlasts!.nothingSubtracted).toEqual({ reasonCode: 'CONTROL_FAILED', markers: ['cyMPO'] });
  });
});
