// Compensation of fluorescence channels: compensated_row = raw_row[channels] · S⁻¹ (see matrix.ts
// for the convention), in float64, only on the channels the spillover matrix names.
import type { FcsDataset, Spillover } from '../fcs/types';
import { CompensationError, checkedInverse, type SpilloverCheckOptions } from './matrix';
import { scaledColumns } from '../fcs/scale';
import { kernelFor } from './kernel';

export interface CompensateOptions extends SpilloverCheckOptions {
  /**
   * Columns to write into instead of allocating new ones (n arrays of at least eventCount values).
   * Re-compensating after a matrix edit is the common case; fresh 8×1M columns cost more in page
   * faults and zeroing (~25 ms) than the compensation itself (~20 ms).
   */
  out?: Float64Array[];
}

function columnsFor(n: number, eventCount: number, reuse?: Float64Array[]): Float64Array[] {
  if (reuse !== undefined) {
    if (reuse.length !== n || reuse.some((c) => c.length < eventCount)) {
      throw new CompensationError('SPILLOVER_SHAPE', `output needs ${n} columns of ${eventCount} values`);
    }
    return reuse;
  }
  const out: Float64Array[] = [];
  for (let j = 0; j < n; j++) out.push(new Float64Array(eventCount));
  return out;
}

/**
 * Compensates n channel columns (all the same length) with the n×n spillover matrix `spillover`
 * (not its inverse). Returns n new float64 columns in the same order.
 */
export function compensateColumns(columns: ArrayLike<number>[], spillover: Float64Array, n: number, options?: CompensateOptions): Float64Array[] {
  if (columns.length !== n) {
    throw new CompensationError('SPILLOVER_SHAPE', `spillover matrix has ${n} channels but ${columns.length} columns were given`);
  }
  const eventCount = n === 0 ? 0 : columns[0].length;
  for (let i = 1; i < n; i++) {
    if (columns[i].length !== eventCount) {
      throw new CompensationError('SPILLOVER_SHAPE', `column ${i + 1} has ${columns[i].length} values, column 1 has ${eventCount}`, { column: i });
    }
  }
  return compensateColumnsWithInverse(columns, checkedInverse(spillover, n, undefined, options), options?.out);
}

/** As compensateColumns, with an already checked inverse. */
export function compensateColumnsWithInverse(columns: ArrayLike<number>[], inverse: Float64Array, reuse?: Float64Array[]): Float64Array[] {
  const n = columns.length;
  const eventCount = n === 0 ? 0 : columns[0].length;
  const out = columnsFor(n, eventCount, reuse);
  if (n === 0) return out;
  // Interleave a block at a time into a row-major buffer (cache-sized) so the same kernel as
  // compensateEvents does the work.
  const BLOCK = 4096;
  const block = new Float64Array(Math.min(BLOCK, eventCount) * n);
  const identity = new Int32Array(n);
  for (let i = 0; i < n; i++) identity[i] = i;
  const kernel = kernelFor(n, 'float64');
  const views: Float64Array[] = new Array<Float64Array>(n);
  for (let start = 0; start < eventCount; start += BLOCK) {
    const m = Math.min(BLOCK, eventCount - start);
    for (let i = 0; i < n; i++) {
      const col = columns[i];
      for (let e = 0; e < m; e++) block[e * n + i] = col[start + e];
    }
    for (let j = 0; j < n; j++) views[j] = out[j].subarray(start, start + m);
    kernel(block, n, identity, inverse, views, m);
  }
  return out;
}

/**
 * The fast path straight from the FCS row-major event array (events × stride, stride =
 * parameterCount): compensates the parameters at `channelIndices` (0-based, in spillover matrix
 * order) and returns one float64 column per channel.
 */
export function compensateEvents(events: Float32Array, stride: number, channelIndices: number[], spillover: Float64Array, options?: CompensateOptions): Float64Array[] {
  const n = channelIndices.length;
  if (!Number.isInteger(stride) || stride < 1 || events.length % stride !== 0) {
    throw new CompensationError('SPILLOVER_SHAPE', `event array of ${events.length} values is not a whole number of rows of ${stride}`);
  }
  const channels = Int32Array.from(channelIndices);
  for (let i = 0; i < n; i++) {
    if (!(channels[i] >= 0 && channels[i] < stride) || channels[i] !== channelIndices[i]) {
      throw new CompensationError('SPILLOVER_CHANNEL_MISSING', `channel index ${channelIndices[i]} is outside the event row (0..${stride - 1})`, { column: i });
    }
  }
  const inverse = checkedInverse(spillover, n, undefined, options);
  return compensateEventsWithInverse(events, stride, channels, inverse, options?.out);
}

