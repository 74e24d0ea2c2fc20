// How the renderer talks to the backend. Two implementations of one interface:
// - IPC (Electron): `createIpcTransport(window.oncoflow)` below, over the preload's bridge.
// - HTTP (web mode): written in renderer/app (fetch to 127.0.0.1), following HTTP in contract.ts:
//   every /api request carries the launch token read once from
//   <meta name="oncoflow-launch-token" content="…"> (header x-oncoflow-launch) and, once logged in,
//   the session token (header x-oncoflow-session).
// The renderer picks one at start (`window.oncoflow` present → IPC, else HTTP); nothing else in
// the renderer knows which it has.
//
// Session tokens: the transport keeps the token returned by a successful auth.login and sends it
// with every later call; it forgets it after auth.logout or when a call answers UNAUTHENTICATED.
// `setSessionToken` lets the app restore one (e.g. from sessionStorage after a reload).
import type { ApiError, BinaryCallName, CallInput, CallName, CallOutput, JsonCallName, Result } from './contract';

export interface OncoflowTransport {
  readonly kind: 'ipc' | 'http';
  /** JSON calls: never throws for API errors, returns them as `{ ok: false, error }`. */
  call<N extends JsonCallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>;
  /** Binary calls (tubes.events): resolves with the bytes; rejects with an ApiError-shaped object. */
  callBinary<N extends BinaryCallName>(name: N, input: CallInput<N>): Promise<ArrayBuffer>;
  /** Hand a file to the backend; the uploadId is then passed to tubes.import. Rejects with ApiError. */
  upload(file: Blob & { name: string }): Promise<{ uploadId: string }>;
  getSessionToken(): string | null;
  setSessionToken(token: string | null): void;
}

/** What electron/preload/preload.ts exposes as `window.oncoflow` via contextBridge (nothing else). */
export interface OncoflowBridge {
  readonly transport: 'ipc';
  /** Returns a Result; for binary calls the value is an ArrayBuffer. */
  invoke(name: string, input: unknown, sessionToken: string | null): Promise<Result<unknown>>;
  /** Stores the bytes as an upload in the main process; Result<{ uploadId }>. */
  upload(fileName: string, bytes: ArrayBuffer, sessionToken: string | null): Promise<Result<{ uploadId: string }>>;
}

/** Thrown by callBinary/upload: a real Error carrying the ApiError fields. */
export class ApiCallError extends Error implements ApiError {
  override name = 'ApiCallError';
  code: string;
  field?: string;
  details?: unknown;
  constructor(error: ApiError) {
    super(error.message);
    this.code = error.code;
    if (error.field !== undefined) this.field = error.field;
    if (error.details !== undefined) this.details = error.details;
  }
}

/** Shared token bookkeeping for both transports. */
export function trackSession(name: string, result: Result<unknown>, set: (t: string | null) => void): void {
  if (result.ok && name === 'auth.login') set((result.value as { token: string }).token);
  else if (name === 'auth.logout') set(null);
  else if (!result.ok && result.error.code === 'UNAUTHENTICATED' && name !== 'auth.login') set(null);
}

export function createIpcTransport(bridge: OncoflowBridge): OncoflowTransport {
  let token: string | null = null;
  const setToken = (t: string | null) => { token = t; };
  return {
    kind: 'ipc',
    async call(name, input) {
      const r = await bridge.invoke(name, input ?? {}, token);
      trackSession(name, r, setToken);
      return r as Result<never>;
    },
    async callBinary(name, input) {
      const r = await bridge.invoke(name, input ?? {}, token);
      trackSession(name, r, setToken);
      if (!r.ok) throw new ApiCallError(r.error);
      const v = r.value as ArrayBuffer | ArrayBufferView;
      if (v instanceof ArrayBuffer) return v;
      // Structured clone may hand a typed-array view back; copy out exactly its bytes.
      return (v.buffer as ArrayBuffer).slice(v.byteOffset, v.byteOffset + v.byteLength);
    },
    async upload(file) {
      const r = await bridge.upload(file.name, await file.arrayBuffer(), token);
      if (!r.ok) throw new ApiCallError(r.error);
      return r.value;
    },
    getSessionToken: () => token,
    setSessionToken: setToken,
  };
}
