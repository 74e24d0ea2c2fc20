// DATA segment: locate it (HEADER vs $BEGINDATA/$ENDDATA rules), check its length against
// $TOT × row size, and decode it into one row-major Float32Array of stored values.
// Fast path (float32, host byte order): bytes are read straight into the Float32Array's buffer;
// float32 of the other byte order is swapped in place. Integers are decoded column by column from
// chunks with a per-width loop, masked to ceil(log2 $PnR) bits when narrower than $PnB
// (FlowCal #216; refdata README "bit masking").
import { FcsError } from './errors';
import { kwInt, quote, type KeywordReader } from './keywords';
import type { DatasetMeta } from './parse';
import { HOST_LITTLE_ENDIAN, type FastByteSource } from './source';
import type { FcsParameter } from './types';

export interface DataLayout {
  dataType: 'I' | 'F' | 'D' | 'A';
  /** Per parameter: 'I' | 'F' | 'D' | 'A' ($PnDATATYPE in FCS 3.2 overrides $DATATYPE). */
  types: ('I' | 'F' | 'D' | 'A')[];
  /** Bytes per value per parameter (0 for delimited ASCII). */
  widths: number[];
  /** Byte offset of each parameter inside a row. */
  offsets: number[];
  /** Bytes per row; 0 for delimited ASCII. */
  rowBytes: number;
  /** $BYTEORD as written (trimmed). */
  byteOrderText: string;
  /** Significance of each byte position (0 = least significant) for the $BYTEORD width. */
  order: number[];
  littleEndian: boolean;
  bigEndian: boolean;
  /** Integer masks (0 = none). */
  masks: number[];
}

const TYPES = new Set(['I', 'F', 'D', 'A']);

