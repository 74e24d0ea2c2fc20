// Gating-ML 2.0 import/export: namespaces by URI, clear errors, lossless round trip.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BitSet } from '../../../shared/gating/bitset';
import { evaluateOnColumns } from '../../../shared/gating/evaluate';
import { BooleanGate } from '../../../shared/gating/gates/boolean';
import { EllipsoidGate } from '../../../shared/gating/gates/ellipsoid';
import { PolygonGate } from '../../../shared/gating/gates/polygon';
import { QuadrantGate } from '../../../shared/gating/gates/quadrant';
import { RectangleGate } from '../../../shared/gating/gates/rectangle';
import { readGatingML } from '../../../shared/gating/gatingml/read';
import { writeGatingML } from '../../../shared/gating/gatingml/write';
import { GatingStrategy } from '../../../shared/gating/strategy';
import { GatingError } from '../../../shared/gating/errors';
import { refdata } from '../../helpers/paths';

const G = 'http://www.isac-net.org/std/Gating-ML/v2.0/gating';
const T = 'http://www.isac-net.org/std/Gating-ML/v2.0/transformations';
const D = 'http://www.isac-net.org/std/Gating-ML/v2.0/datatypes';
const doc = (body: string): string =>
  `<?xml version="1.0"?><gating:Gating-ML xmlns:gating="${G}" xmlns:transforms="${T}" xmlns:data-type="${D}">${body}</gating:Gating-ML>`;
const range = (id: string, extra = ''): string =>
  `<gating:RectangleGate gating:id="${id}"${extra}><gating:dimension gating:compensation-ref="uncompensated" gating:min="1"><data-type:fcs-dimension data-type:name="x"/></gating:dimension></gating:RectangleGate>`;

