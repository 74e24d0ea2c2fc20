import { describe, expect, it } from 'vitest';
import { mrdFromCounts, MrdInputError } from '../../../shared/clinical/mrd';

describe('MRD from counts (LOD 20, LLOQ 50 events; Flores-Montero 2017)', () => {
  it('50 leukemic events are quantified as a value', () => {
    const r = mrdFromCounts({ leukemicEvents: 50, nucleatedEvents: 1_000_000 });
    expect(r.status).toBe('quantified');
    expect(r.mrdPercent).toBeCloseTo(0.005, 12);
    expect(r.statement).toMatch(/^MRD 0\.0050 % \(50 leukemic of 1000000 nucleated events\)/);
  });
  it('49 events are detected below the LLOQ', () => {
    const r = mrdFromCounts({ leukemicEvents: 49, nucleatedEvents: 1_000_000 });
    expect(r.status).toBe('detected_below_lloq');
    expect(r.statement).toMatch(/detected, below LLOQ/);
  });
  it('20 events are detected below the LLOQ', () => {
    expect(mrdFromCounts({ leukemicEvents: 20, nucleatedEvents: 1_000_000 }).status).toBe('detected_below_lloq');
  });
  it('19 events are not detected, with the LOD the tube reached', () => {
    const r = mrdFromCounts({ leukemicEvents: 19, nucleatedEvents: 4_000_000, acquiredEvents: 4_300_000 });
    expect(r.status).toBe('not_detected');
    expect(r.lodPercent).toBeCloseTo(0.0005, 12);
    expect(r.statement).toBe('MRD not detected (< LOD = 0.00050 %; 19 leukemic of 4000000 nucleated events, 4300000 acquired)');
  });
  it('sensitivity is LOD events over nucleated events', () => {
    expect(mrdFromCounts({ leukemicEvents: 0, nucleatedEvents: 2_000_000 }).sensitivity).toBeCloseTo(1e-5, 15);
  });
  it('records the rule-set version and the limits used', () => {
    const r = mrdFromCounts({ leukemicEvents: 100, nucleatedEvents: 10_000 });
    expect(r).toMatchObject({ ruleSetVersion: 'oncocrean-2025.3', lodEvents: 20, lloqEvents: 50, mrdPercent: 1 });
  });
  it('refuses more leukemic than nucleated events', () => {
    expect(() => mrdFromCounts({ leukemicEvents: 11, nucleatedEvents: 10 })).toThrow(MrdInputError);
  });
  it('refuses an empty denominator', () => {
    expect(() => mrdFromCounts({ leukemicEvents: 0, nucleatedEvents: 0 })).toThrow(/nucleated events must be a positive integer/);
  });
});
