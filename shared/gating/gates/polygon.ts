// PolygonGate (Gating-ML 2.0 section 3.5.2): a polygon in two dimensions, closed from the last
// vertex back to the first, which need not be simple. "Inside" is the even-odd (crossing-number)
// rule of the standard, and an event lying exactly on an edge counts as inside (refdata
// gatingml2 README: Polygon1, And1, Or1 only match the ISAC truth this way).
//
// Speed: a (G+2)×(G+2) grid over the polygon's bounding box (plus a border ring for everything
// outside it) is classified once per gate: each cell is all-inside, all-outside or touched by an
// edge. Events in untouched cells are answered by one table lookup without branches; only events
// in touched cells run the exact crossing test. An untouched cell has one class throughout because
// the even-odd parity cannot change without crossing an edge. Dense parents are scanned 32 events
// at a time and masked; sparse parents are walked bit by bit.
import { BitSet, popcount } from '../bitset';
import type { Dimension } from '../dimension';
import { GeometricGate, checkDimensions, finite, type GateOptions } from './gate';

export interface PolygonGateOptions extends GateOptions {
  dimensions: [Dimension, Dimension] | Dimension[];
  vertices: Array<[number, number]> | number[][];
}

const CELL_OUT = 0;
const CELL_IN = 1;
const CELL_EDGE = 2;

export class PolygonGate extends GeometricGate {
  readonly type = 'polygon' as const;
  readonly dimensions: readonly Dimension[];
  readonly vertices: ReadonlyArray<readonly [number, number]>;
  // Edge k runs from (ex1[k], ey1[k]) to (ex2[k], ey2[k]).
  private readonly ex1: Float64Array;
  private readonly ey1: Float64Array;
  private readonly ex2: Float64Array;
  private readonly ey2: Float64Array;
  private readonly minX: number;
  private readonly maxX: number;
  private readonly minY: number;
  private readonly maxY: number;
  /** This gate's own grid over its bounding box, and its classification of the grid's cells. */
  private readonly grid: PlotGrid;
  private readonly cells: Uint8Array;
  /** Classifications of shared plot grids (polygons drawn on the same plot, see evaluate.ts). */
  private readonly tables = new WeakMap<PlotGrid, Uint8Array>();

  constructor(o: PolygonGateOptions) {
    super(o);
    checkDimensions(this, o.dimensions, 2);
    this.dimensions = o.dimensions.map((d) => ({ ...d }));
    if (!Array.isArray(o.vertices) || o.vertices.length < 3)
      throw this.invalid(`a polygon needs at least 3 vertices, has ${Array.isArray(o.vertices) ? o.vertices.length : 0}`);
    for (const [i, v] of o.vertices.entries())
      if (!Array.isArray(v) || v.length !== 2 || !finite(v[0]) || !finite(v[1]))
        throw this.invalid(`vertex ${i + 1} is not a pair of finite numbers`);
    this.vertices = o.vertices.map((v) => [v[0]!, v[1]!] as const);
    if (collinear(this.vertices)) throw this.invalid('degenerate polygon: all vertices lie on one line (zero area)');

    const n = this.vertices.length;
    this.ex1 = new Float64Array(n); this.ey1 = new Float64Array(n);
    this.ex2 = new Float64Array(n); this.ey2 = new Float64Array(n);
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (let k = 0; k < n; k++) {
      const a = this.vertices[k]!, b = this.vertices[(k + 1) % n]!;
      this.ex1[k] = a[0]; this.ey1[k] = a[1]; this.ex2[k] = b[0]; this.ey2[k] = b[1];
      minX = Math.min(minX, a[0]); maxX = Math.max(maxX, a[0]);
      minY = Math.min(minY, a[1]); maxY = Math.max(maxY, a[1]);
    }
    this.minX = minX; this.maxX = maxX; this.minY = minY; this.maxY = maxY;

    this.grid = plotGrid(minX, maxX, minY, maxY, Math.min(512, 256 * Math.max(1, Math.round(Math.sqrt(n / 8)))));
    this.cells = this.classify(this.grid);
  }

  /** Bounding box of the vertices. */
  get bounds(): { minX: number; maxX: number; minY: number; maxY: number } {
    return { minX: this.minX, maxX: this.maxX, minY: this.minY, maxY: this.maxY };
  }

  /** This gate's classification of the cells of a grid that covers its bounding box. */
  tableFor(grid: PlotGrid): Uint8Array {
    if (grid === this.grid) return this.cells;
    let t = this.tables.get(grid);
    if (!t) { t = this.classify(grid); this.tables.set(grid, t); }
    return t;
  }

