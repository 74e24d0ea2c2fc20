// Channel values → scale values (FCS 3.1 §3.2.20 $PnE, $PnG; §3.2.18 $TIMESTEP), in float64
// columns for gating (types.ts). Same rules as flowCore read.FCS(transformation =
// "linearize-with-PnG-scaling") and FlowIO preprocessing:
//   integer data with $PnE f1 > 0: value = f2 · 10^(f1 · raw / $PnR), f2 = 0 read as 1 (data1.fcs);
//   otherwise raw / $PnG when $PnG is present and non-zero; float data is never log-decoded
//   (flowCore #99: old FlowJo exports carry $PnE on floats).
import type { FcsDataset } from './types';

export function rawColumn(ds: FcsDataset, p: number): Float64Array {
  checkIndex(ds, p);
  const n = ds.eventCount;
  const par = ds.parameterCount;
  const ev = ds.events;
  const out = new Float64Array(n);
  for (let i = 0, k = p; i < n; i++, k += par) out[i] = ev[k]!;
  return out;
}

function isIntegerParameter(ds: FcsDataset, p: number): boolean {
  const t = ds.keywords[`$P${p + 1}DATATYPE`];
  if (t !== undefined && ds.version === 'FCS3.2') return t.trim().toUpperCase() === 'I';
  return ds.dataType === 'I';
}

export function scaledColumn(ds: FcsDataset, p: number): Float64Array {
  return scaledColumns(ds, [p])[0]!;
}

/** Index of the time parameter (kind 'time'), or -1. */
export function timeParameter(ds: FcsDataset): number {
  return ds.parameters.findIndex((q) => q.kind === 'time');
}

/**
 * Seconds per time-channel unit: $TIMESTEP (FCS 3.x §3.2.18), else CellQuest's FCS 2.0
 * TIMETICKS (milliseconds per tick; FlowCal reads it the same way). Null when neither is usable.
 */
export function timeStepSeconds(ds: FcsDataset): number | null {
  const step = Number((ds.keywords['$TIMESTEP'] ?? '').trim().replace(',', '.'));
  if (Number.isFinite(step) && step > 0) return step;
  const ticks = Number((ds.keywords['TIMETICKS'] ?? '').trim());
  if (Number.isFinite(ticks) && ticks > 0) return ticks / 1000;
  return null;
}

/** Time of each event in seconds: time channel × time step; null without either. */
export function timeSeconds(ds: FcsDataset): Float64Array | null {
  const p = timeParameter(ds);
  const step = timeStepSeconds(ds);
  if (p < 0 || step === null) return null;
  const out = rawColumn(ds, p);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! * step;
  return out;
}

/** Parameter index by $PnN (case-insensitive), then by $PnS; -1 when absent. */
export function findParameter(ds: Pick<FcsDataset, 'parameters'>, nameOrMarker: string): number {
  const q = nameOrMarker.trim().toUpperCase();
  const byName = ds.parameters.findIndex((p) => p.name.toUpperCase() === q);
  if (byName >= 0) return byName;
  return ds.parameters.findIndex((p) => p.marker !== null && p.marker.toUpperCase() === q);
}

function checkIndex(ds: FcsDataset, p: number): void {
  if (!Number.isInteger(p) || p < 0 || p >= ds.parameterCount) {
    throw new RangeError(`parameter index ${p} is outside 0..${ds.parameterCount - 1}`);
  }
}

/**
 * scaledColumn for several parameters in ONE pass over the row-major events: each column pass
 * would otherwise stream the whole event array through the cache again (12 passes over a 48 MB
 * tube cost ~7× one pass). Values are identical to scaledColumn's.
 */
export function scaledColumns(ds: FcsDataset, ps: readonly number[]): Float64Array[] {
  for (const p of ps) checkIndex(ds, p);
  const n = ds.eventCount;
  const par = ds.parameterCount;
  const ev = ds.events;
  const k = ps.length;
  const out = ps.map(() => new Float64Array(n));
  const idx = Int32Array.from(ps);
  // Per column: 0 = copy, 1 = divide by gain, 2 = log amplification f2·10^(k10·raw).
  const mode = new Int32Array(k);
  const a = new Float64Array(k);
  const b = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const p = ps[j]!;
    const param = ds.parameters[p]!;
    const { decades, offset } = param.amplification;
    if (decades > 0 && isIntegerParameter(ds, p) && param.range > 0) {
      mode[j] = 2; a[j] = offset === 0 ? 1 : offset; b[j] = decades / param.range;
    } else {
      const gain = param.gain > 0 ? param.gain : 1;
      mode[j] = gain !== 1 ? 1 : 0; a[j] = gain;
    }
  }
  // Blocked: each column's pass over a block of rows finds them still in cache, so the event
  // array streams from memory once for all columns.
  const BLOCK = 2048;
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    for (let j = 0; j < k; j++) {
      const o = out[j]!;
      const m = mode[j]!;
      let q = start * par + idx[j]!;
      if (m === 0) for (let i = start; i < end; i++, q += par) o[i] = ev[q]!;
      else if (m === 1) { const g = a[j]!; for (let i = start; i < end; i++, q += par) o[i] = ev[q]! / g; }
      else { const f2 = a[j]!, k10 = b[j]!; for (let i = start; i < end; i++, q += par) o[i] = f2 * Math.pow(10, k10 * ev[q]!); }
    }
  }
  return out;
}
