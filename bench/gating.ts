// Gating benchmark (issue #4): 1M generated events of a bone-marrow-like sample, gated with the
// engine (bit sets over float64 columns) and with a straightforward per-event implementation
// written here (one object per event, arrays of member objects, point-in-polygon per event), in
// the same run. Median of repetitions; prints a markdown table and writes bench/out/gating.md.
//
//   npm run bench:gating   (node scripts/build.mjs --bench && node --expose-gc dist/bench/gating.mjs)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { evaluateOnColumns } from '../shared/gating/evaluate';
import { BooleanGate } from '../shared/gating/gates/boolean';
import { EllipsoidGate } from '../shared/gating/gates/ellipsoid';
import { PolygonGate } from '../shared/gating/gates/polygon';
import { RectangleGate } from '../shared/gating/gates/rectangle';
import { GatingStrategy } from '../shared/gating/strategy';

const N = 1_000_000;
const REPS = Number(process.env.BENCH_REPS ?? 15);
const CHANNELS = ['Time', 'FSC-A', 'FSC-H', 'SSC-A', 'CD45', 'CD34', 'CD19', 'cyCD3', 'cyMPO'] as const;
type Channel = (typeof CHANNELS)[number];

// ---------------------------------------------------------------- data

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cell types with mean [FSC-A, SSC-A, CD45, CD34, CD19, cyCD3, cyMPO] (display-like units 0..1000) and weight. */
const CELL_TYPES: Array<{ name: string; weight: number; mean: number[]; sd: number }> = [
  { name: 'lymphs', weight: 0.2, mean: [300, 120, 850, 50, 300, 350, 40], sd: 40 },
  { name: 'monos', weight: 0.08, mean: [480, 300, 700, 60, 40, 40, 250], sd: 45 },
  { name: 'granulocytes', weight: 0.35, mean: [520, 620, 520, 40, 40, 40, 700], sd: 55 },
  { name: 'blasts', weight: 0.2, mean: [400, 160, 420, 700, 600, 80, 80], sd: 45 },
  { name: 'erythroid', weight: 0.12, mean: [260, 100, 80, 40, 40, 40, 40], sd: 40 },
  { name: 'debris', weight: 0.05, mean: [60, 60, 100, 100, 100, 100, 100], sd: 40 },
];

function generate(): Record<Channel, Float64Array> {
  const r = rng(2026);
  const normal = (): number => Math.sqrt(-2 * Math.log(r() + 1e-300)) * Math.cos(2 * Math.PI * r());
  const cols = Object.fromEntries(CHANNELS.map((c) => [c, new Float64Array(N)])) as Record<Channel, Float64Array>;
  const cum: number[] = [];
  CELL_TYPES.reduce((s, t) => { cum.push(s + t.weight); return s + t.weight; }, 0);
  for (let e = 0; e < N; e++) {
    const u = r() * cum[cum.length - 1]!;
    const t = CELL_TYPES[cum.findIndex((c) => u < c)]!;
    const fscA = t.mean[0]! + normal() * t.sd;
    const doublet = r() < 0.04;
    cols['Time'][e] = (e / N) * 1000;
    cols['FSC-A'][e] = doublet ? fscA * 1.8 : fscA;
    cols['FSC-H'][e] = fscA * (0.95 + normal() * 0.03);
    cols['SSC-A'][e] = t.mean[1]! + normal() * t.sd;
    cols['CD45'][e] = t.mean[2]! + normal() * t.sd;
    cols['CD34'][e] = t.mean[3]! + normal() * t.sd;
    cols['CD19'][e] = t.mean[4]! + normal() * t.sd;
    cols['cyCD3'][e] = t.mean[5]! + normal() * t.sd;
    cols['cyMPO'][e] = t.mean[6]! + normal() * t.sd;
  }
  return cols;
}

// ---------------------------------------------------------------- gates (shared by both implementations)

