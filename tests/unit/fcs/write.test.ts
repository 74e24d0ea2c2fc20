// FCS 3.1 writer: parse(write(x)) reproduces x, on refdata files and generated data.
import { describe, expect, it } from 'vitest';
import { readFcsFile } from '../../../electron/backend/fcs/file';
import { parseFcs } from '../../../shared/fcs/parse';
import { writeFcs, fcsPreamble, isStructuralKeyword } from '../../../shared/fcs/write';
import type { FcsDataset } from '../../../shared/fcs/types';
import { refdata } from '../../helpers/paths';
import { manifest, UNREADABLE } from './manifest';
import { firstDifference } from './capture';

function roundTrip(ds: FcsDataset): FcsDataset {
  const passthrough: Record<string, string> = {};
  for (const [k, v] of Object.entries(ds.keywords)) if (!isStructuralKeyword(k) && !/^\$P\d+[GE]$/.test(k)) passthrough[k] = v;
  const bytes = writeFcs({
    parameters: ds.parameters.map((p) => ({ name: p.name, marker: p.marker, range: p.range })),
    events: ds.events,
    keywords: passthrough,
    spillover: ds.spillover,
  });
  return parseFcs(bytes);
}

const files = Object.entries(manifest.files).filter(([f]) => !UNREADABLE.has(f)).map(([f]) => f);

describe('write → parse round trip on every readable refdata file', () => {
  it.each(files)('%s keeps events, names, markers, ranges, spillover and keywords', (file) => {
    const ds = readFcsFile(refdata(file));
    const back = roundTrip(ds);
    expect(back.version).toBe('FCS3.1');
    expect(back.dataType).toBe('F');
    expect(back.eventCount).toBe(ds.eventCount);
    expect(firstDifference(back.events, ds.events)).toBe(-1);
    expect(back.parameters.map((p) => [p.name, p.marker, p.range])).toEqual(ds.parameters.map((p) => [p.name, p.marker, p.range]));
    if (ds.spillover) {
      expect(back.spillover!.keyword).toBe('$SPILLOVER');
      expect(back.spillover!.channels).toEqual(ds.spillover.channels);
      expect(back.spillover!.matrix).toEqual(ds.spillover.matrix);
    } else {
      expect(back.spillover).toBeNull();
    }
    for (const [k, v] of Object.entries(ds.keywords)) {
      if (isStructuralKeyword(k) || /^\$P\d+[GE]$/.test(k) || v === '') continue;
      expect(back.keywords[k], k).toBe(v);
    }
    expect(back.warnings.filter((w) => w.code !== 'TEXT_DUPLICATE_KEYWORD')).toEqual([]);
  });
});

describe('writer on generated data', () => {
  it('round-trips random float32 events, including negatives, zeros and delimiter characters in names', () => {
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const par = 5;
    const events = new Float32Array(1000 * par);
    for (let i = 0; i < events.length; i++) events[i] = (rnd() - 0.3) * 1e5;
    const parameters = [{ name: 'FSC-A' }, { name: 'SSC-A' }, { name: 'CD19/PE', marker: 'CD19 / PE-A' }, { name: 'CD10', marker: '/slash/' }, { name: 'Time', range: 1000 }];
    const ds = parseFcs(writeFcs({ parameters, events, keywords: { 'TUBE NAME': 'B-ALL 1//2', $CYT: 'FACSCanto II' } }));
    expect(firstDifference(ds.events, events)).toBe(-1);
    expect(ds.parameters.map((p) => p.name)).toEqual(parameters.map((p) => p.name));
    expect(ds.parameters.map((p) => p.marker)).toEqual([null, null, 'CD19 / PE-A', '/slash/', null]);
    expect(ds.keywords['TUBE NAME']).toBe('B-ALL 1//2');
    expect(ds.parameters[4]!.range).toBe(1000);
  });

  it('writes a file other readers accept: HEADER and TEXT offsets agree, DATA follows TEXT on an 8-byte boundary', () => {
    const bytes = writeFcs({ parameters: [{ name: 'A' }], events: Float32Array.from([1, 2, 3]) });
    const header = new TextDecoder().decode(bytes.subarray(0, 58));
    expect(header.slice(0, 10)).toBe('FCS3.1    ');
    const [ts, te, ds, de] = [0, 1, 2, 3].map((i) => Number(header.slice(10 + i * 8, 18 + i * 8)));
    expect(ts).toBe(256);
    expect(ds! - te!).toBeGreaterThanOrEqual(1);
    expect(ds! - te!).toBeLessThanOrEqual(8);
    expect(ds! % 8).toBe(0);
    expect(de).toBe(bytes.length - 1);
    expect(parseFcs(bytes).warnings).toEqual([]);
  });

  it('writes 0 in the HEADER data offsets when DATA ends beyond byte 99,999,999', () => {
    const pre = fcsPreamble({ parameters: [{ name: 'A', range: 1 }, { name: 'B', range: 1 }], eventCount: 13_000_000 });
    const header = new TextDecoder().decode(pre.bytes.subarray(0, 58));
    expect(header.slice(26, 42)).toBe('       0       0');
    expect(pre.dataEnd).toBe(pre.dataStart + 13_000_000 * 8 - 1);
    const text = new TextDecoder().decode(pre.bytes.subarray(256));
    expect(text).toContain(`/$BEGINDATA/${pre.dataStart}/`);
    expect(text).toContain(`/$ENDDATA/${pre.dataEnd}/`);
  });

  it('writes an empty data set that reads back with no events', () => {
    const ds = parseFcs(writeFcs({ parameters: [{ name: 'A', range: 10 }], events: new Float32Array(0) }));
    expect(ds.eventCount).toBe(0);
  });
});
