// Node adapters: chunked file source, files over 99,999,999 bytes, dispatch by content, sha256.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileSource, readEventsFile, readFcsFile, sha256File } from '../../../electron/backend/fcs/file';
import { fcsPreamble } from '../../../shared/fcs/write';
import { refdata } from '../../helpers/paths';
import { captureError } from './capture';
import { manifest } from './manifest';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oncoflow-fcs-file-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('Node file adapter', () => {
  it('reads a file over 99,999,999 bytes whose HEADER data offsets are 0 (sparse file, 13M events × 2)', () => {
    const events = 13_000_000;
    const pre = fcsPreamble({ parameters: [{ name: 'FSC-A', range: 1024 }, { name: 'CD45', range: 1024 }], eventCount: events });
    const file = path.join(tmp, 'big.fcs');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, pre.bytes, 0, pre.bytes.length, 0);
    // Only the last event is written; the rest is a hole that reads as zeros.
    fs.writeSync(fd, new Uint8Array(Float32Array.from([123.5, -7]).buffer), 0, 8, pre.dataEnd - 7);
    fs.closeSync(fd);
    expect(fs.statSync(file).size).toBeGreaterThan(99_999_999);
    const ds = readFcsFile(file);
    expect(ds.eventCount).toBe(events);
    expect(ds.warnings).toEqual([]);
    expect(Array.from(ds.events.subarray(ds.events.length - 4))).toEqual([0, 0, 123.5, -7]);
  });

  it('serves byte ranges and fills caller buffers from disk', () => {
    const src = openFileSource(refdata('gatingml2/data1.fcs'));
    try {
      expect(new TextDecoder().decode(src.read(0, 6))).toBe('FCS2.0');
      const target = new Uint8Array(10);
      expect(src.readInto(src.size - 5, target)).toBe(5);
      expect(src.size).toBe(manifest.files['gatingml2/data1.fcs']!.size_bytes);
    } finally {
      src.close();
    }
  });

  it('hashes files with streamed sha256 equal to the manifest', () => {
    expect(sha256File(refdata('fcs/flowkit_test_data_2d_01.fcs'))).toBe(manifest.files['fcs/flowkit_test_data_2d_01.fcs']!.sha256);
  });

  it('dispatches on content: an FCS file named .csv is read as FCS, a CSV as CSV', () => {
    const fcsAsCsv = path.join(tmp, 'really-fcs.csv');
    fs.copyFileSync(refdata('fcs/flowkit_data_set_simple_line_100.fcs'), fcsAsCsv);
    expect(readEventsFile(fcsAsCsv).version).toBe('FCS3.1');
    const csv = path.join(tmp, 'tube.csv');
    fs.writeFileSync(csv, 'A,B\n1,2\n');
    expect(readEventsFile(csv).version).toBe('CSV');
  });

  it('reports a missing file as FCS_IO with the path', () => {
    const err = captureError(() => readEventsFile(path.join(tmp, 'nope.fcs')));
    expect(err.code).toBe('FCS_IO');
    expect(err.file).toBe(path.join(tmp, 'nope.fcs'));
  });

  it('refuses a non-FCS file with another extension as not FCS', () => {
    const f = path.join(tmp, 'photo.png');
    fs.writeFileSync(f, new Uint8Array(100).fill(0x89));
    expect(captureError(() => readEventsFile(f)).code).toBe('FCS_NOT_FCS');
  });
});
