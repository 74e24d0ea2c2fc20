// FCS 2.0 / 3.0 / 3.1 / 3.2 reader: HEADER → TEXT (+ supplemental TEXT) → DATA into ONE row-major
// Float32Array (events × parameters) of stored values after $PnR bit masking (types.ts).
// Standards: FCS 2.0 (Data File Standards Committee, Cytometry 1990;11:323), FCS 3.0 (Seamer et al.
// 1997), FCS 3.1 (Spidlen et al., Cytometry A 2010;77:97), FCS 3.2 (ISAC 2020).
// Quirks of real exporters follow ../shared/refdata/README.md ("Known FCS quirks"); each tolerated
// quirk leaves a warning in dataset.warnings, real corruption raises FcsError. See shared/fcs/README.md.
import { FcsError } from './errors';
import { kwInt, kwString, type KeywordReader } from './keywords';
import { buildParameters } from './parameters';
import { readData, layoutFor, type DataLayout } from './data';
import { readFileSpillover } from './spillover';
import { toByteSource, type FastByteSource } from './source';
import { parseHeader, parseTextSegment, type ErrorContext, type FcsHeader } from './text';
import type { ByteSource, FcsDataset, FcsWarning } from './types';

export interface ParseOptions {
  /** 0-based data set index in the $NEXTDATA chain (default 0). */
  dataset?: number;
  /** Name for error messages (file path); defaults to source.name. */
  name?: string;
  /**
   * When HEADER and TEXT data offsets disagree but exactly one of them is consistent with the file
   * and $TOT × row size, the reader uses that one and records a warning (default). With
   * `strictOffsets: true` any disagreement raises FCS_OFFSET_DISCREPANCY.
   */
  strictOffsets?: boolean;
  /**
   * A malformed, unmappable or singular spillover keyword: 'warn' (default: spillover = null and a
   * SPILLOVER_INVALID warning carrying the FcsError message, so the events stay usable with a
   * user-supplied matrix) or 'error' (raise FCS_BAD_SPILLOVER). readSpillover itself always raises.
   */
  spillover?: 'error' | 'warn';
}

export interface DatasetSummary {
  index: number;
  offset: number;
  version: string;
  eventCount: number;
  parameterCount: number;
  keywords: Record<string, string>;
}

/** HEADER + TEXT of one data set, before its DATA is touched. */
export interface DatasetMeta extends KeywordReader {
  index: number;
  /** Absolute byte offset of the data set's HEADER. */
  offset: number;
  header: FcsHeader;
  delimiter: number;
  /** Absolute offset of the next data set, or 0. */
  next: number;
  /** Byte just past the last segment of this data set (relative), for concatenated files. */
  extent: number;
}

const MAX_DATASETS = 10_000;