  private classify(grid: PlotGrid): Uint8Array {
    const { g, x0, y0, w, h, mx, my } = grid;
    const stride = g + 2;
    const cells = new Uint8Array(stride * stride);
    const n = this.ex1.length;
    // 1. Mark cells touched by each edge: per row band the edge spans, the x extent of the edge
    //    inside that band (both widened by the margins).
    for (let k = 0; k < n; k++) {
      const x1 = this.ex1[k]!, y1 = this.ey1[k]!, x2 = this.ex2[k]!, y2 = this.ey2[k]!;
      const rowLo = Math.max(0, Math.floor((Math.min(y1, y2) - my - y0) / h));
      const rowHi = Math.min(g - 1, Math.floor((Math.max(y1, y2) + my - y0) / h));
      for (let r = rowLo; r <= rowHi; r++) {
        const bandLo = y0 + r * h - my, bandHi = y0 + (r + 1) * h + my;
        let xa: number, xb: number;
        if (y1 === y2) { xa = Math.min(x1, x2); xb = Math.max(x1, x2); } else {
          const ta = Math.min(1, Math.max(0, (bandLo - y1) / (y2 - y1)));
          const tb = Math.min(1, Math.max(0, (bandHi - y1) / (y2 - y1)));
          const pa = x1 + ta * (x2 - x1), pb = x1 + tb * (x2 - x1);
          xa = Math.min(pa, pb); xb = Math.max(pa, pb);
        }
        const colLo = Math.max(0, Math.floor((xa - mx - x0) / w));
        const colHi = Math.min(g - 1, Math.floor((xb + mx - x0) / w));
        for (let c = colLo; c <= colHi; c++) cells[(r + 1) * stride + c + 1] = CELL_EDGE;
      }
    }
    // 2. Classify untouched cells: along a row, neighbours not separated by an edge cell share a
    //    class, so one exact test per run of untouched cells suffices.
    for (let r = 1; r <= g; r++) {
      let cls = -1;
      for (let c = 1; c <= g; c++) {
        const i = r * stride + c;
        if (cells[i] === CELL_EDGE) { cls = -1; continue; }
        if (cls < 0) cls = this.contains(x0 + (c - 0.5) * w, y0 + (r - 0.5) * h) ? CELL_IN : CELL_OUT;
        cells[i] = cls;
      }
    }
    return cells;
  }

  /** Exact test of one point: on an edge → inside; otherwise the even-odd crossing rule. */
  contains(x: number, y: number): boolean {
    if (!(x >= this.minX && x <= this.maxX && y >= this.minY && y <= this.maxY)) return false;
    const ex1 = this.ex1, ey1 = this.ey1, ex2 = this.ex2, ey2 = this.ey2;
    let inside = false;
    for (let k = 0; k < ex1.length; k++) {
      const x1 = ex1[k]!, y1 = ey1[k]!, x2 = ex2[k]!, y2 = ey2[k]!;
      const above1 = y1 > y, above2 = y2 > y;
      if (above1 === above2 && y1 !== y && y2 !== y) continue; // edge wholly above or below
      // cross > 0 ⇔ point left of the directed edge; 0 ⇔ on its line.
      const cross = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1);
      if (cross === 0 && x >= Math.min(x1, x2) && x <= Math.max(x1, x2) && y >= Math.min(y1, y2) && y <= Math.max(y1, y2)) return true;
      // Half-open crossing rule: the edge spans y with one end strictly above.
      if (above1 !== above2 && (y2 > y1 ? cross > 0 : cross < 0)) inside = !inside;
    }
    return inside;
  }

  evaluate(columns: readonly Float64Array[], eventCount: number, parent: BitSet | null): BitSet {
    const xs = columns[0]!, ys = columns[1]!;
    const out = new BitSet(eventCount);
    const ow = out.words;
    const pw = parent?.words;
    const { g, x0: gx0, y0: gy0, x1: gx1, y1: gy1, iw, ih } = this.grid;
    const stride = g + 2, cells = this.cells;
    for (let wi = 0; wi < ow.length; wi++) {
      const base = wi << 5;
      let mask = pw ? pw[wi]! : -1;
      if (mask === 0) continue;
      if (pw === undefined || popcount(mask) >= 8) {
        // Dense: test all 32 events without branches on the data, then keep the parent's.
        const end = Math.min(32, eventCount - base);
        let w = 0, edge = 0;
        for (let b = 0; b < end; b++) {
          const x = xs[base + b]!, y = ys[base + b]!;
          // Branch-free cell index: 0 (the outside ring) unless inside the grid; multiplying by the
          // 0/1 range tests also maps NaN and ±Infinity to 0 before |0 could wrap them.
          const cx = (+(x >= gx0) * +(x < gx1) * ((x - gx0) * iw + 1)) | 0;
          const cy = (+(y >= gy0) * +(y < gy1) * ((y - gy0) * ih + 1)) | 0;
          const c = cells[cy * stride + cx]!;
          w |= (c & CELL_IN) << b;
          edge |= (c >>> 1) << b;
        }
        // Events in cells an edge touches (few): the exact test, off the branch-free loop.
        edge &= mask;
        while (edge !== 0) {
          const t = edge & -edge;
          edge ^= t;
          const e = base + (31 - Math.clz32(t));
          if (this.contains(xs[e]!, ys[e]!)) w |= t;
        }
        ow[wi] = w & mask;
      } else {
        let w = 0;
        while (mask !== 0) {
          const t = mask & -mask;
          mask ^= t;
          const e = base + (31 - Math.clz32(t));
          const x = xs[e]!, y = ys[e]!;
          const cx = (+(x >= gx0) * +(x < gx1) * ((x - gx0) * iw + 1)) | 0;
          const cy = (+(y >= gy0) * +(y < gy1) * ((y - gy0) * ih + 1)) | 0;
          const c = cells[cy * stride + cx]!;
          if (c === CELL_IN || (c === CELL_EDGE && this.contains(x, y))) w |= t;
        }
        ow[wi] = w;
      }
    }
    return out;
  }

  /**
   * Same members as `evaluate`, from each event's cell in a shared grid (`cellIndices`), so the
   * per-event arithmetic is done once for all polygons on one plot.
   */
  evaluateIndexed(xs: Float64Array, ys: Float64Array, cellOf: Int32Array, grid: PlotGrid, eventCount: number, parent: BitSet | null): BitSet {
    const table = this.tableFor(grid);
    const out = new BitSet(eventCount);
    const ow = out.words;
    const pw = parent?.words;
    for (let wi = 0; wi < ow.length; wi++) {
      const base = wi << 5;
      let mask = pw ? pw[wi]! : -1;
      if (mask === 0) continue;
      const end = Math.min(32, eventCount - base);
      let w = 0, edge = 0;
      for (let b = 0; b < end; b++) {
        const c = table[cellOf[base + b]!]!;
        w |= (c & CELL_IN) << b;
        edge |= (c >>> 1) << b;
      }
      edge &= mask;
      while (edge !== 0) {
        const t = edge & -edge;
        edge ^= t;
        const e = base + (31 - Math.clz32(t));
        if (this.contains(xs[e]!, ys[e]!)) w |= t;
      }
      ow[wi] = w & mask;
    }
    return out;
  }
}

