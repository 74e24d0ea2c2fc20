// What the two IPC channels do, free of Electron imports so it is tested with a real backend
// (tests/integration/api/ipc.test.ts); electron/main/ipc.ts only wires these to ipcMain.
import { contract, isCallName, type Result } from '../../shared/api/contract';
import type { Backend } from '../backend/backend';
import type { BinaryValue } from '../backend/dispatch';
import { ServiceError } from '../backend/services/errors';
import { isAppUrl } from './window';

const refuse = (): Result<never> => ({ ok: false, error: { code: 'FORBIDDEN', message: 'IPC from a frame that is not the OncoFlow app' } });

/** oncoflow:invoke — a contract call; binary values become an exact-size ArrayBuffer. */
export async function handleInvoke(backend: Backend, senderUrl: string | undefined, name: unknown, input: unknown, token: unknown): Promise<Result<unknown>> {
  if (!isAppUrl(senderUrl)) return refuse();
  const callName = typeof name === 'string' ? name : String(name);
  const r = await backend.dispatch.call(callName, input, typeof token === 'string' ? token : null);
  if (r.ok && isCallName(callName) && contract[callName].output === 'binary') {
    const { bytes } = r.value as BinaryValue;
    return { ok: true, value: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
  }
  return r;
}

/** oncoflow:upload — the renderer hands over a file's bytes; same roles as tubes.import. */
export function handleUpload(backend: Backend, senderUrl: string | undefined, fileName: unknown, bytes: unknown, token: unknown): Result<{ uploadId: string }> {
  if (!isAppUrl(senderUrl)) return refuse();
  const auth = backend.dispatch.authorize(contract['tubes.import'].roles, typeof token === 'string' ? token : null, 'tubes.import');
  if (!auth.ok) return auth;
  if (!auth.actor) return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'log in first' } };
  const data = bytes instanceof ArrayBuffer ? new Uint8Array(bytes)
    : ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;
  if (!data) return { ok: false, error: { code: 'VALIDATION', message: 'upload needs the file bytes', field: 'bytes' } };
  try {
    const u = backend.services.uploads.fromBytes(data, typeof fileName === 'string' ? fileName : 'upload.fcs', auth.actor.user.id);
    return { ok: true, value: { uploadId: u.id } };
  } catch (e) {
    if (e instanceof ServiceError) return { ok: false, error: e.toApiError() };
    return backend.dispatch.failure('upload', e);
  }
}
