// Build FCS byte images with exactly the keywords, delimiter, offsets and DATA a test needs, so
// each quirk of the standard can be exercised with known truth.
export interface CraftOptions {
  version?: string;
  delimiter?: string;
  /** Keyword/value pairs in order; values are escaped (delimiter doubled) unless raw. */
  keywords: [string, string][];
  data: Uint8Array;
  /** Put $BEGINDATA/$ENDDATA in TEXT (default true for 3.x). */
  textOffsets?: boolean;
  /** Override HEADER fields (strings written as-is, padded to 8). */
  header?: Partial<Record<'textStart' | 'textEnd' | 'dataStart' | 'dataEnd' | 'analysisStart' | 'analysisEnd', string>>;
  /** Override TEXT $BEGINDATA/$ENDDATA values. */
  beginData?: string;
  endData?: string;
  /** Append raw bytes to the TEXT after the last delimiter. */
  textSuffix?: string;
  /** Drop the TEXT's final delimiter. */
  noFinalDelimiter?: boolean;
  /** Bytes appended after DATA. */
  trailer?: Uint8Array;
}

const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

export function craftFcs(o: CraftOptions): Uint8Array {
  const version = o.version ?? 'FCS3.1';
  const d = o.delimiter ?? '/';
  const textStart = 256;
  const withOffsets = o.textOffsets ?? version !== 'FCS2.0';
  const build = (begin: number, end: number) => {
    let t = d;
    const pairs = [...o.keywords];
    if (withOffsets) pairs.push(['$BEGINDATA', o.beginData ?? String(begin)], ['$ENDDATA', o.endData ?? String(end)]);
    for (const [k, v] of pairs) t += k + d + v.split(d).join(d + d) + d;
    if (o.noFinalDelimiter) t = t.slice(0, -1);
    return t + (o.textSuffix ?? '');
  };
  let begin = 4096;
  let text = build(begin, begin + o.data.length - 1);
  while (textStart + text.length > begin) { begin += 4096; text = build(begin, begin + o.data.length - 1); }
  const end = begin + o.data.length - 1;
  text = build(begin, end);
  const f = (s: string) => s.padStart(8, ' ');
  const h = o.header ?? {};
  const header = version + '    ' + f(h.textStart ?? String(textStart)) + f(h.textEnd ?? String(textStart + text.length - 1))
    + f(h.dataStart ?? String(begin)) + f(h.dataEnd ?? String(end)) + f(h.analysisStart ?? '0') + f(h.analysisEnd ?? '0');
  const out = new Uint8Array(begin + o.data.length + (o.trailer?.length ?? 0)).fill(0x20);
  out.set(enc(header), 0);
  out.set(enc(text), textStart);
  out.set(o.data, begin);
  if (o.trailer) out.set(o.trailer, begin + o.data.length);
  return out;
}

/** Standard keywords for `par` parameters of `bits` bits. */
export function stdKeywords(opts: { tot: number; names: string[]; datatype: string; byteord?: string; bits?: number | number[]; ranges?: number[]; extra?: [string, string][] }): [string, string][] {
  const kw: [string, string][] = [
    ['$BYTEORD', opts.byteord ?? '1,2,3,4'], ['$DATATYPE', opts.datatype], ['$MODE', 'L'], ['$NEXTDATA', '0'],
    ['$PAR', String(opts.names.length)], ['$TOT', String(opts.tot)],
  ];
  opts.names.forEach((n, i) => {
    const bits = Array.isArray(opts.bits) ? opts.bits[i]! : (opts.bits ?? 32);
    kw.push([`$P${i + 1}N`, n], [`$P${i + 1}B`, String(bits)], [`$P${i + 1}E`, '0,0'], [`$P${i + 1}R`, String(opts.ranges?.[i] ?? 1024)]);
  });
  return [...kw, ...(opts.extra ?? [])];
}

export function float32Bytes(values: number[], littleEndian = true): Uint8Array {
  const b = new Uint8Array(values.length * 4);
  const dv = new DataView(b.buffer);
  values.forEach((v, i) => dv.setFloat32(i * 4, v, littleEndian));
  return b;
}

export function uintBytes(values: number[], width: number, littleEndian = true): Uint8Array {
  const b = new Uint8Array(values.length * width);
  values.forEach((v, i) => {
    let x = v;
    for (let j = 0; j < width; j++) {
      const byte = x % 256;
      x = Math.floor(x / 256);
      b[i * width + (littleEndian ? j : width - 1 - j)] = byte;
    }
  });
  return b;
}

export const ascii = enc;
