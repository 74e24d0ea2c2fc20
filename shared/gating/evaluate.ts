// Evaluates a gating strategy into populations: one bit set of member events per population,
// children tested only on their parent's members, gates in dependency order.
import type { FcsDataset, Spillover } from '../fcs/types';
import { scaledColumn, scaledColumns } from '../fcs/scale';
import { BitSet } from './bitset';
import { ColumnResolver, type ChannelSource, type ColumnOptions } from './columns';
import { FCS_COMPENSATION, dimensionKey, type Dimension } from './dimension';
import { GatingError } from './errors';
import { BooleanGate } from './gates/boolean';
import { GeometricGate } from './gates/gate';
import { PolygonGate, cellIndices, plotGrid, type PlotGrid } from './gates/polygon';
import { QuadrantGate } from './gates/quadrant';
import type { GatingStrategy } from './strategy';

export interface Population {
  id: string;
  parentId: string | null;
  count: number;
  /** 100 · count / parent count (all events for a root); 0 when the parent is empty. */
  percentParent: number;
  percentTotal: number;
  members: BitSet;
}

export interface GatingResult {
  eventCount: number;
  /** In evaluation order: every population after its parent and boolean operands. */
  populations: Map<string, Population>;
}

export interface EvaluateOptions {
  /** Extra compensation matrices by id (compensation-ref), besides those in the strategy. */
  spillovers?: Record<string, Spillover>;
}

/**
 * Evaluate on data prepared by the caller: `columns(channel)` gives the (scaled, uncompensated)
 * values of a channel named as in the strategy. Compensation, ratios and scales are applied here.
 */
export function evaluateOnColumns(
  strategy: GatingStrategy,
  columns: ChannelSource,
  eventCount: number,
  options: ColumnOptions = {},
): GatingResult {
  const resolver = new ColumnResolver(strategy, columns, eventCount, options);
  return evaluateWith(strategy, resolver);
}

/** Evaluate on an FCS data set: channels by $PnN then $PnS; "FCS" = the file's own spillover. */
export function evaluate(strategy: GatingStrategy, ds: FcsDataset, options: EvaluateOptions = {}): GatingResult {
  return evaluateWith(strategy, datasetResolver(strategy, ds, options));
}

/** The column resolver evaluate() uses; stats reuse it for display-scale values. */
export function datasetResolver(strategy: GatingStrategy, ds: FcsDataset, options: EvaluateOptions = {}): ColumnResolver {
  const cache = new Map<number, Float64Array>();
  // Extract every channel the strategy names (dimensions, ratio operands, matrix detectors) in
  // one pass over the events; anything else is still fetched lazily below.
  const wanted = new Set<number>();
  const want = (name: string | undefined): void => {
    if (name === undefined) return;
    const p = channelIndex(ds, name);
    if (p >= 0) wanted.add(p);
  };
  let usesFcs = false;
  for (const gate of strategy.gates.values()) {
    for (const d of (gate as { dimensions?: readonly Dimension[] }).dimensions ?? []) {
      want(d.channel);
      if (d.compensation === FCS_COMPENSATION) usesFcs = true;
    }
  }
  for (const t of strategy.transforms.values()) for (const c of (t as { channels?: readonly string[] }).channels ?? []) want(c);
  for (const m of strategy.spillovers.values()) for (const c of m.detectors) want(c);
  if (usesFcs && ds.spillover) for (const c of ds.spillover.channels) want(c);
  const pre = [...wanted];
  scaledColumns(ds, pre).forEach((col, i) => cache.set(pre[i]!, col));
  const source: ChannelSource = (channel) => {
    const p = channelIndex(ds, channel);
    if (p < 0) return undefined;
    let col = cache.get(p);
    if (!col) { col = scaledColumn(ds, p); cache.set(p, col); }
    return col;
  };
  const canonical = (channel: string): string => {
    const p = channelIndex(ds, channel);
    return p < 0 ? channel : ds.parameters[p]!.name;
  };
  return new ColumnResolver(strategy, source, ds.eventCount, {
    fcsSpillover: ds.spillover,
    ...(options.spillovers ? { spillovers: options.spillovers } : {}),
    canonical,
  });
}

