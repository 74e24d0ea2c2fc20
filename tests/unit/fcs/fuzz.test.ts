// Seeded fuzzing of the reader on mutated refdata files: byte flips, truncations, HEADER offset
// edits and keyword edits. Whatever the input, the only thing allowed out is an FcsError (or a
// dataset that is internally consistent), and no single input may take a second.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FcsError } from '../../../shared/fcs/errors';
import { parseFcs, listDatasets } from '../../../shared/fcs/parse';
import { scaledColumn } from '../../../shared/fcs/scale';
import { refdata } from '../../helpers/paths';
import { manifest } from './manifest';

const SEED = 20261126;
const ITERATIONS = Number(process.env.FCS_FUZZ_ITERATIONS ?? 5000);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYWORDS = ['$TOT', '$PAR', '$DATATYPE', '$BYTEORD', '$BEGINDATA', '$ENDDATA', '$NEXTDATA', '$P1B', '$P2B', '$P1R', '$P2E', '$P1G', '$MODE', 'SPILL', '$SPILLOVER', '$BEGINSTEXT', '$ENDSTEXT', '$P1DATATYPE', '$TIMESTEP'];
const VALUES = ['0', '1', '-1', '', ' ', 'abc', '99999999', '4294967296', '1e9', '3.5', '8', '24', '64', '7', 'I', 'F', 'D', 'A', 'X', '*', '1,2', '4,3,2,1', '1,2,3,4', '2,1,4,3', '3,4,1,2', '1,1,1,1', 'L', 'U', '4,0', '0,0', 'nan', '2,A,B,1,0,0,1', '2,1,2,1,1,1,1', '1000000000000000000000'];

interface Mutation { kind: string; bytes: Uint8Array }

function mutate(src: Uint8Array, rnd: () => number): Mutation {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const textEnd = Math.min(src.length, Number(new TextDecoder('latin1').decode(src.subarray(18, 26)).trim()) || 4096);
  const kind = pick(['flip', 'flip', 'truncate', 'header', 'keyword', 'keyword', 'splice']);
  const b = new Uint8Array(src); // a copy (Buffer.slice would be a view)
  switch (kind) {
    case 'flip': {
      const n = 1 + Math.floor(rnd() * 8);
      for (let i = 0; i < n; i++) {
        const at = rnd() < 0.8 ? Math.floor(rnd() * (textEnd + 64)) : Math.floor(rnd() * b.length);
        if (at < b.length) b[at] = Math.floor(rnd() * 256);
      }
      return { kind, bytes: b };
    }
    case 'truncate':
      return { kind, bytes: b.subarray(0, Math.floor(rnd() * (rnd() < 0.5 ? textEnd + 64 : b.length))) };
    case 'header': {
      const field = Math.floor(rnd() * 6);
      const v = pick(['0', '', '58', '99999999', String(b.length), String(b.length + 100), String(Math.floor(rnd() * b.length)), 'x1', '-5']);
      const s = v.padStart(8, ' ').slice(0, 8);
      for (let i = 0; i < 8; i++) b[10 + field * 8 + i] = s.charCodeAt(i);
      return { kind, bytes: b };
    }
    case 'keyword': {
      const text = new TextDecoder('latin1').decode(b.subarray(0, textEnd + 1));
      const key = pick(KEYWORDS);
      const delim = b[Number(text.slice(10, 18).trim()) || 58];
      const idx = text.toUpperCase().indexOf(key);
      if (idx < 0 || delim === undefined) return { kind: 'keyword-miss', bytes: b };
      const valStart = idx + key.length + 1;
      let valEnd = valStart;
      while (valEnd < text.length && text.charCodeAt(valEnd) !== delim) valEnd++;
      const v = pick(VALUES);
      const enc = Uint8Array.from(v, (c) => c.charCodeAt(0));
      const out = new Uint8Array(b.length - (valEnd - valStart) + enc.length);
      out.set(b.subarray(0, valStart));
      out.set(enc, valStart);
      out.set(b.subarray(valEnd), valStart + enc.length);
      return { kind: `keyword ${key}=${v}`, bytes: rnd() < 0.5 ? out : padOrCut(out, b.length, valStart + enc.length) };
    }
    default: {
      // Insert or delete a few bytes inside TEXT: every later offset is now wrong.
      const at = Math.min(b.length, 58 + Math.floor(rnd() * Math.max(1, textEnd - 58)));
      const del = rnd() < 0.5 && at + 4 <= b.length;
      const n = 1 + Math.floor(rnd() * 4);
      if (del) { const out = new Uint8Array(b.length - n); out.set(b.subarray(0, at)); out.set(b.subarray(at + n), at); return { kind, bytes: out }; }
      const out = new Uint8Array(b.length + n);
      out.set(b.subarray(0, at));
      out.fill(0x2f, at, at + n);
      out.set(b.subarray(at), at + n);
      return { kind, bytes: out };
    }
  }
}

/** Keep the file length (and so later offsets) by cutting/padding right after the edit. */
function padOrCut(out: Uint8Array, length: number, at: number): Uint8Array {
  if (out.length === length) return out;
  const r = new Uint8Array(length).fill(0x20);
  if (out.length > length) { r.set(out.subarray(0, at)); r.set(out.subarray(at + (out.length - length)), at); }
  else { r.set(out.subarray(0, at)); r.set(out.subarray(at), at + (length - out.length)); }
  return r;
}

describe('fuzzing the FCS reader (seed ' + SEED + ')', () => {
  it(`raises nothing but FcsError on ${ITERATIONS} mutated refdata files, each within a second`, () => {
    const files = Object.keys(manifest.files).map((f) => new Uint8Array(fs.readFileSync(refdata(f))));
    const rnd = mulberry32(SEED);
    const failures: string[] = [];
    let refused = 0;
    let slowest = 0;
    const codes = new Map<string, number>();
    for (let i = 0; i < ITERATIONS && failures.length < 5; i++) {
      const fileIndex = Math.floor(rnd() * files.length);
      const m = mutate(files[fileIndex]!, rnd);
      const dataset = rnd() < 0.85 ? 0 : 1;
      const t0 = performance.now();
      try {
        listDatasets(m.bytes);
        const ds = parseFcs(m.bytes, { dataset, spillover: rnd() < 0.5 ? 'error' : 'warn' });
        if (ds.events.length !== ds.eventCount * ds.parameterCount) failures.push(`#${i} ${m.kind}: events ${ds.events.length} ≠ ${ds.eventCount}×${ds.parameterCount}`);
        if (ds.parameterCount > 0 && ds.eventCount > 0) scaledColumn(ds, ds.parameterCount - 1);
      } catch (e) {
        if (e instanceof FcsError) {
          refused++;
          codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
          if (!/^FCS_[A-Z_]+$/.test(e.code) || e.message.length < 10) failures.push(`#${i} ${m.kind}: unclear error ${e.code} ${e.message}`);
        } else {
          failures.push(`#${i} file ${fileIndex} ${m.kind}: ${(e as Error)?.stack ?? String(e)}`);
        }
      }
      const ms = performance.now() - t0;
      slowest = Math.max(slowest, ms);
      if (ms > 1000) failures.push(`#${i} ${m.kind}: took ${ms.toFixed(0)} ms`);
    }
    if (process.env.FCS_FUZZ_STATS) console.log({ refused, slowest, codes: Object.fromEntries(codes) });
    expect(failures).toEqual([]);
    expect(refused).toBeGreaterThan(ITERATIONS / 10);
    expect(slowest).toBeLessThan(1000);
  }, 120_000);
});
