// Generated FCS images with known truth, one per rule of the standard or exporter quirk
// (refdata README "Known FCS quirks").
import { describe, expect, it } from 'vitest';
import { parseFcs, listDatasets } from '../../../shared/fcs/parse';
import { scaledColumn, timeSeconds } from '../../../shared/fcs/scale';
import { parseTextSegment } from '../../../shared/fcs/text';
import { ascii, craftFcs, float32Bytes, stdKeywords, uintBytes } from './craft';
import { captureError } from './capture';

const names2 = ['FSC-A', 'CD19'];
const values = [1.5, -2.25, 1000, 262143.5, 0, 7];

describe('data types and byte orders', () => {
  it('reads little-endian and big-endian float32 to the same events', () => {
    const le = parseFcs(craftFcs({ keywords: stdKeywords({ tot: 3, names: names2, datatype: 'F' }), data: float32Bytes(values, true) }));
    const be = parseFcs(craftFcs({ keywords: stdKeywords({ tot: 3, names: names2, datatype: 'F', byteord: '4,3,2,1' }), data: float32Bytes(values, false) }));
    expect(Array.from(le.events)).toEqual(values);
    expect(Array.from(be.events)).toEqual(values);
  });

  it('reads float64 ($DATATYPE D) into float32 events', () => {
    const b = new Uint8Array(48);
    const dv = new DataView(b.buffer);
    values.forEach((v, i) => dv.setFloat64(i * 8, v, false));
    const ds = parseFcs(craftFcs({ keywords: stdKeywords({ tot: 3, names: names2, datatype: 'D', byteord: '8,7,6,5,4,3,2,1', bits: 64 }), data: b }));
    expect(Array.from(ds.events)).toEqual(values);
  });

  it('reads 64-bit integers', () => {
    const ints = [1, 2 ** 40, 3, 65535];
    const ds = parseFcs(craftFcs({ keywords: stdKeywords({ tot: 2, names: names2, datatype: 'I', bits: 64, ranges: [0, 0] }), data: uintBytes(ints, 8, true) }));
    expect(Array.from(ds.events)).toEqual(ints);
  });

  it('reads the FCS 2.0 mixed byte order 3,4,1,2 for 32-bit integers', () => {
    // value 0x01020304 stored as bytes of significance 3,4,1,2 (1 = least): [0x02, 0x01, 0x04, 0x03]
    const data = Uint8Array.from([0x02, 0x01, 0x04, 0x03, 0, 0, 0x10, 0]);
    const ds = parseFcs(craftFcs({ version: 'FCS2.0', keywords: stdKeywords({ tot: 1, names: names2, datatype: 'I', byteord: '3,4,1,2', bits: 32, ranges: [0, 0] }), data }));
    expect(Array.from(ds.events)).toEqual([0x01020304, 0x10]);
  });

  it('accepts the short big-endian form $BYTEORD 2,1 for 16-bit integers', () => {
    const ds = parseFcs(craftFcs({ version: 'FCS2.0', keywords: stdKeywords({ tot: 1, names: names2, datatype: 'I', byteord: '2,1', bits: 16, ranges: [65536, 65536] }), data: uintBytes([513, 7], 2, false) }));
    expect(Array.from(ds.events)).toEqual([513, 7]);
  });

  it('masks integer values to the bits of $PnR when $PnB has spare bits', () => {
    const ds = parseFcs(craftFcs({ keywords: stdKeywords({ tot: 1, names: names2, datatype: 'I', bits: 32, ranges: [1024, 2 ** 24] }), data: uintBytes([0xfc00 + 1000, 0xff000000 + 12345], 4) }));
    expect(Array.from(ds.events)).toEqual([1000, 12345]);
  });

  it('reads fixed-width ASCII data', () => {
    const ds = parseFcs(craftFcs({ keywords: stdKeywords({ tot: 2, names: names2, datatype: 'A', bits: 5 }), data: ascii('   12 -3.5  1e3    4') }));
    expect(Array.from(ds.events)).toEqual([12, -3.5, 1000, 4]);
  });

  it('reads delimited ASCII data ($PnB *)', () => {
    const kw = stdKeywords({ tot: 2, names: names2, datatype: 'A' }).map(([k, v]) => (/^\$P\dB$/.test(k) ? [k, '*'] : [k, v]) as [string, string]);
    const ds = parseFcs(craftFcs({ keywords: kw, data: ascii('12,-3.5\n1000\t4\r\n') }));
    expect(Array.from(ds.events)).toEqual([12, -3.5, 1000, 4]);
  });

  it('refuses ASCII garbage with the byte offset of the bad value', () => {
    const bytes = craftFcs({ keywords: stdKeywords({ tot: 2, names: names2, datatype: 'A', bits: 4 }), data: ascii('  12 x3    1   4') });
    const err = captureError(() => parseFcs(bytes));
    expect(err.code).toBe('FCS_BAD_ASCII');
    expect(err.offset).toBe(4096 + 4);
    expect(err.message).toContain("' x3 '");
  });

  it('honours FCS 3.2 $PnDATATYPE: an integer and a float parameter in one event', () => {
    const data = new Uint8Array(8);
    new DataView(data.buffer).setUint32(0, 77, true);
    new DataView(data.buffer).setFloat32(4, 2.5, true);
    const kw = stdKeywords({ tot: 1, names: ['Time', 'CD3'], datatype: 'F', extra: [['$P1DATATYPE', 'I']], ranges: [2 ** 32, 1024] });
    const ds = parseFcs(craftFcs({ version: 'FCS3.2', keywords: kw, data }));
    expect(Array.from(ds.events)).toEqual([77, 2.5]);
  });

  it('refuses an unknown $DATATYPE naming the keyword', () => {
    const err = captureError(() => parseFcs(craftFcs({ keywords: stdKeywords({ tot: 1, names: names2, datatype: 'Q' }), data: new Uint8Array(8) })));
    expect(err.code).toBe('FCS_UNSUPPORTED_DATATYPE');
    expect(err.keyword).toBe('$DATATYPE');
  });

  it('refuses histogram mode ($MODE U)', () => {
    const kw = stdKeywords({ tot: 1, names: names2, datatype: 'F' }).map(([k, v]) => (k === '$MODE' ? [k, 'U'] : [k, v]) as [string, string]);
    expect(captureError(() => parseFcs(craftFcs({ keywords: kw, data: new Uint8Array(8) }))).code).toBe('FCS_UNSUPPORTED_MODE');
  });
});

