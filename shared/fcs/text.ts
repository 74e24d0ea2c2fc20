// HEADER and TEXT segments (FCS 3.1 standard, Spidlen et al. 2010, sections 3.1–3.2; FCS 2.0, 1990).
// Pure byte-level code: TEXT is split on the delimiter byte BEFORE decoding, so a delimiter byte
// inside a multi-byte character can never be mistaken and latin-1 bytes (data1.fcs CREATOR
// "CELLQuest\xae") survive.
import { FcsError } from './errors';
import type { FcsWarning } from './types';

export const SUPPORTED_VERSIONS = ['FCS2.0', 'FCS3.0', 'FCS3.1', 'FCS3.2'] as const;

export interface FcsHeader {
  version: string;
  /** Offsets as written, relative to the data set start; null when the field is blank. */
  textStart: number | null;
  textEnd: number | null;
  dataStart: number | null;
  dataEnd: number | null;
  analysisStart: number | null;
  analysisEnd: number | null;
}

export interface ErrorContext {
  file?: string;
  dataset?: number;
}

const latin1 = (bytes: Uint8Array, start = 0, end = bytes.length): string => {
  let s = '';
  for (let i = start; i < end; i += 8192) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(end, i + 8192)) as unknown as number[]);
  }
  return s;
};

const utf8 = typeof TextDecoder !== 'undefined' ? new TextDecoder('utf-8', { fatal: true }) : null;

/** FCS 3.1 TEXT is UTF-8; 2.0/3.0 writers used platform code pages. Try UTF-8, fall back to latin-1. */
export function decodeText(bytes: Uint8Array): string {
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! > 0x7f) { ascii = false; break; }
  if (ascii) return latin1(bytes);
  if (utf8) {
    try { return utf8.decode(bytes); } catch { /* not UTF-8: latin-1 below */ }
  }
  return latin1(bytes);
}

/** HEADER: 6-byte version, 4 spaces, six 8-byte right-justified ASCII offsets (FCS 3.1 §3.1). */
export function parseHeader(bytes: Uint8Array, base: number, ctx: ErrorContext): FcsHeader {
  if (bytes.length < 58) {
    const head = latin1(bytes, 0, Math.min(bytes.length, 6));
    if (!head.startsWith('FCS'.slice(0, head.length)) || bytes.length < 3) {
      throw new FcsError('FCS_NOT_FCS', `not an FCS file: it does not start with "FCSn.n" (found ${JSON.stringify(head)})`, { offset: base, ...ctx });
    }
    throw new FcsError('FCS_TRUNCATED', `FCS HEADER is cut short: ${bytes.length} bytes where 58 are required (byte ${base})`, { offset: base, ...ctx });
  }
  const version = latin1(bytes, 0, 6);
  if (!/^FCS\d\.\d$/.test(version)) {
    throw new FcsError('FCS_NOT_FCS', `not an FCS file: it does not start with "FCSn.n" (found ${JSON.stringify(version)} at byte ${base})`, { offset: base, ...ctx });
  }
  if (!(SUPPORTED_VERSIONS as readonly string[]).includes(version)) {
    throw new FcsError('FCS_UNSUPPORTED_VERSION', `FCS version ${version} is not supported (2.0, 3.0, 3.1 and 3.2 are)`, { offset: base, ...ctx });
  }
  const field = (k: number, name: string): number | null => {
    const start = 10 + k * 8;
    const s = latin1(bytes, start, start + 8).trim();
    if (s === '') return null;
    if (!/^\d+$/.test(s)) {
      throw new FcsError('FCS_BAD_HEADER', `FCS HEADER: ${name} offset ${JSON.stringify(s)} is not a whole number (byte ${base + start})`, { offset: base + start, ...ctx });
    }
    return Number(s);
  };
  return {
    version,
    textStart: field(0, 'TEXT start'),
    textEnd: field(1, 'TEXT end'),
    dataStart: field(2, 'DATA start'),
    dataEnd: field(3, 'DATA end'),
    analysisStart: field(4, 'ANALYSIS start'),
    analysisEnd: field(5, 'ANALYSIS end'),
  };
}

export interface TextParseResult {
  delimiter: number;
  /** Keys upper-cased and trimmed; values un-escaped, as written. */
  keywords: Record<string, string>;
  /** Absolute byte offset (in file) of each keyword's value, for error messages. */
  valueOffsets: Record<string, number>;
}

/**
 * Split a TEXT segment into keyword/value pairs. `bytes` is the whole segment (first byte is the
 * delimiter for primary TEXT). A doubled delimiter is an escaped delimiter character (FCS 3.1
 * §3.2.3; keyword values may not be empty, so `//` is never an empty value).
 * Tolerated quirks (warnings): no final delimiter (Cytek NL-2000), trailing blanks after the final
 * delimiter, an odd number of tokens (MACSQuant), spaces around keyword names (Apogee), repeated
 * keywords (last wins).
 */