/** As compensateEvents, with an already checked inverse (repeat compensation of one panel). */
export function compensateEventsWithInverse(events: Float32Array, stride: number, channels: Int32Array, inverse: Float64Array, out?: Float64Array[]): Float64Array[] {
  const n = channels.length;
  const eventCount = Math.floor(events.length / stride);
  out = columnsFor(n, eventCount, out);
  if (n > 0) kernelFor(n, 'float32')(events, stride, channels, inverse, out, eventCount);
  return out;
}

/**
 * Parameter indices named by the spillover, matched to $PnN case-insensitively (FCS 3.1 section
 * 3.2.20: $SPILLOVER names are $PnN values; keywords are case-insensitive and FlowJo/Diva exports
 * differ in case). An exact-case match wins when names differ only in case.
 */
export function spilloverChannelIndices(ds: FcsDataset, spillover: Spillover): number[] {
  const indices: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < spillover.channels.length; i++) {
    const name = spillover.channels[i].trim();
    const folded = name.toLowerCase();
    if (seen.has(folded)) {
      throw new CompensationError('SPILLOVER_SHAPE', `spillover (${spillover.keyword}) names channel "${name}" twice`, { row: i, channel: name });
    }
    seen.add(folded);
    let found = ds.parameters.findIndex((p) => p.name === name);
    if (found < 0) found = ds.parameters.findIndex((p) => p.name.toLowerCase() === folded);
    if (found < 0) {
      throw new CompensationError(
        'SPILLOVER_CHANNEL_MISSING',
        `spillover (${spillover.keyword}) names channel "${name}", which is not a parameter ($PnN) of this data set`,
        { row: i, column: i, channel: name },
      );
    }
    indices.push(ds.parameters[found].index);
  }
  return indices;
}

/**
 * True when shared/fcs/scale.ts `scaledColumn` would return the stored value unchanged (no $PnG
 * division, no $PnE log decoding), so the kernel can read the row-major events directly. When in
 * doubt (log-amplified, per-parameter $PnDATATYPE) we take scaledColumn's path, which is always right.
 */
function scaledIsStored(ds: FcsDataset, p: number): boolean {
  const param = ds.parameters[p];
  const gainIsOne = param.gain === 1 || !(param.gain > 0);
  const floatData = (ds.dataType === 'F' || ds.dataType === 'D') && ds.keywords[`$P${p + 1}DATATYPE`] === undefined;
  return gainIsOne && (param.amplification.decades <= 0 || floatData);
}

/**
 * Compensates a data set with `spillover` (default: the one read from the file) on scaled values
 * (shared/fcs/scale.ts). Returns the parameter indices compensated (in matrix order) and one
 * float64 column each; no spillover means nothing to compensate (empty result).
 */
export function compensateDataset(ds: FcsDataset, spillover?: Spillover | null, options?: CompensateOptions): { channels: number[]; columns: Float64Array[] } {
  const spill = spillover === undefined ? ds.spillover : spillover;
  if (spill === null || spill.channels.length === 0) return { channels: [], columns: [] };
  const n = spill.channels.length;
  if (spill.matrix.length !== n * n) {
    throw new CompensationError('SPILLOVER_SHAPE', `spillover (${spill.keyword}) names ${n} channels but holds ${spill.matrix.length} values (${n * n} expected)`);
  }
  const channels = spilloverChannelIndices(ds, spill);
  const inverse = checkedInverse(spill.matrix, n, spill.channels, options);
  if (channels.every((p) => scaledIsStored(ds, p))) {
    return { channels, columns: compensateEventsWithInverse(ds.events, ds.parameterCount, Int32Array.from(channels), inverse, options?.out) };
  }
  const scaled = scaledColumns(ds, channels); // one pass over the events for all channels
  return { channels, columns: compensateColumnsWithInverse(scaled, inverse, options?.out) };
}