type Poly = { id: string; parent: string | null; x: Channel; y: Channel; vertices: number[][] };
type Rect = { id: string; parent: string | null; x: Channel; min: number; max: number };

/** Octagon around (cx, cy) with half-widths (rx, ry): 8 vertices. */
function octagon(cx: number, cy: number, rx: number, ry: number): number[][] {
  return Array.from({ length: 8 }, (_, k) => {
    const a = (k * Math.PI) / 4 + Math.PI / 8;
    return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)];
  });
}

const CELLS_POLY: Poly = { id: 'cells', parent: 'singlets', x: 'FSC-A', y: 'SSC-A', vertices: [[150, 20], [700, 20], [900, 300], [900, 950], [500, 950], [250, 500], [150, 300], [130, 100]] };
const HIERARCHY: Array<Poly | Rect> = [
  { id: 'time', parent: null, x: 'Time', min: 10, max: 990 },
  { id: 'singlets', parent: 'time', x: 'FSC-A', y: 'FSC-H', vertices: [[0, 0], [400, 330], [1000, 880], [1000, 1000], [900, 1000], [300, 330], [0, 40], [-50, 0]] },
  CELLS_POLY,
  { id: 'CD45+ leukocytes', parent: 'cells', x: 'CD45', y: 'SSC-A', vertices: [[280, 0], [1000, 0], [1000, 1000], [300, 1000], [250, 600], [230, 300], [240, 100], [260, 20]] },
  { id: 'blasts CD45dim SSClow', parent: 'CD45+ leukocytes', x: 'CD45', y: 'SSC-A', vertices: octagon(420, 160, 110, 90) },
  { id: 'lymphs', parent: 'CD45+ leukocytes', x: 'CD45', y: 'SSC-A', vertices: octagon(850, 120, 120, 90) },
  { id: 'monos', parent: 'CD45+ leukocytes', x: 'CD45', y: 'SSC-A', vertices: octagon(700, 300, 100, 90) },
  { id: 'granulocytes', parent: 'CD45+ leukocytes', x: 'CD45', y: 'SSC-A', vertices: octagon(520, 620, 160, 180) },
  { id: 'CD34+', parent: 'blasts CD45dim SSClow', x: 'CD34', min: 400, max: Infinity },
  { id: 'CD19+', parent: 'blasts CD45dim SSClow', x: 'CD19', min: 350, max: Infinity },
  { id: 'cyCD3+', parent: 'blasts CD45dim SSClow', x: 'cyCD3', min: 300, max: Infinity },
  { id: 'cyMPO+', parent: 'blasts CD45dim SSClow', x: 'cyMPO', min: 400, max: Infinity },
];
const ELLIPSE = { x: 'CD45' as Channel, y: 'SSC-A' as Channel, mean: [420, 160], cov: [[4000, 1000], [1000, 2500]], d2: 4 };

function ourGate(g: Poly | Rect): PolygonGate | RectangleGate {
  const parentId = g.parent;
  if ('vertices' in g) return new PolygonGate({ id: g.id, parentId, dimensions: [{ channel: g.x }, { channel: g.y }], vertices: g.vertices });
  const dim: { channel: string; min?: number; max?: number } = { channel: g.x, min: g.min };
  if (Number.isFinite(g.max)) dim.max = g.max;
  return new RectangleGate({ id: g.id, parentId, dimensions: [dim] });
}

// ---------------------------------------------------------------- per-event reference implementation

type EventObj = Record<Channel, number>;
type Pt = { x: number; y: number };

function toObjects(cols: Record<Channel, Float64Array>): EventObj[] {
  const out: EventObj[] = new Array(N);
  for (let e = 0; e < N; e++) {
    const o = {} as EventObj;
    for (const c of CHANNELS) o[c] = cols[c][e]!;
    out[e] = o;
  }
  return out;
}

