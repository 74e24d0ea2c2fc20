// Main-side pool of worker_threads workers for the backend's heavy jobs (FCS parsing in
// fcs.worker.ts, the clinical pipeline in interpretation.worker.ts). Electron's main process and
// the web-mode server run on one JavaScript thread: a second of numeric work there freezes the
// window, IPC and every HTTP request, so that work goes to a worker and the main side only awaits.
//
// One job per worker at a time (a worker is single-threaded anyway), extra jobs wait in a FIFO
// queue. A job that outlives its timeout, or whose worker crashes or is terminated, fails with a
// WorkerPoolError; the worker is discarded and a fresh one is started for the next job, so a
// failure never leaves a request hanging. Workers start lazily and are unref'd while idle, so an
// idle pool never keeps `oncoflow demo` or a test process alive.
//
// Protocol: main → worker { id, job }; worker → main { id, ok: true, value } or
// { id, ok: false, error } where `error` is plain data the caller's `rebuildError` turns back into
// its typed error (class instances do not survive structured clone with their prototype).
import { Worker } from 'node:worker_threads';

export type WorkerPoolErrorCode = 'WORKER_TIMEOUT' | 'WORKER_CRASHED' | 'WORKER_CLOSED';

export class WorkerPoolError extends Error {
  override name = 'WorkerPoolError';
  constructor(public code: WorkerPoolErrorCode, message: string) {
    super(message);
  }
}

export interface PoolRequest<J> { id: number; job: J }
export type PoolReply<V, E> = { id: number; ok: true; value: V } | { id: number; ok: false; error: E };

export interface WorkerPoolOptions<E> {
  /** The bundled worker entry (dist/workers/<name>.worker.cjs). */
  file: string;
  /** Names the pool in error messages ("interpretation worker …"). */
  label: string;
  /** Workers at most (default 1: the machine may have two cores and the main thread needs one). */
  size?: number;
  /** Default per-job limit in ms, counted from when a worker takes the job (not queue time). */
  timeoutMs?: number;
  /** Turns a worker's serialised error back into the typed error the caller throws today. */
  rebuildError(e: E): Error;
}

export interface RunOptions {
  timeoutMs?: number;
  /** ArrayBuffers moved (not copied) to the worker with the job. */
  transfer?: ArrayBuffer[];
}

export interface WorkerPool<J> {
  run<V>(job: J, opts?: RunOptions): Promise<V>;
  /** Workers alive now (tests terminate one mid-job to prove recovery). */
  threads(): Worker[];
  /** Jobs waiting for a worker. */
  queued(): number;
  close(): Promise<void>;
}

interface Job<J> {
  id: number;
  job: J;
  transfer: ArrayBuffer[];
  timeoutMs: number | undefined;
  resolve(v: unknown): void;
  reject(e: Error): void;
}

interface Slot<J> { worker: Worker; current: Job<J> | null; timer: NodeJS.Timeout | null }

export function createWorkerPool<J, E>(opts: WorkerPoolOptions<E>): WorkerPool<J> {
  const size = Math.max(1, opts.size ?? 1);
  const queue: Job<J>[] = [];
  const slots: Slot<J>[] = [];
  let nextId = 1;
  let closed = false;

  /** The job leaves its slot exactly once, whichever of reply, timeout, crash comes first. */
  function release(slot: Slot<J>): Job<J> | null {
    const job = slot.current;
    slot.current = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.worker.unref();
    return job;
  }

  /** Drop a worker that can no longer be trusted (crashed, timed out); its job fails with `err`. */
  function discard(slot: Slot<J>, err: WorkerPoolError, terminate: boolean): void {
    const i = slots.indexOf(slot);
    if (i < 0) return;
    slots.splice(i, 1);
    const job = release(slot);
    if (terminate) void slot.worker.terminate();
    job?.reject(err);
    pump();
  }

  function spawn(): Slot<J> {
    const worker = new Worker(opts.file);
    worker.unref();
    const slot: Slot<J> = { worker, current: null, timer: null };
    worker.on('message', (m: PoolReply<unknown, E>) => {
      if (!slot.current || m.id !== slot.current.id) return; // a late reply to a job already failed
      const job = release(slot)!;
      if (m.ok) job.resolve(m.value);
      else job.reject(opts.rebuildError(m.error));
      pump();
    });
    // An uncaught exception inside the worker ('error') is followed by 'exit'; either one ends it.
    worker.on('error', (e) => discard(slot, new WorkerPoolError('WORKER_CRASHED', `${opts.label} worker failed: ${e.message}`), false));
    worker.on('exit', (code) => discard(slot, new WorkerPoolError('WORKER_CRASHED', `${opts.label} worker stopped (exit code ${code}) before finishing the job`), false));
    slots.push(slot);
    return slot;
  }

  function start(slot: Slot<J>, job: Job<J>): void {
    slot.current = job;
    slot.worker.ref(); // keep the process alive while work is outstanding
    if (job.timeoutMs !== undefined && Number.isFinite(job.timeoutMs)) {
      const limit = job.timeoutMs;
      slot.timer = setTimeout(() => discard(slot, new WorkerPoolError('WORKER_TIMEOUT', `${opts.label} job did not finish within ${limit} ms; it was stopped`), true), limit);
    }
    try {
      slot.worker.postMessage({ id: job.id, job: job.job } satisfies PoolRequest<J>, job.transfer);
    } catch (e) {
      // e.g. a value structured clone refuses: the worker is fine, only this job fails.
      release(slot);
      job.reject(e as Error);
    }
  }

  function pump(): void {
    while (!closed && queue.length) {
      let slot = slots.find((s) => !s.current);
      if (!slot) {
        if (slots.length >= size) return;
        try {
          slot = spawn();
        } catch (e) {
          queue.shift()!.reject(new WorkerPoolError('WORKER_CRASHED', `${opts.label} worker could not start: ${(e as Error).message}`));
          continue;
        }
      }
      start(slot, queue.shift()!);
    }
  }

  return {
    run<V>(job: J, runOpts: RunOptions = {}): Promise<V> {
      if (closed) return Promise.reject(new WorkerPoolError('WORKER_CLOSED', `${opts.label} worker pool is closed`));
      return new Promise<V>((resolve, reject) => {
        queue.push({ id: nextId++, job, transfer: runOpts.transfer ?? [], timeoutMs: runOpts.timeoutMs ?? opts.timeoutMs, resolve: resolve as (v: unknown) => void, reject });
        pump();
      });
    },
    threads: () => slots.map((s) => s.worker),
    queued: () => queue.length,
    async close() {
      closed = true;
      const err = new WorkerPoolError('WORKER_CLOSED', `${opts.label} worker pool closed`);
      for (const job of queue.splice(0)) job.reject(err);
      const all = slots.splice(0);
      for (const s of all) release(s)?.reject(err);
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
