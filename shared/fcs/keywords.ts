// Reading typed values out of TEXT keywords, with errors that name the keyword and its byte offset.
import { FcsError } from './errors';
import type { ErrorContext } from './text';
import type { FcsWarning } from './types';

export interface KeywordReader {
  keywords: Record<string, string>;
  valueOffsets: Record<string, number>;
  warnings: FcsWarning[];
  ctx: ErrorContext;
}

const where = (r: KeywordReader, key: string): string => {
  const off = r.valueOffsets[key];
  return off === undefined ? '' : ` (byte ${off})`;
};

export function kwString(r: KeywordReader, key: string): string | undefined {
  return r.keywords[key];
}

export function kwRequired(r: KeywordReader, key: string, why = ''): string {
  const v = r.keywords[key];
  if (v === undefined || v.trim() === '') {
    throw new FcsError('FCS_MISSING_KEYWORD', `FCS TEXT: required keyword ${key} is missing${why ? ` (${why})` : ''}`, { keyword: key, ...r.ctx });
  }
  return v;
}

/** Whole number (leading zeros and padding spaces allowed: "000002", "   83411"). */
export function kwInt(r: KeywordReader, key: string, required: true): number;
export function kwInt(r: KeywordReader, key: string, required: false): number | undefined;
export function kwInt(r: KeywordReader, key: string, required: boolean): number | undefined {
  const raw = required ? kwRequired(r, key) : r.keywords[key];
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (s === '' && !required) return undefined;
  if (!/^\+?\d+$/.test(s)) {
    throw new FcsError('FCS_BAD_KEYWORD', `FCS TEXT: keyword ${key} = ${quote(raw)} is not a whole number${where(r, key)}`, { keyword: key, offset: r.valueOffsets[key], ...r.ctx });
  }
  const n = Number(s);
  if (!Number.isSafeInteger(n)) {
    throw new FcsError('FCS_BAD_KEYWORD', `FCS TEXT: keyword ${key} = ${quote(raw)} is too large${where(r, key)}`, { keyword: key, offset: r.valueOffsets[key], ...r.ctx });
  }
  return n;
}

/** A decimal number; accepts a comma as decimal mark only when it is the sole separator ("0,5"). */
export function parseDecimal(s: string): number {
  const t = s.trim();
  if (t === '') return NaN;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  if (/^[+-]?\d+,\d+([eE][+-]?\d+)?$/.test(t)) return Number(t.replace(',', '.'));
  return NaN;
}

export function kwNumber(r: KeywordReader, key: string): number | undefined {
  const raw = r.keywords[key];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = parseDecimal(raw);
  if (!Number.isFinite(n)) {
    throw new FcsError('FCS_BAD_KEYWORD', `FCS TEXT: keyword ${key} = ${quote(raw)} is not a number${where(r, key)}`, { keyword: key, offset: r.valueOffsets[key], ...r.ctx });
  }
  return n;
}

export function quote(s: string): string {
  const t = s.length > 60 ? s.slice(0, 57) + '...' : s;
  return `'${t.replace(/[\x00-\x1f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
}
