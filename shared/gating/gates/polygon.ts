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
  /** Grid: interior cells 1..g in each direction, ring 0 and g+1 outside; origin and inverse cell size. */
  private readonly grid: number;
  private readonly cells: Uint8Array;
  private readonly gx0: number;
  private readonly gy0: number;
  private readonly invCellW: number;
  private readonly invCellH: number;

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

    // Grid over the box widened by a margin, so events exactly on the box edge land in interior
    // cells; cells are classified widened by a further margin far above the rounding error of the
    // cell index, so an event whose index rounds into a neighbouring cell is still covered.
    const g = Math.min(512, 256 * Math.max(1, Math.round(Math.sqrt(n / 8))));
    this.grid = g;
    const spanX = maxX - minX, spanY = maxY - minY;
    this.gx0 = minX - spanX * 1e-7;
    this.gy0 = minY - spanY * 1e-7;
    const w = (spanX * (1 + 2e-7)) / g, h = (spanY * (1 + 2e-7)) / g;
    this.invCellW = 1 / w;
    this.invCellH = 1 / h;
    // The margin scales with the magnitude of the coordinates too: x − gx0 loses precision when
    // the polygon sits far from 0 relative to its size.
    const mx = Math.max(spanX, Math.abs(minX), Math.abs(maxX)) * 1e-9;
    const my = Math.max(spanY, Math.abs(minY), Math.abs(maxY)) * 1e-9;
    this.cells = this.classifyCells(g, w, h, mx, my);
  }

  private classifyCells(g: number, w: number, h: number, mx: number, my: number): Uint8Array {
    const stride = g + 2;
    const cells = new Uint8Array(stride * stride);
    const n = this.ex1.length;
    // 1. Mark cells touched by each edge: per row band the edge spans, the x extent of the edge
    //    inside that band (both widened by the margins).
    for (let k = 0; k < n; k++) {
      const x1 = this.ex1[k]!, y1 = this.ey1[k]!, x2 = this.ex2[k]!, y2 = this.ey2[k]!;
      const rowLo = Math.max(0, Math.floor((Math.min(y1, y2) - my - this.gy0) / h));
      const rowHi = Math.min(g - 1, Math.floor((Math.max(y1, y2) + my - this.gy0) / h));
      for (let r = rowLo; r <= rowHi; r++) {
        const bandLo = this.gy0 + r * h - my, bandHi = this.gy0 + (r + 1) * h + my;
        let xa: number, xb: number;
        if (y1 === y2) { xa = Math.min(x1, x2); xb = Math.max(x1, x2); } else {
          const ta = Math.min(1, Math.max(0, (bandLo - y1) / (y2 - y1)));
          const tb = Math.min(1, Math.max(0, (bandHi - y1) / (y2 - y1)));
          const pa = x1 + ta * (x2 - x1), pb = x1 + tb * (x2 - x1);
          xa = Math.min(pa, pb); xb = Math.max(pa, pb);
        }
        const colLo = Math.max(0, Math.floor((xa - mx - this.gx0) / w));
        const colHi = Math.min(g - 1, Math.floor((xb + mx - this.gx0) / w));
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
        if (cls < 0) cls = this.contains(this.gx0 + (c - 0.5) * w, this.gy0 + (r - 0.5) * h) ? CELL_IN : CELL_OUT;
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
    const g = this.grid, stride = g + 2, cells = this.cells;
    const gx0 = this.gx0, gy0 = this.gy0, iw = this.invCellW, ih = this.invCellH;
    const gx1 = gx0 + g / iw, gy1 = gy0 + g / ih;
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