describe('data offsets and lengths', () => {
  const kw = stdKeywords({ tot: 3, names: names2, datatype: 'F' });
  const data = float32Bytes(values);

  it('takes $BEGINDATA/$ENDDATA when the HEADER data offsets are 0 (files over 99,999,999 bytes)', () => {
    const ds = parseFcs(craftFcs({ keywords: kw, data, header: { dataStart: '0', dataEnd: '0' } }));
    expect(Array.from(ds.events)).toEqual(values);
    expect(ds.warnings).toEqual([]);
  });

  it('takes $BEGINDATA/$ENDDATA when FlowJo wrote 99999999 in the HEADER', () => {
    const ds = parseFcs(craftFcs({ keywords: kw, data, header: { dataStart: '99999999', dataEnd: '99999999' } }));
    expect(Array.from(ds.events)).toEqual(values);
  });

  it('derives the DATA length from $TOT when $ENDDATA equals $BEGINDATA (iQue)', () => {
    const ds = parseFcs(craftFcs({ keywords: kw, data, endData: '4096', header: { dataEnd: '4096' } }));
    expect(Array.from(ds.events)).toEqual(values);
    expect(ds.warnings.map((w) => w.code)).toEqual(['DATA_END_EQUALS_BEGIN']);
  });

  it('refuses DATA shorter than $TOT × row size, naming $TOT and both sizes', () => {
    const bytes = craftFcs({ keywords: stdKeywords({ tot: 5, names: names2, datatype: 'F' }), data });
    const err = captureError(() => parseFcs(bytes));
    expect(err.code).toBe('FCS_DATA_LENGTH_MISMATCH');
    expect(err.keyword).toBe('$TOT');
    expect(err.message).toContain('give 24 bytes (3 whole events of 8 bytes), but $TOT = 5 × $PAR = 2 needs 40 bytes');
  });

  it('refuses a file cut inside DATA as truncated, with the byte where it ends', () => {
    const bytes = craftFcs({ keywords: kw, data }).subarray(0, 4096 + 10);
    const err = captureError(() => parseFcs(bytes));
    expect(err.code).toBe('FCS_TRUNCATED');
    expect(err.offset).toBe(4106);
  });

  it('refuses HEADER and TEXT offsets that disagree when both are equally plausible', () => {
    const bytes = craftFcs({ keywords: kw, data, header: { dataStart: '4100', dataEnd: '4123' }, trailer: new Uint8Array(64) });
    const err = captureError(() => parseFcs(bytes));
    expect(err.code).toBe('FCS_OFFSET_DISCREPANCY');
    expect(err.message).toContain('HEADER says DATA is bytes 4100–4123');
  });

  it('uses the offsets that match $TOT × row size when the other pair does not, with a warning', () => {
    const ds = parseFcs(craftFcs({ keywords: kw, data, header: { dataStart: '4100', dataEnd: '4119' }, trailer: new Uint8Array(64) }));
    expect(Array.from(ds.events)).toEqual(values);
    expect(ds.warnings.map((w) => w.code)).toEqual(['OFFSET_DISCREPANCY']);
  });

  it('tolerates bytes after $ENDDATA (Cytek xP5 files carry extra bytes)', () => {
    const ds = parseFcs(craftFcs({ keywords: kw, data, trailer: ascii('00000000') }));
    expect(Array.from(ds.events)).toEqual(values);
  });
});

