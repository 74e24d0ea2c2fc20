// IPC wiring: two channels, both checked for the sender (only frames showing our own app://
// origin), both through the same dispatcher as web mode.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { contract, type ApiError, type Result } from '../../shared/api/contract';
import type { Backend } from '../backend/backend';
import type { BinaryValue } from '../backend/dispatch';
import { ServiceError } from '../backend/services/errors';
import { IPC_INVOKE, IPC_UPLOAD } from '../ipc-channels';
import { isAppUrl } from './window';

const refuse = (message: string): Result<never> => ({ ok: false, error: { code: 'FORBIDDEN', message } });

function trusted(event: IpcMainInvokeEvent): boolean {
  return isAppUrl(event.senderFrame?.url);
}

export function registerIpc(backend: Backend): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, name: unknown, input: unknown, token: unknown): Promise<Result<unknown>> => {
    if (!trusted(event)) return refuse('IPC from an untrusted frame');
    const r = await backend.dispatch.call(String(name), input, typeof token === 'string' ? token : null);
    if (r.ok && typeof name === 'string' && name in contract && contract[name as keyof typeof contract].output === 'binary') {
      const v = r.value as BinaryValue;
      // An exact-size ArrayBuffer (structured clone copies it once into the renderer).
      return { ok: true, value: v.bytes.buffer.slice(v.bytes.byteOffset, v.bytes.byteOffset + v.bytes.byteLength) };
    }
    return r;
  });

  ipcMain.handle(IPC_UPLOAD, async (event, fileName: unknown, bytes: unknown, token: unknown): Promise<Result<{ uploadId: string }>> => {
    if (!trusted(event)) return refuse('IPC from an untrusted frame');
    const auth = backend.dispatch.authorize(contract['tubes.import'].roles, typeof token === 'string' ? token : null, 'tubes.import');
    if (!auth.ok) return auth;
    if (!auth.actor) return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'log in first' } };
    const data = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;
    if (!data) return { ok: false, error: { code: 'VALIDATION', message: 'upload needs the file bytes', field: 'bytes' } };
    try {
      const u = backend.services.uploads.fromBytes(data, typeof fileName === 'string' ? fileName : 'upload.fcs', auth.actor.user.id);
      return { ok: true, value: { uploadId: u.id } };
    } catch (e) {
      if (e instanceof ServiceError) return { ok: false, error: e.toApiError() as ApiError };
      return backend.dispatch.failure('upload', e);
    }
  });

  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    ipcMain.removeHandler(IPC_UPLOAD);
  };
}
