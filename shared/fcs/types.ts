// The in-memory shape of an FCS data set, shared by the parser, writer, compensation, gating,
// clinical rules, the backend, workers and the CLI.
//
// Event layout (one choice, kept everywhere): `events` is ONE Float32Array, row-major,
// events × parameters: value of parameter p for event e is events[e * parameterCount + p].
// These are the *stored* values after $PnR bit masking (integers up to 2^24 are exact in float32).
// Anything derived for gating (scaled, compensated, transformed, ratios) is computed into
// per-channel Float64Array columns: a 1e-8 relative error already moves Gating-ML boundary events
// (refdata/gatingml2/cases.json, "Precision").

export type ParameterKind = 'scatter' | 'fluorescence' | 'time' | 'other';

export interface FcsParameter {
  /** 0-based position in the event row. */
  index: number;
  /** $PnN, trimmed. */
  name: string;
  /** $PnS, trimmed; blank or a single space is null. */
  marker: string | null;
  /** $PnB bits as written (8, 16, 24, 32, 64; for ASCII the field width or '*'→0). */
  bits: number;
  /** $PnR as a number. */
  range: number;
  /** $PnE: decades f1 and offset f2 as written ("4,0" → {decades: 4, offset: 0}). */
  amplification: { decades: number; offset: number };
  /** $PnG; 1 when absent, 0, or unparseable. */
  gain: number;
  kind: ParameterKind;
}

export interface Spillover {
  /** Keyword the matrix came from: '$SPILLOVER', '$SPILL', 'SPILL', or 'user'. */
  keyword: string;
  /** $PnN of each row/column, in matrix order. */
  channels: string[];
  /** n×n row-major; row i = spill of fluorochrome/detector i into each column detector. */
  matrix: Float64Array;
}

export interface FcsWarning {
  code: string;
  message: string;
  offset?: number;
  keyword?: string;
}

export interface FcsDataset {
  /** 0-based index of the data set in the file ($NEXTDATA chain). */
  index: number;
  /** Byte offset of this data set's HEADER in the file. */
  offset: number;
  /** 'FCS2.0' | 'FCS3.0' | 'FCS3.1' | 'FCS3.2'. */
  version: string;
  /** All TEXT keywords, keys UPPER-CASED (keywords are case-insensitive), values un-escaped. */
  keywords: Record<string, string>;
  dataType: 'I' | 'F' | 'D' | 'A';
  byteOrder: string;
  eventCount: number;
  parameterCount: number;
  parameters: FcsParameter[];
  /** Row-major events × parameters, stored values after bit masking. */
  events: Float32Array;
  spillover: Spillover | null;
  /** Tolerated quirks (off-by-one $ENDDATA, padded $TOT, …), for display and audit. */
  warnings: FcsWarning[];
}

/** Random access to bytes; the Node implementation reads from disk in chunks (fs.readSync). */
export interface ByteSource {
  readonly size: number;
  /** Bytes [offset, offset+length) — may return a view; callers must not keep it past the next read. */
  read(offset: number, length: number): Uint8Array;
  /** Optional name for error messages (file path). */
  readonly name?: string;
}
