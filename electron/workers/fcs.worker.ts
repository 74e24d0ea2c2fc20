// FCS worker thread: parses files and extracts scaled channels for the main process
// (electron/backend/services/fcs-jobs.ts, through electron/workers/pool.ts). Event arrays go back
// as transferables, not copies.
import { parentPort } from 'node:worker_threads';
import { fcsEngine, type EventsResult } from '../backend/services/fcs-engine';
import { serializeError, type WorkerReply, type WorkerRequest } from '../backend/services/fcs-jobs';

const engine = fcsEngine();

parentPort?.on('message', ({ id, job }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    if (job.op === 'meta') {
      reply = { id, ok: true, value: engine.meta(job.file, job.name) };
    } else if (job.op === 'sha256') {
      reply = { id, ok: true, value: engine.sha256(job.file) };
    } else {
      const value: EventsResult = engine.events(job.file, job.name, job.channels, job.maxEvents);
      parentPort!.postMessage({ id, ok: true, value } satisfies WorkerReply, [value.values.buffer as ArrayBuffer]);
      return;
    }
  } catch (e) {
    reply = { id, ok: false, error: serializeError(e) };
  }
  parentPort!.postMessage(reply);
});
