// LU inverse, condition number and the typed refusals of bad spillover matrices.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkedInverse, CompensationError, conditionNumber, invert } from '../../../shared/compensation';
import { refdata } from '../../helpers/paths';

const reference = JSON.parse(fs.readFileSync(refdata('compensation', 'compensation_reference.json'), 'utf8')) as {
  peer_spill_strings: { value: string; n: number }[];
};

function parseSpillString(value: string): { n: number; names: string[]; matrix: Float64Array } {
  const f = value.split(',');
  const n = Number(f[0]);
  return { n, names: f.slice(1, n + 1), matrix: Float64Array.from(f.slice(n + 1), Number) };
}

function readCsvMatrix(): { n: number; names: string[]; matrix: Float64Array } {
  const lines = fs.readFileSync(refdata('compensation', 'flowkit_comp_complete_example.csv'), 'utf8').trim().split(/\r?\n/);
  const names = lines[0].split(',');
  return { n: names.length, names, matrix: Float64Array.from(lines.slice(1).flatMap((l) => l.split(',')), Number) };
}

function multiply(a: ArrayLike<number>, b: ArrayLike<number>, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) c[i * n + j] += a[i * n + k] * b[k * n + j];
  return c;
}

function expectIdentity(m: Float64Array, n: number, tol: number): void {
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Math.abs(m[i * n + j] - (i === j ? 1 : 0)), `[${i}][${j}]`).toBeLessThan(tol);
}

describe('invert', () => {
  it('inverts the 13-colour peer spill string (FlowUtils) so that S·S⁻¹ = I to 1e-13', () => {
    const { n, matrix } = parseSpillString(reference.peer_spill_strings[0].value);
    expect(n).toBe(13);
    const inv = invert(matrix, n);
    expectIdentity(multiply(matrix, inv, n), n, 1e-13);
    expectIdentity(multiply(inv, matrix, n), n, 1e-13);
  });

  it('inverts the 14-colour FlowKit external matrix so that S⁻¹·S = I to 1e-13', () => {
    const { n, matrix } = readCsvMatrix();
    expect(n).toBe(14);
    expectIdentity(multiply(invert(matrix, n), matrix, n), n, 1e-13);
  });

  it('pivots: a matrix with a zero leading entry still inverts exactly', () => {
    const inv = invert(Float64Array.from([0, 1, 1, 0]), 2);
    expect(Array.from(inv)).toEqual([0, 1, 1, 0]);
  });

  it('refuses a singular matrix with SPILLOVER_SINGULAR and the column named', () => {
    const s = Float64Array.from([1, 0.5, 0, 2, 1, 0, 0, 0, 1]);
    try {
      invert(s, 3, ['FITC-A', 'PE-A', 'APC-A']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CompensationError);
      const err = e as CompensationError;
      expect(err.code).toBe('SPILLOVER_SINGULAR');
      expect(err.detail?.column).toBe(1);
      expect(err.message).toContain('PE-A');
    }
  });

  it('refuses a value count that is not n*n with SPILLOVER_SHAPE', () => {
    expect(() => invert(new Float64Array(5), 2)).toThrowError(expect.objectContaining({ code: 'SPILLOVER_SHAPE' }));
  });
});

describe('conditionNumber', () => {
  it('is 1 for the identity', () => {
    expect(conditionNumber(Float64Array.from([1, 0, 0, 1]), 2)).toBe(1);
  });

  it('equals ‖S‖₁·‖S⁻¹‖₁ for a 2×2 matrix with a known inverse', () => {
    // S = [[1, s], [s, 1]], S⁻¹ = [[1, -s], [-s, 1]] / (1 - s²): κ₁ = (1+s)·(1+s)/(1-s²) = (1+s)/(1-s).
    const s = 0.9;
    expect(conditionNumber(Float64Array.from([1, s, s, 1]), 2)).toBeCloseTo((1 + s) / (1 - s), 12);
  });

  it('is Infinity for a singular matrix', () => {
    expect(conditionNumber(Float64Array.from([1, 1, 1, 1]), 2)).toBe(Infinity);
  });

  it('stays modest for the real panels in refdata (2-100)', () => {
    const peer = parseSpillString(reference.peer_spill_strings[0].value);
    const csv = readCsvMatrix();
    for (const m of [peer, csv]) {
      const k = conditionNumber(m.matrix, m.n);
      expect(k).toBeGreaterThan(1);
      expect(k).toBeLessThan(100);
    }
  });
});

describe('checkedInverse', () => {
  it('refuses an ill-conditioned matrix with the condition number and the channel most affected', () => {
    const s = 0.99999;
    const m = Float64Array.from([1, 0, 0, 0, 1, s, 0, s, 1]);
    try {
      checkedInverse(m, 3, ['FITC-A', 'PE-A', 'PE-Cy5-A']);
      expect.unreachable();
    } catch (e) {
      const err = e as CompensationError;
      expect(err.code).toBe('SPILLOVER_ILL_CONDITIONED');
      expect(err.detail?.conditionNumber).toBeCloseTo((1 + s) / (1 - s), 3);
      expect([1, 2]).toContain(err.detail?.column);
      expect(err.message).toMatch(/PE-A|PE-Cy5-A/);
    }
  });

  it('refuses a matrix written in percent (diagonal 100) with SPILLOVER_BAD_VALUE at row 1', () => {
    expect(() => checkedInverse(Float64Array.from([100, 5, 3, 100]), 2, ['A', 'B'])).toThrowError(
      expect.objectContaining({ code: 'SPILLOVER_BAD_VALUE', detail: expect.objectContaining({ row: 0, column: 0, value: 100 }) }),
    );
  });

  it('refuses NaN with SPILLOVER_BAD_VALUE at its row and column', () => {
    expect(() => checkedInverse(Float64Array.from([1, 0, Number.NaN, 1]), 2)).toThrowError(
      expect.objectContaining({ code: 'SPILLOVER_BAD_VALUE', detail: expect.objectContaining({ row: 1, column: 0 }) }),
    );
  });

  it('refuses a strongly negative spillover coefficient', () => {
    expect(() => checkedInverse(Float64Array.from([1, -0.8, 0, 1]), 2)).toThrowError(expect.objectContaining({ code: 'SPILLOVER_BAD_VALUE' }));
  });

  it('accepts small negative coefficients, as fitted matrices carry', () => {
    expect(checkedInverse(Float64Array.from([1, -0.002, 0.1, 1]), 2)).toHaveLength(4);
  });
});