describe('TEXT quirks', () => {
  const data = float32Bytes(values);

  it('reads keywords case-insensitively and trims spaces before keyword names (Apogee)', () => {
    const kw = stdKeywords({ tot: 3, names: names2, datatype: 'F' }).map(([k, v]) => [k === '$P1N' ? '  $p1n' : k.toLowerCase(), v] as [string, string]);
    const ds = parseFcs(craftFcs({ keywords: kw, data }));
    expect(ds.parameters[0]!.name).toBe('FSC-A');
    expect(ds.keywords['$P1N']).toBe('FSC-A');
    expect(ds.warnings.map((w) => w.code)).toContain('TEXT_SPACED_KEYWORDS');
  });

  it('accepts any delimiter byte, e.g. form feed and a delimiter inside a value', () => {
    const kw = stdKeywords({ tot: 3, names: ['FSC-A', 'CD19\fPE'], datatype: 'F' });
    const ds = parseFcs(craftFcs({ delimiter: '\f', keywords: kw, data }));
    expect(ds.parameters[1]!.name).toBe('CD19\fPE');
  });

  it('warns when TEXT has no final delimiter and keeps the last value', () => {
    const kw = stdKeywords({ tot: 3, names: names2, datatype: 'F', extra: [['GROUPNAME', 'day1']] });
    // With noFinalDelimiter the craft helper also drops offsets' final delimiter, so put them first.
    const ds = parseFcs(craftFcs({ keywords: kw, data, textOffsets: false, noFinalDelimiter: true, version: 'FCS2.0' }));
    expect(ds.keywords['GROUPNAME']).toBe('day1');
    expect(ds.warnings.map((w) => w.code)).toContain('TEXT_NO_FINAL_DELIMITER');
  });

  it('ignores blanks after the final delimiter (flowCore #172)', () => {
    const ds = parseFcs(craftFcs({ keywords: stdKeywords({ tot: 3, names: names2, datatype: 'F' }), data, textSuffix: '   ' }));
    expect(ds.warnings.map((w) => w.code)).toEqual(['TEXT_TRAILING_BLANKS']);
  });

  it('drops a keyword without value when the field count is odd (MACSQuant), with a warning', () => {
    const ds = parseFcs(craftFcs({ keywords: stdKeywords({ tot: 3, names: names2, datatype: 'F' }), data, textSuffix: 'ORPHAN/' }));
    const w = ds.warnings.find((x) => x.code === 'TEXT_ODD_TOKENS')!;
    expect(w.keyword).toBe('ORPHAN');
  });

  it('merges supplemental TEXT that does not start with the delimiter (FlowCal #247)', () => {
    // Supplemental TEXT placed in the padding between TEXT and DATA.
    const base = craftFcs({ keywords: stdKeywords({ tot: 3, names: names2, datatype: 'F', extra: [['$BEGINSTEXT', '3000'], ['$ENDSTEXT', '3022']] }), data });
    base.set(ascii('TUBE NAME/B-ALL tube 1/'.padEnd(23, ' ')), 3000);
    const ds = parseFcs(base);
    expect(ds.keywords['TUBE NAME']).toBe('B-ALL tube 1');
  });

  it('refuses a non-numeric $TOT with the keyword, its value and byte offset', () => {
    const kw = stdKeywords({ tot: 3, names: names2, datatype: 'F' }).map(([k, v]) => (k === '$TOT' ? [k, 'abc'] : [k, v]) as [string, string]);
    const err = captureError(() => parseFcs(craftFcs({ keywords: kw, data })));
    expect(err.code).toBe('FCS_BAD_KEYWORD');
    expect(err.keyword).toBe('$TOT');
    expect(err.message).toMatch(/^FCS TEXT: keyword \$TOT = 'abc' is not a whole number \(byte \d+\)$/);
  });

  it('refuses a file that does not start with FCS', () => {
    const err = captureError(() => parseFcs(ascii('Time,FSC-A\n1,2\n'.padEnd(80, ' '))));
    expect(err.code).toBe('FCS_NOT_FCS');
  });

  it('refuses FCS 1.0 as an unsupported version', () => {
    const bytes = craftFcs({ keywords: stdKeywords({ tot: 3, names: names2, datatype: 'F' }), data });
    bytes.set(ascii('FCS1.0'), 0);
    expect(captureError(() => parseFcs(bytes)).code).toBe('FCS_UNSUPPORTED_VERSION');
  });
});