export function layoutFor(r: KeywordReader, params: FcsParameter[], version: string): DataLayout {
  const dtRaw = r.keywords['$DATATYPE'];
  if (dtRaw === undefined || dtRaw.trim() === '') {
    throw new FcsError('FCS_MISSING_KEYWORD', 'FCS TEXT: required keyword $DATATYPE is missing', { keyword: '$DATATYPE', ...r.ctx });
  }
  const dataType = dtRaw.trim().toUpperCase();
  if (!TYPES.has(dataType)) {
    throw new FcsError('FCS_UNSUPPORTED_DATATYPE', `FCS TEXT: $DATATYPE = ${quote(dtRaw)} is not one of I (integer), F (float), D (double), A (ASCII)`, { keyword: '$DATATYPE', offset: r.valueOffsets['$DATATYPE'], ...r.ctx });
  }
  const types: DataLayout['types'] = [];
  const widths: number[] = [];
  const offsets: number[] = [];
  const masks: number[] = [];
  let rowBytes = 0;
  let delimitedAscii = 0;
  for (const p of params) {
    const key = `$P${p.index + 1}DATATYPE`;
    let t = dataType;
    if (r.keywords[key] !== undefined && version === 'FCS3.2') {
      t = r.keywords[key]!.trim().toUpperCase();
      if (!TYPES.has(t) || t === 'A') {
        throw new FcsError('FCS_UNSUPPORTED_DATATYPE', `FCS TEXT: ${key} = ${quote(r.keywords[key]!)} is not I, F or D`, { keyword: key, ...r.ctx });
      }
    }
    const bits = p.bits;
    const bkey = `$P${p.index + 1}B`;
    let width: number;
    if (t === 'A') {
      width = bits; // characters; 0 means delimited
      if (bits === 0) delimitedAscii++;
    } else {
      if (t === 'F' && bits !== 32) throw new FcsError('FCS_UNSUPPORTED_DATATYPE', `FCS TEXT: ${bkey} = ${bits} but float data ($DATATYPE F) must be 32 bits`, { keyword: bkey, ...r.ctx });
      if (t === 'D' && bits !== 64) throw new FcsError('FCS_UNSUPPORTED_DATATYPE', `FCS TEXT: ${bkey} = ${bits} but double data ($DATATYPE D) must be 64 bits`, { keyword: bkey, ...r.ctx });
      if (t === 'I' && (bits < 8 || bits > 64 || bits % 8 !== 0)) {
        throw new FcsError('FCS_UNSUPPORTED_DATATYPE', `FCS TEXT: ${bkey} = ${bits}: integer parameters must be whole bytes of 8 to 64 bits (bit-packed data is not supported)`, { keyword: bkey, ...r.ctx });
      }
      width = bits / 8;
    }
    let mask = 0;
    if (t === 'I' && p.range >= 2) {
      let k = 0;
      while (k < 64 && 2 ** k < p.range) k++;
      if (k < bits) mask = 2 ** k - 1;
    }
    types.push(t as DataLayout['types'][number]);
    widths.push(width);
    offsets.push(rowBytes);
    masks.push(mask);
    rowBytes += width;
  }
  if (delimitedAscii && delimitedAscii !== params.length) {
    throw new FcsError('FCS_UNSUPPORTED_DATATYPE', `FCS TEXT: ASCII data mixes delimited ($PnB *) and fixed-width parameters`, { keyword: '$P1B', ...r.ctx });
  }
  if (delimitedAscii) rowBytes = 0;

  // $BYTEORD: "1,2,3,4" little-endian, "4,3,2,1" big-endian, 2.0 short ("1,2", "2,1") and mixed
  // ("3,4,1,2") orders; "1" is invalid but harmless for 8-bit data (cytoflow README, J. Spidlen).
  const boRaw = r.keywords['$BYTEORD'];
  let byteOrderText = boRaw?.trim() ?? '';
  let order: number[] = [];
  const needsOrder = types.some((t, i) => t !== 'A' && widths[i]! > 1);
  if (byteOrderText === '') {
    if (needsOrder) throw new FcsError('FCS_MISSING_KEYWORD', 'FCS TEXT: required keyword $BYTEORD is missing', { keyword: '$BYTEORD', ...r.ctx });
    byteOrderText = '1,2,3,4';
  }
  const parts = byteOrderText.split(',').map((x) => x.trim());
  const nums = parts.map((x) => (/^\d+$/.test(x) ? Number(x) : NaN));
  const okPerm = nums.length >= 1 && nums.length <= 8 && nums.every((x) => Number.isInteger(x) && x >= 1 && x <= nums.length) && new Set(nums).size === nums.length;
  if (!okPerm) {
    throw new FcsError('FCS_BAD_BYTEORD', `FCS TEXT: $BYTEORD = ${quote(boRaw ?? '')} is not a byte order such as 1,2,3,4 or 4,3,2,1`, { keyword: '$BYTEORD', offset: r.valueOffsets['$BYTEORD'], ...r.ctx });
  }
  order = nums.map((x) => x - 1);
  const ascending = order.every((x, i) => x === i);
  const descending = order.every((x, i) => x === order.length - 1 - i);
  if (nums.length === 1) r.warnings.push({ code: 'BYTEORD_SHORT', message: `$BYTEORD = '${byteOrderText}' is not a valid FCS byte order; read as little-endian`, keyword: '$BYTEORD' });
  if (!ascending && !descending) {
    for (let i = 0; i < types.length; i++) {
      if (types[i] !== 'A' && widths[i]! > 1 && widths[i] !== order.length) {
        throw new FcsError('FCS_BAD_BYTEORD', `FCS TEXT: mixed $BYTEORD = '${byteOrderText}' does not fit ${widths[i]! * 8}-bit parameter ${i + 1}`, { keyword: '$BYTEORD', ...r.ctx });
      }
    }
  }
  return {
    dataType: dataType as DataLayout['dataType'],
    types, widths, offsets, rowBytes, byteOrderText, order,
    littleEndian: ascending || nums.length === 1,
    bigEndian: descending && nums.length > 1,
    masks,
  };
}

interface Range { start: number; end: number; from: 'HEADER' | 'TEXT' }