describe('readGatingML', () => {
  it('reads every gate, transformation and matrix of the ISAC all-gates file', () => {
    const s = readGatingML(fs.readFileSync(refdata('gatingml2', 'gml', 'gml_all_gates.xml'), 'utf8'));
    expect(s.gates.size).toBe(42);
    expect(s.populationIds().length).toBe(49);
    expect(s.transforms.size).toBe(9);
    expect([...s.spillovers.keys()]).toEqual(['MySpill']);
    expect(s.gateOf('FL2N-FL4N')!.id).toBe('Quadrant1');
  });

  it('matches elements by namespace URI, whatever the prefixes', () => {
    const xml = `<Gating-ML xmlns="${G}" xmlns:q="${D}"><RectangleGate id="R"><dimension compensation-ref="uncompensated" min="1" max="2"><q:fcs-dimension q:name="x"/></dimension></RectangleGate></Gating-ML>`;
    const gate = readGatingML(xml).gates.get('R') as RectangleGate;
    expect(gate.dimensions[0]).toMatchObject({ channel: 'x', min: 1, max: 2 });
  });

  it('refuses elements named like Gating-ML but in another namespace', () => {
    const xml = `<gating:Gating-ML xmlns:gating="${G}" xmlns:g2="http://example.org/other"><g2:RectangleGate g2:id="R"/></gating:Gating-ML>`;
    expect(() => readGatingML(xml)).toThrow(expect.objectContaining({ code: 'GATINGML_UNKNOWN' }));
  });

  it('refuses XML that is not well-formed', () => {
    expect(() => readGatingML(doc('<gating:RectangleGate gating:id="R">'))).toThrow(expect.objectContaining({ code: 'GATINGML_XML' }));
  });

  it('refuses a document whose root is not Gating-ML', () => {
    expect(() => readGatingML('<Workspace/>')).toThrow(expect.objectContaining({ code: 'GATINGML_XML' }));
  });

  it('refuses an unknown gate element and gives its line', () => {
    expect(() => readGatingML(doc('\n<gating:CircleGate gating:id="C"/>'))).toThrow(expect.objectContaining({ code: 'GATINGML_UNKNOWN', message: expect.stringMatching(/CircleGate \(line 2\)/) }));
  });

  it('refuses an unknown element inside a gate, naming the gate', () => {
    const xml = doc('<gating:RectangleGate gating:id="R"><gating:radius/></gating:RectangleGate>');
    expect(() => readGatingML(xml)).toThrow(expect.objectContaining({ code: 'GATINGML_UNKNOWN', gateId: 'R' }));
  });

  it('refuses the FlowKit attribute-test file, whose gate sits in a foreign <sample> element', () => {
    expect(() => readGatingML(fs.readFileSync(refdata('gatingml2', 'gml', 'gml_range_gate_attr_testing.xml'), 'utf8')))
      .toThrow(expect.objectContaining({ code: 'GATINGML_UNKNOWN', message: expect.stringContaining('sample') }));
  });

  it('refuses a parent reference to a missing gate, naming the gate', () => {
    expect(() => readGatingML(doc(range('R', ' gating:parent_id="Nope"')))).toThrow(expect.objectContaining({ code: 'GATE_DANGLING_REF', gateId: 'R' }));
  });

  it('refuses cyclic parent references', () => {
    expect(() => readGatingML(doc(range('A', ' gating:parent_id="B"') + range('B', ' gating:parent_id="A"')))).toThrow(expect.objectContaining({ code: 'GATE_CYCLE' }));
  });

  it('refuses a non-numeric bound, naming the gate', () => {
    const xml = doc('<gating:RectangleGate gating:id="R"><gating:dimension gating:min="ten"><data-type:fcs-dimension data-type:name="x"/></gating:dimension></gating:RectangleGate>');
    expect(() => readGatingML(xml)).toThrow(expect.objectContaining({ code: 'GATINGML_INVALID', gateId: 'R' }));
  });

  it('refuses a degenerate polygon, naming the gate', () => {
    const v = (x: number, y: number): string => `<gating:vertex><gating:coordinate data-type:value="${x}"/><gating:coordinate data-type:value="${y}"/></gating:vertex>`;
    const dim = '<gating:dimension><data-type:fcs-dimension data-type:name="x"/></gating:dimension>';
    const xml = doc(`<gating:PolygonGate gating:id="Line">${dim}${dim}${v(0, 0)}${v(1, 1)}${v(5, 5)}</gating:PolygonGate>`);
    expect(() => readGatingML(xml)).toThrow(expect.objectContaining({ code: 'GATE_INVALID', gateId: 'Line' }));
  });

  it('refuses a singular covariance matrix, naming the gate', () => {
    const dim = (c: string): string => `<gating:dimension><data-type:fcs-dimension data-type:name="${c}"/></gating:dimension>`;
    const e = (v: number): string => `<gating:entry data-type:value="${v}"/>`;
    const xml = doc(`<gating:EllipsoidGate gating:id="E">${dim('x')}${dim('y')}<gating:mean><gating:coordinate data-type:value="0"/><gating:coordinate data-type:value="0"/></gating:mean><gating:covarianceMatrix><gating:row>${e(1)}${e(2)}</gating:row><gating:row>${e(2)}${e(4)}</gating:row></gating:covarianceMatrix><gating:distanceSquare data-type:value="1"/></gating:EllipsoidGate>`);
    expect(() => readGatingML(xml)).toThrow(expect.objectContaining({ code: 'MATRIX_SINGULAR', gateId: 'E' }));
  });

  it('reads a Gating-ML spilloverMatrix and compensates with it', () => {
    const coef = (p: string, v: number): string => `<transforms:coefficient data-type:parameter="${p}" transforms:value="${v}"/>`;
    const xml = doc(
      `<transforms:spilloverMatrix transforms:id="S"><data-type:parameters><data-type:parameter data-type:name="a"/><data-type:parameter data-type:name="b"/></data-type:parameters>` +
      `<transforms:spillover data-type:parameter="a">${coef('a', 1)}${coef('b', 0.5)}</transforms:spillover>` +
      `<transforms:spillover data-type:parameter="b">${coef('a', 0)}${coef('b', 1)}</transforms:spillover></transforms:spilloverMatrix>` +
      `<gating:RectangleGate gating:id="R"><gating:dimension gating:compensation-ref="S" gating:min="9.99" gating:max="10.01"><data-type:fcs-dimension data-type:name="b"/></gating:dimension></gating:RectangleGate>`,
    );
    // a = 10 spills 50% into b: measured b = 15 → compensated b = 10.
    const cols: Record<string, Float64Array> = { a: Float64Array.from([10, 10]), b: Float64Array.from([15, 10]) };
    const r = evaluateOnColumns(readGatingML(xml), (c) => cols[c], 2);
    expect([...r.populations.get('R')!.members.indices()]).toEqual([0]);
  });
});

