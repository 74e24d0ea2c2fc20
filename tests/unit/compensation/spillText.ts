// Test-only reader of one spillover keyword straight from an FCS file's TEXT segment (FCS 3.1
// section 3.2: HEADER bytes 10-25 give the TEXT offsets; the first TEXT byte is the delimiter), so
// that the compensation tests do not depend on the FCS parser. Spill values contain no delimiter.
import fs from 'node:fs';

export interface SpillFromFile {
  names: string[];
  matrix: Float64Array;
}

export function readSpillKeyword(file: string, keyword: string): SpillFromFile {
  const bytes = fs.readFileSync(file);
  const begin = Number(bytes.subarray(10, 18).toString('latin1').trim());
  const end = Number(bytes.subarray(18, 26).toString('latin1').trim());
  const text = bytes.subarray(begin, end + 1).toString('latin1');
  const delim = text[0];
  const parts = text.slice(1).split(delim);
  const at = parts.findIndex((p, i) => i % 2 === 0 && p.toUpperCase() === keyword.toUpperCase());
  if (at < 0) throw new Error(`${keyword} not in ${file}`);
  const fields = parts[at + 1].split(',').map((s) => s.trim());
  const n = Number(fields[0]);
  return { names: fields.slice(1, 1 + n), matrix: Float64Array.from(fields.slice(1 + n, 1 + n + n * n), Number) };
}
