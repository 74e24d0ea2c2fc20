import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEventsFile, readCsvFile } from '../../../electron/backend/fcs/file';
import { parseCsv, CsvEventsBuilder } from '../../../shared/fcs/csv';
import { captureError, firstDifference } from './capture';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oncoflow-csv-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('CSV import', () => {
  it('reads the header row as channel names and every other row as one event', () => {
    const ds = parseCsv('FSC-A,SSC-A,CD19\n1,2,3\n4.5,-5,6e2\n', { name: 'tube.csv' });
    expect(ds.parameters.map((p) => p.name)).toEqual(['FSC-A', 'SSC-A', 'CD19']);
    expect(ds.parameters.map((p) => p.kind)).toEqual(['scatter', 'scatter', 'fluorescence']);
    expect(Array.from(ds.events)).toEqual([1, 2, 3, 4.5, -5, 600]);
    expect(ds.eventCount).toBe(2);
    expect(ds.keywords['$FIL']).toBe('tube.csv');
  });

  it('accepts quoted headers, CRLF line ends, a BOM, blank lines and semicolons', () => {
    const ds = parseCsv('\ufeff"FSC-A";"CD 10"\r\n1;2\r\n\r\n3;4\r\n');
    expect(ds.parameters.map((p) => p.name)).toEqual(['FSC-A', 'CD 10']);
    expect(Array.from(ds.events)).toEqual([1, 2, 3, 4]);
  });

  it('names the line and column of a cell that is not a number', () => {
    const err = captureError(() => parseCsv('FSC-A,SSC-A,CD19\n1,2,3\n4,x5,6\n', { name: 'bad.csv' }));
    expect(err.code).toBe('FCS_CSV_BAD_NUMBER');
    expect(err.message).toBe("CSV line 3, column 2 (SSC-A): 'x5' is not a number [file bad.csv]");
    expect((err as unknown as { line: number; column: number }).line).toBe(3);
    expect((err as unknown as { line: number; column: number }).column).toBe(2);
  });

  it('refuses an empty cell rather than reading it as zero', () => {
    expect(captureError(() => parseCsv('A,B\n1,\n')).code).toBe('FCS_CSV_BAD_NUMBER');
  });

  it('refuses a row with the wrong number of cells', () => {
    const err = captureError(() => parseCsv('A,B\n1,2\n3\n'));
    expect(err.code).toBe('FCS_CSV_BAD_ROW');
    expect(err.message).toContain('line 3 has 1 cells');
  });

  it('refuses a file without a header of names', () => {
    expect(captureError(() => parseCsv('1,2\n3,4\n')).code).toBe('FCS_CSV_BAD_ROW');
    expect(captureError(() => parseCsv('')).code).toBe('FCS_CSV_EMPTY');
  });

  it('gives the same events when the text arrives in small chunks split mid-line', () => {
    const text = 'A,B,C\n' + Array.from({ length: 500 }, (_, i) => `${i},${i * 0.5},${-i}`).join('\n') + '\n';
    const whole = parseCsv(text);
    const b = new CsvEventsBuilder();
    for (let i = 0; i < text.length; i += 7) b.push(text.slice(i, i + 7));
    expect(firstDifference(b.finish().events, whole.events)).toBe(-1);
    expect(whole.eventCount).toBe(500);
  });

  it('streams a 200,000-row file from disk into one Float32Array (Node adapter)', () => {
    const file = path.join(tmp, 'big.csv');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, 'FSC-A,SSC-A,CD45\n');
    for (let block = 0; block < 20; block++) {
      let s = '';
      for (let i = 0; i < 10_000; i++) { const e = block * 10_000 + i; s += `${e},${e % 1000},${(e % 7) - 3}\n`; }
      fs.writeSync(fd, s);
    }
    fs.closeSync(fd);
    const ds = readEventsFile(file);
    expect(ds.eventCount).toBe(200_000);
    expect(ds.events[3 * 199_999]).toBe(199_999);
    expect(ds.events[3 * 123_456 + 1]).toBe(456);
    expect(firstDifference(readCsvFile(file).events, ds.events)).toBe(-1);
  });
});
