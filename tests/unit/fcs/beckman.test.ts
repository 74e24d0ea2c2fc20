// Beckman Coulter $DFCiTOj and FCS 3.0 $COMP compensation keywords (issue #3): the two real LMD
// files of the reference set, and crafted files with known truth for $COMP and precedence.
import { describe, expect, it } from 'vitest';
import { readFcsFile } from '../../../electron/backend/fcs/file';
import { compensateDataset } from '../../../shared/compensation/compensate';
import { invert } from '../../../shared/compensation/matrix';
import { parseFcs } from '../../../shared/fcs/parse';
import { scaledColumn } from '../../../shared/fcs/scale';
import { readCompSpillover, readDfcSpillover } from '../../../shared/fcs/spillover';
import type { FcsDataset, Spillover } from '../../../shared/fcs/types';
import { refdata } from '../../helpers/paths';
import { captureError } from './capture';
import { craftFcs, float32Bytes, stdKeywords } from './craft';

const FC500 = refdata('fcs/flowio_coulter_FC500_2datasets.lmd');
const NAVIOS = refdata('fcs/fcsparser_Navios_bitmask.lmd');

const cache = new Map<string, FcsDataset>();
function load(file: string, dataset = 0): FcsDataset {
  const key = `${file}#${dataset}`;
  let ds = cache.get(key);
  if (!ds) { ds = readFcsFile(file, { dataset }); cache.set(key, ds); }
  return ds;
}
const at = (s: Spillover, from: string, to: string) => {
  const n = s.channels.length;
  return s.matrix[s.channels.indexOf(from) * n + s.channels.indexOf(to)]!;
};
const diagonal = (s: Spillover) => s.channels.map((_, i) => s.matrix[i * s.channels.length + i]);
const codes = (ds: FcsDataset) => ds.warnings.map((w) => w.code);

describe('Beckman FC500 LMD: FCS 2.0 part (compensated by the instrument)', () => {
  it('attaches no spillover to the FCS 2.0 part and says its values are already compensated', () => {
    const ds = load(FC500, 0);
    expect(ds.spillover).toBeNull();
    expect(codes(ds)).toContain('DFC_COMPENSATION_APPLIED');
  });

  it('reads $DFCiTOj by FL detector number, as percent, onto the linear parameters FL1–FL3 Lin', () => {
    const ds = load(FC500, 0);
    const warnings: { code: string; message: string }[] = [];
    const s = readDfcSpillover(ds.keywords, ds.parameters, warnings)!;
    // FL1..FL5 keywords; FL4/FL5 are not recorded in this data set; FL1–FL3 are recorded twice
    // (Log and Lin) and compensation is linear.
    expect(s.keyword).toBe('$DFC');
    expect(s.channels).toEqual(['FL1 Lin', 'FL2 Lin', 'FL3 Lin']);
    expect(s.matrix.length).toBe(9);
    expect(ds.keywords['$DFC1TO3']).toBe('28.40');
    expect(at(s, 'FL1 Lin', 'FL3 Lin')).toBeCloseTo(0.284, 12);
    expect(at(s, 'FL3 Lin', 'FL1 Lin')).toBe(0);
    expect(diagonal(s)).toEqual([1, 1, 1]);
    expect(warnings[0]!.message).toContain('2 detector(s) of FL1–FL5 not recorded here were dropped');
  });
});

