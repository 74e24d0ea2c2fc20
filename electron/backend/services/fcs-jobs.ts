// Runs FCS work off the main thread: a worker_threads worker (dist/workers/fcs.worker.cjs) keeps
// Electron's main process and the web server responsive while a large file is parsed. Where the
// worker bundle is absent (tests run from sources) the same engine runs in-process.
import { Worker } from 'node:worker_threads';
import { FcsError } from '../../../shared/fcs/errors';
import { ChannelError, fcsEngine, type EventsResult, type TubeMeta } from './fcs-engine';

export type SerializedError =
  | { kind: 'fcs'; code: string; message: string; offset?: number; keyword?: string }
  | { kind: 'channel'; index: number; message: string }
  | { kind: 'other'; message: string };

export type WorkerRequest =
  | { id: number; op: 'meta'; file: string; name: string }
  | { id: number; op: 'events'; file: string; name: string; channels: string[]; maxEvents?: number };

export type WorkerReply = { id: number; ok: true; value: TubeMeta | EventsResult } | { id: number; ok: false; error: SerializedError };

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
  close(): Promise<void>;
}

export function inlineFcsJobs(): FcsJobs {
  const engine = fcsEngine();
  return {
    mode: 'inline',
    meta: async (file, name) => engine.meta(file, name),
    events: async (file, name, channels, maxEvents) => engine.events(file, name, channels, maxEvents),
    close: async () => engine.clear(),
  };
}

export function workerFcsJobs(workerFile: string): FcsJobs {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  function failAll(err: Error): void {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker = null;
  }

  function ensure(): Worker {
    if (worker) return worker;
    const w = new Worker(workerFile);
    // An idle worker must not keep `oncoflow demo` or a test process alive.
    w.unref();
    w.on('message', (m: WorkerReply) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (pending.size === 0) w.unref();
      if (m.ok) p.resolve(m.value);
      else p.reject(deserializeError(m.error));
    });
    w.on('error', (e) => failAll(e));
    w.on('exit', (code) => { if (worker === w) failAll(new Error(`FCS worker stopped (exit code ${code})`)); });
    worker = w;
    return w;
  }

  function run<T>(req: WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never): Promise<T> {
    const w = ensure();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.ref(); // keep the process alive while work is outstanding
      w.postMessage({ ...req, id });
    });
  }

  return {
    mode: 'worker',
    meta: (file, name) => run<TubeMeta>({ op: 'meta', file, name }),
    events: (file, name, channels, maxEvents) =>
      run<EventsResult>(maxEvents === undefined ? { op: 'events', file, name, channels } : { op: 'events', file, name, channels, maxEvents }),
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
      failAll(new Error('FCS worker closed'));
    },
  };
}
