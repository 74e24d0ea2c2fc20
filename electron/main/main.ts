// Electron main process: lifecycle, hardening, the app:// protocol, IPC. Thin: all work happens in
// electron/backend (the same services web mode uses).
import { app, BrowserWindow, dialog, protocol, session } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { createBackend, defaultDataDir, type Backend } from '../backend/backend';
import { SchemaTooNewError } from '../backend/db/migrate';
import { INITIAL_PASSWORD_FILE } from '../backend/services/auth';
import { SECURITY_HEADERS } from '../backend/http/security';
import { registerIpc } from './ipc';
import { APP_HOST, APP_SCHEME, APP_START_URL, isAppUrl, mainWindowOptions } from './window';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.map': 'application/json', '.wasm': 'application/wasm',
};

const rendererDir = path.join(__dirname, '..', 'renderer');
let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;

// One OncoFlow per user: a second launch focuses the first (one writer to the database).
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // Every web contents, present and future: no navigation away from the app, no new windows, no
  // <webview>.
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => { if (!isAppUrl(url)) event.preventDefault(); });
    contents.on('will-redirect', (event, url) => { if (!isAppUrl(url)) event.preventDefault(); });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => { backend?.close(); backend = null; });
  app.whenReady().then(start).catch((e: unknown) => {
    dialog.showErrorBox('OncoFlow', (e as Error)?.message ?? String(e));
    app.exit(1);
  });
}

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    let rel = decodeURIComponent(url.pathname);
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = path.resolve(rendererDir, '.' + rel);
    if (!file.startsWith(rendererDir + path.sep)) return new Response('not found', { status: 404 });
    let body: Buffer;
    try {
      body = await fs.promises.readFile(file);
    } catch {
      // Client-side routes fall back to the app; missing assets are 404.
      if (path.extname(rel)) return new Response('not found', { status: 404 });
      body = await fs.promises.readFile(path.join(rendererDir, 'index.html'));
      rel = '/index.html';
    }
    const type = MIME[path.extname(rel).toLowerCase()] ?? 'application/octet-stream';
    return new Response(new Uint8Array(body), { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': type } });
  });
}

async function start(): Promise<void> {
  const dataDir = defaultDataDir();
  try {
    backend = await createBackend({ dataDir, mode: 'electron' });
  } catch (e) {
    if (e instanceof SchemaTooNewError) {
      dialog.showErrorBox('OncoFlow', e.message);
      app.exit(1);
      return;
    }
    throw e;
  }

  // Deny every permission request (camera, notifications, geolocation …): the app needs none.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // CSP on every response the session sees, in case anything bypasses the app:// handler.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [SECURITY_HEADERS['Content-Security-Policy']!] } });
  });

  serveRenderer();
  registerIpc(backend);

  mainWindow = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.cjs')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => { mainWindow = null; });
  await mainWindow.loadURL(APP_START_URL);

  const generated = backend.seeded.generatedPassword;
  if (generated) {
    await dialog.showMessageBox(mainWindow, {
      type: 'info',
      title: 'OncoFlow',
      message: 'Primer inicio: administrador inicial / first start: initial administrator',
      detail: `Usuario / user: admin\nContraseña / password: ${generated}\n\nSe pedirá cambiarla al entrar. / You must change it at first login.\n(${path.join(dataDir, INITIAL_PASSWORD_FILE)})`,
    });
  }
}