describe('Beckman FC500 LMD: FCS 3.0 part (raw 20-bit data)', () => {
  it('takes the 5×5 $DFC matrix of the FCS 2.0 part for the FL1–FL5 parameters', () => {
    const ds = load(FC500, 1);
    const s = ds.spillover!;
    expect(s.keyword).toBe('$DFC');
    expect(s.channels).toEqual(['FL1', 'FL2', 'FL3', 'FL4', 'FL5']);
    expect(s.matrix.length).toBe(25);
    const expected = new Float64Array(25);
    for (let i = 0; i < 5; i++) expected[i * 5 + i] = 1;
    expected[0 * 5 + 2] = 0.284; // $DFC1TO3 = 28.40; every other $DFCiTOj of the file is 0.00
    expect(Array.from(s.matrix)).toEqual(Array.from(expected));
  });

  it('warns that the matrix was borrowed from the $DFC keywords of data set 1', () => {
    const w = load(FC500, 1).warnings.find((x) => x.code === 'SPILLOVER_FROM_DFC');
    expect(w?.message).toContain('data set 1 (the FCS 2.0 part of this file, same 18110 events)');
    expect(w?.message).toContain('value/100');
  });

  it('compensates the raw FL3 to the FCS 2.0 part\'s instrument-compensated FL3 Lin within one channel', () => {
    // The 10-bit FCS 2.0 "FL3 Lin" (P7) is the 20-bit raw FL3 / 1024 after the instrument removed
    // 28.4 % of FL1. On the events where that correction is worth 2 channels or more, our
    // compensation must land within 1 channel (10-bit truncation) and the raw value must not.
    const raw = load(FC500, 1);
    const instrument = scaledColumn(load(FC500, 0), 6);
    const comp = compensateDataset(raw);
    const fl3 = comp.columns[comp.channels.indexOf(4)]!;
    const fl1 = scaledColumn(raw, 2);
    const fl3raw = scaledColumn(raw, 4);
    let checked = 0, worstCompensated = 0, bestUncompensated = Infinity;
    for (let i = 0; i < instrument.length; i++) {
      if (instrument[i]! <= 0 || instrument[i]! >= 1023 || (0.284 * fl1[i]!) / 1024 < 2) continue;
      checked++;
      worstCompensated = Math.max(worstCompensated, Math.abs(fl3[i]! / 1024 - instrument[i]!));
      bestUncompensated = Math.min(bestUncompensated, Math.abs(fl3raw[i]! / 1024 - instrument[i]!));
    }
    expect(checked).toBe(159);
    expect(worstCompensated).toBeLessThan(1);
    expect(bestUncompensated).toBeGreaterThan(1.9);
  });

  it('compensates the data set with its own matrix and keeps a unit diagonal', () => {
    const ds = load(FC500, 1);
    const r = compensateDataset(ds);
    expect(r.channels).toEqual([2, 3, 4, 5, 6]);
    expect(r.columns.every((c) => c.length === ds.eventCount)).toBe(true);
    expect(diagonal(ds.spillover!)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('Beckman Navios LMD (FCS 2.0, 10-colour $DFC matrix, 5 detectors recorded)', () => {
  it('attaches no spillover and says the values are already compensated', () => {
    const ds = load(NAVIOS);
    expect(ds.spillover).toBeNull();
    expect(codes(ds)).toContain('DFC_COMPENSATION_APPLIED');
  });

  it('reads the 10×10 $DFC keywords down to the 5×5 matrix of FL1–FL5 with the keyword values / 100', () => {
    const ds = load(NAVIOS);
    const s = readDfcSpillover(ds.keywords, ds.parameters)!;
    expect(s.channels).toEqual(['FL1 INT LOG', 'FL2 INT LOG', 'FL3 INT LOG', 'FL4 INT LOG', 'FL5 INT LOG']);
    expect(s.matrix.length).toBe(25);
    expect(at(s, 'FL1 INT LOG', 'FL2 INT LOG')).toBeCloseTo(0.134, 12); // $DFC1TO2 = 13.4 (FITC → PE)
    expect(at(s, 'FL2 INT LOG', 'FL3 INT LOG')).toBeCloseTo(0.448, 12); // $DFC2TO3 = 44.8 (PE → ECD)
    expect(at(s, 'FL3 INT LOG', 'FL4 INT LOG')).toBeCloseTo(0.292, 12); // $DFC3TO4 = 29.2 (ECD → PC5)
    expect(at(s, 'FL4 INT LOG', 'FL5 INT LOG')).toBeCloseTo(0.099, 12); // $DFC4TO5 = 9.9 (PC5 → PC7)
    expect(at(s, 'FL2 INT LOG', 'FL1 INT LOG')).toBeCloseTo(0.012, 12); // $DFC2TO1 = 1.2
    expect(diagonal(s)).toEqual([1, 1, 1, 1, 1]);
  });

  it('can compensate the data set with the $DFC matrix on request without error', () => {
    const ds = load(NAVIOS);
    const r = compensateDataset(ds, readDfcSpillover(ds.keywords, ds.parameters));
    expect(r.channels).toEqual([2, 3, 4, 5, 6]);
    expect(r.columns.every((c) => c.length === 50000 && c.every(Number.isFinite))).toBe(true);
  });
});

// ---- crafted files: known truth for $COMP, $DFC in FCS 3.x, precedence and errors -------------

const names = ['FS', 'SS', 'FL1', 'FL2', 'FL3'];
const oneEvent = float32Bytes([100, 200, 1000, 500, 250], true);
function crafted(extra: [string, string][], version = 'FCS3.0') {
  return craftFcs({ version, keywords: stdKeywords({ tot: 1, names, datatype: 'F', extra }), data: oneEvent });
}
// FCS 3.0 spec example: C21 = −40 % (40 % of FL1 subtracted from FL2), C32 = −36.4 %, C12 = −0.1 %, C23 = −0.6 %.
const SPEC_COMP = '3,0.0,-0.1,0.0,-40.0,0.0,-0.6,0.0,-36.4,0.0';

describe('FCS 3.0 $COMP', () => {
  it('reads the spec example over the first 3 fluorescence parameters with a SPILLOVER_FROM_COMP warning', () => {
    const ds = parseFcs(crafted([['$COMP', SPEC_COMP]]));
    expect(ds.spillover!.keyword).toBe('$COMP');
    expect(ds.spillover!.channels).toEqual(['FL1', 'FL2', 'FL3']);
    expect(codes(ds)).toContain('SPILLOVER_FROM_COMP');
  });

  it('inverts the compensation matrix: S·Kᵀ is diagonal, S has a unit diagonal, FL1 spills ≈ 0.40 into FL2', () => {
    const s = parseFcs(crafted([['$COMP', SPEC_COMP]])).spillover!;
    const k = [[1, -0.001, 0], [-0.4, 1, -0.006], [0, -0.364, 1]]; // K = I + C/100
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let sk = 0;
        for (let m = 0; m < 3; m++) sk += s.matrix[i * 3 + m]! * k[j]![m]!; // (S·Kᵀ)[i][j]
        if (i !== j) expect(Math.abs(sk)).toBeLessThan(1e-12);
      }
    }
    expect(diagonal(s)).toEqual([1, 1, 1]);
    expect(at(s, 'FL1', 'FL2')).toBeCloseTo(0.4, 2);
    expect(at(s, 'FL2', 'FL3')).toBeCloseTo(0.364, 2);
  });

  it('compensates an event to the $COMP subtraction times each channel\'s own-detector scale', () => {
    // S = D⁻¹(Kᵀ)⁻¹ with D = diag((Kᵀ)⁻¹) (unit diagonal), so raw·S⁻¹ = (raw·Kᵀ)·D: column j is
    // the spec's subtraction result for FLj scaled by D_j (1/(1 − second-order terms) ≤ 1.003 here).
    const ds = parseFcs(crafted([['$COMP', SPEC_COMP]]));
    const kt = [1, -0.4, 0, -0.001, 1, -0.364, 0, -0.006, 1];
    const ktInv = invert(kt, 3);
    const byK = [1000 - 0.001 * 500, -0.4 * 1000 + 500 - 0.006 * 250, -0.364 * 500 + 250];
    const out = compensateDataset(ds).columns.map((c) => c[0]!);
    out.forEach((v, j) => expect(v).toBeCloseTo(byK[j]! * ktInv[j * 3 + j]!, 9));
    [0, 1, 2].forEach((j) => expect(Math.abs(ktInv[j * 3 + j]! - 1)).toBeLessThan(0.003));
  });

  it('maps an n = $PAR matrix to every parameter in $Pn order (Beckman Navios FCS 3.0 part)', () => {
    const vals = Array.from({ length: 25 }, (_, i) => (i === 12 + 1 ? '-10' : '0')); // row 3 (FL1), column 4 (FL2)
    const s = readCompSpillover({ $COMP: `5,${vals.join(',')}` }, parseFcs(crafted([])).parameters)!;
    expect(s.channels).toEqual(names);
    expect(at(s, 'FL2', 'FL1')).toBeCloseTo(0.1, 12); // 10 % of FL2 subtracted from FL1 = FL2 spills 0.1 into FL1
  });

  it('refuses a diagonal that is neither 0 nor 100 percent', () => {
    const err = captureError(() => parseFcs(crafted([['$COMP', '2,5,-10,0,5']]), { spillover: 'error' }));
    expect(err.code).toBe('FCS_BAD_SPILLOVER');
    expect(err.keyword).toBe('$COMP');
    expect(err.message).toContain('diagonal');
  });

  it('refuses a matrix larger than the fluorescence parameters it could cover', () => {
    const vals = new Array(16).fill('0').join(',');
    const ds = parseFcs(crafted([['$COMP', `4,${vals}`]]));
    expect(ds.spillover).toBeNull();
    expect(ds.warnings.find((w) => w.code === 'SPILLOVER_INVALID')?.message).toContain('3 of them fluorescence');
  });
});

describe('$DFC outside the LMD files, and precedence', () => {
  it('does not attach the $DFC of an FCS 2.0 data set and says its values are compensated', () => {
    const ds = parseFcs(crafted([['$DFC1TO2', '12.5']], 'FCS2.0'));
    expect(ds.spillover).toBeNull();
    expect(codes(ds)).toContain('DFC_COMPENSATION_APPLIED');
  });

  it('does not attach the $DFC of a re-exported FCS 3.1 data set either (its values are the compensated ones)', () => {
    const ds = parseFcs(crafted([['$DFC1TO2', '12.5']], 'FCS3.1'));
    expect(ds.spillover).toBeNull();
    expect(ds.warnings).toEqual([]);
  });

  it('reads $DFC on request with absent keywords as no spill', () => {
    const ds = parseFcs(crafted([['$DFC1TO2', '12.5'], ['$DFC2TO1', '0.5'], ['$DFC3TO2', '3']]));
    const s = readDfcSpillover(ds.keywords, ds.parameters)!;
    expect(s.channels).toEqual(['FL1', 'FL2', 'FL3']);
    expect(at(s, 'FL1', 'FL2')).toBe(0.125);
    expect(at(s, 'FL2', 'FL1')).toBe(0.005);
    expect(at(s, 'FL3', 'FL2')).toBe(0.03);
    expect(at(s, 'FL1', 'FL3')).toBe(0);
  });

  it('reads a decimal comma in a $DFC value and says so', () => {
    const warnings: { code: string; message: string }[] = [];
    const s = readDfcSpillover({ $DFC1TO2: '12,5' }, parseFcs(crafted([])).parameters, warnings)!;
    expect(at(s, 'FL1', 'FL2')).toBe(0.125);
    expect(warnings.find((w) => w.code === 'SPILLOVER_FROM_DFC')?.message).toContain('decimal comma');
  });

  it('reports a $DFC value that is not a number with its keyword', () => {
    const err = captureError(() => readDfcSpillover({ $DFC1TO2: 'abc' }, parseFcs(crafted([])).parameters));
    expect(err.code).toBe('FCS_BAD_SPILLOVER');
    expect(err.keyword).toBe('$DFC1TO2');
  });

  it('prefers $SPILLOVER over $COMP and $DFC and warns that they were passed over', () => {
    const ds = parseFcs(crafted([['$SPILLOVER', '2,FL1,FL2,1,0.2,0,1'], ['$COMP', SPEC_COMP], ['$DFC1TO2', '12.5']]));
    expect(ds.spillover!.keyword).toBe('$SPILLOVER');
    expect(ds.warnings.find((w) => w.code === 'SPILLOVER_BOTH')?.message).toContain('$COMP and $DFCiTOj also present');
  });

  it('prefers $COMP over $DFC', () => {
    const ds = parseFcs(crafted([['$COMP', SPEC_COMP], ['$DFC1TO2', '12.5']]));
    expect(ds.spillover!.keyword).toBe('$COMP');
    expect(codes(ds)).toContain('SPILLOVER_BOTH');
  });

});
