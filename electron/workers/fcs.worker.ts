// FCS worker thread: parses files and extracts scaled channels for the main process
// (electron/backend/services/fcs-jobs.ts). Event arrays go back as transferables, not copies.
import { parentPort } from 'node:worker_threads';
import { fcsEngine, type EventsResult } from '../backend/services/fcs-engine';
import { serializeError, type WorkerReply, type WorkerRequest } from '../backend/services/fcs-jobs';

const engine = fcsEngine();

parentPort?.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    if (req.op === 'meta') {
      reply = { id: req.id, ok: true, value: engine.meta(req.file, req.name) };
    } else {
      const value: EventsResult = engine.events(req.file, req.name, req.channels, req.maxEvents);
      parentPort!.postMessage({ id: req.id, ok: true, value } satisfies WorkerReply, [value.values.buffer as ArrayBuffer]);
      return;
    }
  } catch (e) {
    reply = { id: req.id, ok: false, error: serializeError(e) };
  }
  parentPort!.postMessage(reply);
});
