// Web mode: the same backend behind a loopback-only HTTP endpoint, for machines where Electron
// cannot run. Defences, in order: bind 127.0.0.1 only; refuse non-loopback peers, foreign Host
// headers (DNS rebinding) and foreign Origins; every /api request needs the per-launch token that
// only our own index.html carries (meta tag), so another local web page cannot call the API; then
// the login session token, roles and zod validation in the shared dispatcher.
//
// Routes:
//   GET  /, /index.html      the renderer with <meta name="oncoflow-launch-token"> injected
//   GET  /<file>             static files of dist/renderer (no directory listing, no traversal)
//   POST /api/call/<name>    JSON input → JSON Result; binary calls answer application/octet-stream
//   POST /api/upload         raw file bytes (header x-file-name, URI-encoded) → Result<{ uploadId }>
// The response body of /api is always a JSON Result unless a binary call succeeded; the HTTP status
// mirrors the error code (400 VALIDATION, 401 UNAUTHENTICATED, 403 FORBIDDEN/PASSWORD_CHANGE_REQUIRED,
// 404, 409, 413, 422 BAD_INPUT, 500 INTERNAL).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { contract, HTTP, isCallName, type ApiError, type Result } from '../../../shared/api/contract';
import type { Backend } from '../backend';
import type { BinaryValue } from '../dispatch';
import { ServiceError } from '../services/errors';
import { SECURITY_HEADERS, isAllowedHost, isAllowedOrigin, isLoopbackAddress } from './security';

export interface WebServerOptions {
  backend: Backend;
  /** 0 = any free port. */
  port?: number;
  /** Folder with the built renderer (index.html, assets/). */
  rendererDir: string;
  /** Extra allowed origins (e.g. a Vite dev server), exact "http://host:port". */
  allowedOrigins?: string[];
  /** Fixed launch token (tests); random 32 bytes otherwise. */
  launchToken?: string;
  /** JSON request body limit. */
  maxJsonBytes?: number;
}

export interface WebServer {
  url: string;
  port: number;
  launchToken: string;
  server: http.Server;
  close(): Promise<void>;
}

