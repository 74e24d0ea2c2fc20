// Runs FCS work off the main thread: a worker_threads worker (dist/workers/fcs.worker.cjs) keeps
// Electron's main process and the web server responsive while a large file is parsed. Where the
// worker bundle is absent (tests run from sources) the same engine runs in-process. Queueing,
// crash recovery and the message protocol live in electron/workers/pool.ts.
import { FcsError } from '../../../shared/fcs/errors';
import { createWorkerPool, type PoolReply, type PoolRequest } from '../../workers/pool';
import { ChannelError, fcsEngine, type EventsResult, type TubeMeta } from './fcs-engine';

export type SerializedError =
  | { kind: 'fcs'; code: string; message: string; offset?: number; keyword?: string }
  | { kind: 'channel'; index: number; message: string }
  | { kind: 'other'; message: string };

export type FcsJob =
  | { op: 'meta'; file: string; name: string }
  | { op: 'events'; file: string; name: string; channels: string[]; maxEvents?: number }
  | { op: 'sha256'; file: string };

export type WorkerRequest = PoolRequest<FcsJob>;
export type WorkerReply = PoolReply<TubeMeta | EventsResult | string, SerializedError>;

export function serializeError(e: unknown): SerializedError {
  if (e instanceof FcsError) {
    const s: SerializedError = { kind: 'fcs', code: e.code, message: e.message };
    if (e.offset !== undefined) s.offset = e.offset;
    if (e.keyword !== undefined) s.keyword = e.keyword;
    return s;
  }
  if (e instanceof ChannelError) return { kind: 'channel', index: e.index, message: e.message };
  return { kind: 'other', message: (e as Error)?.message ?? String(e) };
}

export function deserializeError(s: SerializedError): Error {
  if (s.kind === 'fcs') {
    const place: { offset?: number; keyword?: string } = {};
    if (s.offset !== undefined) place.offset = s.offset;
    if (s.keyword !== undefined) place.keyword = s.keyword;
    return new FcsError(s.code, s.message, place);
  }
  if (s.kind === 'channel') return new ChannelError(s.index, s.message);
  return new Error(s.message);
}

export interface FcsJobs {
  readonly mode: 'worker' | 'inline';
  meta(file: string, name: string): Promise<TubeMeta>;
  events(file: string, name: string, channels: string[], maxEvents?: number): Promise<EventsResult>;
  /** SHA-256 of a file, streamed off the main thread (a stored original can be gigabytes). */
  sha256(file: string): Promise<string>;
  close(): Promise<void>;
}

export function inlineFcsJobs(): FcsJobs {
  const engine = fcsEngine();
  return {
    mode: 'inline',
    meta: async (file, name) => engine.meta(file, name),
    events: async (file, name, channels, maxEvents) => engine.events(file, name, channels, maxEvents),
    sha256: async (file) => engine.sha256(file),
    close: async () => engine.clear(),
  };
}

export function workerFcsJobs(workerFile: string): FcsJobs {
  // No timeout: parse time grows with the file, and a stuck parse is not a failure mode we have seen.
  const pool = createWorkerPool<FcsJob, SerializedError>({ file: workerFile, label: 'FCS', rebuildError: deserializeError });
  return {
    mode: 'worker',
    meta: (file, name) => pool.run<TubeMeta>({ op: 'meta', file, name }),
    events: (file, name, channels, maxEvents) =>
      pool.run<EventsResult>(maxEvents === undefined ? { op: 'events', file, name, channels } : { op: 'events', file, name, channels, maxEvents }),
    sha256: (file) => pool.run<string>({ op: 'sha256', file }),
    close: () => pool.close(),
  };
}