/** Decide where DATA is (relative offsets, `end` inclusive) and how many bytes to read. */
function locateData(src: FastByteSource, meta: DatasetMeta, r: KeywordReader, layout: DataLayout, par: number, strict: boolean): { start: number; events: number; bytes: number } {
  const h = meta.header;
  const w = r.warnings;
  const ctx = r.ctx;
  const abs = meta.offset;
  const version = h.version;
  // HEADER fields are blank/0 for files over 99,999,999 bytes (FCS 3.1 §3.1), and FlowJo writes
  // 99999999 instead (flowCore PR #25): in both cases TEXT decides.
  const headerUsable = h.dataStart !== null && h.dataEnd !== null && h.dataStart > 0 && h.dataEnd > 0 && h.dataStart !== 99_999_999 && h.dataEnd !== 99_999_999;
  const bRaw = r.keywords['$BEGINDATA'];
  const eRaw = r.keywords['$ENDDATA'];
  let textRange: Range | null = null;
  if (bRaw !== undefined && eRaw !== undefined && bRaw.trim() !== '' && eRaw.trim() !== '') {
    const b = kwInt(r, '$BEGINDATA', true);
    const e = kwInt(r, '$ENDDATA', true);
    if (b > 0 || e > 0) textRange = { start: b, end: e, from: 'TEXT' };
  } else if (version !== 'FCS2.0' && !headerUsable) {
    throw new FcsError('FCS_MISSING_KEYWORD', 'FCS TEXT: $BEGINDATA/$ENDDATA are missing and the HEADER has no DATA offsets', { keyword: '$BEGINDATA', ...ctx });
  }
  const headerRange: Range | null = headerUsable ? { start: h.dataStart!, end: h.dataEnd!, from: 'HEADER' } : null;

  const totRaw = r.keywords['$TOT'];
  let tot: number | undefined = totRaw !== undefined && totRaw.trim() !== '' ? kwInt(r, '$TOT', true) : undefined;
  if (tot === undefined && version !== 'FCS2.0') kwInt(r, '$TOT', true); // throws the standard error
  if (totRaw !== undefined && totRaw !== totRaw.trim()) w.push({ code: 'TOT_PADDED', message: `$TOT is padded with spaces ('${totRaw}')`, keyword: '$TOT' });
  const rowBytes = layout.rowBytes;
  const expected = tot !== undefined && rowBytes > 0 ? tot * rowBytes : null;

  const plausible = (x: Range): boolean => {
    const textStart = h.textStart!;
    const textEnd = h.textEnd!;
    const overlapsText = x.start <= textEnd && x.end >= textStart;
    if (x.start < 58 || overlapsText || x.end < x.start || abs + x.end >= src.size) return false;
    if (expected === null) return true;
    const len = x.end - x.start + 1;
    return len === expected || len === expected + 1;
  };

  let range: Range;
  if (textRange && headerRange && (textRange.start !== headerRange.start || textRange.end !== headerRange.end)) {
    const desc = `HEADER says DATA is bytes ${headerRange.start}–${headerRange.end}, TEXT $BEGINDATA/$ENDDATA say ${textRange.start}–${textRange.end}`;
    const okT = plausible(textRange);
    const okH = plausible(headerRange);
    if (strict || okT === okH) {
      throw new FcsError('FCS_OFFSET_DISCREPANCY', `FCS data offsets disagree: ${desc}${strict ? '' : '; neither is clearly right'} (byte ${abs + 26})`, { offset: abs + 26, keyword: '$BEGINDATA', ...ctx });
    }
    range = okT ? textRange : headerRange;
    const other = okT ? headerRange : textRange;
    w.push({
      code: 'OFFSET_DISCREPANCY',
      message: `${desc}; used ${range.from} (${range.start}–${range.end}) because it matches $TOT × ${rowBytes} bytes and lies inside the file, ${other.from} does not`,
      offset: abs + 26,
      keyword: '$BEGINDATA',
    });
  } else if (textRange) {
    range = textRange;
  } else if (headerRange) {
    range = headerRange;
  } else {
    if (tot === 0) return { start: 0, events: 0, bytes: 0 };
    throw new FcsError('FCS_BAD_HEADER', `FCS HEADER and TEXT give no DATA offsets (byte ${abs + 26})`, { offset: abs + 26, ...ctx });
  }

  if (range.start < 58 && !(tot === 0)) {
    throw new FcsError('FCS_BAD_HEADER', `FCS ${range.from}: DATA start ${range.start} lies inside the HEADER (byte ${abs + 26})`, { offset: abs + 26, keyword: range.from === 'TEXT' ? '$BEGINDATA' : undefined, ...ctx });
  }
  const startAbs = abs + range.start;
  if (startAbs > src.size || (startAbs === src.size && (tot ?? 1) > 0)) {
    throw new FcsError('FCS_TRUNCATED', `FCS file is truncated: DATA should start at byte ${startAbs} but the file has ${src.size} bytes`, { offset: startAbs, ...ctx });
  }

  if (rowBytes === 0) {
    // Delimited ASCII: length comes from the offsets only.
    if (range.end < range.start) throw new FcsError('FCS_BAD_HEADER', `FCS ${range.from}: DATA end ${range.end} is before its start ${range.start}`, { offset: abs + 26, ...ctx });
    if (abs + range.end >= src.size) throw new FcsError('FCS_TRUNCATED', `FCS file is truncated: DATA should end at byte ${abs + range.end} but the file has ${src.size} bytes`, { offset: abs + range.end, ...ctx });
    return { start: range.start, events: tot ?? -1, bytes: range.end - range.start + 1 };
  }

  let len = range.end >= range.start ? range.end - range.start + 1 : 0;
  if (tot === undefined) {
    // FCS 2.0 made $TOT optional: derive it from the DATA length.
    tot = Math.floor(len / rowBytes);
    w.push({ code: 'TOT_MISSING', message: `$TOT is missing; ${tot} events derived from the DATA length`, keyword: '$TOT' });
  }
  const need = tot * rowBytes;
  if (len === need) {
    // exact
  } else if (len <= 1 && need > 0) {
    // iQue: $ENDDATA == $BEGINDATA (FlowIO #25): the length comes from $TOT × row size.
    w.push({ code: 'DATA_END_EQUALS_BEGIN', message: `DATA end equals its start; ${need} bytes read from $TOT × ${rowBytes}`, keyword: '$ENDDATA' });
    len = need;
  } else if (len === need + 1 || len === need - 1) {
    // Off-by-one $ENDDATA is the most common exporter slip (FlowKit #65, #66; FlowIO #22).
    w.push({ code: 'DATA_OFF_BY_ONE', message: `DATA segment is ${len} bytes, $TOT × row size is ${need}; off-by-one end offset tolerated`, keyword: range.from === 'TEXT' ? '$ENDDATA' : undefined, offset: abs + range.end });
  } else if (len > need && len - need < rowBytes) {
    w.push({ code: 'DATA_PADDED', message: `DATA segment has ${len - need} byte(s) beyond $TOT × row size (padding, ignored)`, offset: abs + range.start + need });
  } else {
    const events = Math.floor(len / rowBytes);
    throw new FcsError(
      'FCS_DATA_LENGTH_MISMATCH',
      `FCS DATA length does not match the TEXT: ${range.from} offsets give ${len} bytes (${events} whole events of ${rowBytes} bytes), but $TOT = ${tot} × $PAR = ${par} needs ${need} bytes (byte ${abs + range.start})`,
      { offset: abs + range.start, keyword: '$TOT', ...ctx },
    );
  }
  if (startAbs + need > src.size) {
    throw new FcsError('FCS_TRUNCATED', `FCS file is truncated: DATA needs bytes ${startAbs}–${startAbs + need - 1} but the file ends at byte ${src.size} (${Math.floor(Math.max(0, src.size - startAbs) / rowBytes)} of ${tot} events present)`, { offset: src.size, ...ctx });
  }
  return { start: range.start, events: tot, bytes: need };
}