export function readDatasetMeta(src: ByteSource, abs: number, index: number, ctx: ErrorContext): DatasetMeta {
  const warnings: FcsWarning[] = [];
  const size = src.size;
  if (abs >= size) {
    throw new FcsError('FCS_TRUNCATED', `FCS data set starts at byte ${abs}, past the end of the file (${size} bytes)`, { offset: abs, ...ctx });
  }
  const headerBytes = src.read(abs, Math.min(58, size - abs)).slice();
  const header = parseHeader(headerBytes, abs, ctx);
  const { textStart, textEnd } = header;
  if (textStart === null || textEnd === null || textStart === 0) {
    throw new FcsError('FCS_BAD_HEADER', `FCS HEADER: TEXT segment offsets are missing (byte ${abs + 10})`, { offset: abs + 10, ...ctx });
  }
  if (textStart < 58 || textEnd <= textStart) {
    throw new FcsError('FCS_BAD_HEADER', `FCS HEADER: TEXT segment offsets ${textStart}–${textEnd} are impossible (TEXT must start after the 58-byte HEADER and end after it starts) (byte ${abs + 10})`, { offset: abs + 10, ...ctx });
  }
  if (abs + textEnd >= size) {
    throw new FcsError('FCS_TRUNCATED', `FCS file is truncated: TEXT segment should end at byte ${abs + textEnd} but the file has ${size} bytes`, { offset: abs + textEnd, ...ctx });
  }
  const textBytes = src.read(abs + textStart, textEnd - textStart + 1).slice();
  const text = parseTextSegment(textBytes, abs + textStart, warnings, ctx);
  const keywords = text.keywords;
  const valueOffsets = text.valueOffsets;
  const reader: KeywordReader = { keywords, valueOffsets, warnings, ctx };
  let extent = Math.max(textEnd, header.dataEnd ?? 0, header.analysisEnd ?? 0) + 1;

  // Supplemental TEXT (FCS 3.0 §3.2.1): optional keywords; problems with it are warnings because
  // nothing needed to read the events may live there.
  try {
    const sb = kwInt(reader, '$BEGINSTEXT', false) ?? 0;
    const se = kwInt(reader, '$ENDSTEXT', false) ?? 0;
    if (sb > 0 && se > sb && !(sb === textStart && se === textEnd)) {
      if (abs + se >= size) {
        warnings.push({ code: 'STEXT_OUT_OF_FILE', message: `supplemental TEXT ${sb}–${se} lies past the end of the file; ignored`, keyword: '$BEGINSTEXT' });
      } else {
        const sbytes = src.read(abs + sb, se - sb + 1).slice();
        const supp = parseTextSegment(sbytes, abs + sb, warnings, ctx, { delimiter: text.delimiter, label: 'supplemental TEXT' });
        let clashes = 0;
        for (const k of Object.keys(supp.keywords)) {
          if (Object.prototype.hasOwnProperty.call(keywords, k)) { clashes++; continue; }
          Object.defineProperty(keywords, k, { value: supp.keywords[k]!, enumerable: true, writable: true, configurable: true });
          valueOffsets[k] = supp.valueOffsets[k]!;
        }
        if (clashes) warnings.push({ code: 'STEXT_DUPLICATES', message: `${clashes} keyword(s) in supplemental TEXT repeat primary TEXT keywords; primary values kept` });
        extent = Math.max(extent, se + 1);
      }
    }
  } catch (e) {
    if (!(e instanceof FcsError)) throw e;
    warnings.push({ code: 'STEXT_UNREADABLE', message: `supplemental TEXT ignored: ${e.message}` });
  }

  let next = 0;
  const nextRaw = kwString(reader, '$NEXTDATA');
  if (nextRaw !== undefined && nextRaw.trim() !== '') {
    const s = nextRaw.trim();
    if (!/^\d+$/.test(s)) {
      warnings.push({ code: 'NEXTDATA_INVALID', message: `$NEXTDATA = '${s.slice(0, 20)}' is not a whole number; further data sets (if any) are not listed`, keyword: '$NEXTDATA' });
    } else if (Number(s) > 0) {
      const candidate = abs + Number(s);
      if (candidate <= abs || candidate + 58 > size) {
        warnings.push({ code: 'NEXTDATA_OUT_OF_FILE', message: `$NEXTDATA = ${s} points outside the file (${size} bytes); further data sets are not listed`, keyword: '$NEXTDATA' });
      } else {
        next = candidate;
      }
    }
  }
  return { index, offset: abs, header, delimiter: text.delimiter, next, extent, keywords, valueOffsets, warnings, ctx };
}

const looksLikeHeader = (src: ByteSource, at: number): boolean => {
  if (at + 58 > src.size) return false;
  const b = src.read(at, 6);
  return b[0] === 0x46 && b[1] === 0x43 && b[2] === 0x53 && b[3]! >= 0x30 && b[3]! <= 0x39 && b[4] === 0x2e;
};

/**
 * Walk the data sets of a file: the $NEXTDATA chain (FCS 3.1 §3.2.20; LMD = FCS2.0 + FCS3.0 copy),
 * and, when $NEXTDATA is 0, a second HEADER immediately after the last segment (Guava Muse files
 * are plain concatenations, fcsparser #24). Stops after `upTo` when given.
 */
export function walkDatasets(src: ByteSource, ctx: ErrorContext, upTo = Infinity): DatasetMeta[] {
  const metas: DatasetMeta[] = [];
  let abs = 0;
  const seen = new Set<number>();
  while (metas.length < MAX_DATASETS) {
    let meta: DatasetMeta;
    try {
      meta = readDatasetMeta(src, abs, metas.length, { ...ctx, dataset: metas.length });
    } catch (e) {
      // A broken later data set must not hide a good earlier one; it is reported on the last good one.
      const prev = metas[metas.length - 1];
      if (!prev || !(e instanceof FcsError)) throw e;
      prev.warnings.push({ code: 'NEXT_DATASET_UNREADABLE', message: `a further data set at byte ${abs} cannot be read: ${e.message}`, offset: abs });
      break;
    }
    metas.push(meta);
    seen.add(abs);
    if (metas.length >= upTo) break;
    let next = meta.next;
    if (!next && looksLikeHeader(src, abs + meta.extent)) next = abs + meta.extent;
    if (!next || seen.has(next) || next <= abs) break;
    if (!looksLikeHeader(src, next)) {
      meta.warnings.push({ code: 'NEXTDATA_NOT_FCS', message: `$NEXTDATA points to byte ${next}, where no FCS HEADER starts; further data sets are not listed`, keyword: '$NEXTDATA' });
      break;
    }
    abs = next;
  }
  return metas;
}

