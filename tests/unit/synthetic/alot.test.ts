import { describe, expect, it } from 'vitest';
import { generateAlotTube, generateMrdTube, POP, tubeToFcs, createRng } from '../../../shared/synthetic';
import { parseFcs } from '../../../shared/fcs/parse';
import { mapMarkers, ALOT_MARKERS } from '../../../shared/clinical/markers';

const count = (labels: Uint8Array, code: number) => labels.reduce((a, v) => a + (v === code ? 1 : 0), 0);

describe('synthetic ALOT tubes', () => {
  it('the same seed gives the same events', () => {
    const a = generateAlotTube({ seed: 42, category: 'T_ALL', events: 5000 });
    const b = generateAlotTube({ seed: 42, category: 'T_ALL', events: 5000 });
    expect(Buffer.from(a.events.buffer).equals(Buffer.from(b.events.buffer))).toBe(true);
  });
  it('different seeds give different events', () => {
    const a = generateAlotTube({ seed: 1, category: 'T_ALL', events: 5000 });
    const b = generateAlotTube({ seed: 2, category: 'T_ALL', events: 5000 });
    expect(Buffer.from(a.events.buffer).equals(Buffer.from(b.events.buffer))).toBe(false);
  });
  it('has the FACSCanto II channels in ALOT order', () => {
    const t = generateAlotTube({ seed: 1, category: 'AML', events: 1000 });
    expect(t.parameters.map((p) => p.name)).toEqual(['FSC-A', 'FSC-H', 'SSC-A', 'V450-A', 'V500-C-A', 'FITC-A', 'PE-A', 'PerCP-Cy5-5-A', 'PE-Cy7-A', 'APC-A', 'APC-H7-A', 'Time']);
  });
  it('names FACSLyric detectors after fluorochromes', () => {
    const t = generateAlotTube({ seed: 1, category: 'AML', events: 1000, instrument: 'lyric' });
    expect(t.parameters.slice(3, 8).map((p) => p.name)).toEqual(['BV421-A', 'BV510-A', 'FITC-A', 'PE-A', 'PerCP-Cy5.5-A']);
  });
  it('varies the $PnS spellings between tubes', () => {
    const spellings = new Set<string>();
    for (let s = 0; s < 20; s++) spellings.add(generateAlotTube({ seed: s, category: 'AML', events: 200 }).parameters[3]!.marker!);
    expect(spellings.size).toBeGreaterThan(2);
  });
  it('places exactly the requested share of leukemic events among nucleated events', () => {
    const t = generateAlotTube({ seed: 3, category: 'PRE_B_ALL', blastPercent: 35, events: 20_000 });
    expect(count(t.truth.populationOfEvent, POP.LEUKEMIC)).toBe(t.truth.leukemicEvents);
    expect(t.truth.blastPercent).toBeCloseTo(35, 1);
    const excluded = count(t.truth.populationOfEvent, POP.DEBRIS) + count(t.truth.populationOfEvent, POP.DOUBLET);
    expect(t.truth.nucleatedEvents).toBe(20_000 - excluded);
  });
  it('contains hematogones and myeloid progenitors in normal marrow', () => {
    const t = generateAlotTube({ seed: 4, category: 'NO_LEUKEMIA', events: 20_000 });
    expect(count(t.truth.populationOfEvent, POP.HEMATOGONE) / t.truth.nucleatedEvents).toBeCloseTo(0.03 / 0.97, 2);
    expect(count(t.truth.populationOfEvent, POP.MYELOID_PROGENITOR)).toBeGreaterThan(0);
    expect(t.truth.leukemicEvents).toBe(0);
  });
  it('can leave out a normal population to test missing controls', () => {
    const t = generateAlotTube({ seed: 5, category: 'AML', events: 5000, omit: ['T'] });
    expect(count(t.truth.populationOfEvent, POP.T)).toBe(0);
  });
  it('round-trips through FCS with the spillover as a keyword and values in cytometer range', () => {
    const t = generateAlotTube({ seed: 6, category: 'MPAL', events: 3000 });
    const ds = parseFcs(tubeToFcs(t));
    expect(ds.eventCount).toBe(3000);
    expect(ds.spillover!.channels).toEqual(t.spillover.channels);
    expect(Array.from(ds.spillover!.matrix)).toEqual(Array.from(t.spillover.matrix));
    let max = -Infinity;
    for (const v of ds.events) max = Math.max(max, v);
    expect(max).toBeLessThanOrEqual(262143);
  });
  it('uncompensated detector values include negatives after baseline noise', () => {
    const t = generateAlotTube({ seed: 7, category: 'PRE_B_ALL', events: 5000 });
    let neg = 0;
    for (let e = 0; e < 5000; e++) if (t.events[e * 12 + 5]! < 0) neg++;
    expect(neg).toBeGreaterThan(0);
  });
  it('refuses a blast percentage outside 0–100', () => {
    expect(() => generateAlotTube({ seed: 1, category: 'AML', blastPercent: 120 })).toThrow(RangeError);
  });
});

