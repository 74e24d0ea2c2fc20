// Compensation + logicle benchmark (issue #3): 1M generated events × 12 parameters (row-major
// float32, as the FCS parser delivers them), 8 fluorescence channels compensated with an 8×8
// spillover into float64 columns, then logicle-transformed (T=262144, W=0.5, M=4.5, A=0).
// Goal: compensation + logicle of 1M×8 under 100 ms on one thread, within 1e-9 of the definition.
// Baselines measured in the same run:
//   - compensation: a straightforward per-event double loop over the inverse (n² typed-array reads);
//     floor: the de-interleave alone (copy 8 channels from the float32 rows into float64 columns);
//     fresh 8×1M float64 columns cost ~25 ms of page faults and zeroing by themselves, so the
//     re-compensation case (columns reused after a matrix edit) is measured too;
//   - logicle: per-value Halley iteration on B(y) = x (the Moore & Parks 2012 reference algorithm's
//     method, written here); floor: one read + one write pass over the same 8M doubles.
// Median of repetitions; prints a markdown table and writes bench/out/transforms.md.
//
//   node scripts/build.mjs --bench && node dist/bench/transforms.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkedInverse } from '../shared/compensation/matrix';
import { compensateEvents } from '../shared/compensation/compensate';
import { logicle, logicleCoefficients } from '../shared/transforms/logicle';

const N = 1_000_000;
const STRIDE = 12;
const CHANNELS = [3, 4, 5, 6, 7, 8, 9, 10];
const REPS = Number(process.env.BENCH_REPS ?? 7);
const PARAMS = { T: 262144, W: 0.5, M: 4.5, A: 0 };

// ---------------------------------------------------------------- data

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 8-colour spillover like a FACSCanto/LSR panel: neighbours spill 1-35 %, distant ones < 3 %. */
function spillover(next: () => number): Float64Array {
  const n = CHANNELS.length;
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const gap = Math.abs(i - j);
      s[i * n + j] = gap === 0 ? 1 : gap === 1 ? 0.01 + 0.34 * next() : 0.03 * next();
    }
  }
  return s;
}

/** Events: per channel a negative/dim population (~N(0, 150)) and a bright lognormal one. */
function events(next: () => number, s: Float64Array): Float32Array {
  const n = CHANNELS.length;
  const ev = new Float32Array(N * STRIDE);
  const truth = new Float64Array(n);
  const gauss = (): number => Math.sqrt(-2 * Math.log(next() + 1e-300)) * Math.cos(2 * Math.PI * next());
  for (let e = 0; e < N; e++) {
    const base = e * STRIDE;
    ev[base] = e / 100; // Time
    ev[base + 1] = 40000 + 20000 * next(); // FSC-A
    ev[base + 2] = 38000 + 20000 * next(); // FSC-H
    ev[base + 11] = 10000 + 50000 * next(); // SSC-A
    for (let i = 0; i < n; i++) truth[i] = next() < 0.6 ? 150 * gauss() : Math.exp(6 + 2.2 * next() + 0.4 * gauss());
    for (let j = 0; j < n; j++) {
      let v = 0;
      for (let i = 0; i < n; i++) v += truth[i] * s[i * n + j];
      ev[base + CHANNELS[j]] = v;
    }
  }
  return ev;
}

// ---------------------------------------------------------------- baselines

function naiveCompensate(ev: Float32Array, inverse: Float64Array): Float64Array[] {
  const n = CHANNELS.length;
  const out = CHANNELS.map(() => new Float64Array(N));
  for (let e = 0; e < N; e++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += ev[e * STRIDE + CHANNELS[i]] * inverse[i * n + j];
      out[j][e] = s;
    }
  }
  return out;
}

function copyFloor(ev: Float32Array): Float64Array[] {
  const out = CHANNELS.map(() => new Float64Array(N));
  for (let e = 0, b = 0; e < N; e++, b += STRIDE) {
    for (let j = 0; j < CHANNELS.length; j++) out[j][e] = ev[b + CHANNELS[j]];
  }
  return out;
}

