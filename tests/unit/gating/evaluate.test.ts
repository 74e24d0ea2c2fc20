// Evaluation on real FCS files through our parser, and on columns prepared by the caller.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFcs } from '../../../shared/fcs/parse';
import type { FcsDataset } from '../../../shared/fcs/types';
import { BitSet } from '../../../shared/gating/bitset';
import { datasetResolver, evaluate, evaluateOnColumns } from '../../../shared/gating/evaluate';
import { BooleanGate } from '../../../shared/gating/gates/boolean';
import { PolygonGate } from '../../../shared/gating/gates/polygon';
import { RectangleGate } from '../../../shared/gating/gates/rectangle';
import { readGatingML } from '../../../shared/gating/gatingml/read';
import { GatingStrategy } from '../../../shared/gating/strategy';
import { refdata } from '../../helpers/paths';

const load = (...p: string[]): FcsDataset => parseFcs(new Uint8Array(fs.readFileSync(refdata(...p))), { name: p.at(-1)! });

/** NumPy v1 .npy float64 C-order reader (refdata README). */
function readNpy(file: string): { shape: number[]; data: Float64Array } {
  const buf = fs.readFileSync(file);
  const headerLen = buf.readUInt16LE(8);
  const header = buf.subarray(10, 10 + headerLen).toString('latin1');
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)![1]!.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const bytes = buf.subarray(10 + headerLen);
  const data = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return { shape, data };
}

describe('evaluate on an FCS data set', () => {
  let canto: FcsDataset;
  beforeAll(() => { canto = load('fcs', 'flowworkspacedata_124500_FACSCantoII_Diva6.1.3.fcs'); });

  it('compensates with the file\'s own SPILL for compensation-ref "FCS"', () => {
    const ref = JSON.parse(fs.readFileSync(refdata('compensation', 'compensation_reference.json'), 'utf8'));
    const c = ref.cases.find((x: { fcs: string }) => x.fcs.includes('124500'));
    const resolver = datasetResolver(new GatingStrategy(), canto);
    c.spill_names.forEach((name: string, k: number) => {
      const col = resolver.column({ channel: name, compensation: 'FCS' });
      c.independent_check_first3_events.forEach((ev: { compensated: number[] }, e: number) => {
        expect(col[e]!).toBeCloseTo(ev.compensated[k]!, 3);
      });
    });
  });

  it('finds a channel by its marker ($PnS), case-insensitively', () => {
    const s = new GatingStrategy().addGate(new RectangleGate({ id: 'CD3+', dimensions: [{ channel: 'cd3', compensation: 'FCS', min: 57.69, max: 57.70 }] }));
    const r = evaluate(s, canto);
    expect(r.populations.get('CD3+')!.members.has(0)).toBe(true);
  });

  it('leaves a channel uncompensated for compensation-ref "uncompensated"', () => {
    const s = new GatingStrategy().addGate(new RectangleGate({ id: 'raw', dimensions: [{ channel: 'PE-A', compensation: 'uncompensated', min: 68.8, max: 69 }] }));
    expect(evaluate(s, canto).populations.get('raw')!.members.has(0)).toBe(true);
  });

  it('refuses a gate on a channel the file lacks, naming gate and channel', () => {
    const s = new GatingStrategy().addGate(new RectangleGate({ id: 'CD34+', dimensions: [{ channel: 'CD34 PE-Cy7', min: 0 }] }));
    expect(() => evaluate(s, canto)).toThrow(expect.objectContaining({ code: 'CHANNEL_MISSING', gateId: 'CD34+', message: expect.stringContaining("'CD34 PE-Cy7'") }));
  });

  it('refuses a compensation matrix that is not defined anywhere', () => {
    const s = new GatingStrategy().addGate(new RectangleGate({ id: 'g', dimensions: [{ channel: 'PE-A', compensation: 'Acq', min: 0 }] }));
    expect(() => evaluate(s, canto)).toThrow(expect.objectContaining({ code: 'COMPENSATION_MISSING', gateId: 'g' }));
  });

  it('uses a matrix passed by id in the options', () => {
    const s = new GatingStrategy().addGate(new RectangleGate({ id: 'g', dimensions: [{ channel: 'PE-A', compensation: 'Acq', min: 57.69, max: 57.70 }] }));
    const r = evaluate(s, canto, { spillovers: { Acq: canto.spillover! } });
    expect(r.populations.get('g')!.members.has(0)).toBe(true);
  });

  it('refuses a singular compensation matrix, naming the gate', () => {
    const sp = { keyword: 'user', channels: ['FITC-A', 'PE-A'], matrix: Float64Array.from([1, 1, 1, 1]) };
    const s = new GatingStrategy().addGate(new RectangleGate({ id: 'g', dimensions: [{ channel: 'PE-A', compensation: 'Bad', min: 0 }] }));
    expect(() => evaluate(s, canto, { spillovers: { Bad: sp } })).toThrow(expect.objectContaining({ code: 'MATRIX_SINGULAR', gateId: 'g' }));
  });

  it('gives % of parent against the parent and % of total against all events', () => {
    const s = new GatingStrategy()
      .addGate(new RectangleGate({ id: 'cells', dimensions: [{ channel: 'FSC-A', min: 20000 }] }))
      .addGate(new RectangleGate({ id: 'bright', parentId: 'cells', dimensions: [{ channel: 'SSC-A', min: 20000 }] }));
    const r = evaluate(s, canto);
    const cells = r.populations.get('cells')!, bright = r.populations.get('bright')!;
    expect(cells.count).toBeGreaterThan(0);
    expect(bright.count).toBeLessThan(cells.count);
    expect(bright.percentParent).toBeCloseTo((100 * bright.count) / cells.count, 12);
    expect(bright.percentTotal).toBeCloseTo((100 * bright.count) / canto.eventCount, 12);
    expect(bright.members.andNot(cells.members).count).toBe(0);
  });
});

