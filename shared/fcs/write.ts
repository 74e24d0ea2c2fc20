// FCS 3.1 writer (Spidlen et al. 2010): float32 little-endian list-mode data, every required
// keyword, spillover kept as $SPILLOVER. HEADER offsets above 99,999,999 are written as 0 and
// the reader takes $BEGINDATA/$ENDDATA (FCS 3.1 §3.1; FlowIO #12: other readers reject anything
// else). parse(write(x)) reproduces events, names, markers, ranges, spillover and keywords.
import { FcsError } from './errors';
import { escapeValue } from './text';
import { formatSpillover } from './spillover';
import { HOST_LITTLE_ENDIAN } from './source';
import type { Spillover } from './types';

export interface WriteFcsInput {
  parameters: Array<{ name: string; marker?: string | null; range?: number }>;
  /** Row-major events × parameters. */
  events: Float32Array;
  /** Extra keywords ($CYT, $FIL, TUBE NAME…); structural ones are always computed by the writer. */
  keywords?: Record<string, string>;
  spillover?: Spillover | null;
}

// A value that starts with the delimiter cannot be escaped unambiguously ("/K///x/" reads as
// K = "/" + …), so the writer picks a delimiter that no keyword or value contains; '/' first (the
// common choice), then other bytes FACSDiva, FlowJo and MACSQuant use.
const DELIMITERS = ['/', '|', '\\', '\f', '\x1e', '\x1f'];

function chooseDelimiter(texts: string[]): string {
  for (const d of DELIMITERS) if (!texts.some((t) => t.includes(d))) return d;
  for (const d of DELIMITERS) if (!texts.some((t) => t.startsWith(d))) return d;
  throw new FcsError('FCS_WRITE_INVALID', 'every candidate delimiter starts some keyword value; cannot write TEXT unambiguously');
}
const TEXT_START = 256; // leaves room for HEADER extensions, as FACSDiva and FlowJo do
const HEADER_MAX = 99_999_999;

/** Keywords the writer owns: copied input values for them would describe the wrong layout. */
export function isStructuralKeyword(key: string): boolean {
  const k = key.trim().toUpperCase();
  return /^\$(BEGIN|END)(ANALYSIS|STEXT|DATA)$/.test(k)
    || ['$BYTEORD', '$DATATYPE', '$MODE', '$NEXTDATA', '$PAR', '$TOT', '$SPILLOVER', '$SPILL', 'SPILL'].includes(k)
    || /^\$P\d+(B|E|N|R|S|DATATYPE)$/.test(k);
}

export interface FcsPreamble {
  /** HEADER + padding + TEXT: write these bytes, then the DATA bytes. */
  bytes: Uint8Array;
  dataStart: number;
  dataEnd: number;
}