describe('several data sets', () => {
  it('lists data sets that are plain concatenations of FCS files (Guava Muse)', () => {
    const a = craftFcs({ keywords: stdKeywords({ tot: 3, names: names2, datatype: 'F' }), data: float32Bytes(values) });
    const b = craftFcs({ keywords: stdKeywords({ tot: 1, names: names2, datatype: 'F' }), data: float32Bytes([9, 8]) });
    const both = new Uint8Array(a.length + b.length);
    both.set(a);
    both.set(b, a.length);
    expect(listDatasets(both).map((d) => [d.offset, d.eventCount])).toEqual([[0, 3], [a.length, 1]]);
    expect(Array.from(parseFcs(both, { dataset: 1 }).events)).toEqual([9, 8]);
  });

  it('warns when $NEXTDATA points outside the file and still reads the first data set', () => {
    const kw = stdKeywords({ tot: 3, names: names2, datatype: 'F' }).map(([k, v]) => (k === '$NEXTDATA' ? [k, '99999'] : [k, v]) as [string, string]);
    const ds = parseFcs(craftFcs({ keywords: kw, data: float32Bytes(values) }));
    expect(ds.warnings.map((w) => w.code)).toEqual(['NEXTDATA_OUT_OF_FILE']);
  });
});

describe('spillover keywords', () => {
  const kw = (extra: [string, string][]) => stdKeywords({ tot: 3, names: ['FSC-A', 'FITC-A', 'PE-A'], datatype: 'F', extra });
  const data = float32Bytes([1, 2, 3, 4, 5, 6, 7, 8, 9]);

  it('reads FACSDiva SPILL written with decimal commas (flowCore #209)', () => {
    const ds = parseFcs(craftFcs({ keywords: kw([['SPILL', '2,FITC-A,PE-A,1,0,0,25,0,0,1,0']]), data }));
    expect(Array.from(ds.spillover!.matrix)).toEqual([1, 0.25, 0, 1]);
    expect(ds.warnings.map((w) => w.code)).toContain('SPILLOVER_COMMA_DECIMAL');
  });

  it('maps channel numbers in $SPILLOVER to $PnN (Accuri C6, Navios)', () => {
    const ds = parseFcs(craftFcs({ keywords: kw([['$SPILLOVER', '2,2,3,1,0.1,0.2,1']]), data }));
    expect(ds.spillover!.channels).toEqual(['FITC-A', 'PE-A']);
  });

  it('prefers $SPILLOVER when SPILL is also present (flowCore #62)', () => {
    const ds = parseFcs(craftFcs({ keywords: kw([['SPILL', '2,FITC-A,PE-A,1,0.5,0,1'], ['$SPILLOVER', '2,FITC-A,PE-A,1,0.1,0,1']]), data }));
    expect(ds.spillover!.keyword).toBe('$SPILLOVER');
    expect(ds.spillover!.matrix[1]).toBe(0.1);
  });

  it('reports a singular spillover as a warning, or as FCS_BAD_SPILLOVER when asked to', () => {
    const bytes = craftFcs({ keywords: kw([['$SPILLOVER', '2,FITC-A,PE-A,1,1,1,1']]), data });
    const ds = parseFcs(bytes);
    expect(ds.spillover).toBeNull();
    expect(ds.warnings.find((w) => w.code === 'SPILLOVER_INVALID')!.message).toContain('singular');
    const err = captureError(() => parseFcs(bytes, { spillover: 'error' }));
    expect(err.code).toBe('FCS_BAD_SPILLOVER');
    expect(err.keyword).toBe('$SPILLOVER');
  });

  it('refuses a spillover that names a channel the data set does not have (when strict)', () => {
    const err = captureError(() => parseFcs(craftFcs({ keywords: kw([['$SPILLOVER', '2,FITC-A,APC-A,1,0,0,1']]), data }), { spillover: 'error' }));
    expect(err.message).toContain("names channel 'APC-A'");
  });
});

