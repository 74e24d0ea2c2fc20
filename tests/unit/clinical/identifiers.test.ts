import { describe, expect, it } from 'vitest';
import { curpCheckDigit, nssCheckDigit, validateCurp, validateNss, validateTemporaryId } from '../../../shared/clinical/identifiers';

describe('CURP', () => {
  it('accepts the domain.md examples HEGG560427MVZRRL04 and MAAR790213HMNRLF03', () => {
    expect(validateCurp('HEGG560427MVZRRL04')).toEqual({ ok: true });
    expect(validateCurp('MAAR790213HMNRLF03')).toEqual({ ok: true });
  });
  it('computes the check digit with the 37-letter alphabet including Ñ', () => {
    expect(curpCheckDigit('HEGG560427MVZRRL0')).toBe(4);
  });
  it('rejects a wrong check digit at position 18', () => {
    expect(validateCurp('HEGG560427MVZRRL05')).toMatchObject({ ok: false, code: 'CURP_CHECK', position: 18 });
  });
  it('rejects an unknown state code', () => {
    const first = 'HEGG560427MXXRRL0';
    expect(validateCurp(first + curpCheckDigit(first))).toMatchObject({ ok: false, code: 'CURP_STATE' });
  });
  it('rejects a date that is not on the calendar', () => {
    const first = 'HEGG560231MVZRRL0';
    expect(validateCurp(first + curpCheckDigit(first))).toMatchObject({ ok: false, code: 'CURP_DATE' });
  });
  it('accepts a child born after 2000 with a letter homoclave and the CX state code', () => {
    const first = 'GOLP150304HCXNPRA';
    expect(validateCurp(first + curpCheckDigit(first))).toEqual({ ok: true });
  });
  it('accepts X as sex and NE for born abroad', () => {
    const first = 'GOLP150304XNENPRA';
    expect(validateCurp(first + curpCheckDigit(first))).toEqual({ ok: true });
  });
  it('rejects a short CURP with its length', () => {
    expect(validateCurp('HEGG560427')).toMatchObject({ ok: false, code: 'CURP_LENGTH' });
  });
});

describe('NSS', () => {
  it('accepts the domain.md example 92919084431', () => {
    expect(validateNss('92919084431')).toEqual({ ok: true });
  });
  it('computes the Luhn check digit over the first 10 digits', () => {
    expect(nssCheckDigit('9291908443')).toBe(1);
  });
  it('rejects a wrong check digit', () => {
    expect(validateNss('92919084432')).toMatchObject({ ok: false, code: 'NSS_CHECK', position: 11 });
  });
  it('rejects letters and wrong lengths', () => {
    expect(validateNss('9291908443')).toMatchObject({ ok: false, code: 'NSS_FORMAT' });
    expect(validateNss('9291908443A')).toMatchObject({ ok: false, code: 'NSS_FORMAT' });
  });
});

describe('temporary identifier', () => {
  it('accepts TMP-<center>-<date>-<seq> and refuses a CURP-like string', () => {
    expect(validateTemporaryId('TMP-UMAE01-20261126-003')).toEqual({ ok: true });
    expect(validateTemporaryId('HEGG560427MVZRRL04').ok).toBe(false);
  });
});