export function parseTextSegment(
  bytes: Uint8Array,
  absOffset: number,
  warnings: FcsWarning[],
  ctx: ErrorContext,
  opts: { delimiter?: number; label?: string } = {},
): TextParseResult {
  const label = opts.label ?? 'TEXT';
  let start = 0;
  let delim: number;
  if (opts.delimiter === undefined) {
    if (bytes.length < 2) throw new FcsError('FCS_BAD_TEXT', `FCS ${label}: segment is ${bytes.length} byte(s) long, too short to hold any keyword (byte ${absOffset})`, { offset: absOffset, ...ctx });
    delim = bytes[0]!;
    start = 1;
    if (delim === 0x20 || (delim >= 0x30 && delim <= 0x39) || (delim >= 0x41 && delim <= 0x5a) || (delim >= 0x61 && delim <= 0x7a)) {
      // A letter/digit/space delimiter means TEXT does not start where HEADER says.
      throw new FcsError('FCS_BAD_TEXT', `FCS ${label}: first byte ${JSON.stringify(String.fromCharCode(delim))} cannot be a delimiter; the HEADER TEXT offset is probably wrong (byte ${absOffset})`, { offset: absOffset, ...ctx });
    }
  } else {
    delim = opts.delimiter;
    // Supplemental TEXT may or may not repeat the delimiter first (FlowCal #247).
    if (bytes[0] === delim) start = 1;
  }
  const n = bytes.length;
  // Trailing blanks/NULs after the last delimiter (flowCore #172; Attune pads TEXT with spaces).
  let end = n;
  while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x00 || bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d) && bytes[end - 1] !== delim) end--;
  let trailingIgnored = end < n;
  let finalDelimiterMissing = false;
  if (end > start && bytes[end - 1] !== delim) {
    finalDelimiterMissing = true;
    // Blanks stripped above belong to the last value in this case (Cytek NL-2000 ends "20200722 \n").
    end = n;
    trailingIgnored = false;
  }

  let { tokens, tokenStarts } = tokenize(bytes, start, end, delim, absOffset, true);
  // FCS 2.0 allowed empty values, so `/$P1S//$P2N/` may mean "$P1S is empty" rather than an escaped
  // delimiter (CATALYST #273, flowCore #277). When the escape reading is visibly broken (odd field
  // count, or a field holding "<delim>$" — a swallowed keyword) and the empty-value reading is not,
  // take the latter.
  const delimChar = String.fromCharCode(delim);
  const needle = delimChar + '$';
  const broken = (t: string[]) => t.length % 2 === 1 || t.some((x) => x.includes(needle));
  if (broken(tokens)) {
    const alt = tokenize(bytes, start, end, delim, absOffset, false);
    const altTokens = alt.tokens.length % 2 === 1 && alt.tokens[alt.tokens.length - 1]!.trim() === '' ? alt.tokens.slice(0, -1) : alt.tokens;
    if (altTokens.length % 2 === 0 && altTokens.every((x, k) => k % 2 === 1 || x.trim() !== '')) {
      tokens = alt.tokens;
      tokenStarts = alt.tokenStarts;
      warnings.push({ code: 'TEXT_EMPTY_VALUES', message: `${label} has empty keyword values (doubled delimiters read as empty values, not escapes)` });
    }
  }
  if (finalDelimiterMissing) {
    warnings.push({ code: 'TEXT_NO_FINAL_DELIMITER', message: `${label} does not end with the delimiter; the last value runs to the end of the segment`, offset: absOffset + n - 1 });
  }
  if (trailingIgnored) {
    warnings.push({ code: 'TEXT_TRAILING_BLANKS', message: `${label} has ${n - end} blank byte(s) after the final delimiter (ignored)`, offset: absOffset + end });
  }

  if (tokens.length % 2 === 1) {
    const last = tokens[tokens.length - 1]!;
    if (last.trim() === '') {
      tokens.pop();
      tokenStarts.pop();
      warnings.push({ code: 'TEXT_ODD_TOKENS', message: `${label} has an odd number of delimited fields; the last one is empty and was ignored`, offset: absOffset + n - 1 });
    } else {
      const kw = last.trim().toUpperCase();
      tokens.pop();
      tokenStarts.pop();
      warnings.push({ code: 'TEXT_ODD_TOKENS', message: `${label} has an odd number of delimited fields; keyword ${JSON.stringify(kw)} has no value and was ignored`, keyword: kw });
    }
  }

  // A plain object (consumers use hasOwnProperty, JSON); "__proto__" is defined as data below.
  const keywords: Record<string, string> = {};
  const valueOffsets: Record<string, number> = Object.create(null);
  let spaced = 0;
  for (let t = 0; t + 1 < tokens.length; t += 2) {
    const raw = tokens[t]!;
    const key = raw.trim().toUpperCase();
    if (key !== raw.toUpperCase()) spaced++;
    if (key === '') {
      throw new FcsError('FCS_BAD_TEXT', `FCS ${label}: empty keyword name before value ${JSON.stringify(tokens[t + 1]!.slice(0, 40))} (byte ${tokenStarts[t]})`, { offset: tokenStarts[t], ...ctx });
    }
    if (Object.prototype.hasOwnProperty.call(keywords, key) && keywords[key] !== tokens[t + 1]) {
      warnings.push({ code: 'TEXT_DUPLICATE_KEYWORD', message: `keyword ${key} appears more than once in ${label}; the last value is used`, keyword: key, offset: tokenStarts[t] });
    }
    if (key === '__PROTO__' || key === '__proto__') Object.defineProperty(keywords, key, { value: tokens[t + 1]!, enumerable: true, writable: true, configurable: true });
    else keywords[key] = tokens[t + 1]!;
    valueOffsets[key] = tokenStarts[t + 1]!;
  }
  if (spaced) warnings.push({ code: 'TEXT_SPACED_KEYWORDS', message: `${spaced} keyword name(s) in ${label} carry surrounding spaces (trimmed)` });
  return { delimiter: delim, keywords, valueOffsets };
}