describe('evaluateOnColumns', () => {
  it('reproduces Polygon1 on the preprocessed data1 matrix prepared by the caller', () => {
    const { shape, data } = readNpy(refdata('fcs', 'truth', 'flowio_data1_preprocessed.npy'));
    const [n, p] = shape as [number, number];
    const names = ['FSC-H', 'SSC-H', 'FL1-H', 'FL2-H', 'FL3-H', 'FL2-A', 'FL4-H', 'Time'];
    expect(p).toBe(names.length);
    const columns = (channel: string): Float64Array | undefined => {
      const k = names.indexOf(channel);
      if (k < 0) return undefined;
      const col = new Float64Array(n);
      for (let e = 0; e < n; e++) col[e] = data[e * p + k]!;
      return col;
    };
    const s = readGatingML(fs.readFileSync(refdata('gatingml2', 'gml', 'gml_poly1_gate.xml'), 'utf8'));
    const r = evaluateOnColumns(s, columns, n);
    const truth = fs.readFileSync(refdata('gatingml2', 'truth', 'Results_Polygon1.txt'), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
    const want = BitSet.fromPredicate(n, (e) => truth[e]!.trim() === '1');
    expect(r.populations.get('Polygon1')!.members.equals(want)).toBe(true);
  });

  it('tests a child only on its parent\'s events', () => {
    const xs = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const s = new GatingStrategy()
      .addGate(new RectangleGate({ id: 'low', dimensions: [{ channel: 'x', max: 4 }] }))
      .addGate(new RectangleGate({ id: 'lowOdd', parentId: 'low', dimensions: [{ channel: 'x', min: 2 }] }));
    const r = evaluateOnColumns(s, () => xs, 6);
    expect([...r.populations.get('lowOdd')!.members.indices()]).toEqual([1, 2]);
    expect(r.populations.get('lowOdd')!.percentParent).toBeCloseTo(200 / 3, 12);
  });

  it('gives polygons sharing one plot the same members as evaluating each on its own', () => {
    let seed = 21;
    const r = (): number => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
    const n = 60_000;
    const xs = Float64Array.from({ length: n }, () => r() * 1000), ys = Float64Array.from({ length: n }, () => r() * 1000);
    const polys = Array.from({ length: 5 }, (_, k) => {
      const cx = 150 + r() * 700, cy = 150 + r() * 700, rad = 30 + r() * 200;
      return Array.from({ length: 7 + k }, () => [cx + (r() - 0.5) * 2 * rad, cy + (r() - 0.5) * 2 * rad]);
    });
    // events exactly on vertices
    polys.forEach((p, k) => p.forEach((v, j) => { xs[k * 20 + j] = v[0]!; ys[k * 20 + j] = v[1]!; }));
    const dims = [{ channel: 'x' }, { channel: 'y' }];
    const gates = polys.map((vertices, k) => new PolygonGate({ id: `p${k}`, parentId: k === 0 ? null : k === 1 ? 'p0' : 'big', dimensions: dims, vertices }));
    const s = new GatingStrategy().addGate(new RectangleGate({ id: 'big', dimensions: [{ channel: 'x', min: 100 }] }));
    gates.forEach((g) => s.addGate(g));
    const r1 = evaluateOnColumns(s, (c) => (c === 'x' ? xs : ys), n);
    const big = r1.populations.get('big')!.members;
    const p0 = gates[0]!.evaluate([xs, ys], n, null);
    gates.forEach((g, k) => {
      const parent = k === 0 ? null : k === 1 ? p0 : big;
      expect(r1.populations.get(g.id)!.members.equals(g.evaluate([xs, ys], n, parent)), g.id).toBe(true);
    });
    expect(r1.populations.get('p2')!.count).toBeGreaterThan(0);
  });

  it('evaluates boolean operands before the gate that uses them, whatever the insertion order', () => {
    const xs = Float64Array.from([0, 1, 2, 3]);
    const s = new GatingStrategy()
      .addGate(new BooleanGate({ id: 'either', op: 'or', operands: [{ ref: 'a' }, { ref: 'b' }] }))
      .addGate(new RectangleGate({ id: 'a', dimensions: [{ channel: 'x', max: 1 }] }))
      .addGate(new PolygonGate({ id: 'b', dimensions: [{ channel: 'x' }, { channel: 'x' }], vertices: [[2.5, 2.5], [4, 2.5], [4, 4]] }));
    const r = evaluateOnColumns(s, () => xs, 4);
    expect([...r.populations.get('either')!.members.indices()]).toEqual([0, 3]);
    expect([...r.populations.keys()]).toEqual(['a', 'b', 'either']);
  });
});
