import { describe, expect, it } from 'vitest';
import { emptyIntake, fieldForErrorPath, identifierErrorCode, toCreateInput } from '../../../renderer/features/intake/intakeForm';
import { localInputToIso } from '../../../renderer/app/format';

describe('toCreateInput', () => {
  it('drops blank optional fields and upper-cases the CURP', () => {
    const input = toCreateInput({ ...emptyIntake('2026-11-26T08:30'), name: ' ANA PEREZ ', curp: 'hegg560427mvzrrl04', centerCode: 'C01', sampleType: 'bone_marrow', studyType: 'diagnosis', collectedAt: '2026-11-25T20:00' });
    expect(input.patient).toEqual({ name: 'ANA PEREZ', curp: 'HEGG560427MVZRRL04', tempId: undefined, nss: undefined, birthDate: undefined, sex: undefined });
    expect(input.temperatureC).toBeUndefined();
    expect(input.condition).toBeUndefined();
  });

  it('converts local date-times to ISO 8601 UTC', () => {
    const input = toCreateInput({ ...emptyIntake('2026-11-26T08:30'), collectedAt: '2026-11-25T20:00' });
    expect(input.receivedAt).toBe(new Date(2026, 10, 26, 8, 30).toISOString());
    expect(input.collectedAt).toBe(new Date(2026, 10, 25, 20, 0).toISOString());
  });

  it('accepts a decimal comma in the temperature', () => {
    expect(toCreateInput({ ...emptyIntake(''), temperatureC: '4,5' }).temperatureC).toBe(4.5);
  });
});

describe('localInputToIso', () => {
  it('returns null for an empty or malformed value', () => {
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('26/11/2026')).toBeNull();
  });
});

describe('fieldForErrorPath', () => {
  it('maps the server path patient.curp to the CURP field', () => {
    expect(fieldForErrorPath('patient.curp')).toBe('curp');
  });

  it('maps a top-level path to its field', () => {
    expect(fieldForErrorPath('receivedAt')).toBe('receivedAt');
  });

  it('returns null for a path the form does not show', () => {
    expect(fieldForErrorPath('somethingElse')).toBeNull();
    expect(fieldForErrorPath(undefined)).toBeNull();
  });
});

describe('identifierErrorCode', () => {
  it('reads the identifier rule code the backend puts in error.details', () => {
    expect(identifierErrorCode({ code: 'CURP_CHECK', position: 18 })).toBe('CURP_CHECK');
  });

  it('returns null when the details carry no code', () => {
    expect(identifierErrorCode(undefined)).toBeNull();
    expect(identifierErrorCode({ issues: [] })).toBeNull();
    expect(identifierErrorCode({ code: 42 })).toBeNull();
  });
});