function pointInPolygon(p: Pt, poly: Pt[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!, b = poly[j]!;
    const cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
    if (cross === 0 && p.x >= Math.min(a.x, b.x) && p.x <= Math.max(a.x, b.x) && p.y >= Math.min(a.y, b.y) && p.y <= Math.max(a.y, b.y)) return true;
    if ((a.y > p.y) !== (b.y > p.y) && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

function naiveGate(events: EventObj[], g: Poly | Rect): EventObj[] {
  if ('vertices' in g) {
    const poly = g.vertices.map(([x, y]) => ({ x: x!, y: y! }));
    return events.filter((ev) => pointInPolygon({ x: ev[g.x], y: ev[g.y] }, poly));
  }
  return events.filter((ev) => ev[g.x] >= g.min && ev[g.x] < g.max);
}

function naiveHierarchy(events: EventObj[]): Map<string, EventObj[]> {
  const pops = new Map<string, EventObj[]>();
  for (const g of HIERARCHY) pops.set(g.id, naiveGate(g.parent === null ? events : pops.get(g.parent)!, g));
  return pops;
}

function naiveEllipse(events: EventObj[]): EventObj[] {
  const [[a, b], [c, d]] = ELLIPSE.cov as [[number, number], [number, number]];
  const det = a * d - b * c;
  const inv = [[d / det, -b / det], [-c / det, a / det]];
  return events.filter((ev) => {
    const v = [ev[ELLIPSE.x] - ELLIPSE.mean[0]!, ev[ELLIPSE.y] - ELLIPSE.mean[1]!];
    let s = 0;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) s += v[i]! * inv[i]![j]! * v[j]!;
    return s <= ELLIPSE.d2;
  });
}

// ---------------------------------------------------------------- timing

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Median of `reps` back-to-back runs after two warm-ups (JIT). A full GC runs once before the
 * case, not before every run: forcing one per run leaves concurrent sweeper threads competing
 * with the measured code on a 2-core machine and doubled the polygon times.
 */
function time<T>(fn: () => T, reps = REPS): { ms: number; min: number; value: T } {
  (globalThis as { gc?: () => void }).gc?.();
  fn();
  let value = fn();
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    value = fn();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), min: Math.min(...ms), value };
}