const STATUS: Record<string, number> = {
  VALIDATION: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, PASSWORD_CHANGE_REQUIRED: 403, NOT_FOUND: 404,
  UNKNOWN_CALL: 404, CONFLICT: 409, PAYLOAD_TOO_LARGE: 413, UNSUPPORTED_MEDIA_TYPE: 415, BAD_INPUT: 422, INTERNAL: 500,
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

const PLACEHOLDER_INDEX = `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>OncoFlow</title></head>
<body><h1>OncoFlow</h1><p>The user interface is not built yet: run <code>npm run build</code>. The API is available.</p></body></html>`;

function errorResult(code: string, message: string, field?: string): { ok: false; error: ApiError } {
  return { ok: false, error: field ? { code, message, field } : { code, message } };
}

/** Injects the launch-token meta tag right after <head> (escaped; the token is base64url anyway). */
export function injectLaunchToken(html: string, token: string): string {
  const tag = `<meta name="${HTTP.launchTokenMeta}" content="${token.replace(/[^A-Za-z0-9_-]/g, '')}">`;
  const i = html.search(/<head[^>]*>/i);
  if (i < 0) return tag + html;
  const end = html.indexOf('>', i) + 1;
  return html.slice(0, end) + tag + html.slice(end);
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new ServiceError('PAYLOAD_TOO_LARGE', `request body over ${limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        // Stop keeping the body but let it drain: destroying the request here would reset the
        // socket before the 413 answer reaches the client. The answer closes the connection.
        chunks.length = 0;
        req.removeAllListeners('data');
        req.resume();
        reject(new ServiceError('PAYLOAD_TOO_LARGE', `request body over ${limit} bytes`));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const { backend } = opts;
  const launchToken = opts.launchToken ?? crypto.randomBytes(32).toString('base64url');
  const rendererDir = path.resolve(opts.rendererDir);
  const maxJson = opts.maxJsonBytes ?? 10 * 1024 * 1024;
  const extraOrigins = (opts.allowedOrigins ?? []).map((o) => o.toLowerCase());
  let port = opts.port ?? 0;

  function send(res: http.ServerResponse, status: number, body: string | Buffer | Uint8Array, type: string, headers: Record<string, string> = {}): void {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(bytes.byteLength), ...headers });
    res.end(bytes);
  }

  function sendResult(res: http.ServerResponse, r: Result<unknown>): void {
    const status = r.ok ? 200 : STATUS[r.error.code] ?? 400;
    send(res, status, JSON.stringify(r), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store' });
  }

  function serveIndex(res: http.ServerResponse, head: boolean): void {
    const file = path.join(rendererDir, 'index.html');
    const html = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : PLACEHOLDER_INDEX;
    const body = Buffer.from(injectLaunchToken(html, launchToken));
    // The page holds the launch token: never cache it, never let another site frame it.
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': MIME['.html']!, 'Content-Length': String(body.length), 'Cache-Control': 'no-store' });
    res.end(head ? undefined : body);
  }

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    const head = req.method === 'HEAD';
    if (pathname === '/' || pathname === '/index.html') return serveIndex(res, head);
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return send(res, 400, 'bad path', 'text/plain; charset=utf-8');
    }
    const file = path.resolve(rendererDir, '.' + rel);
    if (!file.startsWith(rendererDir + path.sep) || rel.includes('\0')) return send(res, 404, 'not found', 'text/plain; charset=utf-8');
    let stat: fs.Stats | undefined;
    try { stat = fs.statSync(file); } catch { stat = undefined; }
    if (!stat || !stat.isFile()) {
      // Client-side routes (no file extension) get the app; missing assets get 404.
      if (!path.extname(rel)) return serveIndex(res, head);
      return send(res, 404, 'not found', 'text/plain; charset=utf-8');
    }
    const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const cache = rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(stat.size), 'Cache-Control': cache });
    if (head) { res.end(); return; }
    // pipeline: a read error (file removed by a rebuild, EACCES) or a client hanging up ends this
    // response and closes the file instead of crashing the server.
    pipeline(fs.createReadStream(file), res, (e) => { if (e) res.destroy(); });
  }

  async function handleCall(req: http.IncomingMessage, res: http.ServerResponse, name: string, session: string | null): Promise<void> {
    if (!isCallName(name)) {
      // Drain so the client sees the answer instead of a reset connection.
      req.resume();
      return sendResult(res, errorResult('UNKNOWN_CALL', `no call named "${name}"`));
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    // JSON only: a cross-site HTML form cannot send application/json without a CORS preflight.
    if (type !== 'application/json') {
      req.resume();
      return sendResult(res, errorResult('UNSUPPORTED_MEDIA_TYPE', 'send the input as application/json'));
    }
    const body = await readBody(req, maxJson);
    let input: unknown = {};
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch (e) {
        return sendResult(res, errorResult('VALIDATION', `the request body is not valid JSON: ${(e as Error).message}`));
      }
    }
    const r = await backend.dispatch.call(name, input, session);
    if (r.ok && contract[name].output === 'binary') {
      const v = r.value as BinaryValue;
      const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
      if (v.meta.eventCount !== undefined) headers[HTTP.eventCountHeader] = v.meta.eventCount;
      if (v.meta.channels !== undefined) headers['x-channel-count'] = v.meta.channels;
      return send(res, 200, v.bytes, 'application/octet-stream', headers);
    }
    sendResult(res, r);
  }

  async function handleUpload(req: http.IncomingMessage, res: http.ServerResponse, session: string | null): Promise<void> {
    // Who may upload = who may import (tubes.import's roles).
    const auth = backend.dispatch.authorize(contract['tubes.import'].roles, session, 'tubes.import');
    if (!auth.ok || !auth.actor) {
      // Answer at once and drop the connection rather than reading a large body we will not keep.
      res.setHeader('Connection', 'close');
      return sendResult(res, auth.ok ? errorResult('UNAUTHENTICATED', 'log in first') : auth);
    }
    let fileName = 'upload.fcs';
    const raw = req.headers[HTTP.fileNameHeader];
    if (typeof raw === 'string' && raw.length) {
      try { fileName = decodeURIComponent(raw); } catch { fileName = raw; }
    }
    const declared = req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : undefined;
    try {
      const u = await backend.services.uploads.fromStream(req, fileName, auth.actor.user.id, declared);
      sendResult(res, { ok: true, value: { uploadId: u.id } });
    } catch (e) {
      if (e instanceof ServiceError) {
        const status = STATUS[e.code] ?? 400;
        // Close after answering: the client may still be sending a body we will not read.
        res.setHeader('Connection', 'close');
        return send(res, status, JSON.stringify({ ok: false, error: e.toApiError() }), 'application/json; charset=utf-8');
      }
      throw e;
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isLoopbackAddress(req.socket.remoteAddress)) {
      req.resume();
      return send(res, 403, 'loopback only', 'text/plain; charset=utf-8');
    }
    if (!isAllowedHost(req.headers.host, port)) {
      req.resume();
      return send(res, 403, 'host not allowed', 'text/plain; charset=utf-8');
    }
    const origin = req.headers.origin;
    if (!isAllowedOrigin(origin, port, extraOrigins)) {
      req.resume();
      return send(res, 403, 'origin not allowed', 'text/plain; charset=utf-8');
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const pathname = url.pathname;
    if (pathname.startsWith('/api/')) {
      if (req.method !== 'POST') {
        req.resume();
        return send(res, 405, JSON.stringify(errorResult('METHOD_NOT_ALLOWED', 'use POST')), 'application/json; charset=utf-8', { Allow: 'POST' });
      }
      const launch = req.headers[HTTP.launchTokenHeader];
      if (!sameToken(typeof launch === 'string' ? launch : undefined, launchToken)) {
        req.resume();
        return sendResult(res, errorResult('UNAUTHENTICATED', 'missing or wrong launch token (reload the page)'));
      }
      const sessionRaw = req.headers[HTTP.sessionHeader];
      const session = typeof sessionRaw === 'string' && sessionRaw.length ? sessionRaw : null;
      if (pathname === HTTP.uploadPath) return handleUpload(req, res, session);
      if (pathname.startsWith('/api/call/')) return handleCall(req, res, pathname.slice('/api/call/'.length), session);
      req.resume();
      return sendResult(res, errorResult('NOT_FOUND', `no API route ${pathname}`));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      req.resume();
      return send(res, 405, 'method not allowed', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD' });
    }
    serveStatic(req, res, pathname);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) { res.destroy(); return; }
      if (e instanceof ServiceError) {
        res.setHeader('Connection', 'close');
        return sendResult(res, { ok: false, error: e.toApiError() });
      }
      backend.ctx.log(`OncoFlow: HTTP ${req.method} ${req.url} failed: ${(e as Error)?.stack ?? String(e)}`);
      sendResult(res, errorResult('INTERNAL', 'internal error'));
    });
  });
  // Uploads of up to 2 GiB over loopback can take a while; do not cut them off.
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1' }, () => { server.off('error', reject); resolve(); });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    launchToken,
    server,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
