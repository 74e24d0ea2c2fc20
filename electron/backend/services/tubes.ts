// Tubes: importing an uploaded FCS file for a sample, and serving its events for plots.
// Originals are never modified: stored once per content as <dataDir>/originals/<sha256>.fcs,
// read-only, deduplicated by hash; everything else is derived from them. Parsing runs in the FCS
// worker (fcs-jobs.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { Tube } from '../../../shared/api/contract';
import { isFcsError } from '../../../shared/fcs/errors';
import { ServiceError, notFound } from './errors';
import { iso, type Actor, type BackendContext } from './context';
import { ChannelError, type TubeMeta } from './fcs-engine';
import type { FcsJobs } from './fcs-jobs';
import type { Upload, UploadStore } from './uploads';

export function originalPath(dataDir: string, sha256: string): string {
  return path.join(dataDir, 'originals', `${sha256}.fcs`);
}

export function tubesService(ctx: BackendContext, uploads: UploadStore, jobs: FcsJobs) {
  const { repos } = ctx;

  async function describe(u: Upload): Promise<TubeMeta> {
    try {
      return await jobs.meta(u.path, u.fileName);
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
  async function storeOriginal(u: Upload): Promise<void> {
    const dest = originalPath(ctx.dataDir, u.sha256);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    if (fs.existsSync(dest)) {
      // Same content already stored: keep it only if it still IS that content. An original damaged
      // on disk (bit rot, a hand edit) must not silently back new tubes; the fresh upload, whose
      // hash was just computed, replaces it and the event is logged for the audit.
      if ((await jobs.sha256(dest)) === u.sha256) return; // hashed in the FCS worker, off the main thread
      ctx.log(`integrity: stored original ${path.basename(dest)} no longer matches its SHA-256; replaced from a new upload of ${u.fileName}`);
      fs.chmodSync(dest, 0o644);
    }
    // Rename within the data folder is atomic: originals/ never holds a half-written file.
    fs.renameSync(u.path, dest);
    fs.chmodSync(dest, 0o444);
  }

  return {
    /** Imports an upload already taken from the store (tubes.import, and the demo loader). */
    async importUpload(actor: Actor | null, sampleId: number, u: Upload): Promise<Tube> {
      try {
        if (!repos.samples.exists(sampleId)) throw notFound(`sample ${sampleId}`, 'sampleId');
        const existing = repos.tubes.findBySampleAndHash(sampleId, u.sha256);
        if (existing) {
          throw new ServiceError('CONFLICT', `this file is already tube ${existing.id} of the sample (${existing.fileName})`, 'uploadId', { tubeId: existing.id });
        }
        const meta = await describe(u);
        await storeOriginal(u);
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
      } finally {
        // Whatever happened, the upload is used up (its file was moved, or is not wanted).
        uploads.discard(u.id);
      }
    },

    import(actor: Actor, sampleId: number, uploadId: string): Promise<Tube> {
      const u = uploads.take(uploadId, actor.user.id);
      if (!u) throw new ServiceError('NOT_FOUND', 'upload not found (expired, already used, or from another user)', 'uploadId');
      return this.importUpload(actor, sampleId, u);
    },

    /**
     * Scaled values of the requested channels, channel after channel (contract.ts, tubes.events):
     * values[c * n + e] = channel c of event e, n = min(eventCount, maxEvents).
     */
    async events(tubeId: number, channels: string[], maxEvents?: number): Promise<{ values: Float32Array; eventCount: number }> {
      const tube = repos.tubes.get(tubeId);
      if (!tube) throw notFound(`tube ${tubeId}`, 'tubeId');
      try {
        return await jobs.events(originalPath(ctx.dataDir, tube.sha256), tube.fileName, channels, maxEvents);
      } catch (err) {
        if (err instanceof ChannelError) throw new ServiceError('BAD_INPUT', err.message, `channels.${err.index}`);
        throw err;
      }
    },
  };
}

export type TubesService = ReturnType<typeof tubesService>;