/** Parameter index for a channel named by $PnN (exact, then any case) or by $PnS marker (any case); -1 if none. */
export function channelIndex(ds: FcsDataset, channel: string): number {
  const ps = ds.parameters;
  let k = ps.findIndex((p) => p.name === channel);
  if (k >= 0) return k;
  const lower = channel.toLowerCase();
  k = ps.findIndex((p) => p.name.toLowerCase() === lower);
  if (k >= 0) return k;
  return ps.findIndex((p) => p.marker !== null && p.marker.toLowerCase() === lower);
}

export function evaluateWith(strategy: GatingStrategy, resolver: ColumnResolver): GatingResult {
  const n = resolver.eventCount;
  const order = strategy.topologicalOrder();
  const populations = new Map<string, Population>();
  const members = (id: string): BitSet => populations.get(id)!.members;
  const add = (id: string, parentId: string | null, set: BitSet): void => {
    const count = set.count;
    const parentCount = parentId === null ? n : populations.get(parentId)!.count;
    populations.set(id, {
      id,
      parentId,
      count,
      percentParent: parentCount > 0 ? (100 * count) / parentCount : 0,
      percentTotal: n > 0 ? (100 * count) / n : 0,
      members: set,
    });
  };
  const plots = sharedPlots(strategy, order);
  for (const gate of order) {
    const parent = gate.parentId === null ? null : members(gate.parentId);
    const plot = gate instanceof PolygonGate ? plots.get(gate) : undefined;
    if (plot) {
      const xs = resolver.column(gate.dimensions[0]!, gate.id), ys = resolver.column(gate.dimensions[1]!, gate.id);
      plot.cellOf ??= cellIndices(plot.grid, xs, ys, n);
      add(gate.id, gate.parentId, (gate as PolygonGate).evaluateIndexed(xs, ys, plot.cellOf, plot.grid, n, parent));
    } else if (gate instanceof BooleanGate) {
      add(gate.id, gate.parentId, gate.combine(members, n, parent));
    } else if (gate instanceof QuadrantGate) {
      const cols = gate.dimensions.map((d) => resolver.column(d, gate.id));
      for (const [qid, set] of gate.evaluateQuadrants(cols, n, parent)) add(qid, gate.parentId, set);
    } else if (gate instanceof GeometricGate) {
      const cols = gate.dimensions.map((d) => resolver.column(d, gate.id));
      add(gate.id, gate.parentId, gate.evaluate(cols, n, parent));
    } else {
      throw new GatingError('GATE_INVALID', `unsupported gate type '${gate.type}'`, gate.id);
    }
  }
  return { eventCount: n, populations };
}

interface SharedPlot {
  grid: PlotGrid;
  cellOf?: Int32Array;
}

/**
 * Polygons drawn on the same plot (the same two prepared dimensions, e.g. the CD45 × SSC gates of
 * a leukaemia panel) share one grid over their joint bounding box: the cell of every event is
 * computed once, and each gate only looks up its own classification of the cells.
 */
function sharedPlots(strategy: GatingStrategy, order: readonly unknown[]): Map<PolygonGate, SharedPlot> {
  const groups = new Map<string, PolygonGate[]>();
  for (const g of order) {
    if (!(g instanceof PolygonGate)) continue;
    const key = `${dimensionKey(g.dimensions[0]!)}\n${dimensionKey(g.dimensions[1]!)}`;
    const list = groups.get(key);
    if (list) list.push(g); else groups.set(key, [g]);
  }
  // Grids are kept per strategy and group, so each gate classifies a shared grid's cells once,
  // not at every evaluation (gates are immutable; a changed group gets a new grid).
  let cache = plotGridCache.get(strategy);
  if (!cache) { cache = new Map(); plotGridCache.set(strategy, cache); }
  const out = new Map<PolygonGate, SharedPlot>();
  for (const [key, list] of groups) {
    if (list.length < 2) continue;
    let hit = cache.get(key);
    if (!hit || hit.gates.length !== list.length || hit.gates.some((g, i) => g !== list[i])) {
      let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
      for (const g of list) {
        const b = g.bounds;
        minX = Math.min(minX, b.minX); maxX = Math.max(maxX, b.maxX);
        minY = Math.min(minY, b.minY); maxY = Math.max(maxY, b.maxY);
      }
      hit = { gates: list, grid: plotGrid(minX, maxX, minY, maxY, 256) };
      cache.set(key, hit);
    }
    const plot: SharedPlot = { grid: hit.grid };
    for (const g of list) out.set(g, plot);
  }
  return out;
}

const plotGridCache = new WeakMap<GatingStrategy, Map<string, { gates: PolygonGate[]; grid: PlotGrid }>>();
