// Interpretation worker thread: runs the clinical pipeline (parse the stored original → compensate
// → logicle → ALOT template → lineage suggestion, or MRD from Gating-ML gates) for
// electron/backend/services/interpretation.ts through electron/workers/pool.ts, so a 1M-event
// tube (≈ 1 s of numeric work) never blocks Electron's main process or the web server.
// The job and the result are plain data; errors go back serialised (interpretation-engine.ts).
import { parentPort } from 'node:worker_threads';
import type { PoolReply, PoolRequest } from './pool';
import { runInterpretationJob, serializeClinicalError, type InterpretationJob, type SerializedClinicalError } from './interpretation-engine';

type Reply = PoolReply<ReturnType<typeof runInterpretationJob>, SerializedClinicalError>;

parentPort?.on('message', ({ id, job }: PoolRequest<InterpretationJob>) => {
  let reply: Reply;
  try {
    reply = { id, ok: true, value: runInterpretationJob(job) };
  } catch (e) {
    reply = { id, ok: false, error: serializeClinicalError(e) };
  }
  parentPort!.postMessage(reply);
});