/** Per-value Halley on B(y) = a e^(by) - c e^(-dy) - f, negatives by reflection (Moore & Parks). */
function naiveLogicle(): (x: number) => number {
  const { a, b, c, d, f, x1 } = logicleCoefficients(PARAMS.T, PARAMS.W, PARAMS.M, PARAMS.A);
  const slope0 = a * b * Math.exp(b * x1) + c * d * Math.exp(-d * x1);
  return (x) => {
    if (x === 0) return x1;
    const ax = Math.abs(x);
    let y = ax < f ? x1 + ax / slope0 : Math.log(ax / a) / b;
    for (let i = 0; i < 50; i++) {
      const ae = a * Math.exp(b * y);
      const ce = c * Math.exp(-d * y);
      const g = ae - ce - f - ax;
      const g1 = b * ae + d * ce;
      const g2 = b * b * ae - d * d * ce;
      const delta = g / (g1 * (1 - (g * g2) / (2 * g1 * g1)));
      y -= delta;
      if (Math.abs(delta) < 1e-15) break;
    }
    return x < 0 ? 2 * x1 - y : y;
  };
}

function passFloor(cols: Float64Array[], out: Float64Array[]): void {
  for (let j = 0; j < cols.length; j++) {
    const x = cols[j];
    const o = out[j];
    for (let i = 0; i < x.length; i++) o[i] = x[i] * 0.5 + 1;
  }
}

// ---------------------------------------------------------------- timing

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(label: string, reps: number, fn: () => void): { median: number; min: number } {
  fn(); // warm-up: JIT and first-touch page faults
  const ts: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  const res = { median: median(ts), min: Math.min(...ts) };
  console.error(`${label}: median ${res.median.toFixed(1)} ms, min ${res.min.toFixed(1)} ms`);
  return res;
}

// ---------------------------------------------------------------- run

const next = rng(20261126);
const S = spillover(next);
const EV = events(next, S);
const inverse = checkedInverse(S, CHANNELS.length);
const transform = logicle(PARAMS);

let compensated: Float64Array[] = [];
const comp = time('compensation (ours)', REPS, () => {
  compensated = compensateEvents(EV, STRIDE, CHANNELS, S);
});
const reused = CHANNELS.map(() => new Float64Array(N));
const compReuse = time('compensation (ours, into reused columns)', REPS, () => compensateEvents(EV, STRIDE, CHANNELS, S, { out: reused }));
const compNaive = time('compensation (naive double loop)', Math.max(3, REPS >> 1), () => naiveCompensate(EV, inverse));
const compFloor = time('compensation floor (de-interleave copy)', REPS, () => copyFloor(EV));

const transformed = CHANNELS.map(() => new Float64Array(N));
const logi = time('logicle (ours)', REPS, () => {
  for (let j = 0; j < compensated.length; j++) transform.applyArray(compensated[j], transformed[j]);
});
const halley = naiveLogicle();
const naiveOut = CHANNELS.map(() => new Float64Array(N));
const logiNaive = time('logicle (naive Halley)', Math.max(3, REPS >> 1), () => {
  for (let j = 0; j < compensated.length; j++) {
    const x = compensated[j];
    const o = naiveOut[j];
    for (let i = 0; i < N; i++) o[i] = halley(x[i]);
  }
});
const floorOut = CHANNELS.map(() => new Float64Array(N));
const logiFloor = time('logicle floor (one read+write pass)', REPS, () => passFloor(compensated, floorOut));