describe('realistic synthetic tubes', () => {
  const share = (labels: Uint8Array, code: number) => count(labels, code) / labels.length;
  it('hold 5–15 % debris and 1–5 % doublets, with the truth counts exact', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const t = generateAlotTube({ seed, category: 'AML', blastPercent: 40, difficulty: 'realistic', events: 20_000 });
      const p = t.truth.populationOfEvent;
      expect(share(p, POP.DEBRIS)).toBeGreaterThanOrEqual(0.05);
      expect(share(p, POP.DEBRIS)).toBeLessThanOrEqual(0.15);
      expect(share(p, POP.DOUBLET)).toBeGreaterThanOrEqual(0.01);
      expect(share(p, POP.DOUBLET)).toBeLessThanOrEqual(0.05);
      expect(count(p, POP.LEUKEMIC)).toBe(t.truth.leukemicEvents);
      expect(t.truth.nucleatedEvents).toBe(20_000 - count(p, POP.DEBRIS) - count(p, POP.DOUBLET));
    }
  });
  it('a regenerating marrow holds the requested hematogones, CD34+ only on the CD45-dimmest ones', () => {
    const t = generateAlotTube({ seed: 8, category: 'NO_LEUKEMIA', hematogonePercent: 20, difficulty: 'realistic', events: 40_000 });
    expect(t.truth.hematogonePercent).toBeCloseTo(20, 0);
    expect(t.truth.variant).toBe('regenerating marrow (hematogones)');
    // Raw detector values (CD45 = V500-C-A, CD34 = PerCP-Cy5-5-A): CD34+ hematogones are CD45 dimmer.
    const cd45Pos: number[] = [], cd45Neg: number[] = [];
    for (let e = 0; e < t.eventCount; e++) {
      if (t.truth.populationOfEvent[e] !== POP.HEMATOGONE) continue;
      (t.events[e * 12 + 7]! > 2500 ? cd45Pos : cd45Neg).push(t.events[e * 12 + 4]!);
    }
    const med = (v: number[]) => v.sort((a, b) => a - b)[v.length >> 1]!;
    expect(cd45Pos.length).toBeGreaterThan(0.1 * (cd45Pos.length + cd45Neg.length));
    expect(med(cd45Pos) * 2).toBeLessThan(med(cd45Neg));
  });
  it('a low-cellularity tube acquires 60 % of the events', () => {
    expect(generateAlotTube({ seed: 9, category: 'T_ALL', difficulty: 'realistic', events: 30_000, lowCellularity: true }).eventCount).toBe(18_000);
  });
  it('every realistic $PnS spelling maps to its ALOT marker without asking the analyst', () => {
    for (let seed = 0; seed < 60; seed++) {
      const t = generateAlotTube({ seed, category: 'AML', difficulty: 'realistic', events: 200, instrument: seed % 2 ? 'lyric' : 'canto' });
      const m = mapMarkers(t.parameters);
      expect(m.slice(3, 11).map((x) => x.canonical), JSON.stringify(t.parameters.map((p) => p.marker))).toEqual([...ALOT_MARKERS]);
      expect(m.some((x) => x.ambiguous)).toBe(false);
    }
  });
  it('the default difficulty of a single tube is easy (fixed-seed tests and demo data keep their tubes)', () => {
    const a = generateAlotTube({ seed: 42, category: 'T_ALL', events: 5000 });
    const b = generateAlotTube({ seed: 42, category: 'T_ALL', events: 5000, difficulty: 'easy' });
    expect(Buffer.from(a.events.buffer).equals(Buffer.from(b.events.buffer))).toBe(true);
    expect(a.truth.difficulty).toBe('easy');
  });
  it('a realistic MRD tube is a regenerating marrow with the exact leukemic count', () => {
    const t = generateMrdTube({ seed: 3, mrdFraction: 1e-3, events: 200_000, difficulty: 'realistic' });
    expect(count(t.truth.populationOfEvent, POP.LEUKEMIC)).toBe(t.truth.leukemicEvents);
    const hem = count(t.truth.populationOfEvent, POP.HEMATOGONE) / t.truth.nucleatedEvents;
    expect(hem).toBeGreaterThan(0.025);
    expect(hem).toBeLessThan(0.11);
  });
});

describe('synthetic MRD tubes', () => {
  it('holds round(fraction × nucleated) leukemic events', () => {
    const t = generateMrdTube({ seed: 1, mrdFraction: 1e-3, events: 100_000 });
    expect(t.truth.leukemicEvents).toBe(Math.round(1e-3 * t.truth.nucleatedEvents));
    expect(count(t.truth.populationOfEvent, POP.LEUKEMIC)).toBe(t.truth.leukemicEvents);
  });
  it('generates a 4-million-event tube for 10⁻⁵ in seconds, with exactly 38 leukemic events', () => {
    const t0 = Date.now();
    const t = generateMrdTube({ seed: 2, mrdFraction: 1e-5, events: 4_000_000 });
    const ms = Date.now() - t0;
    expect(t.events.length).toBe(4_000_000 * 12);
    expect(t.truth.leukemicEvents).toBe(38);
    expect(ms).toBeLessThan(30_000); // ≈ 1.6 µs per event on one core; generous for a shared CI machine
  });
});

describe('seeded PRNG', () => {
  it('normal draws have mean ≈ 0 and sd ≈ 1', () => {
    const r = createRng(9);
    let s = 0, s2 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) { const v = r.normal(); s += v; s2 += v * v; }
    expect(Math.abs(s / n)).toBeLessThan(0.02);
    expect(Math.sqrt(s2 / n)).toBeCloseTo(1, 1);
  });
});
