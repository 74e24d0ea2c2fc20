// Patient identifiers (domain.md "Patients and identifiers"): CURP (RENAPO) and IMSS NSS.

export type IdCheck = { ok: true } | { ok: false; code: string; position?: number; message: string };

const CURP_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';
/** State of birth codes, positions 12–13; NE = born abroad; DF and CX both denote Mexico City. */
export const CURP_STATES: ReadonlySet<string> = new Set([
  'AS', 'BC', 'BS', 'CC', 'CL', 'CM', 'CS', 'CH', 'DF', 'CX', 'DG', 'GT', 'GR', 'HG', 'JC', 'MC', 'MN',
  'MS', 'NT', 'NL', 'OC', 'PL', 'QT', 'QR', 'SP', 'SL', 'SR', 'TC', 'TS', 'TL', 'VZ', 'YN', 'ZS', 'NE',
]);

/** CURP check digit: Σ value(c_i) × (18 − i) over the first 17 characters, check = (10 − Σ mod 10) mod 10. */
export function curpCheckDigit(first17: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CURP_ALPHABET.indexOf(first17[i]!);
    if (v < 0) return -1;
    sum += v * (18 - i);
  }
  return (10 - (sum % 10)) % 10;
}

function validDate(yy: number, mm: number, dd: number, century: number): boolean {
  const y = century + yy;
  const d = new Date(Date.UTC(y, mm - 1, dd));
  return d.getUTCFullYear() === y && d.getUTCMonth() === mm - 1 && d.getUTCDate() === dd;
}

/** Structural and check-digit validation of an 18-character CURP (upper-case expected). */
export function validateCurp(raw: string): IdCheck {
  const curp = raw.trim().toUpperCase();
  if (curp.length !== 18) return { ok: false, code: 'CURP_LENGTH', message: `CURP has ${curp.length} characters, expected 18` };
  if (!/^[A-ZÑ]{4}$/.test(curp.slice(0, 4))) return { ok: false, code: 'CURP_NAME', position: 1, message: 'positions 1–4 must be letters' };
  if (!/^\d{6}$/.test(curp.slice(4, 10))) return { ok: false, code: 'CURP_DATE', position: 5, message: 'positions 5–10 must be a date YYMMDD' };
  const yy = +curp.slice(4, 6), mm = +curp.slice(6, 8), dd = +curp.slice(8, 10);
  const homoclave = curp[16]!;
  // Position 17: a digit for births before 2000, a letter from 2000 (RENAPO).
  const century = /\d/.test(homoclave) ? 1900 : 2000;
  if (!validDate(yy, mm, dd, century)) return { ok: false, code: 'CURP_DATE', position: 5, message: `positions 5–10 (${curp.slice(4, 10)}) are not a calendar date` };
  if (!/^[HMX]$/.test(curp[10]!)) return { ok: false, code: 'CURP_SEX', position: 11, message: 'position 11 must be H, M or X' };
  if (!CURP_STATES.has(curp.slice(11, 13))) return { ok: false, code: 'CURP_STATE', position: 12, message: `positions 12–13 (${curp.slice(11, 13)}) are not a state code` };
  if (!/^[B-DF-HJ-NP-TV-ZÑ]{3}$/.test(curp.slice(13, 16))) return { ok: false, code: 'CURP_CONSONANTS', position: 14, message: 'positions 14–16 must be consonants' };
  if (!/^[0-9A-Z]$/.test(homoclave)) return { ok: false, code: 'CURP_HOMOCLAVE', position: 17, message: 'position 17 must be a digit or letter' };
  if (!/^\d$/.test(curp[17]!)) return { ok: false, code: 'CURP_CHECK', position: 18, message: 'position 18 must be a digit' };
  const expected = curpCheckDigit(curp.slice(0, 17));
  if (expected !== +curp[17]!) return { ok: false, code: 'CURP_CHECK', position: 18, message: `check digit is ${curp[17]}, expected ${expected}` };
  return { ok: true };
}

/** NSS check digit: Luhn over the first 10 digits, weights 1,2,1,2,… from the left. */
export function nssCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let p = (first10.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 2);
    if (p > 9) p = Math.floor(p / 10) + (p % 10);
    sum += p;
  }
  return (10 - (sum % 10)) % 10;
}

/** IMSS NSS: 11 digits, the last a Luhn check digit (domain.md). */
export function validateNss(raw: string): IdCheck {
  const nss = raw.replace(/[\s-]/g, '');
  if (!/^\d{11}$/.test(nss)) return { ok: false, code: 'NSS_FORMAT', message: `NSS must be 11 digits (got '${raw}')` };
  const expected = nssCheckDigit(nss.slice(0, 10));
  if (expected !== +nss[10]!) return { ok: false, code: 'NSS_CHECK', position: 11, message: `check digit is ${nss[10]}, expected ${expected}` };
  return { ok: true };
}

/**
 * Temporary identifier for patients without a CURP at intake (infants; domain.md): "TMP-" + center
 * code + date + sequence, e.g. TMP-UMAE01-20261126-003. The format keeps it impossible to confuse with a CURP.
 */
export function validateTemporaryId(raw: string): IdCheck {
  return /^TMP-[A-Z0-9]{2,12}-\d{8}-\d{3}$/.test(raw.trim())
    ? { ok: true }
    : { ok: false, code: 'TMP_ID_FORMAT', message: 'temporary id must look like TMP-<center>-<YYYYMMDD>-<NNN>' };
}
