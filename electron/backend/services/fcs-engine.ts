// The FCS work of the backend — metadata for an import, compensated and scaled channels for a plot — as plain
// functions over file paths. Runs inside the FCS worker thread (electron/workers/fcs.worker.ts) in
// the app and in web mode, or in-process where no worker bundle exists (vitest).
import type { TubeParameter } from '../../../shared/api/contract';
import type { FcsDataset } from '../../../shared/fcs/types';
import { compensateDataset, spilloverChannelIndices } from '../../../shared/compensation/compensate';
import { CompensationError, checkedInverse } from '../../../shared/compensation/matrix';
import { sha256File } from '../fcs/file';
import { parseFcsFile, scaledChannelInto } from './fcs-adapter';

export interface TubeMeta {
  fcsVersion: string;
  eventCount: number;
  parameterCount: number;
  cytometer: string | null;
  tubeName: string | null;
  hasSpillover: boolean;
  parameters: TubeParameter[];
}

export interface EventsResult {
  /** Channel after channel: values[c * eventCount + e]. */
  values: Float32Array;
  eventCount: number;
}

/** A requested channel is not in the file; `index` is its position in the request. */
export class ChannelError extends Error {
  override name = 'ChannelError';
  constructor(public index: number, message: string) {
    super(message);
  }
}

function usableSpillover(ds: FcsDataset): boolean {
  const sp = ds.spillover;
  if (!sp) return false;
  try {
    spilloverChannelIndices(ds, sp);
    checkedInverse(sp.matrix, sp.channels.length, sp.channels);
    return true;
  } catch (err) {
    if (err instanceof CompensationError) return false;
    throw err;
  }
}

export function tubeMetadata(ds: FcsDataset): TubeMeta {
  const pick = (...keys: string[]) => {
    for (const k of keys) {
      const v = ds.keywords[k]?.trim();
      if (v) return v;
    }
    return null;
  };
  return {
    fcsVersion: ds.version,
    eventCount: ds.eventCount,
    parameterCount: ds.parameterCount,
    // FACSDiva files may lack $CYT and name the instrument in CYTOMETER CONFIG NAME or CREATOR
    // (refdata README, fcsparser_FACSDiva6.2_BALL_panel.fcs).
    cytometer: pick('$CYT', 'CYTOMETER CONFIG NAME', 'CREATOR'),
    tubeName: pick('TUBE NAME', '$SRC'),
    // "Has spillover" means: one the plots and the clinical pipeline can actually apply (channels
    // present, matrix accepted by the compensation module), so the UI never says "compensated"
    // over values that fell back to uncompensated.
    hasSpillover: usableSpillover(ds),
    parameters: ds.parameters.map((p) => ({ index: p.index, name: p.name, marker: p.marker, kind: p.kind, range: p.range })),
  };
}

/** Parsed files kept in memory: a plot asks for channel pair after channel pair of one tube. */
const CACHE_ENTRIES = 2;

/**
 * Compensated values of the spillover's channels, by parameter index, as float32 for plotting.
 * Plots show what the analyst gates on: fluorescence compensated with the file's own matrix
 * ($SPILLOVER / SPILL) when it has a usable one; a matrix the compensation module refuses
 * (singular, ill-conditioned) leaves the scaled values, as the tube's metadata shows no spillover
 * to apply.
 */
function compensatedByParameter(ds: FcsDataset): Map<number, Float32Array> {
  const out = new Map<number, Float32Array>();
  if (!ds.spillover) return out;
  try {
    const { channels, columns } = compensateDataset(ds);
    channels.forEach((p, k) => out.set(p, Float32Array.from(columns[k]!)));
  } catch (err) {
    if (!(err instanceof CompensationError)) throw err;
  }
  return out;
}

export function fcsEngine() {
  const cache = new Map<string, FcsDataset>();
  const compensatedCache = new WeakMap<FcsDataset, Map<number, Float32Array>>();

  function dataset(file: string, name: string): FcsDataset {
    let ds = cache.get(file);
    if (ds) {
      cache.delete(file); // re-inserted below: most recently used last
    } else {
      ds = parseFcsFile(file, name);
      if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    }
    cache.set(file, ds);
    return ds;
  }

  return {
    /** Parses the whole file (so a damaged DATA segment is refused at import) and describes it. */
    meta(file: string, name: string): TubeMeta {
      return tubeMetadata(parseFcsFile(file, name));
    },

    events(file: string, name: string, channels: string[], maxEvents?: number): EventsResult {
      const ds = dataset(file, name);
      const indices = channels.map((ch, i) => {
        // $PnN exactly, then without case (FCS keywords are case-insensitive, names usually not).
        let p = ds.parameters.findIndex((q) => q.name === ch);
        if (p < 0) p = ds.parameters.findIndex((q) => q.name.toLowerCase() === ch.toLowerCase());
        if (p < 0) throw new ChannelError(i, `channel "${ch}" is not in ${name} (${ds.parameters.map((q) => q.name).join(', ')})`);
        return p;
      });
      const n = Math.min(ds.eventCount, maxEvents ?? Infinity);
      const values = new Float32Array(n * indices.length);
      let comp = compensatedCache.get(ds);
      if (!comp) { comp = compensatedByParameter(ds); compensatedCache.set(ds, comp); }
      indices.forEach((p, c) => {
        const col = comp!.get(p);
        if (col) values.set(col.subarray(0, n), c * n);
        else scaledChannelInto(ds, p, values, c * n, n);
      });
      return { values, eventCount: n };
    },

    sha256(file: string): string {
      return sha256File(file);
    },

    clear(): void {
      cache.clear();
    },
  };
}

export type FcsEngine = ReturnType<typeof fcsEngine>;
