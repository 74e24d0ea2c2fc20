// Lineage suggestions on generated ALOT tubes with known truth, through the CLI's path:
// FCS bytes → parseFcs → compensation (file SPILL) → logicle template → rules.
import { describe, expect, it } from 'vitest';
import { generateAlotTube, tubeToFcs, type AlotTubeOptions } from '../../../shared/synthetic';
import { parseFcs } from '../../../shared/fcs/parse';
import { classifyDataset } from '../../../shared/clinical/pipeline';
import { confirmSuggestion, ConfirmationError } from '../../../shared/clinical/lineage';
import { CURRENT_RULE_SET } from '../../../shared/clinical/rules';
import { CATEGORY_LABELS } from '../../../shared/clinical/labels';

const classify = (o: AlotTubeOptions) => {
  const tube = generateAlotTube(o);
  return { tube, ...classifyDataset(parseFcs(tubeToFcs(tube))) };
};

describe('lineage suggestion', () => {
  it('suggests PRO_B_ALL for CD34+ CD19+ cyCD79a+ blasts, with the rule that fired', () => {
    const { suggestion: s } = classify({ seed: 1, category: 'PRO_B_ALL', blastPercent: 70 });
    expect(s.category).toBe('PRO_B_ALL');
    expect(s.rule.id).toBe('L6');
    expect(s.markers['CD34']!.percentPositive).toBeGreaterThan(80);
  });
  it('suggests PRO_B_PRE_B_ALL when CD34 is partly positive', () => {
    const { suggestion: s } = classify({ seed: 2, category: 'PRO_B_PRE_B_ALL', blastPercent: 55 });
    expect(s.category).toBe('PRO_B_PRE_B_ALL');
    expect(s.markers['CD34']!.call).toBe('partial');
  });
  it('suggests PRE_B_ALL for CD34− B blasts on a FACSLyric export', () => {
    expect(classify({ seed: 3, category: 'PRE_B_ALL', blastPercent: 45, instrument: 'lyric' }).suggestion.category).toBe('PRE_B_ALL');
  });
  it('suggests T_ALL for cyCD3+ CD7+ smCD3-low blasts', () => {
    const { suggestion: s } = classify({ seed: 4, category: 'T_ALL', blastPercent: 35 });
    expect(s.category).toBe('T_ALL');
    expect(s.markers['smCD3']!.percentPositive).toBeLessThan(CURRENT_RULE_SET.lineage.strongPositivePercent);
  });
  it('suggests AML for cyMPO+ blasts (rule L4)', () => {
    expect(classify({ seed: 5, category: 'AML', amlVariant: 'mpo', blastPercent: 60 }).suggestion).toMatchObject({ category: 'AML', rule: { id: 'L4' } });
  });
  it('suggests AML for CD7+ blasts without cyCD3 (rule L5)', () => {
    expect(classify({ seed: 6, category: 'AML', amlVariant: 'cd7', blastPercent: 60 }).suggestion).toMatchObject({ category: 'AML', rule: { id: 'L5' } });
  });
  it('suggests MPAL for B/myeloid blasts and says the lineage panels must confirm it', () => {
    const { suggestion: s } = classify({ seed: 7, category: 'MPAL', mpalVariant: 'B/My', blastPercent: 50 });
    expect(s.category).toBe('MPAL');
    expect(s.explanation.join(' ')).toMatch(/lineage panels/);
  });
  it('suggests MPAL for T/myeloid blasts', () => {
    expect(classify({ seed: 8, category: 'MPAL', mpalVariant: 'T/My', blastPercent: 50 }).suggestion.category).toBe('MPAL');
  });
  it('reports NO_LEUKEMIA with the blast % for normal marrow', () => {
    const { suggestion: s } = classify({ seed: 9, category: 'NO_LEUKEMIA' });
    expect(s.category).toBe('NO_LEUKEMIA');
    expect(s.rule.id).toBe('L1');
    expect(s.blastPercent).toBeGreaterThan(0); // normal CD34+ precursors sit in the CD45-dim gate
    expect(s.blastPercent).toBeLessThan(10);
  });
  it('reports NO_LEUKEMIA for an abnormal B population of 10 % of nucleated cells', () => {
    expect(classify({ seed: 10, category: 'NO_LEUKEMIA', blastPercent: 10, subthresholdPhenotype: 'PRO_B_ALL' }).suggestion.category).toBe('NO_LEUKEMIA');
  });
  it('measures the blast % within 5 points of the truth', () => {
    const { suggestion: s, tube } = classify({ seed: 11, category: 'PRE_B_ALL', blastPercent: 40 });
    expect(Math.abs(s.blastPercent - tube.truth.blastPercent)).toBeLessThan(5);
  });
  it('is UNDETERMINED, naming the missing control, when the tube has no mature T cells', () => {
    const { suggestion: s } = classify({ seed: 12, category: 'PRE_B_ALL', blastPercent: 50, omit: ['T'] });
    expect(s.category).toBe('UNDETERMINED');
    expect(s.rule.id).toBe('L0b');
    expect(s.explanation[0]).toMatch(/mature T cells/);
  });
  it('is UNDETERMINED when there are no granulocytes to control cyMPO', () => {
    const { suggestion: s } = classify({ seed: 13, category: 'AML', blastPercent: 50, omit: ['GRANULOCYTE'] });
    expect(s.category).toBe('UNDETERMINED');
    expect(s.explanation[0]).toMatch(/granulocytes/);
  });
  it('shows each marker against its internal controls', () => {
    const { suggestion: s } = classify({ seed: 14, category: 'T_ALL', blastPercent: 50 });
    expect(s.markers['cyCD3']).toMatchObject({ negativeControl: { population: 'B_CELL' }, positiveControl: { population: 'T_CELL' }, thresholdPercent: 10, cytoplasmic: true });
    expect(s.markers['CD19']).toMatchObject({ negativeControl: { population: 'T_CELL' }, positiveControl: { population: 'B_CELL' }, thresholdPercent: 20 });
    expect(s.markers['cyMPO']!.positiveControl!.population).toBe('GRANULOCYTE');
    expect(s.markers['cyCD3']!.positiveControl!.median).toBeGreaterThan(s.markers['cyCD3']!.upperLimitOfNegative);
  });
  it('uses the analyst marker override instead of the file spelling', () => {
    const tube = generateAlotTube({ seed: 15, category: 'T_ALL', blastPercent: 50 });
    tube.parameters[9]!.marker = 'unknown'; // APC-A loses its CD7 label
    const { suggestion: s } = classifyDataset(parseFcs(tubeToFcs(tube)), { markerOverrides: { 'APC-A': 'CD7' } });
    expect(s.category).toBe('T_ALL');
    expect(s.markerMapping!.find((m) => m.name === 'APC-A')!.source).toBe('override');
  });
  it('records the rule-set and template versions', () => {
    const { suggestion: s } = classify({ seed: 16, category: 'AML', blastPercent: 30 });
    expect(s.ruleSetVersion).toBe('oncocrean-2025.3');
    expect(s.templateVersion).toBe('alot-template-2');
  });
  it('has es-MX and English labels for every category', () => {
    for (const l of Object.values(CATEGORY_LABELS)) { expect(l.es).toBeTruthy(); expect(l.en).toBeTruthy(); }
  });
});

