// Tubes: importing an uploaded FCS file for a sample, and serving its events for plots.
// Originals are never modified: stored once per content as <dataDir>/originals/<sha256>.fcs,
// read-only, deduplicated by hash; everything else is derived from them.
import fs from 'node:fs';
import path from 'node:path';
import type { Tube, TubeParameter } from '../../../shared/api/contract';
import { isFcsError } from '../../../shared/fcs/errors';
import type { FcsDataset } from '../../../shared/fcs/types';
import { ServiceError, notFound } from './errors';
import { iso, type Actor, type BackendContext } from './context';
import { parseFcsFile, scaledChannelInto } from './fcs-adapter';
import type { Upload, UploadStore } from './uploads';

/** Parsed originals kept in memory: a plot asks for channel pair after channel pair of one tube. */
const CACHE_ENTRIES = 2;

export function originalPath(dataDir: string, sha256: string): string {
  return path.join(dataDir, 'originals', `${sha256}.fcs`);
}

function metadata(ds: FcsDataset) {
  const kw = ds.keywords;
  const pick = (...keys: string[]) => {
    for (const k of keys) {
      const v = kw[k]?.trim();
      if (v) return v;
    }
    return null;
  };
  const parameters: TubeParameter[] = ds.parameters.map((p) => ({ index: p.index, name: p.name, marker: p.marker, kind: p.kind, range: p.range }));
  return {
    fcsVersion: ds.version,
    eventCount: ds.eventCount,
    parameterCount: ds.parameterCount,
    // FACSDiva files may lack $CYT and name the instrument in CYTOMETER CONFIG NAME or CREATOR
    // (refdata README, fcsparser_FACSDiva6.2_BALL_panel.fcs).
    cytometer: pick('$CYT', 'CYTOMETER CONFIG NAME', 'CREATOR'),
    tubeName: pick('TUBE NAME', '$SRC'),
    hasSpillover: ds.spillover !== null,
    parameters,
  };
}

export function tubesService(ctx: BackendContext, uploads: UploadStore) {
  const { repos } = ctx;
  const cache = new Map<string, FcsDataset>();

  function parseUpload(u: Upload): FcsDataset {
    try {
      return parseFcsFile(u.path, u.fileName);
    } catch (err) {
      if (isFcsError(err)) {
        throw new ServiceError('BAD_INPUT', `${u.fileName} is not a readable FCS file: ${err.message}`, 'uploadId', {
          fcsCode: err.code, offset: err.offset, keyword: err.keyword,
        });
      }
      throw err;
    }
  }

  /** Moves the upload into originals/ unless that content is already there. */
  function storeOriginal(u: Upload): string {
    const dest = originalPath(ctx.dataDir, u.sha256);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    if (fs.existsSync(dest)) {
      uploads.discard(u.id);
    } else {
      fs.renameSync(u.path, dest);
      fs.chmodSync(dest, 0o444);
      uploads.discard(u.id);
    }
    return dest;
  }

  function dataset(tube: Tube): FcsDataset {
    let ds = cache.get(tube.sha256);
    if (ds) {
      cache.delete(tube.sha256); // re-insert: most recently used last
    } else {
      ds = parseFcsFile(originalPath(ctx.dataDir, tube.sha256), tube.fileName);
      if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    }
    cache.set(tube.sha256, ds);
    return ds;
  }

  return {
    /** Imports an upload that is already on disk (tubes.import, and the demo loader). */
    importUpload(actor: Actor | null, sampleId: number, u: Upload): Tube {
      if (!repos.samples.exists(sampleId)) throw notFound(`sample ${sampleId}`, 'sampleId');
      const existing = repos.tubes.findBySampleAndHash(sampleId, u.sha256);
      if (existing) {
        uploads.discard(u.id);
        throw new ServiceError('CONFLICT', `this file is already tube ${existing.id} of the sample (${existing.fileName})`, 'uploadId', { tubeId: existing.id });
      }
      const meta = metadata(parseUpload(u));
      storeOriginal(u);
      const now = iso(ctx.now());
      const userId = actor?.user.id ?? null;
      const id = repos.transaction(() => {
        repos.tubes.addOriginal(u.sha256, u.sizeBytes, now);
        const tubeId = repos.tubes.insert({ sampleId, sha256: u.sha256, fileName: u.fileName, ...meta, now, importedBy: userId });
        repos.audit.append({ at: now, userId, action: 'tube.import', entity: 'tube', entityId: tubeId, newValue: {
          sampleId, fileName: u.fileName, sha256: u.sha256, sizeBytes: u.sizeBytes, eventCount: meta.eventCount, parameterCount: meta.parameterCount,
        } });
        return tubeId;
      });
      return repos.tubes.get(id)!;
    },

    import(actor: Actor, sampleId: number, uploadId: string): Tube {
      const u = uploads.get(uploadId, actor.user.id);
      if (!u) throw new ServiceError('NOT_FOUND', 'upload not found (expired, already used, or from another user)', 'uploadId');
      return this.importUpload(actor, sampleId, u);
    },

    /**
     * Scaled values of the requested channels, channel after channel (contract.ts, tubes.events):
     * out[c * n + e] = channel c of event e, n = min(eventCount, maxEvents).
     */
    events(tubeId: number, channels: string[], maxEvents?: number): { values: Float32Array; eventCount: number } {
      const tube = repos.tubes.get(tubeId);
      if (!tube) throw notFound(`tube ${tubeId}`, 'tubeId');
      const ds = dataset(tube);
      const params = channels.map((name, i) => {
        const p = ds.parameters.find((q) => q.name === name) ?? ds.parameters.find((q) => q.name.toLowerCase() === name.toLowerCase());
        if (!p) throw new ServiceError('BAD_INPUT', `channel "${name}" is not in tube ${tubeId} (${ds.parameters.map((q) => q.name).join(', ')})`, `channels.${i}`);
        return p;
      });
      const n = Math.min(ds.eventCount, maxEvents ?? Infinity);
      const values = new Float32Array(n * params.length);
      params.forEach((p, c) => scaledChannelInto(ds, p.index, values, c * n, n));
      return { values, eventCount: n };
    },

    forTests: { cache },
  };
}

export type TubesService = ReturnType<typeof tubesService>;