function main(): void {
  const t0 = performance.now();
  const cols = generate();
  const source = (c: string): Float64Array | undefined => cols[c as Channel];
  console.log(`generated ${N.toLocaleString('en-US')} events in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${REPS} repetitions each, median`);

  // Phase 1: the engine, on a heap holding only the columns. Phase 2: the per-event objects
  // implementation (its 1M objects would otherwise slow the engine's timings through GC work).
  const polyDef: Poly = { ...CELLS_POLY, parent: null };
  const polyStrategy = new GatingStrategy().addGate(ourGate(polyDef));
  const ours1 = time(() => evaluateOnColumns(polyStrategy, source, N).populations.get('cells')!.count);

  const hier = new GatingStrategy();
  for (const g of HIERARCHY) hier.addGate(ourGate(g));
  const ours2 = time(() => evaluateOnColumns(hier, source, N));

  const ell = new GatingStrategy().addGate(new EllipsoidGate({ id: 'ellipse', dimensions: [{ channel: ELLIPSE.x }, { channel: ELLIPSE.y }], mean: ELLIPSE.mean, covariance: ELLIPSE.cov, distanceSquare: ELLIPSE.d2 }));
  const ours3 = time(() => evaluateOnColumns(ell, source, N).populations.get('ellipse')!.count);

  // Boolean gate over populations already evaluated: leukocytes that are not granulocytes.
  const boolGate = new BooleanGate({ id: 'leukocytes not granulocytes', op: 'and', operands: [{ ref: 'CD45+ leukocytes' }, { ref: 'granulocytes', complement: true }] });
  const pops = ours2.value.populations;
  const members = (id: string) => pops.get(id)!.members;
  const ours4 = time(() => boolGate.combine(members, N, null).count);

  // Physical floor for scale: one pass reading two float64 columns (16 MB) with a range test.
  const xs = cols['FSC-A'], ys = cols['SSC-A'];
  const floor = time(() => { let c = 0; for (let e = 0; e < N; e++) if (xs[e]! > 300 && ys[e]! < 500) c++; return c; });

  const events = toObjects(cols);
  const naive1 = time(() => naiveGate(events, polyDef).length);
  const naive2 = time(() => naiveHierarchy(events));
  const naive3 = time(() => naiveEllipse(events).length);
  const naiveSets = naive2.value;
  const naive4 = time(() => {
    const gran = new Set(naiveSets.get('granulocytes'));
    return naiveSets.get('CD45+ leukocytes')!.filter((ev) => !gran.has(ev)).length;
  });

  const agree2 = HIERARCHY.every((g) => ours2.value.populations.get(g.id)!.count === naiveSets.get(g.id)!.length);
  const rows: Array<{ name: string; ours: number; oursMin: number; naive: number; target: number | null; check: string }> = [
    { name: '8-vertex polygon (FSC-A × SSC-A), all events', ours: ours1.ms, oursMin: ours1.min, naive: naive1.ms, target: 10, check: `${ours1.value} = ${naive1.value}` },
    { name: '12-gate hierarchy (time/singlets/cells/CD45+/blasts/lymphs/monos/granulocytes/CD34+/CD19+/cyCD3+/cyMPO+)', ours: ours2.ms, oursMin: ours2.min, naive: naive2.ms, target: 50, check: agree2 ? `all 12 counts equal (blasts ${ours2.value.populations.get('blasts CD45dim SSClow')!.count})` : 'COUNTS DIFFER' },
    { name: 'ellipse (CD45 × SSC-A), all events', ours: ours3.ms, oursMin: ours3.min, naive: naive3.ms, target: null, check: `${ours3.value} = ${naive3.value}` },
    { name: 'boolean: CD45+ leukocytes and not granulocytes', ours: ours4.ms, oursMin: ours4.min, naive: naive4.ms, target: null, check: `${ours4.value} = ${naive4.value}` },
  ];

  const fmt = (x: number): string => (x < 1 ? x.toFixed(3) : x < 10 ? x.toFixed(2) : x.toFixed(1));
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' / ');
  const lines = [
    `# Gating benchmark — ${N.toLocaleString('en-US')} generated events`,
    '',
    `Node ${process.version}, ${os.cpus().length} CPUs, load average ${load} at the end of the run; ${REPS} repetitions, median wall time (min in brackets).`,
    '"per-event objects" = one JS object per event, arrays of member objects, point-in-polygon per event (bench/gating.ts).',
    '"× floor" = our median / the median of one branchy pass over two float64 columns in the same run: a load-independent measure on a shared machine.',
    '',
    '| case | ours (ms) | × floor | per-event objects (ms) | speed-up | target | check |',
    '|---|---:|---:|---:|---:|---|---|',
    ...rows.map((r) => `| ${r.name} | ${fmt(r.ours)} (${fmt(r.oursMin)}) | ${(r.ours / floor.ms).toFixed(2)} | ${fmt(r.naive)} | ${(r.naive / r.ours).toFixed(1)}× | ${r.target === null ? '—' : `< ${r.target} ms: ${r.ours < r.target ? 'met' : 'NOT met'}`} | ${r.check} |`),
    `| floor: one pass over two float64 columns with a range test | ${fmt(floor.ms)} (${fmt(floor.min)}) | 1.00 | | | | ${floor.value} events |`,
    '',
  ];
  const table = lines.join('\n');
  console.log(table);
  const outDir = path.resolve(process.cwd(), 'bench', 'out');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'gating.md'), table);
  console.log(`written ${path.join('bench', 'out', 'gating.md')}`);
}

main();
