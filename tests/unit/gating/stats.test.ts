// Population statistics on generated data with known values and on data1.fcs.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFcs } from '../../../shared/fcs/parse';
import type { FcsDataset, FcsParameter } from '../../../shared/fcs/types';
import { evaluate } from '../../../shared/gating/evaluate';
import { RectangleGate } from '../../../shared/gating/gates/rectangle';
import { readGatingML } from '../../../shared/gating/gatingml/read';
import { percentile, populationStats } from '../../../shared/gating/stats';
import { GatingStrategy } from '../../../shared/gating/strategy';
import { linear } from '../../../shared/transforms/linear';
import { refdata } from '../../helpers/paths';

/** A float data set built in memory: columns of known values, no scaling keywords. */
function dataset(columns: Record<string, number[]>, spill?: { channels: string[]; matrix: number[] }): FcsDataset {
  const names = Object.keys(columns);
  const n = columns[names[0]!]!.length;
  const events = new Float32Array(n * names.length);
  names.forEach((name, p) => columns[name]!.forEach((v, e) => { events[e * names.length + p] = v; }));
  const parameters: FcsParameter[] = names.map((name, index) => ({
    index, name, marker: null, bits: 32, range: 262144, amplification: { decades: 0, offset: 0 }, gain: 1, kind: 'fluorescence',
  }));
  return {
    index: 0, offset: 0, version: 'FCS3.1', keywords: {}, dataType: 'F', byteOrder: '1,2,3,4',
    eventCount: n, parameterCount: names.length, parameters, events,
    spillover: spill ? { keyword: '$SPILLOVER', channels: spill.channels, matrix: Float64Array.from(spill.matrix) } : null,
    warnings: [],
  };
}

describe('populationStats', () => {
  const values = Array.from({ length: 101 }, (_, i) => i + 1); // 1..101
  const ds = dataset({ A: values, B: values.map((v) => (v <= 50 ? 1 : 2)) });
  const s = new GatingStrategy()
    .addGate(new RectangleGate({ id: 'all', dimensions: [{ channel: 'A', min: 0 }] }))
    .addGate(new RectangleGate({ id: 'high', parentId: 'all', dimensions: [{ channel: 'B', min: 2 }] }))
    .addGate(new RectangleGate({ id: 'top', parentId: 'high', dimensions: [{ channel: 'A', min: 91 }] }));
  const result = evaluate(s, ds);

  it('gives median, mean and robust CV of 1..101', () => {
    const st = populationStats(result, ds, 'all', { channels: ['A'] });
    expect(st.channels[0]!.raw.median).toBe(51);
    expect(st.channels[0]!.raw.mean).toBe(51);
    // P15.87 = 16.87, P84.13 = 85.13 (type-7 interpolation): rCV = 100 · ½ · 68.26 / 51.
    expect(st.channels[0]!.raw.rcv).toBeCloseTo((100 * 0.5 * 68.26) / 51, 10);
  });

  it('gives the same statistics on the display scale of the transform given', () => {
    const st = populationStats(result, ds, 'all', { channels: ['A'], transforms: { A: linear({ T: 200, A: 0 }) } });
    expect(st.channels[0]!.display!.median).toBeCloseTo(51 / 200, 14);
    expect(st.channels[0]!.display!.mean).toBeCloseTo(51 / 200, 14);
  });

  it('has no display statistics for a channel without a transform', () => {
    expect(populationStats(result, ds, 'all', { channels: ['A'] }).channels[0]!.display).toBeNull();
  });

  it('gives % of a reference population above the parent', () => {
    const st = populationStats(result, ds, 'top', { channels: [], referenceGateId: 'all' });
    expect(st.count).toBe(11);
    expect(st.percentParent).toBeCloseTo((100 * 11) / 51, 12);
    expect(st.percentReference).toBeCloseTo((100 * 11) / 101, 12);
    expect(st.referenceId).toBe('all');
  });

  it('refuses a reference population that is not in the result', () => {
    expect(() => populationStats(result, ds, 'top', { channels: [], referenceGateId: 'CD45+' }))
      .toThrow(expect.objectContaining({ code: 'STATS_INVALID', gateId: 'top' }));
  });

  it('reports null statistics for an empty population', () => {
    const empty = evaluate(new GatingStrategy().addGate(new RectangleGate({ id: 'none', dimensions: [{ channel: 'A', min: 1000 }] })), ds);
    const st = populationStats(empty, ds, 'none', { channels: ['A'] });
    expect(st.channels[0]!.raw).toEqual({ median: null, mean: null, rcv: null });
  });

  it('compensates with the file\'s spillover by default and not when asked', () => {
    const comp = dataset({ A: [100, 100], B: [60, 60] }, { channels: ['A', 'B'], matrix: [1, 0.5, 0, 1] });
    const r = evaluate(new GatingStrategy().addGate(new RectangleGate({ id: 'g', dimensions: [{ channel: 'A', min: 0 }] })), comp);
    expect(populationStats(r, comp, 'g', { channels: ['B'] }).channels[0]!.raw.median).toBeCloseTo(10, 12);
    expect(populationStats(r, comp, 'g', { channels: ['B'], compensation: 'uncompensated' }).channels[0]!.raw.median).toBe(60);
  });

  it('gives on data1.fcs the median FSC-H of Range1 computed from the truth file', () => {
    const d1 = parseFcs(new Uint8Array(fs.readFileSync(refdata('gatingml2', 'data1.fcs'))));
    const r = evaluate(readGatingML(fs.readFileSync(refdata('gatingml2', 'gml', 'gml_range_gate.xml'), 'utf8')), d1);
    const truth = fs.readFileSync(refdata('gatingml2', 'truth', 'Results_Range1.txt'), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
    const fsc = d1.parameters.findIndex((p) => p.name === 'FSC-H');
    const inGate: number[] = [];
    truth.forEach((l, e) => { if (l.trim() === '1') inGate.push(d1.events[e * d1.parameterCount + fsc]! / 3.67); });
    inGate.sort((a, b) => a - b);
    const st = populationStats(r, d1, 'Range1', { channels: ['FSC-H'] });
    expect(st.channels[0]!.raw.median).toBeCloseTo(percentile(inGate, 50), 12);
    expect(st.channels[0]!.raw.mean).toBeCloseTo(inGate.reduce((a, b) => a + b, 0) / inGate.length, 9);
  });
});
