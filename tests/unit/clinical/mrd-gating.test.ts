// MRD through FCS bytes and Gating-ML gates on synthetic tubes with known leukemic counts.
import { describe, expect, it } from 'vitest';
import { generateMrdTube, mrdGatingML, MRD_GATE_IDS, tubeToFcs } from '../../../shared/synthetic';
import { parseFcs } from '../../../shared/fcs/parse';
import { readGatingML } from '../../../shared/gating/gatingml/read';
import { mrdFromGating } from '../../../shared/clinical/mrd-gating';
import { measureMrd } from '../../../shared/synthetic/cohort';

const strategy = readGatingML(mrdGatingML('canto'));

describe('MRD from gates', () => {
  it('is within 10 % relative of the truth from 10⁻² to 10⁻⁴ (at or above the LLOQ)', () => {
    const rows = measureMrd([
      { mrdFraction: 1e-2, events: 100_000, seed: 1 },
      { mrdFraction: 1e-3, events: 200_000, seed: 2 },
      { mrdFraction: 1e-4, events: 1_000_000, seed: 3 },
    ]);
    for (const r of rows) {
      expect(r.status).toBe('quantified');
      expect(r.relativeError).toBeLessThan(0.1);
    }
  });
  it('is within 10 % relative at 10⁻² to 10⁻⁴ in a regenerating marrow whose blasts overlap hematogones on single markers', () => {
    const rows = measureMrd([
      { mrdFraction: 1e-2, events: 100_000, seed: 11, difficulty: 'realistic' },
      { mrdFraction: 1e-3, events: 200_000, seed: 12, difficulty: 'realistic' },
      { mrdFraction: 1e-4, events: 1_000_000, seed: 13, difficulty: 'realistic' },
    ]);
    for (const r of rows) {
      expect(r.status).toBe('quantified');
      expect(r.relativeError).toBeLessThan(0.1);
    }
  });
  it('finds no leukemic events in an MRD-negative regenerating marrow of one million events', () => {
    const [r] = measureMrd([{ mrdFraction: 0, events: 1_000_000, seed: 14, difficulty: 'realistic' }]);
    expect(r!.hematogonePercent).toBeGreaterThan(2.5);
    expect(r!.falsePositiveEvents).toBeLessThan(20);
    expect(r!.status).toBe('not_detected');
  });
  it('uses a denominator gate when given and counts leukemic events inside it', () => {
    const tube = generateMrdTube({ seed: 4, mrdFraction: 1e-2, events: 50_000 });
    const r = mrdFromGating(parseFcs(tubeToFcs(tube)), strategy, { leukemicId: MRD_GATE_IDS.leukemic, nucleatedId: MRD_GATE_IDS.singlets });
    expect(r.denominator).toEqual({ source: 'gate', gateId: 'Singlets' });
    expect(Math.abs(r.nucleatedEvents - tube.truth.nucleatedEvents) / tube.truth.nucleatedEvents).toBeLessThan(0.02);
  });
  it('reports "detected, below LLOQ" for 30 leukemic events', () => {
    const tube = generateMrdTube({ seed: 5, mrdFraction: 30 / 470_000, events: 500_000 });
    const r = mrdFromGating(parseFcs(tubeToFcs(tube)), strategy, { leukemicId: MRD_GATE_IDS.leukemic });
    expect(tube.truth.leukemicEvents).toBe(30);
    expect(r.status).toBe('detected_below_lloq');
  });
  it('reports "not detected (< LOD)" for a tube without leukemic cells, with its sensitivity', () => {
    const tube = generateMrdTube({ seed: 6, mrdFraction: 0, events: 200_000 });
    const r = mrdFromGating(parseFcs(tubeToFcs(tube)), strategy, { leukemicId: MRD_GATE_IDS.leukemic });
    expect(r.status).toBe('not_detected');
    expect(r.sensitivity).toBeCloseTo(20 / r.nucleatedEvents, 12);
  });
  it('refuses an unknown gate id, naming it', () => {
    const tube = generateMrdTube({ seed: 7, mrdFraction: 0.01, events: 2_000 });
    expect(() => mrdFromGating(parseFcs(tubeToFcs(tube)), strategy, { leukemicId: 'Blasts' }))
      .toThrow(expect.objectContaining({ code: 'MRD_GATE_UNKNOWN', gateId: 'Blasts' }));
  });
});