describe('writeGatingML', () => {
  function everyKind(): GatingStrategy {
    const x = { channel: 'CD45', compensation: 'Acq', transform: 'L' };
    const y = { channel: 'SSC-A', compensation: 'uncompensated' };
    return new GatingStrategy()
      .addTransform({ id: 'L', kind: 'logicle', params: { T: 262144, W: 0.5, M: 4.5, A: 0 } })
      .addTransform({ id: 'R', kind: 'ratio', params: { A: 1, B: 0, C: -1 }, channels: ['CD45', 'SSC-A'] })
      .addSpillover({ id: 'Acq', kind: 'spectrum', fluorochromes: ['CD45', 'CD34'], detectors: ['CD45', 'CD34'], matrix: Float64Array.from([1, 0.1, 0.02, 1]) })
      .addGate(new RectangleGate({ id: 'cells', dimensions: [{ ...y, min: 0.1 + 0.2 }, { ratio: 'R', compensation: 'Acq', max: 3 }] }))
      .addGate(new PolygonGate({ id: 'leuk', parentId: 'cells', dimensions: [x, y], vertices: [[0.2, 0], [1 / 3, 0], [0.9, 5e5], [0.2, 1e5]] }))
      .addGate(new EllipsoidGate({ id: 'blasts', parentId: 'leuk', dimensions: [x, y], mean: [0.4, 2e4], covariance: [[0.01, 3], [2.5, 4e7]], distanceSquare: 1.5 }))
      .addGate(new QuadrantGate({ id: 'Q', parentId: 'leuk', dividers: [{ id: 'd1', dimension: x, values: [0.5, 0.7] }, { id: 'd2', dimension: y, values: [5e4] }], quadrants: [{ id: 'q1', positions: [{ divider: 'd1', location: 0.6 }, { divider: 'd2', location: 0 }] }] }))
      .addGate(new BooleanGate({ id: 'notBlasts', parentId: 'leuk', op: 'and', operands: [{ ref: 'q1' }, { ref: 'blasts', complement: true }] }));
  }

  it('writes a document that reads back with the same gates, parents and numbers', () => {
    const s = everyKind();
    const back = readGatingML(writeGatingML(s));
    expect([...back.gates.keys()]).toEqual([...s.gates.keys()]);
    for (const [id, g] of s.gates) expect(back.gates.get(id)!.parentId).toBe(g.parentId);
    expect((back.gates.get('leuk') as PolygonGate).vertices).toEqual((s.gates.get('leuk') as PolygonGate).vertices);
    expect((back.gates.get('cells') as RectangleGate).lows[0]).toBe(0.1 + 0.2);
    expect(back.transforms.get('R')).toEqual(s.transforms.get('R'));
    expect(back.spillovers.get('Acq')).toEqual(s.spillovers.get('Acq'));
  });

  it('writes prefixed elements in the three Gating-ML namespaces', () => {
    const xml = writeGatingML(everyKind());
    expect(xml).toContain(`xmlns:gating="${G}"`);
    expect(xml).toContain(`xmlns:transforms="${T}"`);
    expect(xml).toContain(`xmlns:data-type="${D}"`);
  });

  it('round-trips to identical memberships on generated data', () => {
    const s = everyKind();
    const n = 20_000;
    let seed = 11;
    const r = (): number => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
    const cols: Record<string, Float64Array> = {
      CD45: Float64Array.from({ length: n }, () => r() * 5000 - 200),
      CD34: Float64Array.from({ length: n }, () => r() * 3000),
      'SSC-A': Float64Array.from({ length: n }, () => r() * 1e5),
    };
    const a = evaluateOnColumns(s, (c) => cols[c], n);
    const b = evaluateOnColumns(readGatingML(writeGatingML(s)), (c) => cols[c], n);
    for (const [id, p] of a.populations) expect(b.populations.get(id)!.members.equals(p.members), id).toBe(true);
    expect(a.populations.get('leuk')!.count).toBeGreaterThan(0);
    expect(a.populations.get('q1')!.members.andNot(a.populations.get('leuk')!.members)).toEqual(new BitSet(n));
  });

  it('escapes ids that contain XML metacharacters', () => {
    const s = new GatingStrategy().addGate(new RectangleGate({ id: 'CD45+ & "SSC<low>"', dimensions: [{ channel: 'x', min: 0 }] }));
    expect([...readGatingML(writeGatingML(s)).gates.keys()]).toEqual(['CD45+ & "SSC<low>"']);
  });
});

describe('readGatingML on damaged files', () => {
  const xml = fs.readFileSync(refdata('gatingml2', 'gml', 'gml_all_gates.xml'), 'utf8');

  it('throws only GatingError (never another error) for 300 truncations of the all-gates file', () => {
    const others: string[] = [];
    for (let k = 1; k <= 300; k++) {
      const cut = Math.floor((xml.length * k) / 301);
      try { readGatingML(xml.slice(0, cut)); } catch (e) {
        if (!(e instanceof GatingError)) others.push(`${cut}: ${String(e)}`);
      }
    }
    expect(others).toEqual([]);
  });

  it('throws only GatingError when any one attribute value is replaced by garbage', () => {
    const values = [...xml.matchAll(/="([^"]*)"/g)];
    const others: string[] = [];
    for (const m of values) {
      const bad = xml.slice(0, m.index! + 2) + 'xy' + xml.slice(m.index! + 2 + m[1]!.length);
      try { readGatingML(bad); } catch (e) {
        if (!(e instanceof GatingError)) others.push(`${m[1]}: ${String(e)}`);
      }
    }
    expect(values.length).toBeGreaterThan(300);
    expect(others).toEqual([]);
  });
});
