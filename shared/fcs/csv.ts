// CSV events (instrument or FlowJo "channel values" exports): first row = channel names, every
// other row = one event of finite numbers. Parsed with papaparse; text may arrive in chunks
// (CsvEventsBuilder) so a large file never needs to be one string. Errors name the 1-based line
// and column so a person can open the file and find the cell.
import Papa from 'papaparse';
import { FcsError } from './errors';
import { classifyParameter } from './parameters';
import type { FcsDataset, FcsParameter, FcsWarning } from './types';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export class CsvEventsBuilder {
  private readonly name: string | undefined;
  private pending = '';
  private delimiter: string | undefined;
  private header: string[] | null = null;
  private line = 0; // lines consumed so far (1-based number of the last line)
  private values = new Float32Array(1 << 16);
  private count = 0; // values stored
  private max: Float64Array = new Float64Array(0);
  private readonly warnings: FcsWarning[] = [];
  private first = true;

  constructor(options: { name?: string } = {}) {
    this.name = options.name;
  }

  /** Feed the next piece of text; only complete lines are parsed, the rest waits for more. */
  push(text: string): void {
    if (this.first && text.length) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    const all = this.pending + text;
    const cut = all.lastIndexOf('\n');
    if (cut < 0) { this.pending = all; return; }
    this.pending = all.slice(cut + 1);
    this.parseLines(all.slice(0, cut + 1));
  }

  private parseLines(text: string): void {
    if (text === '') return;
    if (!this.delimiter) this.delimiter = guessDelimiter(text);
    const res = Papa.parse<string[]>(text, { delimiter: this.delimiter, skipEmptyLines: false, header: false, dynamicTyping: false });
    const rows = res.data;
    // papaparse yields a trailing empty row for text ending in a newline.
    const n = rows.length && rows[rows.length - 1]!.length === 1 && rows[rows.length - 1]![0] === '' && /\n$/.test(text) ? rows.length - 1 : rows.length;
    for (let r = 0; r < n; r++) {
      const row = rows[r]!;
      this.line++;
      if (row.length === 1 && row[0]!.trim() === '') continue; // blank line
      if (!this.header) { this.setHeader(row); continue; }
      this.addRow(row);
    }
  }

  private setHeader(row: string[]): void {
    const names = row.map((c) => c.trim());
    names.forEach((nm, i) => {
      if (nm === '') throw this.err('FCS_CSV_BAD_ROW', `CSV header (line ${this.line}) column ${i + 1} has no channel name`, i);
      if (NUMBER.test(nm)) throw this.err('FCS_CSV_BAD_ROW', `CSV line ${this.line} must be a header of channel names, but column ${i + 1} is the number '${nm}'`, i);
    });
    const seen = new Set<string>();
    for (const nm of names) {
      if (seen.has(nm.toUpperCase())) this.warnings.push({ code: 'CSV_DUPLICATE_NAME', message: `CSV header repeats the channel name '${nm}'` });
      seen.add(nm.toUpperCase());
    }
    this.header = names;
    this.max = new Float64Array(names.length).fill(-Infinity);
  }

  private addRow(row: string[]): void {
    const par = this.header!.length;
    if (row.length !== par) {
      // A trailing delimiter ("1,2,3,") is a common spreadsheet artefact.
      if (!(row.length === par + 1 && row[par]!.trim() === '')) {
        throw this.err('FCS_CSV_BAD_ROW', `CSV line ${this.line} has ${row.length} cells, but the header has ${par} channels`);
      }
    }
    if (this.count + par > this.values.length) {
      let cap = this.values.length * 2;
      while (cap < this.count + par) cap *= 2;
      const next = new Float32Array(cap);
      next.set(this.values.subarray(0, this.count));
      this.values = next;
    }
    for (let c = 0; c < par; c++) {
      const s = row[c]!.trim();
      const v = NUMBER.test(s) ? Number(s) : NaN;
      if (!Number.isFinite(v)) {
        throw this.err('FCS_CSV_BAD_NUMBER', `CSV line ${this.line}, column ${c + 1} (${this.header![c]}): '${s.slice(0, 40)}' is not a number`, c);
      }
      this.values[this.count++] = v;
      if (v > this.max[c]!) this.max[c] = v;
    }
  }

  private err(code: string, message: string, column?: number): FcsError {
    const e = new FcsError(code, message, { file: this.name });
    Object.assign(e, { line: this.line, column: column === undefined ? undefined : column + 1 });
    return e;
  }

  finish(): FcsDataset {
    if (this.pending !== '') { const rest = this.pending; this.pending = ''; this.parseLines(rest + '\n'); }
    if (!this.header) throw new FcsError('FCS_CSV_EMPTY', 'CSV file is empty: no header row of channel names', { file: this.name });
    const par = this.header.length;
    const tot = this.count / par;
    if (tot === 0) throw new FcsError('FCS_CSV_EMPTY', 'CSV file has a header but no event rows', { file: this.name });
    const keywords: Record<string, string> = { $TOT: String(tot), $PAR: String(par), $DATATYPE: 'F', $MODE: 'L' };
    if (this.name) keywords['$FIL'] = this.name;
    const parameters: FcsParameter[] = this.header.map((name, i) => {
      // CSV carries no $PnR: the range is the largest value seen, rounded up (at least 1).
      const range = Math.max(1, Math.ceil(this.max[i]!));
      keywords[`$P${i + 1}N`] = name;
      keywords[`$P${i + 1}R`] = String(range);
      keywords[`$P${i + 1}B`] = '32';
      keywords[`$P${i + 1}E`] = '0,0';
      return { index: i, name, marker: null, bits: 32, range, amplification: { decades: 0, offset: 0 }, gain: 1, kind: classifyParameter(name, null, false) };
    });
    return {
      index: 0,
      offset: 0,
      version: 'CSV',
      keywords,
      dataType: 'F',
      byteOrder: '',
      eventCount: tot,
      parameterCount: par,
      parameters,
      events: this.values.slice(0, this.count),
      spillover: null,
      warnings: this.warnings,
    };
  }
}

/** The header line decides: the most frequent of , ; tab outside quotes (comma on a tie). */
function guessDelimiter(text: string): string {
  const nl = text.indexOf('\n');
  const line = (nl < 0 ? text : text.slice(0, nl)).replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = (line.match(/,/g) ?? []).length;
  for (const d of [';', '\t']) {
    const c = line.split(d).length - 1;
    if (c > bestCount) { best = d; bestCount = c; }
  }
  return best;
}

export function parseCsv(text: string, options: { name?: string } = {}): FcsDataset {
  const b = new CsvEventsBuilder(options);
  b.push(text);
  return b.finish();
}