const CHUNK_BYTES = 1 << 22; // 4 MiB: large enough for throughput, small for memory

export function readData(src: FastByteSource, meta: DatasetMeta, r: KeywordReader, layout: DataLayout, params: FcsParameter[], strict: boolean): Float32Array {
  const par = params.length;
  const loc = locateData(src, meta, r, layout, par, strict);
  const startAbs = meta.offset + loc.start;
  if (layout.rowBytes === 0) return readDelimitedAscii(src, startAbs, loc.bytes, loc.events, par, r);
  const events = loc.events;
  if (events === 0) return new Float32Array(0);
  // Every element is written below (or the read throws), so uninitialised memory is safe here.
  const out = src.allocateFloat32 ? src.allocateFloat32(events * par) : new Float32Array(events * par);

  const allFloat = layout.types.every((t) => t === 'F');
  if (allFloat && (layout.littleEndian || layout.bigEndian)) {
    const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    if (layout.littleEndian === HOST_LITTLE_ENDIAN) {
      fill(src, startAbs, bytes);
      return out;
    }
    // Other byte order (FACSDiva writes big-endian): swap each chunk right after reading it, while
    // it is still in cache; natively when the platform offers it.
    const step = 1 << 20;
    for (let o = 0; o < bytes.length; o += step) {
      const part = bytes.subarray(o, Math.min(bytes.length, o + step));
      fill(src, startAbs + o, part);
      if (src.swap32) src.swap32(part);
      else swap32InPlace(new Uint32Array(part.buffer, part.byteOffset, part.length / 4));
    }
    return out;
  }

  const rowBytes = layout.rowBytes;
  const rowsPerChunk = Math.max(1, Math.floor(CHUNK_BYTES / rowBytes));
  const scratch = new Uint8Array(rowsPerChunk * rowBytes);
  for (let first = 0; first < events; first += rowsPerChunk) {
    const rows = Math.min(rowsPerChunk, events - first);
    const chunk = scratch.subarray(0, rows * rowBytes);
    fill(src, startAbs + first * rowBytes, chunk);
    for (let p = 0; p < par; p++) decodeColumn(chunk, rows, layout, p, out, first, par, r, startAbs + first * rowBytes);
  }
  return out;
}

