// The intake form's values (strings, as the inputs hold them) → the samples.create input.
// Validation proper is the server's (one set of rules, shared/api/contract.ts and the backend);
// here we only convert types and drop blank optional fields, so the server sees what was typed.
import type { SamplesCreateInput } from '../../../shared/api/contract';
import { localInputToIso } from '../../app/format';

export interface IntakeValues {
  name: string;
  curp: string;
  tempId: string;
  nss: string;
  birthDate: string;
  sex: string;
  centerCode: string;
  sampleType: string;
  studyType: string;
  collectedAt: string;
  receivedAt: string;
  temperatureC: string;
  condition: string;
}

export type IntakeField = keyof IntakeValues;

export const emptyIntake = (receivedAt: string): IntakeValues => ({
  name: '',
  curp: '',
  tempId: '',
  nss: '',
  birthDate: '',
  sex: '',
  centerCode: '',
  sampleType: '',
  studyType: '',
  collectedAt: '',
  receivedAt,
  temperatureC: '',
  condition: '',
});

const blankToUndefined = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

/** Builds the call input. Invalid conversions are passed through as typed, so the server names them. */
export function toCreateInput(v: IntakeValues): SamplesCreateInput {
  const temperature = v.temperatureC.trim().replace(',', '.');
  return {
    patient: {
      name: v.name.trim(),
      curp: blankToUndefined(v.curp)?.toUpperCase(),
      tempId: blankToUndefined(v.tempId),
      nss: blankToUndefined(v.nss),
      birthDate: blankToUndefined(v.birthDate),
      sex: (blankToUndefined(v.sex) as 'F' | 'M' | 'X' | undefined),
    },
    centerCode: v.centerCode,
    sampleType: v.sampleType as SamplesCreateInput['sampleType'],
    studyType: v.studyType as SamplesCreateInput['studyType'],
    collectedAt: localInputToIso(v.collectedAt) ?? v.collectedAt,
    receivedAt: localInputToIso(v.receivedAt) ?? v.receivedAt,
    temperatureC: temperature === '' ? undefined : Number(temperature),
    condition: blankToUndefined(v.condition),
  };
}

/** The server's dotted error path ("patient.curp") → the form field that shows it, if any. */
export function fieldForErrorPath(path: string | undefined): IntakeField | null {
  if (!path) return null;
  const last = path.replace(/^patient\./, '');
  const fields: IntakeField[] = ['name', 'curp', 'tempId', 'nss', 'birthDate', 'sex', 'centerCode', 'sampleType', 'studyType', 'collectedAt', 'receivedAt', 'temperatureC', 'condition'];
  return (fields as string[]).includes(last) ? (last as IntakeField) : path === 'patient' ? 'curp' : null;
}

/**
 * The identifier rule that failed (shared/clinical/identifiers codes such as CURP_CHECK, sent by
 * the backend in error.details.code), so the form can say it in the user's language.
 */
export function identifierErrorCode(details: unknown): string | null {
  if (!details || typeof details !== 'object' || !('code' in details)) return null;
  const code = (details as { code: unknown }).code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code) ? code : null;
}
