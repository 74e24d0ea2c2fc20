import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapMarkers, markerIndex } from '../../../shared/clinical/markers';
import { parseFcs } from '../../../shared/fcs/parse';
import { refdata } from '../../helpers/paths';

const one = (name: string, marker: string | null) => mapMarkers([{ name, marker }])[0]!;

describe('marker mapping', () => {
  it.each([
    ['V450-A', 'cyCD3', 'cyCD3'], ['BV421-A', 'CyCD3 BV421', 'cyCD3'], ['V450-A', 'cCD3', 'cyCD3'],
    ['FITC-A', 'MPO FITC', 'cyMPO'], ['PE-A', 'CD79a PE', 'cyCD79a'], ['APC-H7-A', 'CD3 APC-H7', 'smCD3'],
    ['PerCP-Cy5-5-A', 'CD34 PerCP-Cy5-5', 'CD34'], ['PerCP-Cy5.5-A', 'CD34', 'CD34'], ['V500-C-A', 'CD45 OC515', 'CD45'],
    ['APC-A', 'CD7 APC', 'CD7'], ['PE-Cy7-A', 'CD19 PECy7', 'CD19'], ['APC-H7-A', 'smCD3', 'smCD3'],
  ])('maps %s with $PnS "%s" to %s without asking', (name, marker, canonical) => {
    const m = one(name, marker);
    expect(m.canonical).toBe(canonical);
    expect(m.ambiguous).toBe(false);
  });
  it('does not read CD7 inside CD79a', () => {
    expect(one('PE-A', 'CD79a').canonical).toBe('cyCD79a');
  });
  it('maps plain CD3 on the APC-H7 detector to surface CD3 with reduced confidence', () => {
    const m = one('APC-H7-A', 'CD3');
    expect(m).toMatchObject({ canonical: 'smCD3', source: 'marker+fluorochrome', ambiguous: false });
    expect(m.confidence).toBeLessThan(0.95);
  });
  it('flags plain CD3 on a channel ALOT does not use for CD3 as ambiguous, with both candidates', () => {
    const m = one('PE-A', 'CD3');
    expect(m.ambiguous).toBe(true);
    expect(m.candidates).toEqual(['smCD3', 'cyCD3']);
  });
  it('falls back to the ALOT detector design when $PnS is blank, and asks for confirmation', () => {
    const m = one('BV510-A', null);
    expect(m).toMatchObject({ canonical: 'CD45', source: 'detector-default', ambiguous: true, confidence: 0.5 });
  });
  it('does not apply the ALOT detector design to a blank $PnS in another panel', () => {
    const ms = mapMarkers([{ name: 'PE-A', marker: 'CD10' }, { name: 'PerCP-A', marker: 'CD45' }, { name: 'APC-Cy7-A', marker: null }, { name: 'PacificBlue-A', marker: 'Syto 41' }]);
    expect(ms[2]).toMatchObject({ canonical: null, source: 'none' });
    expect(ms[3]).toMatchObject({ canonical: null, source: 'none', ambiguous: true });
  });
  it('maps scatter and time by $PnN', () => {
    expect(mapMarkers([{ name: 'FSC-A', marker: null }, { name: 'FSC-H', marker: null }, { name: 'SSC-A', marker: null }, { name: 'Time', marker: null }]).map((m) => m.canonical))
      .toEqual(['FSC-A', 'FSC-H', 'SSC-A', 'Time']);
  });
  it('an analyst override wins and is marked as such', () => {
    const m = mapMarkers([{ name: 'PE-A', marker: 'CD3' }], { 'PE-A': 'cyCD3' })[0]!;
    expect(m).toMatchObject({ canonical: 'cyCD3', source: 'override', confidence: 1, ambiguous: false });
  });
  it('two parameters claiming one marker are both flagged and left out of the index', () => {
    const ms = mapMarkers([{ name: 'APC-A', marker: 'CD7' }, { name: 'APC-R700-A', marker: 'CD7 R700' }]);
    expect(ms.every((m) => m.ambiguous)).toBe(true);
    expect(markerIndex(ms).has('CD7')).toBe(false);
  });
  it('maps the real FACSDiva 6.2 B-ALL panel file ($PnS CD20/CD10/CD45/CD34/CD19/CD38)', () => {
    const ds = parseFcs(new Uint8Array(fs.readFileSync(refdata('fcs', 'fcsparser_FACSDiva6.2_BALL_panel.fcs'))));
    const idx = markerIndex(mapMarkers(ds.parameters));
    expect(ds.parameters[idx.get('CD45')!]!.name).toBe('PerCP-A');
    expect(ds.parameters[idx.get('CD34')!]!.name).toBe('PE-Cy7-A');
    expect(ds.parameters[idx.get('CD19')!]!.name).toBe('APC-A');
    expect(idx.get('SSC-A')).toBe(3);
  });
  it('reads markers from FACSDiva semicolon $PnS strings of a real index-sort file', () => {
    const ds = parseFcs(new Uint8Array(fs.readFileSync(refdata('fcs', 'flowkit_index_sorted_FACSAriaIII.fcs'))));
    const ms = mapMarkers(ds.parameters);
    expect(ms.find((m) => m.name === 'RL 780/60-A')!.canonical).toBe('CD19');
    expect(ms.find((m) => m.name === 'BL 530/30-A')!.canonical).toBe('CD21');
  });
  it('flags plain CD3 on PE-A in a real FACSCanto II file as ambiguous', () => {
    const ds = parseFcs(new Uint8Array(fs.readFileSync(refdata('fcs', 'flowworkspacedata_124500_FACSCantoII_Diva6.1.3.fcs'))));
    const m = mapMarkers(ds.parameters).find((x) => x.name === 'PE-A')!;
    expect(m.ambiguous).toBe(true);
  });
});
