// Generated FCS 3.1 files for benchmarks: N events × 12 parameters (FSC-A/H, SSC-A/H, 8
// fluorescence channels), float32 little-endian, an 8×8 $SPILLOVER, written in chunks.
import fs from 'node:fs';
import { fcsPreamble } from '../shared/fcs/write';
import type { Spillover } from '../shared/fcs/types';

export const BENCH_CHANNELS = ['FSC-A', 'FSC-H', 'SSC-A', 'SSC-H', 'FITC-A', 'PE-A', 'PerCP-Cy5-5-A', 'PE-Cy7-A', 'APC-A', 'APC-H7-A', 'V450-A', 'V500-A'];
export const FLUOR = BENCH_CHANNELS.slice(4);

export function benchSpillover(): Spillover {
  const n = FLUOR.length;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = i === j ? 1 : Math.abs(i - j) === 1 ? 0.12 / (1 + j) : 0.01;
  return { keyword: '$SPILLOVER', channels: FLUOR.slice(), matrix: m };
}

/** Writes the file and returns its size in bytes. Values: seeded pseudo-random, scatter 0..262143, fluorescence −200..262143. */
export function writeBenchFcs(file: string, events: number, seed = 7, bigEndian = false): number {
  const par = BENCH_CHANNELS.length;
  const pre = fcsPreamble({
    parameters: BENCH_CHANNELS.map((name, i) => ({ name, marker: i >= 4 ? `CD${i * 3}` : null, range: 262144 })),
    eventCount: events,
    spillover: benchSpillover(),
    keywords: { $CYT: 'FACSCanto II (generated)', 'TUBE NAME': 'bench', $TIMESTEP: '0.01' },
  });
  if (bigEndian) {
    // FACSDiva writes big-endian floats: same TEXT with $BYTEORD 4,3,2,1 (same length) and swapped DATA.
    const text = new TextDecoder('latin1').decode(pre.bytes);
    const at = text.indexOf('$BYTEORD/1,2,3,4/');
    pre.bytes.set(new TextEncoder().encode('$BYTEORD/4,3,2,1/'), at);
  }
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, pre.bytes);
    let a = seed >>> 0;
    const rnd = () => { a = (a + 0x6d2b79f5) >>> 0; let t = Math.imul(a ^ (a >>> 15), a | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
    const CHUNK = 65536;
    const buf = new Float32Array(CHUNK * par);
    for (let done = 0; done < events; done += CHUNK) {
      const rows = Math.min(CHUNK, events - done);
      for (let r = 0; r < rows; r++) {
        for (let p = 0; p < par; p++) {
          const u = rnd();
          buf[r * par + p] = p < 4 ? u * 262143 : (u < 0.3 ? u * 600 - 200 : Math.exp(u * 12.4));
        }
      }
      const bytes = new Uint8Array(buf.buffer, 0, rows * par * 4);
      if (bigEndian) for (let o = 0; o < bytes.length; o += 4) { let t = bytes[o]!; bytes[o] = bytes[o + 3]!; bytes[o + 3] = t; t = bytes[o + 1]!; bytes[o + 1] = bytes[o + 2]!; bytes[o + 2] = t; }
      fs.writeSync(fd, bytes);
    }
  } finally {
    fs.closeSync(fd);
  }
  return fs.statSync(file).size;
}