export function listDatasets(source: ByteSource | Uint8Array, options: { name?: string } = {}): DatasetSummary[] {
  const src = toByteSource(source);
  const ctx: ErrorContext = { file: options.name ?? src.name };
  return walkDatasets(src, ctx).map((m) => {
    let eventCount = NaN;
    let parameterCount = NaN;
    try { eventCount = kwInt(m, '$TOT', false) ?? NaN; } catch { /* reported by parseFcs */ }
    try { parameterCount = kwInt(m, '$PAR', false) ?? NaN; } catch { /* reported by parseFcs */ }
    return { index: m.index, offset: m.offset, version: m.header.version, eventCount, parameterCount, keywords: { ...m.keywords } };
  });
}

export function parseFcs(source: ByteSource | Uint8Array, options: ParseOptions = {}): FcsDataset {
  const src: FastByteSource = toByteSource(source);
  const want = options.dataset ?? 0;
  const ctx: ErrorContext = { file: options.name ?? src.name };
  if (!Number.isInteger(want) || want < 0) {
    throw new FcsError('FCS_NO_DATASET', `data set index ${String(want)} is not a whole number ≥ 0`, ctx);
  }
  if (src.size === 0) throw new FcsError('FCS_NOT_FCS', 'not an FCS file: the file is empty', { offset: 0, ...ctx });
  const metas = walkDatasets(src, ctx, want + 2);
  const meta = metas[want];
  if (!meta) {
    throw new FcsError('FCS_NO_DATASET', `the file holds ${metas.length} data set(s); data set ${want + 1} (index ${want}) does not exist`, ctx);
  }
  const warnings = meta.warnings;
  if (want === 0 && metas.length > 1) {
    warnings.push({ code: 'MULTIPLE_DATASETS', message: `the file holds more than one data set; data set 1 was read (choose another with the dataset option)`, keyword: '$NEXTDATA' });
  }
  const dctx: ErrorContext = { ...ctx, dataset: want };
  const reader: KeywordReader = { ...meta, ctx: dctx };

  const mode = (reader.keywords['$MODE'] ?? '').trim().toUpperCase();
  if (mode === '') {
    if (meta.header.version !== 'FCS3.2') warnings.push({ code: 'MODE_MISSING', message: '$MODE is missing; list mode (L) assumed', keyword: '$MODE' });
  } else if (mode !== 'L') {
    throw new FcsError('FCS_UNSUPPORTED_MODE', `FCS TEXT: $MODE = '${mode}' (histogram data) is not supported; only list mode (L) is`, { keyword: '$MODE', ...dctx });
  }

  const parameters = buildParameters(reader, meta.header.version);
  const layout: DataLayout = layoutFor(reader, parameters, meta.header.version);
  const events = readData(src, meta, reader, layout, parameters, options.strictOffsets ?? false);
  const eventCount = parameters.length ? events.length / parameters.length : 0;

  // $SPILLOVER/$SPILL/SPILL, else FCS 3.0 $COMP, else Beckman $DFCiTOj — of this data set or, for
  // the raw FCS 3.0 part of an LMD file, of the FCS 2.0 part before it (spillover.ts).
  let spillover = null;
  try {
    spillover = readFileSpillover({
      version: meta.header.version,
      keywords: reader.keywords,
      parameters,
      eventCount,
      earlier: metas.slice(0, want).map((m) => ({ index: m.index, version: m.header.version, keywords: m.keywords })),
    }, warnings);
  } catch (e) {
    if (!(e instanceof FcsError) || options.spillover === 'error') {
      if (e instanceof FcsError) throw new FcsError(e.code, e.message, { keyword: e.keyword, offset: e.keyword ? reader.valueOffsets[e.keyword] : undefined, ...dctx });
      throw e;
    }
    warnings.push({ code: 'SPILLOVER_INVALID', message: `${e.message}; no spillover matrix taken from the file`, keyword: e.keyword });
  }

  return {
    index: want,
    offset: meta.offset,
    version: meta.header.version,
    keywords: reader.keywords,
    dataType: layout.dataType,
    byteOrder: layout.byteOrderText,
    eventCount,
    parameterCount: parameters.length,
    parameters,
    events,
    spillover,
    warnings,
  };
}