/** A uniform grid over a box of the plane: interior cells 1..g per axis, ring 0 and g+1 outside. */
export interface PlotGrid {
  g: number;
  /** Origin and far corner of the interior cells. */
  x0: number; y0: number; x1: number; y1: number;
  /** Cell size and its inverse. */
  w: number; h: number; iw: number; ih: number;
  /** Classification margins, far above the rounding error of a cell index. */
  mx: number; my: number;
}

/**
 * Grid over a box widened by a margin, so events exactly on the box edge land in interior cells.
 * Cells are classified widened by a further margin, so an event whose index rounds into a
 * neighbouring cell is still covered; the margin scales with the coordinates' magnitude too
 * (x − x0 loses precision when the box sits far from 0 relative to its size).
 */
export function plotGrid(minX: number, maxX: number, minY: number, maxY: number, g: number): PlotGrid {
  const spanX = maxX - minX, spanY = maxY - minY;
  const x0 = minX - spanX * 1e-7, y0 = minY - spanY * 1e-7;
  const w = (spanX * (1 + 2e-7)) / g, h = (spanY * (1 + 2e-7)) / g;
  const iw = 1 / w, ih = 1 / h;
  return {
    g, x0, y0, x1: x0 + g / iw, y1: y0 + g / ih, w, h, iw, ih,
    mx: Math.max(spanX, Math.abs(minX), Math.abs(maxX)) * 1e-9,
    my: Math.max(spanY, Math.abs(minY), Math.abs(maxY)) * 1e-9,
  };
}

/** The (g+2)-stride cell of every event; NaN, ±Infinity and anything off the grid → the ring (0). */
export function cellIndices(grid: PlotGrid, xs: Float64Array, ys: Float64Array, eventCount: number): Int32Array {
  const { g, x0, y0, x1, y1, iw, ih } = grid;
  const stride = g + 2;
  const out = new Int32Array(eventCount);
  for (let e = 0; e < eventCount; e++) {
    const x = xs[e]!, y = ys[e]!;
    const cx = (+(x >= x0) * +(x < x1) * ((x - x0) * iw + 1)) | 0;
    const cy = (+(y >= y0) * +(y < y1) * ((y - y0) * ih + 1)) | 0;
    out[e] = cy * stride + cx;
  }
  return out;
}

function collinear(v: ReadonlyArray<readonly [number, number]>): boolean {
  const [ax, ay] = v[0]!;
  let j = 1;
  while (j < v.length && v[j]![0] === ax && v[j]![1] === ay) j++;
  if (j === v.length) return true;
  const dx = v[j]![0] - ax, dy = v[j]![1] - ay;
  for (let k = j + 1; k < v.length; k++) if (dx * (v[k]![1] - ay) - dy * (v[k]![0] - ax) !== 0) return false;
  return true;
}