// First compensation of a file: fresh columns, logicle in place.
const both = time('compensation + logicle (ours)', REPS, () => {
  const cols = compensateEvents(EV, STRIDE, CHANNELS, S);
  for (let j = 0; j < cols.length; j++) transform.applyArray(cols[j], cols[j]);
});
// Re-compensation after a matrix edit: compensated and display columns already exist and are
// reused; compensated values are kept (gating) and logicle goes to the display columns.
const display = CHANNELS.map(() => new Float64Array(N));
const bothReuse = time('compensation + logicle (ours, reused columns)', REPS, () => {
  const cols = compensateEvents(EV, STRIDE, CHANNELS, S, { out: reused });
  for (let j = 0; j < cols.length; j++) transform.applyArray(cols[j], display[j]);
});

// Accuracy on the benchmark's own 8M values: the fast path against the per-value Halley solve,
// and compensation against the naive loop.
let maxLogicleDiff = 0;
for (let j = 0; j < CHANNELS.length; j++) {
  for (let i = 0; i < N; i++) maxLogicleDiff = Math.max(maxLogicleDiff, Math.abs(transformed[j][i] - naiveOut[j][i]));
}
const naiveComp = naiveCompensate(EV, inverse);
let maxCompRel = 0;
for (let j = 0; j < CHANNELS.length; j++) {
  for (let i = 0; i < N; i++) maxCompRel = Math.max(maxCompRel, Math.abs(compensated[j][i] - naiveComp[j][i]) / Math.max(1, Math.abs(naiveComp[j][i])));
}

const ms = (v: number): string => v.toFixed(1);
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const lines = [
  `# Compensation + logicle benchmark`,
  ``,
  `1,000,000 events × 12 parameters (float32 row-major); 8 channels compensated (8×8) and logicle-transformed`,
  `(T=262144, W=0.5, M=4.5, A=0). Node ${process.version}, ${REPS} repetitions, median (min) in ms, one thread;`,
  `${os.cpus().length} CPUs, load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (other processes share the machine).`,
  ``,
  `| step | ours | baseline | baseline time | baseline / ours |`,
  `|---|---|---|---|---|`,
  `| compensation 1M×8 | ${ms(comp.median)} (${ms(comp.min)}) | naive per-event double loop | ${ms(compNaive.median)} (${ms(compNaive.min)}) | ${ratio(compNaive.median, comp.median)} |`,
  `| compensation 1M×8 | ${ms(comp.median)} (${ms(comp.min)}) | floor: de-interleave copy only | ${ms(compFloor.median)} (${ms(compFloor.min)}) | ${ratio(compFloor.median, comp.median)} |`,
  `| compensation 1M×8, into reused columns | ${ms(compReuse.median)} (${ms(compReuse.min)}) | same, fresh columns (ours above) | ${ms(comp.median)} (${ms(comp.min)}) | ${ratio(comp.median, compReuse.median)} |`,
  `| logicle 1M×8 | ${ms(logi.median)} (${ms(logi.min)}) | naive per-value Halley | ${ms(logiNaive.median)} (${ms(logiNaive.min)}) | ${ratio(logiNaive.median, logi.median)} |`,
  `| logicle 1M×8 | ${ms(logi.median)} (${ms(logi.min)}) | floor: one read+write pass | ${ms(logiFloor.median)} (${ms(logiFloor.min)}) | ${ratio(logiFloor.median, logi.median)} |`,
  `| compensation + logicle 1M×8, fresh columns | ${ms(both.median)} (${ms(both.min)}) | goal | 100.0 | ${ratio(100, both.median)} |`,
  `| compensation + logicle 1M×8, reused columns (re-compensation) | ${ms(bothReuse.median)} (${ms(bothReuse.min)}) | goal | 100.0 | ${ratio(100, bothReuse.median)} |`,
  ``,
  `Accuracy on the same 8M values: max |logicle fast − Halley| = ${maxLogicleDiff.toExponential(2)} (requirement 1e-9);`,
  `max relative |compensation − naive loop| = ${maxCompRel.toExponential(2)}.`,
  ``,
];
const text = lines.join('\n');
console.log(text);
const outDir = path.resolve(process.cwd(), 'bench', 'out');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'transforms.md'), text);