/** HEADER and TEXT for `eventCount` events; the DATA (eventCount × parameters × 4 bytes LE float32) follows. */
export function fcsPreamble(input: Omit<WriteFcsInput, 'events'> & { eventCount: number; columnMax?: ArrayLike<number> }): FcsPreamble {
  const par = input.parameters.length;
  if (par < 1) throw new FcsError('FCS_WRITE_INVALID', 'cannot write an FCS file without parameters');
  const dataBytes = input.eventCount * par * 4;
  const pairs: [string, string][] = [];
  const enc = new TextEncoder();
  let DELIM = '/';
  const build = (dataStart: number, dataEnd: number): string => {
    pairs.length = 0;
    pairs.push(['$BEGINANALYSIS', '0'], ['$ENDANALYSIS', '0'], ['$BEGINSTEXT', '0'], ['$ENDSTEXT', '0']);
    pairs.push(['$BEGINDATA', String(dataStart)], ['$ENDDATA', String(dataEnd)]);
    pairs.push(['$BYTEORD', '1,2,3,4'], ['$DATATYPE', 'F'], ['$MODE', 'L'], ['$NEXTDATA', '0']);
    pairs.push(['$PAR', String(par)], ['$TOT', String(input.eventCount)]);
    input.parameters.forEach((p, i) => {
      const n = i + 1;
      if (!p.name || p.name.trim() === '') throw new FcsError('FCS_WRITE_INVALID', `parameter ${n} has no name`);
      let range = p.range;
      if (range === undefined || !Number.isFinite(range) || range <= 0) {
        const m = input.columnMax?.[i];
        range = m !== undefined && Number.isFinite(m) ? Math.max(1, Math.ceil(m)) : 262144;
      }
      pairs.push([`$P${n}B`, '32'], [`$P${n}E`, '0,0'], [`$P${n}N`, p.name], [`$P${n}R`, String(range)]);
      if (p.marker && p.marker.trim() !== '') pairs.push([`$P${n}S`, p.marker]);
    });
    if (input.spillover) pairs.push(['$SPILLOVER', formatSpillover(input.spillover)]);
    for (const [k, v] of Object.entries(input.keywords ?? {})) {
      if (isStructuralKeyword(k)) continue;
      if (v === undefined || v === null || String(v) === '') continue; // FCS 3.1: values may not be empty
      pairs.push([k, String(v)]);
    }
    DELIM = chooseDelimiter(pairs.flat());
    let text = DELIM;
    for (const [k, v] of pairs) text += escapeValue(k, DELIM) + DELIM + escapeValue(v, DELIM) + DELIM;
    return text;
  };
  // $BEGINDATA depends on the TEXT length, which depends on the digits of $BEGINDATA: iterate.
  let dataStart = TEXT_START + 512;
  let textBytes = enc.encode(build(0, 0));
  for (let iter = 0; iter < 8; iter++) {
    const ds = dataBytes > 0 ? dataStart : 0;
    const de = dataBytes > 0 ? dataStart + dataBytes - 1 : 0;
    textBytes = enc.encode(build(ds, de));
    // DATA starts on an 8-byte boundary (gap bytes after TEXT are allowed: segments need not be
    // contiguous), so a reader can view it as Float32Array/Float64Array without copying.
    const needStart = Math.ceil((TEXT_START + textBytes.length) / 8) * 8;
    if (needStart === dataStart || dataBytes === 0) break;
    dataStart = needStart;
  }
  if (dataBytes === 0) dataStart = TEXT_START + textBytes.length;
  const textEnd = TEXT_START + textBytes.length - 1;
  const dataEnd = dataBytes > 0 ? dataStart + dataBytes - 1 : 0;
  const fit = (x: number) => (x > HEADER_MAX ? 0 : x);
  const bigData = dataEnd > HEADER_MAX;
  const field = (x: number) => String(x).padStart(8, ' ');
  const header = 'FCS3.1    ' + field(TEXT_START) + field(fit(textEnd))
    + field(bigData || dataBytes === 0 ? 0 : dataStart) + field(bigData || dataBytes === 0 ? 0 : dataEnd) + field(0) + field(0);
  const bytes = new Uint8Array(dataBytes > 0 ? dataStart : TEXT_START + textBytes.length);
  bytes.fill(0x20);
  bytes.set(enc.encode(header), 0);
  bytes.set(textBytes, TEXT_START);
  return { bytes, dataStart: dataBytes > 0 ? dataStart : 0, dataEnd };
}

export function writeFcs(input: WriteFcsInput): Uint8Array {
  const par = input.parameters.length;
  if (par < 1) throw new FcsError('FCS_WRITE_INVALID', 'cannot write an FCS file without parameters');
  if (input.events.length % par !== 0) {
    throw new FcsError('FCS_WRITE_INVALID', `events hold ${input.events.length} values, not a multiple of ${par} parameters`);
  }
  const eventCount = input.events.length / par;
  let columnMax: Float64Array | undefined;
  if (input.parameters.some((p) => p.range === undefined)) {
    columnMax = new Float64Array(par).fill(-Infinity);
    const ev = input.events;
    for (let i = 0; i < ev.length; i++) { const c = i % par; if (ev[i]! > columnMax[c]!) columnMax[c] = ev[i]!; }
  }
  const pre = fcsPreamble({ ...input, eventCount, columnMax });
  const out = new Uint8Array(pre.bytes.length + input.events.length * 4);
  out.set(pre.bytes, 0);
  const data = new Uint8Array(input.events.buffer, input.events.byteOffset, input.events.byteLength);
  out.set(data, pre.bytes.length);
  if (!HOST_LITTLE_ENDIAN) {
    for (let o = pre.bytes.length; o < out.length; o += 4) {
      const a = out[o]!, b = out[o + 1]!;
      out[o] = out[o + 3]!; out[o + 1] = out[o + 2]!; out[o + 2] = b; out[o + 3] = a;
    }
  }
  return out;
}
