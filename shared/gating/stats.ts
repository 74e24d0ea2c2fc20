// Statistics of a population, the numbers a report quotes: count, % of parent, % of total,
// % of a reference population (e.g. CD45+ leukocytes), and per channel the median, mean and
// robust CV, on the data scale and on a display scale.
//
// Percentiles use linear interpolation between order statistics (Hyndman & Fan 1996 type 7, the
// R and NumPy default). rCV = 100 × ½ (P84.13 − P15.87) / median: for normal data the half
// 15.87–84.13 span is one SD, so rCV matches CV there but resists outliers (FlowJo "Robust CV").
import type { FcsDataset, Spillover } from '../fcs/types';
import type { Transform } from '../transforms/types';
import { FCS_COMPENSATION, UNCOMPENSATED } from './dimension';
import { GatingError } from './errors';
import { datasetResolver, type GatingResult } from './evaluate';
import { GatingStrategy } from './strategy';

export interface PopulationStatsOptions {
  /** Channels by $PnN or $PnS marker. */
  channels: string[];
  /** Population whose members are the denominator of `percentReference`. */
  referenceGateId?: string;
  /** Display scale per channel (as named in `channels`); channels without one have no display stats. */
  transforms?: Record<string, Transform>;
  /**
   * Compensation of the values: 'FCS' (default: the file's own spillover, none → uncompensated),
   * 'uncompensated', or a matrix.
   */
  compensation?: typeof FCS_COMPENSATION | typeof UNCOMPENSATED | Spillover;
}

export interface ScaleStats {
  median: number | null;
  mean: number | null;
  /** Robust CV in percent; null when the median is 0 or there are no events. */
  rcv: number | null;
}

export interface ChannelStats {
  channel: string;
  /** On the data scale ($PnE/$PnG applied, compensated as requested). */
  raw: ScaleStats;
  /** On the display scale, when a transform was given for the channel. */
  display: ScaleStats | null;
}

export interface PopulationStats {
  id: string;
  parentId: string | null;
  count: number;
  percentParent: number;
  percentTotal: number;
  referenceId: string | null;
  /** 100 · |population ∩ reference| / |reference| (= count / reference count when the reference is an ancestor). */
  percentReference: number | null;
  channels: ChannelStats[];
}

export function populationStats(result: GatingResult, ds: FcsDataset, gateId: string, options: PopulationStatsOptions): PopulationStats {
  const pop = result.populations.get(gateId);
  if (!pop) throw new GatingError('STATS_INVALID', 'no such population in the gating result', gateId);
  if (result.eventCount !== ds.eventCount)
    throw new GatingError('STATS_INVALID', `gating result has ${result.eventCount} events, data set has ${ds.eventCount}`, gateId);

  let referenceId: string | null = null, percentReference: number | null = null;
  if (options.referenceGateId !== undefined) {
    const ref = result.populations.get(options.referenceGateId);
    if (!ref) throw new GatingError('STATS_INVALID', `reference population '${options.referenceGateId}' is not in the gating result`, gateId);
    referenceId = ref.id;
    percentReference = ref.count > 0 ? (100 * pop.members.and(ref.members).count) / ref.count : 0;
  }

  const comp = options.compensation ?? FCS_COMPENSATION;
  const matrixId = typeof comp === 'string' ? comp : 'stats-matrix';
  const resolver = datasetResolver(new GatingStrategy(), ds, typeof comp === 'string' ? {} : { spillovers: { [matrixId]: comp } });
  const idx = pop.members.indices();
  const channels = options.channels.map((channel): ChannelStats => {
    const column = resolver.column({ channel, compensation: matrixId }, gateId);
    const values = new Float64Array(idx.length);
    for (let i = 0; i < idx.length; i++) values[i] = column[idx[i]!]!;
    const t = options.transforms?.[channel];
    return { channel, raw: scaleStats(values), display: t ? scaleStats(t.applyArray(values)) : null };
  });

  return {
    id: pop.id, parentId: pop.parentId, count: pop.count, percentParent: pop.percentParent, percentTotal: pop.percentTotal,
    referenceId, percentReference, channels,
  };
}

/** Median, mean and rCV of the finite values (NaN, e.g. log of a negative, is left out). */
export function scaleStats(values: Float64Array): ScaleStats {
  let n = 0, sum = 0;
  const finiteValues = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) { finiteValues[n++] = v; sum += v; }
  }
  if (n === 0) return { median: null, mean: null, rcv: null };
  const sorted = finiteValues.subarray(0, n).sort();
  const median = percentile(sorted, 50);
  const p16 = percentile(sorted, 15.87), p84 = percentile(sorted, 84.13);
  return { median, mean: sum / n, rcv: median !== 0 ? (100 * 0.5 * (p84 - p16)) / median : null };
}

/** Type-7 percentile of ascending values, p in [0, 100]. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