/** Split [start, end) on the delimiter; with `escapes`, a doubled delimiter is one literal delimiter. */
function tokenize(bytes: Uint8Array, start: number, end: number, delim: number, absOffset: number, escapes: boolean): { tokens: string[]; tokenStarts: number[] } {
  let ascii = delim < 0x80;
  for (let i = start; ascii && i < end; i++) if (bytes[i]! >= 0x80) ascii = false;
  if (ascii) return tokenizeAscii(latin1(bytes, start, end), String.fromCharCode(delim), absOffset + start, escapes);
  const tokens: string[] = [];
  const tokenStarts: number[] = [];
  let segStart = start;
  let pieces: Uint8Array[] = [];
  let tokStart = start;
  const pushPiece = (a: number, b: number) => { if (b > a) pieces.push(bytes.subarray(a, b)); };
  const finishToken = () => {
    let tok: Uint8Array;
    if (pieces.length === 1) tok = pieces[0]!;
    else {
      let len = 0;
      for (const p of pieces) len += p.length;
      tok = new Uint8Array(len);
      let o = 0;
      for (const p of pieces) { tok.set(p, o); o += p.length; }
    }
    tokens.push(pieces.length ? decodeText(tok) : '');
    tokenStarts.push(absOffset + tokStart);
    pieces = [];
  };
  let i = start;
  while (i < end) {
    if (bytes[i] === delim) {
      // A doubled delimiter is an escape, except as the very last two bytes: `/k/v//` is a stray
      // extra delimiter after the terminator (FlowCal #247, PR #253), not an unterminated `v/`.
      if (escapes && i + 1 < end && bytes[i + 1] === delim && i + 2 !== end) {
        pushPiece(segStart, i + 1);
        i += 2;
        segStart = i;
        continue;
      }
      pushPiece(segStart, i);
      finishToken();
      i += 1;
      segStart = i;
      tokStart = i;
      continue;
    }
    i++;
  }
  if (segStart < end || pieces.length) {
    pushPiece(segStart, end);
    finishToken();
  }
  return { tokens, tokenStarts };
}

/** Same rules as tokenize on an all-ASCII segment, where character index = byte offset (fast path). */
function tokenizeAscii(text: string, d: string, base: number, escapes: boolean): { tokens: string[]; tokenStarts: number[] } {
  const tokens: string[] = [];
  const tokenStarts: number[] = [];
  const end = text.length;
  let tokStart = 0;
  let current = '';
  let from = 0;
  for (;;) {
    const i = text.indexOf(d, from);
    if (i < 0) break;
    if (escapes && i + 1 < end && text.charCodeAt(i + 1) === d.charCodeAt(0) && i + 2 !== end) {
      current += text.slice(from, i + 1);
      from = i + 2;
      continue;
    }
    tokens.push(current + text.slice(from, i));
    tokenStarts.push(base + tokStart);
    current = '';
    from = i + 1;
    tokStart = from;
  }
  if (from < end || current !== '') {
    tokens.push(current + text.slice(from));
    tokenStarts.push(base + tokStart);
  }
  return { tokens, tokenStarts };
}

/** Unescape-aware helper for writers: double every delimiter inside a value. */
export function escapeValue(value: string, delimiter: string): string {
  return value.split(delimiter).join(delimiter + delimiter);
}