function fill(src: FastByteSource, at: number, target: Uint8Array): void {
  if (src.readInto) {
    // Node's readSync is limited to 2 GiB per call; chunks keep every call small.
    const step = 1 << 26;
    for (let o = 0; o < target.length; o += step) {
      const part = target.subarray(o, Math.min(target.length, o + step));
      const got = src.readInto(at + o, part);
      if (got !== part.length) throw new FcsError('FCS_TRUNCATED', `FCS file is truncated: could read only ${o + got} of ${target.length} DATA bytes at byte ${at}`, { offset: at + o + got, file: src.name });
    }
    return;
  }
  const step = CHUNK_BYTES;
  for (let o = 0; o < target.length; o += step) {
    const n = Math.min(step, target.length - o);
    const b = src.read(at + o, n);
    if (b.length !== n) throw new FcsError('FCS_TRUNCATED', `FCS file is truncated: could read only ${o + b.length} of ${target.length} DATA bytes at byte ${at}`, { offset: at + o + b.length, file: src.name });
    target.set(b, o);
  }
}

export function swap32InPlace(u: Uint32Array): void {
  for (let i = 0; i < u.length; i++) {
    const x = u[i]!;
    u[i] = ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);
  }
}

function decodeColumn(chunk: Uint8Array, rows: number, layout: DataLayout, p: number, out: Float32Array, firstRow: number, par: number, r: KeywordReader, chunkAbs: number): void {
  const t = layout.types[p]!;
  const width = layout.widths[p]!;
  const rb = layout.rowBytes;
  const mask = layout.masks[p]!;
  let o = layout.offsets[p]!;
  let k = firstRow * par + p;
  const dv = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const le = layout.littleEndian;
  const mixed = !layout.littleEndian && !layout.bigEndian && width > 1;
  if (t === 'A') {
    for (let i = 0; i < rows; i++, o += rb, k += par) {
      let s = '';
      for (let j = 0; j < width; j++) s += String.fromCharCode(chunk[o + j]!);
      const v = s.trim() === '' ? NaN : Number(s.trim());
      if (!Number.isFinite(v)) {
        throw new FcsError('FCS_BAD_ASCII', `FCS DATA: ASCII value ${quote(s)} of parameter ${p + 1}, event ${firstRow + i + 1} is not a number (byte ${chunkAbs + o})`, { offset: chunkAbs + o, ...r.ctx });
      }
      out[k] = v;
    }
    return;
  }
  if (mixed) {
    // FCS 2.0 mixed orders ("3,4,1,2"): reassemble each value little-endian, then read it.
    const tmp = new Uint8Array(8);
    const tdv = new DataView(tmp.buffer);
    const order = layout.order;
    for (let i = 0; i < rows; i++, o += rb, k += par) {
      for (let j = 0; j < width; j++) tmp[order[j]!] = chunk[o + j]!;
      let v: number;
      if (t === 'F') v = tdv.getFloat32(0, true);
      else if (t === 'D') v = tdv.getFloat64(0, true);
      else { v = 0; for (let j = width - 1; j >= 0; j--) v = v * 256 + tmp[j]!; }
      out[k] = t === 'I' && mask ? maskValue(v, mask) : v;
    }
    return;
  }
  if (t === 'F') {
    for (let i = 0; i < rows; i++, o += rb, k += par) out[k] = dv.getFloat32(o, le);
    return;
  }
  if (t === 'D') {
    for (let i = 0; i < rows; i++, o += rb, k += par) out[k] = dv.getFloat64(o, le);
    return;
  }
  switch (width) {
    case 1:
      if (mask) for (let i = 0; i < rows; i++, o += rb, k += par) out[k] = chunk[o]! & mask;
      else for (let i = 0; i < rows; i++, o += rb, k += par) out[k] = chunk[o]!;
      return;
    case 2:
      if (mask) for (let i = 0; i < rows; i++, o += rb, k += par) out[k] = dv.getUint16(o, le) & mask;
      else for (let i = 0; i < rows; i++, o += rb, k += par) out[k] = dv.getUint16(o, le);
      return;
    case 4:
      if (mask) for (let i = 0; i < rows; i++, o += rb, k += par) out[k] = maskValue(dv.getUint32(o, le), mask);
      else for (let i = 0; i < rows; i++, o += rb, k += par) out[k] = dv.getUint32(o, le);
      return;
    default: {
      // 3-byte (Cytek xP5, fcsparser PR #32), 5–8-byte integers: assemble byte by byte.
      for (let i = 0; i < rows; i++, o += rb, k += par) {
        let v = 0;
        if (le) for (let j = width - 1; j >= 0; j--) v = v * 256 + chunk[o + j]!;
        else for (let j = 0; j < width; j++) v = v * 256 + chunk[o + j]!;
        out[k] = mask ? maskValue(v, mask) : v;
      }
    }
  }
}

