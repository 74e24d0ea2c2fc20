import { describe, expect, it } from 'vitest';
import { generateAlotTube, POP, tubeToFcs } from '../../../shared/synthetic';
import { parseFcs } from '../../../shared/fcs/parse';
import { prepareTube } from '../../../shared/clinical/pipeline';
import { applyAlotTemplate, TPL, TemplateError } from '../../../shared/clinical/alot-template';

function run(seed: number, category: Parameters<typeof generateAlotTube>[0]['category'], blastPercent?: number) {
  const tube = generateAlotTube({ seed, category, ...(blastPercent !== undefined ? { blastPercent } : {}) });
  const prepared = prepareTube(parseFcs(tubeToFcs(tube)));
  return { tube, prepared, tpl: applyAlotTemplate(prepared.columns) };
}

/** Fraction of events of truth population `pop` that the template labelled `code`. */
function recall(labels: Uint8Array, truth: Uint8Array, pop: number, codes: number[]): number {
  let n = 0, k = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === pop) { n++; if (codes.includes(labels[i]!)) k++; }
  return k / n;
}

describe('ALOT template', () => {
  it('compensates with the file SPILL (the tube is written uncompensated)', () => {
    expect(run(1, 'PRE_B_ALL').prepared.compensated).toBe(true);
  });
  // A doublet of a large and a small cell keeps a singlet-like FSC-H/FSC-A ratio, on the bench as
  // in the generator, so doublet recall is lower than debris recall.
  it('excludes ≥ 90 % of doublets and ≥ 95 % of debris, and the nucleated count is within 1 %', () => {
    const { tube, tpl } = run(2, 'PRE_B_ALL', 40);
    const t = tube.truth.populationOfEvent;
    expect(recall(tpl.labels, t, POP.DOUBLET, [TPL.DOUBLET, TPL.DEBRIS])).toBeGreaterThan(0.9);
    expect(recall(tpl.labels, t, POP.DEBRIS, [TPL.DEBRIS])).toBeGreaterThan(0.95);
    expect(Math.abs(tpl.exclusion.nucleated - tube.truth.nucleatedEvents) / tube.truth.nucleatedEvents).toBeLessThan(0.01);
  });
  it('puts ≥ 95 % of leukemic blasts in the blast gate', () => {
    const { tube, tpl } = run(3, 'AML', 50);
    expect(recall(tpl.labels, tube.truth.populationOfEvent, POP.LEUKEMIC, [TPL.BLAST])).toBeGreaterThan(0.95);
  });
  it('finds mature T and B cells as internal controls inside the lymphocytes', () => {
    const { tube, tpl } = run(4, 'T_ALL', 40);
    const t = tube.truth.populationOfEvent;
    expect(recall(tpl.labels, t, POP.T, [TPL.T_CELL])).toBeGreaterThan(0.9);
    expect(recall(tpl.labels, t, POP.B, [TPL.B_CELL])).toBeGreaterThan(0.9);
  });
  it('labels granulocytes on CD45 moderate / SSC high', () => {
    const { tube, tpl } = run(5, 'PRO_B_ALL', 30);
    expect(recall(tpl.labels, tube.truth.populationOfEvent, POP.GRANULOCYTE, [TPL.GRANULOCYTE])).toBeGreaterThan(0.95);
  });
  it('keeps following the blasts at a 90 % load, when normal populations are small', () => {
    const { tube, tpl } = run(6, 'PRE_B_ALL', 90);
    expect(recall(tpl.labels, tube.truth.populationOfEvent, POP.LEUKEMIC, [TPL.BLAST])).toBeGreaterThan(0.95);
    expect(tpl.counts.T_CELL).toBeGreaterThan(100);
  });
  it('names the missing channel when CD45 is absent', () => {
    expect(() => applyAlotTemplate({ 'FSC-A': new Float64Array(1), 'FSC-H': new Float64Array(1), 'SSC-A': new Float64Array(1) }))
      .toThrow(expect.objectContaining({ code: 'TEMPLATE_CHANNEL_MISSING' }));
    expect(TemplateError).toBeDefined();
  });
});
