// ISAC Gating-ML 2.0 compliance suite, set 1 (refdata/gatingml2): every gate id of cases.json,
// read from its XML, evaluated on data1.fcs through our own FCS parser, must match the per-event
// truth file exactly. Data preparation (refdata README): $PnE log decoding with f2 = 0 read as 1,
// $PnG division; compensation and scales in float64.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFcs } from '../../../shared/fcs/parse';
import type { FcsDataset } from '../../../shared/fcs/types';
import { evaluate } from '../../../shared/gating/evaluate';
import { readGatingML } from '../../../shared/gating/gatingml/read';
import { writeGatingML } from '../../../shared/gating/gatingml/write';
import { refdata } from '../../helpers/paths';

interface Case { flowkit_test: string; gml: string; gate_ids: string[]; truth: string[] }
const suite = JSON.parse(fs.readFileSync(refdata('gatingml2', 'cases.json'), 'utf8')) as { cases: Case[] };

function truth(file: string): Uint8Array {
  const lines = fs.readFileSync(refdata('gatingml2', file), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  return Uint8Array.from(lines, (l) => (l.trim() === '1' ? 1 : 0));
}

function mismatches(members: { has(e: number): boolean }, expected: Uint8Array): number {
  let bad = 0;
  for (let e = 0; e < expected.length; e++) if ((members.has(e) ? 1 : 0) !== expected[e]) bad++;
  return bad;
}

let ds: FcsDataset;
beforeAll(() => {
  ds = parseFcs(new Uint8Array(fs.readFileSync(refdata('gatingml2', 'data1.fcs'))), { name: 'data1.fcs' });
});

describe('Gating-ML 2.0 compliance set 1 on data1.fcs', () => {
  it('data1.fcs parses to the 13367 events the truth files describe', () => {
    expect(ds.eventCount).toBe(13367);
  });

  for (const c of suite.cases) {
    it(`${c.gate_ids.join(', ')} (${c.gml}) match their truth event by event`, () => {
      const strategy = readGatingML(fs.readFileSync(refdata('gatingml2', c.gml), 'utf8'));
      const result = evaluate(strategy, ds);
      c.gate_ids.forEach((id, i) => {
        const expected = truth(c.truth[i]!);
        expect(expected.length).toBe(ds.eventCount);
        const pop = result.populations.get(id);
        expect(pop, `population ${id}`).toBeDefined();
        expect({ id, mismatches: mismatches(pop!.members, expected) }).toEqual({ id, mismatches: 0 });
      });
    });
  }

  it('all 49 populations of gml_all_gates.xml, evaluated together, match their truth files', () => {
    const result = evaluate(readGatingML(fs.readFileSync(refdata('gatingml2', 'gml', 'gml_all_gates.xml'), 'utf8')), ds);
    const files = new Set(fs.readdirSync(refdata('gatingml2', 'truth')));
    const bad: Array<{ id: string; mismatches: number }> = [];
    let checked = 0;
    for (const [id, pop] of result.populations) {
      if (!files.has(`Results_${id}.txt`)) continue;
      const m = mismatches(pop.members, truth(`truth/Results_${id}.txt`));
      if (m !== 0) bad.push({ id, mismatches: m });
      checked++;
    }
    expect(bad).toEqual([]);
    expect(checked).toBe(49);
  });

  for (const c of suite.cases) {
    it(`${c.gml} exported and re-imported evaluates identically`, () => {
      const original = readGatingML(fs.readFileSync(refdata('gatingml2', c.gml), 'utf8'));
      const again = readGatingML(writeGatingML(original));
      const a = evaluate(original, ds), b = evaluate(again, ds);
      expect([...b.populations.keys()].sort()).toEqual([...a.populations.keys()].sort());
      for (const [id, p] of a.populations) expect(b.populations.get(id)!.members.equals(p.members), id).toBe(true);
    });
  }
});
