// Evaluates a gating strategy into populations: one bit set of member events per population,
// children tested only on their parent's members, gates in dependency order.
import type { FcsDataset, Spillover } from '../fcs/types';
import { scaledColumn } from '../fcs/scale';
import { BitSet } from './bitset';
import { ColumnResolver, type ChannelSource, type ColumnOptions } from './columns';
import { GatingError } from './errors';
import { BooleanGate } from './gates/boolean';
import { GeometricGate } from './gates/gate';
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
  for (const gate of order) {
    const parent = gate.parentId === null ? null : members(gate.parentId);
    if (gate instanceof BooleanGate) {
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
