// Axis ticks in original units: decade ticks for biexponential and log scales, 1-2-5 steps for
// linear; positions are the transform's display values.
import { describe, expect, it } from 'vitest';
import { arcsinh, axisTicks, hyperlog, linear, log, logicle, logicleDefaults } from '../../../shared/transforms';

describe('axisTicks', () => {
  it('labels logicle majors 0, ±10^k and leaves minors unlabelled', () => {
    const ticks = axisTicks(logicle(logicleDefaults), -1000, 262144);
    const labels = ticks.filter((t) => t.major).map((t) => t.label);
    expect(labels).toEqual(['-10^3', '-10^2', '0', '10^2', '10^3', '10^4', '10^5']);
    expect(ticks.filter((t) => !t.major).every((t) => t.label === '')).toBe(true);
    expect(ticks.some((t) => t.value === 200000 && !t.major)).toBe(true);
  });

  it('places each tick at the transform of its value, in increasing order', () => {
    const t = logicle(logicleDefaults);
    const ticks = axisTicks(t, -1000, 262144);
    for (const tick of ticks) expect(tick.position).toBe(t.apply(tick.value));
    for (let i = 1; i < ticks.length; i++) expect(ticks[i].value).toBeGreaterThan(ticks[i - 1].value);
  });

  it('drops decades that would crowd the zero label in the linear part of the scale', () => {
    const ticks = axisTicks(logicle({ T: 262144, W: 1.5, M: 4.5, A: 0 }), -100, 262144);
    expect(ticks.some((t) => t.label === '10^1')).toBe(false);
    expect(ticks.some((t) => t.label === '0')).toBe(true);
  });

  it('keeps only ticks within the data range', () => {
    for (const t of [arcsinh({ T: 262144, M: 4.5, A: 0 }), hyperlog({ T: 10000, W: 1, M: 4.5, A: 0 })]) {
      for (const tick of axisTicks(t, -50, 5000)) {
        expect(tick.value).toBeGreaterThanOrEqual(-50);
        expect(tick.value).toBeLessThanOrEqual(5000);
      }
    }
  });

  it('starts log ticks at the bottom of the display when the data reach 0', () => {
    const majors = axisTicks(log({ T: 10000, M: 4 }), 0, 10000).filter((t) => t.major);
    expect(majors.map((t) => t.label)).toEqual(['10^0', '10^1', '10^2', '10^3', '10^4']);
    expect(majors[0].position).toBeCloseTo(0, 12);
  });

  it('gives nice 1-2-5 linear steps with plain labels', () => {
    const majors = axisTicks(linear({ T: 262144, A: 0 }), 0, 262144).filter((t) => t.major);
    expect(majors.map((t) => t.label)).toEqual(['0', '50000', '100000', '150000', '200000', '250000']);
    const small = axisTicks(linear({ T: 1, A: 0 }), 0, 1).filter((t) => t.major);
    expect(small.map((t) => t.label)).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1']);
  });

  it('returns no ticks for a non-finite range instead of looping', () => {
    expect(axisTicks(linear({ T: 1, A: 0 }), Number.NaN, 1)).toEqual([]);
    expect(axisTicks(logicle(logicleDefaults), 0, Infinity)).toEqual([]);
  });
});
