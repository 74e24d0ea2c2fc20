// Names shared by the preload and the main process. Kept free of imports so the sandboxed preload
// bundle stays tiny (no zod, no contract code in the renderer's privileged context).
export const IPC_INVOKE = 'oncoflow:invoke';
export const IPC_UPLOAD = 'oncoflow:upload';
/** window.oncoflow — must equal BRIDGE_NAME in shared/api/contract.ts (checked by a test). */
export const BRIDGE_NAME = 'oncoflow';
