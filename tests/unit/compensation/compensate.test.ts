// Compensation against the independent first-event checks in
// refdata/compensation/compensation_reference.json, end to end through the FCS parser, and on
// generated data with known truth.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compensateColumns,
  compensateDataset,
  compensateEvents,
  CompensationError,
  genericKernel,
  kernelFor,
} from '../../../shared/compensation';
import { parseFcs } from '../../../shared/fcs/parse';
import type { FcsDataset, FcsParameter, Spillover } from '../../../shared/fcs/types';
import { refdata } from '../../helpers/paths';
import { readSpillKeyword } from './spillText';

interface Case {
  fcs: string;
  keyword: string;
  spill_names: string[];
  independent_check_first3_events: { raw: number[]; compensated: number[] }[];
}

const reference = JSON.parse(fs.readFileSync(refdata('compensation', 'compensation_reference.json'), 'utf8')) as { cases: Case[] };

/** The JSON prints 9 significant digits: half a unit in the 9th digit, plus a floor near zero. */
function expectNine(got: number, want: number, what: string): void {
  expect(Math.abs(got - want), `${what}: got ${got}, want ${want}`).toBeLessThanOrEqual(5e-9 * Math.abs(want) + 1e-6);
}

describe('independent reference (compensation_reference.json)', () => {
  for (const c of reference.cases) {
    it(`reproduces the first 3 compensated events of ${c.fcs} from its ${c.keyword} matrix`, () => {
      const spill = readSpillKeyword(refdata(c.fcs), c.keyword);
      expect(spill.names).toEqual(c.spill_names);
      const n = spill.names.length;
      // Raw values are float32 in the file, printed to 9 digits: fround recovers them exactly.
      const columns = spill.names.map((_, i) => Float64Array.from(c.independent_check_first3_events, (ev) => Math.fround(ev.raw[i])));
      const out = compensateColumns(columns, spill.matrix, n);
      c.independent_check_first3_events.forEach((ev, e) => {
        for (let j = 0; j < n; j++) expectNine(out[j][e], ev.compensated[j], `event ${e} ${spill.names[j]}`);
      });
    });
  }
});

describe('end to end through parseFcs', () => {
  for (const c of reference.cases) {
    it(`compensateDataset on ${c.fcs} gives the reference first events on the channels the matrix names`, () => {
      const ds = parseFcs(new Uint8Array(fs.readFileSync(refdata(c.fcs))));
      const { channels, columns } = compensateDataset(ds);
      expect(channels.map((p) => ds.parameters[p].name)).toEqual(c.spill_names);
      c.independent_check_first3_events.forEach((ev, e) => {
        for (let j = 0; j < channels.length; j++) expectNine(columns[j][e], ev.compensated[j], `event ${e} ${c.spill_names[j]}`);
      });
    });
  }
});

/** Deterministic generator (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Largest |a - b| over all columns and events. */
function maxAbsDiff(a: ArrayLike<number>[], b: ArrayLike<number>[]): number {
  let worst = 0;
  for (let j = 0; j < a.length; j++) for (let e = 0; e < a[j].length; e++) worst = Math.max(worst, Math.abs(a[j][e] - b[j][e]));
  return worst;
}

/** A realistic n-colour spillover: 1 on the diagonal, 0-30 % into neighbours, multiples of 1/64. */
function dyadicSpillover(n: number, next: () => number): Float64Array {
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) s[i * n + j] = i === j ? 1 : Math.abs(i - j) <= 2 ? Math.floor(next() * 20) / 64 : 0;
  }
  return s;
}

/**
 * Events whose observed values (true · S) are exact in float32: integer truths below 2^12 times
 * multiples of 1/64 stay within 24 significant bits. Layout: stride columns, the n fluorescence
 * channels at the given indices, other columns noise.
 */
function mixedEvents(truth: Float64Array[], s: Float64Array, stride: number, at: number[]): Float32Array {
  const n = truth.length;
  const count = truth[0].length;
  const ev = new Float32Array(count * stride);
  for (let e = 0; e < count; e++) {
    for (let k = 0; k < stride; k++) ev[e * stride + k] = 12345 + k;
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += truth[i][e] * s[i * n + j];
      ev[e * stride + at[j]] = sum;
      if (ev[e * stride + at[j]] !== sum) throw new Error(`generated value ${sum} is not exact in float32`);
    }
  }
  return ev;
}