describe('analyst confirmation', () => {
  const at = '2026-11-26T10:00:00Z';
  it('confirming keeps the suggested category', () => {
    expect(confirmSuggestion({ category: 'T_ALL' }, { by: 'qfb.lopez', at })).toEqual({ decision: 'confirmed', finalCategory: 'T_ALL', reason: '', by: 'qfb.lopez', at });
  });
  it('overriding keeps the reason and the new category', () => {
    expect(confirmSuggestion({ category: 'AML' }, { finalCategory: 'MPAL', reason: 'cyCD3 dim on the lineage panel', by: 'qfb.lopez', at }))
      .toMatchObject({ decision: 'overridden', finalCategory: 'MPAL', reason: 'cyCD3 dim on the lineage panel' });
  });
  it('an override without a reason is refused', () => {
    expect(() => confirmSuggestion({ category: 'AML' }, { finalCategory: 'MPAL', by: 'qfb.lopez', at })).toThrow(ConfirmationError);
  });
});

describe('failed controls and borderline cases', () => {
  it('is UNDETERMINED when the cyMPO reagent failed (granulocytes not above the negative control)', () => {
    const { suggestion: s } = classify({ seed: 31, category: 'AML', blastPercent: 50, failedStain: 'cyMPO' });
    expect(s.category).toBe('UNDETERMINED');
    expect(s.markers['cyMPO']!.call).toBe('no_control');
    expect(s.explanation[0]).toMatch(/cyMPO/);
  });
  it('flags a blast % within 3 points of the 20 % threshold as borderline', () => {
    const { suggestion: s } = classify({ seed: 32, category: 'NO_LEUKEMIA', blastPercent: 15, subthresholdPhenotype: 'PRE_B_ALL', variability: false });
    expect(s.blastPercent).toBeGreaterThan(17);
    expect(s.blastPercent).toBeLessThan(23);
    expect(s.borderline).toBe(true);
  });
  it('does not flag a 60 % blast tube as borderline', () => {
    expect(classify({ seed: 33, category: 'PRE_B_ALL', blastPercent: 60 }).suggestion.borderline).toBe(false);
  });
});

describe('realistic tubes (blasts overlapping normal populations)', () => {
  it('counts T blasts whose CD45 reaches the lymphocytes by their cyCD3/CD7+ smCD3-low phenotype', () => {
    const { suggestion: s, tube } = classify({ seed: 1100060, category: 'T_ALL', blastPercent: 26.76, instrument: 'canto', difficulty: 'realistic', events: 30_000 });
    expect(s.category).toBe('T_ALL');
    expect(Math.abs(s.blastPercent - tube.truth.blastPercent)).toBeLessThan(5);
    expect(s.explanation.join(' ')).toMatch(/immature phenotype/);
  });
  it('keeps AML blasts of intermediate CD45 out of the monocyte gate', () => {
    const { suggestion: s, tube } = classify({ seed: 202606090, category: 'AML', blastPercent: 54.45, instrument: 'canto', difficulty: 'realistic', events: 30_000, lowCellularity: true });
    expect(s.category).toBe('AML');
    expect(s.populations['MONOCYTE']!.percentNucleated).toBeLessThan(tube.truth.blastPercent / 2);
  });
  it('splits B-ALL by CD34 on the CD19+ blasts, not on the whole CD45-dim gate', () => {
    const { suggestion: s } = classify({ seed: 5, category: 'PRO_B_ALL', blastPercent: 22, difficulty: 'realistic', events: 30_000 });
    expect(s.category).toBe('PRO_B_ALL');
    expect(s.explanation[0]).toMatch(/of the CD19\+ blasts/);
  });
});

