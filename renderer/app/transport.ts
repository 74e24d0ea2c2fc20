// The ONE place that knows how the renderer reaches the backend. Chosen once at start-up:
// Electron's preload exposes `window.oncoflow` (IPC); otherwise we are a page served by the
// web-mode server and talk HTTP to the same origin (shared/api/contract.ts, HTTP).
// Everything else in the renderer gets an `AppTransport` and never asks which one it is.
import { BRIDGE_NAME, HTTP, type ApiError, type Result } from '../../shared/api/contract';
import {
  ApiCallError,
  createIpcTransport,
  trackSession,
  type OncoflowBridge,
  type OncoflowTransport,
} from '../../shared/api/transport';

/** Progress of a file transfer, 0..1, or null when the transport cannot measure it. */
export type UploadProgress = (fraction: number | null) => void;

/** The contract's transport plus upload progress (XHR can report it; IPC hands bytes over at once). */
export interface AppTransport extends OncoflowTransport {
  upload(file: Blob & { name: string }, onProgress?: UploadProgress): Promise<{ uploadId: string }>;
}

const SESSION_KEY = 'oncoflow.session';

export function chooseTransport(): AppTransport {
  const bridge = (window as unknown as Record<string, unknown>)[BRIDGE_NAME] as OncoflowBridge | undefined;
  if (bridge && typeof bridge.invoke === 'function') {
    const ipc = createIpcTransport(bridge);
    return {
      ...ipc,
      async upload(file, onProgress) {
        onProgress?.(null);
        const r = await ipc.upload(file);
        onProgress?.(1);
        return r;
      },
    };
  }
  return createHttpTransport(readLaunchToken(document));
}

export function readLaunchToken(doc: Document): string | null {
  return doc.querySelector<HTMLMetaElement>(`meta[name="${HTTP.launchTokenMeta}"]`)?.content ?? null;
}

/** A Result-shaped error for failures below the API (network down, non-JSON answer). */
function transportError(message: string, code = 'NETWORK'): ApiError {
  return { code, message };
}

export function createHttpTransport(launchToken: string | null, base = ''): AppTransport {
  // The session token survives a page reload within the tab (sessionStorage is per tab and is
  // cleared when the tab closes), so a reload does not log the user out.
  let token: string | null = null;
  try {
    token = sessionStorage.getItem(SESSION_KEY);
  } catch {
    token = null;
  }
  const setToken = (t: string | null): void => {
    token = t;
    try {
      if (t) sessionStorage.setItem(SESSION_KEY, t);
      else sessionStorage.removeItem(SESSION_KEY);
    } catch {
      // In-memory only; fine.
    }
  };
  const headers = (extra: Record<string, string>): Record<string, string> => {
    const h: Record<string, string> = { ...extra };
    if (launchToken) h[HTTP.launchTokenHeader] = launchToken;
    if (token) h[HTTP.sessionHeader] = token;
    return h;
  };

  async function post(name: string, input: unknown): Promise<Response> {
    return fetch(`${base}/api/call/${name}`, {
      method: 'POST',
      headers: headers({ 'content-type': 'application/json' }),
      body: JSON.stringify(input ?? {}),
    });
  }

  async function readResult(res: Response): Promise<Result<unknown>> {
    const type = res.headers.get('content-type') ?? '';
    if (!type.includes('application/json')) {
      return { ok: false, error: transportError(`HTTP ${res.status} ${res.statusText}`, 'HTTP_' + res.status) };
    }
    return (await res.json()) as Result<unknown>;
  }

  return {
    kind: 'http',
    async call(name, input) {
      let r: Result<unknown>;
      try {
        r = await readResult(await post(name, input));
      } catch (err) {
        r = { ok: false, error: transportError(err instanceof Error ? err.message : String(err)) };
      }
      trackSession(name, r, setToken);
      return r as Result<never>;
    },
    async callBinary(name, input) {
      let res: Response;
      try {
        res = await post(name, input);
      } catch (err) {
        throw new ApiCallError(transportError(err instanceof Error ? err.message : String(err)));
      }
      const type = res.headers.get('content-type') ?? '';
      if (res.ok && type.includes('application/octet-stream')) return res.arrayBuffer();
      const r = await readResult(res);
      trackSession(name, r, setToken);
      throw new ApiCallError(r.ok ? transportError('expected binary data', 'BAD_RESPONSE') : r.error);
    },
    upload(file, onProgress) {
      // XMLHttpRequest, not fetch: only XHR reports upload progress.
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `${base}${HTTP.uploadPath}`);
        // Header values must be ISO-8859-1; file names from Mexican labs carry accents.
        for (const [k, v] of Object.entries(headers({ [HTTP.fileNameHeader]: encodeURIComponent(file.name), 'content-type': 'application/octet-stream' })))
          xhr.setRequestHeader(k, v);
        xhr.upload.onprogress = (e) => onProgress?.(e.lengthComputable ? e.loaded / e.total : null);
        xhr.onerror = () => reject(new ApiCallError(transportError('upload failed: no answer from the server')));
        xhr.onload = () => {
          let r: Result<{ uploadId: string }>;
          try {
            r = JSON.parse(xhr.responseText) as Result<{ uploadId: string }>;
          } catch {
            reject(new ApiCallError(transportError(`HTTP ${xhr.status}`, 'HTTP_' + xhr.status)));
            return;
          }
          if (r.ok) {
            onProgress?.(1);
            resolve(r.value);
          } else {
            trackSession('upload', r, setToken);
            reject(new ApiCallError(r.error));
          }
        };
        xhr.send(file);
      });
    },
    getSessionToken: () => token,
    setSessionToken: setToken,
  };
}
