// IPC wiring: two channels, both checked for the sender (only frames showing our own app://
// origin, electron/main/window.ts isAppUrl), both through the same dispatcher as web mode.
import { ipcMain } from 'electron';
import type { Backend } from '../backend/backend';
import { IPC_INVOKE, IPC_UPLOAD } from '../ipc-channels';
import { handleInvoke, handleUpload } from './ipc-handlers';

export function registerIpc(backend: Backend): () => void {
  ipcMain.handle(IPC_INVOKE, (event, name: unknown, input: unknown, token: unknown) =>
    handleInvoke(backend, event.senderFrame?.url, name, input, token));
  ipcMain.handle(IPC_UPLOAD, (event, fileName: unknown, bytes: unknown, token: unknown) =>
    handleUpload(backend, event.senderFrame?.url, fileName, bytes, token));
  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    ipcMain.removeHandler(IPC_UPLOAD);
  };
}
