// The backend's one door to the FCS reader (shared/fcs): parse a stored file and derive the
// scaled value of a channel. Kept in one place so the services do not depend on how the FCS
// layer spells its entry points.
import { readFcsFile } from '../fcs/file';
import { scaledColumn } from '../../../shared/fcs/scale';
import type { FcsDataset } from '../../../shared/fcs/types';

export function parseFcsFile(filePath: string, displayName?: string): FcsDataset {
  // spillover 'warn': a malformed SPILL keyword must not stop an import; compensation is decided
  // in analysis, and the original file keeps the keyword for later.
  return readFcsFile(filePath, { name: displayName ?? filePath, spillover: 'warn' });
}

/**
 * Scaled values (FCS 3.1 §3.2.20 $PnE / §3.2.19 $PnG, via shared/fcs/scale) of parameter index p
 * for the first `count` events, written as float32 into out[offset ..].
 */
export function scaledChannelInto(ds: FcsDataset, p: number, out: Float32Array, offset: number, count: number): void {
  const col = scaledColumn(ds, p);
  out.set(count === col.length ? col : col.subarray(0, count), offset);
}
