// The renderer's only door to the main process: window.oncoflow (shared/api/transport.ts,
// OncoflowBridge), with two functions. No ipcRenderer, no Node APIs are exposed; the main process
// validates everything it receives (electron/backend/dispatch.ts).
import { contextBridge, ipcRenderer } from 'electron';
import type { OncoflowBridge } from '../../shared/api/transport';
import type { Result } from '../../shared/api/contract';
import { BRIDGE_NAME, IPC_INVOKE, IPC_UPLOAD } from '../ipc-channels';

const bridge: OncoflowBridge = {
  transport: 'ipc',
  invoke: (name: string, input: unknown, sessionToken: string | null) =>
    ipcRenderer.invoke(IPC_INVOKE, String(name), input, sessionToken) as Promise<Result<unknown>>,
  upload: (fileName: string, bytes: ArrayBuffer, sessionToken: string | null) =>
    ipcRenderer.invoke(IPC_UPLOAD, String(fileName), bytes, sessionToken) as Promise<Result<{ uploadId: string }>>,
};

contextBridge.exposeInMainWorld(BRIDGE_NAME, bridge);
