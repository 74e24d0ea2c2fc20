// The one error type of the FCS layer. Every refusal carries a stable `code` (for the CLI's
// `CODE: message`, the UI and audit), the place (byte offset or keyword, file, data set) and a
// message a person can act on without reading code.

export type FcsErrorCode =
  | 'FCS_NOT_FCS' // first bytes are not an FCS HEADER
  | 'FCS_UNSUPPORTED_VERSION' // FCS1.0 or an unknown version string
  | 'FCS_BAD_HEADER' // HEADER offset field not a number, or offsets inconsistent
  | 'FCS_TRUNCATED' // a segment runs past the end of the file
  | 'FCS_BAD_TEXT' // TEXT segment cannot be split into keyword/value pairs
  | 'FCS_MISSING_KEYWORD' // a required keyword is absent
  | 'FCS_BAD_KEYWORD' // a keyword value cannot be interpreted
  | 'FCS_UNSUPPORTED_DATATYPE' // $DATATYPE not I/F/D/A, or bits not usable for it
  | 'FCS_UNSUPPORTED_MODE' // $MODE other than L
  | 'FCS_BAD_BYTEORD' // $BYTEORD not a permutation that fits the data
  | 'FCS_OFFSET_DISCREPANCY' // HEADER and TEXT data offsets disagree and neither is provably right
  | 'FCS_DATA_LENGTH_MISMATCH' // DATA segment length ≠ $TOT × row size
  | 'FCS_BAD_ASCII' // ASCII data that is not a number
  | 'FCS_BAD_SPILLOVER' // spillover keyword malformed, unknown channel, or singular
  | 'FCS_NO_DATASET' // requested data set index does not exist
  | 'FCS_CSV_EMPTY' // CSV without header or rows
  | 'FCS_CSV_BAD_NUMBER' // CSV cell that is not a finite number
  | 'FCS_CSV_BAD_ROW' // CSV row with the wrong number of cells
  | 'FCS_IO'; // the file could not be read at all

export interface FcsErrorPlace {
  offset?: number;
  keyword?: string;
  file?: string;
  dataset?: number;
}

export class FcsError extends Error {
  override name = 'FcsError';
  code: FcsErrorCode | string;
  offset?: number;
  keyword?: string;
  file?: string;
  dataset?: number;

  constructor(code: FcsErrorCode | string, message: string, place: FcsErrorPlace = {}) {
    super(FcsError.compose(message, place));
    this.code = code;
    if (place.offset !== undefined) this.offset = place.offset;
    if (place.keyword !== undefined) this.keyword = place.keyword;
    if (place.file !== undefined) this.file = place.file;
    if (place.dataset !== undefined) this.dataset = place.dataset;
  }

  /** Message is self-contained: the file and data set are appended when known. */
  private static compose(message: string, place: FcsErrorPlace): string {
    const where: string[] = [];
    if (place.file) where.push(`file ${place.file}`);
    if (place.dataset !== undefined && place.dataset > 0) where.push(`data set ${place.dataset + 1}`);
    return where.length ? `${message} [${where.join(', ')}]` : message;
  }
}

export function isFcsError(e: unknown): e is FcsError {
  return e instanceof FcsError;
}