describe('scale values', () => {
  it('log-decodes integer channels with $PnE (f2 = 0 read as 1) and divides linear ones by $PnG', () => {
    const kw = stdKeywords({ tot: 1, names: ['FSC-H', 'FL1-H'], datatype: 'I', bits: 16, extra: [['$P1G', '2'], ['$P2E', '4,0']] })
      .filter(([k]) => k !== '$P2E').concat([['$P2E', '4,0']]);
    const ds = parseFcs(craftFcs({ keywords: kw, data: uintBytes([100, 512], 2) }));
    expect(scaledColumn(ds, 0)[0]).toBe(50);
    expect(scaledColumn(ds, 1)[0]).toBeCloseTo(100, 10);
  });

  it('does not log-decode float channels that declare $PnE (flowCore #99)', () => {
    const kw = stdKeywords({ tot: 1, names: ['FSC-H', 'FL1-H'], datatype: 'F' }).filter(([k]) => k !== '$P2E').concat([['$P2E', '5.22472,100']]);
    const ds = parseFcs(craftFcs({ keywords: kw, data: float32Bytes([1, 512]) }));
    expect(scaledColumn(ds, 1)[0]).toBe(512);
    expect(ds.warnings.map((w) => w.code)).toContain('FLOAT_WITH_LOG_AMPLIFICATION');
  });

  it('treats $PnG = 0 as gain 1 with a warning', () => {
    const ds = parseFcs(craftFcs({ keywords: stdKeywords({ tot: 1, names: ['Time', 'FL1-H'], datatype: 'F', extra: [['$P1G', '0']] }), data: float32Bytes([30, 5]) }));
    expect(scaledColumn(ds, 0)[0]).toBe(30);
    expect(ds.warnings.map((w) => w.code)).toContain('GAIN_INVALID');
  });

  it('converts the time channel to seconds with $TIMESTEP', () => {
    const ds = parseFcs(craftFcs({ keywords: stdKeywords({ tot: 1, names: ['Time', 'FL1-H'], datatype: 'F', extra: [['$TIMESTEP', '0.01']] }), data: float32Bytes([250, 5]) }));
    expect(ds.parameters[0]!.kind).toBe('time');
    expect(timeSeconds(ds)![0]).toBeCloseTo(2.5, 12);
  });
});

describe('FCS 2.0 empty keyword values', () => {
  it('reads doubled delimiters as empty values when the escape reading would swallow a keyword', () => {
    const bytes = Uint8Array.from('/$P1S//$P1N/FSC-H/$P2S//$P2N/FL1-H/', (c) => c.charCodeAt(0));
    const warnings: { code: string }[] = [];
    const { keywords } = parseTextSegment(bytes, 0, warnings as never, {});
    expect({ ...keywords }).toEqual({ $P1S: '', $P1N: 'FSC-H', $P2S: '', $P2N: 'FL1-H' });
    expect(warnings.map((w) => w.code)).toContain('TEXT_EMPTY_VALUES');
  });
});

describe('parameter kinds', () => {
  it('takes the kind from FCS 3.2 $PnTYPE when present, else from the detector name', () => {
    const kw = stdKeywords({ tot: 1, names: ['Detector7', 'FSC-A', 'Time'], datatype: 'F', extra: [['$P1TYPE', 'Side_Scatter']] });
    const ds = parseFcs(craftFcs({ version: 'FCS3.2', keywords: kw, data: float32Bytes([1, 2, 3]) }));
    expect(ds.parameters.map((p) => p.kind)).toEqual(['scatter', 'scatter', 'time']);
  });
});