describe('generated data with known truth', () => {
  const n = 8;
  const count = 20_000;
  const next = rng(20260326);
  const s = dyadicSpillover(n, next);
  const truth = Array.from({ length: n }, () => Float64Array.from({ length: count }, () => Math.floor(next() * 4096) - 200));
  const stride = 12;
  const at = [3, 4, 5, 6, 7, 8, 9, 10];
  const events = mixedEvents(truth, s, stride, at);

  it('compensateEvents recovers the true intensities within 1e-9 from the row-major float32 events', () => {
    expect(maxAbsDiff(compensateEvents(events, stride, at, s), truth)).toBeLessThan(1e-9);
  });

  it('compensateColumns agrees with compensateEvents', () => {
    const cols = at.map((p) => Float64Array.from({ length: count }, (_, e) => events[e * stride + p]));
    const a = compensateColumns(cols, s, n);
    const b = compensateEvents(events, stride, at, s);
    expect(maxAbsDiff(a, b)).toBe(0);
  });

  it('the generic kernel (no code generation) gives the same result as the generated one', () => {
    const inv = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) inv[i] = next() - 0.5;
    const ch = Int32Array.from(at);
    const a = Array.from({ length: n }, () => new Float64Array(count));
    const b = Array.from({ length: n }, () => new Float64Array(count));
    kernelFor(n)(events, stride, ch, inv, a, count);
    genericKernel(events, stride, ch, inv, b, count);
    expect(maxAbsDiff(a, b)).toBe(0);
  });

  it('handles more channels than the generated kernels cover (30)', () => {
    const m = 30;
    const s30 = dyadicSpillover(m, next);
    const t30 = Array.from({ length: m }, () => Float64Array.from({ length: 500 }, () => Math.floor(next() * 4096)));
    const idx = Array.from({ length: m }, (_, i) => i + 1);
    expect(maxAbsDiff(compensateEvents(mixedEvents(t30, s30, m + 2, idx), m + 2, idx, s30), t30)).toBeLessThan(1e-9);
  });

  it('writes into given output columns when asked, with the same result', () => {
    const out = at.map(() => new Float64Array(count));
    const got = compensateEvents(events, stride, at, s, { out });
    expect(got).toBe(out);
    expect(maxAbsDiff(got, truth)).toBeLessThan(1e-9);
  });

  it('compensates columns in place when the output columns are the inputs', () => {
    const cols = at.map((p) => Float64Array.from({ length: count }, (_, e) => events[e * stride + p]));
    compensateColumns(cols, s, n, { out: cols });
    expect(maxAbsDiff(cols, truth)).toBeLessThan(1e-9);
  });

  it('refuses output columns that are too short', () => {
    expect(() => compensateEvents(events, stride, at, s, { out: at.map(() => new Float64Array(10)) })).toThrowError(expect.objectContaining({ code: 'SPILLOVER_SHAPE' }));
  });

  it('refuses a channel index outside the event row', () => {
    expect(() => compensateEvents(events, stride, [0, 12], Float64Array.from([1, 0, 0, 1]))).toThrowError(expect.objectContaining({ code: 'SPILLOVER_CHANNEL_MISSING' }));
  });
});

function parameter(index: number, name: string, gain = 1): FcsParameter {
  return { index, name, marker: null, bits: 32, range: 262144, amplification: { decades: 0, offset: 0 }, gain, kind: 'fluorescence' };
}

function dataset(parameters: FcsParameter[], rows: number[][], spillover: Spillover | null): FcsDataset {
  return {
    index: 0, offset: 0, version: 'FCS3.1', keywords: {}, dataType: 'F', byteOrder: '1,2,3,4',
    eventCount: rows.length, parameterCount: parameters.length, parameters,
    events: Float32Array.from(rows.flat()), spillover, warnings: [],
  };
}

describe('compensateDataset', () => {
  const s = Float64Array.from([1, 0.25, 0.5, 1]);

  it('matches spillover channels to $PnN case-insensitively, in matrix order', () => {
    const ds = dataset([parameter(0, 'FSC-A'), parameter(1, 'PE-A'), parameter(2, 'FITC-A')], [[9, 12, 10]], {
      keyword: '$SPILLOVER', channels: ['fitc-a', 'pe-a'], matrix: s,
    });
    const { channels, columns } = compensateDataset(ds);
    expect(channels).toEqual([2, 1]);
    // [10, 12]·S⁻¹, S⁻¹ = [[1, -0.25], [-0.5, 1]] / 0.875.
    expect(columns[0][0]).toBeCloseTo((10 - 6) / 0.875, 12);
    expect(columns[1][0]).toBeCloseTo((12 - 2.5) / 0.875, 12);
  });

  it('refuses a matrix channel missing from the data set with SPILLOVER_CHANNEL_MISSING and its name', () => {
    const ds = dataset([parameter(0, 'FITC-A')], [[1]], null);
    try {
      compensateDataset(ds, { keyword: 'user', channels: ['FITC-A', 'APC-A'], matrix: s });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CompensationError);
      expect((e as CompensationError).code).toBe('SPILLOVER_CHANNEL_MISSING');
      expect((e as CompensationError).detail?.channel).toBe('APC-A');
    }
  });

  it('uses a user-edited matrix instead of the file one when given', () => {
    const ds = dataset([parameter(0, 'A'), parameter(1, 'B')], [[10, 12]], { keyword: 'SPILL', channels: ['A', 'B'], matrix: s });
    const { columns } = compensateDataset(ds, { keyword: 'user', channels: ['A', 'B'], matrix: Float64Array.from([1, 0, 0, 1]) });
    expect([columns[0][0], columns[1][0]]).toEqual([10, 12]);
  });

  it('returns nothing to compensate when there is no spillover', () => {
    expect(compensateDataset(dataset([parameter(0, 'A')], [[1]], null))).toEqual({ channels: [], columns: [] });
  });

  it('compensates scaled values: a channel with $PnG = 2 is divided by its gain first', () => {
    const ds = dataset([parameter(0, 'A', 2), parameter(1, 'B')], [[20, 12]], { keyword: 'SPILL', channels: ['A', 'B'], matrix: s });
    const { columns } = compensateDataset(ds);
    expect(columns[0][0]).toBeCloseTo((10 - 6) / 0.875, 12);
  });

  it('refuses a matrix whose value count does not match its channel list', () => {
    const ds = dataset([parameter(0, 'A'), parameter(1, 'B')], [[1, 2]], { keyword: 'SPILL', channels: ['A', 'B'], matrix: new Float64Array(3) });
    expect(() => compensateDataset(ds)).toThrowError(expect.objectContaining({ code: 'SPILLOVER_SHAPE' }));
  });
});