function maskValue(v: number, mask: number): number {
  if (mask <= 0x7fffffff) return (v % 4294967296) & mask;
  return v % (mask + 1);
}

/** FCS 3.1 §3.3: delimited ASCII values are separated by space, tab, comma, CR or LF. */
function readDelimitedAscii(src: FastByteSource, at: number, bytes: number, events: number, par: number, r: KeywordReader): Float32Array {
  const values: number[] = [];
  const isSep = (c: number) => c === 0x20 || c === 0x09 || c === 0x2c || c === 0x0d || c === 0x0a;
  let token = '';
  let tokenAt = at;
  const flush = () => {
    if (token === '') return;
    const v = Number(token);
    if (!Number.isFinite(v) || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(token)) {
      throw new FcsError('FCS_BAD_ASCII', `FCS DATA: ASCII value ${quote(token)} is not a number (byte ${tokenAt})`, { offset: tokenAt, ...r.ctx });
    }
    values.push(v);
    token = '';
  };
  for (let o = 0; o < bytes; o += CHUNK_BYTES) {
    const n = Math.min(CHUNK_BYTES, bytes - o);
    const b = src.read(at + o, n);
    for (let i = 0; i < b.length; i++) {
      const c = b[i]!;
      if (isSep(c)) flush();
      else {
        if (token === '') tokenAt = at + o + i;
        if (token.length > 64) throw new FcsError('FCS_BAD_ASCII', `FCS DATA: ASCII field longer than 64 characters (byte ${tokenAt})`, { offset: tokenAt, ...r.ctx });
        token += String.fromCharCode(c);
      }
    }
  }
  flush();
  if (events < 0) events = Math.floor(values.length / par);
  if (values.length !== events * par) {
    throw new FcsError('FCS_DATA_LENGTH_MISMATCH', `FCS DATA holds ${values.length} ASCII values, but $TOT = ${events} × $PAR = ${par} needs ${events * par} (byte ${at})`, { offset: at, keyword: '$TOT', ...r.ctx });
  }
  return Float32Array.from(values);
}
