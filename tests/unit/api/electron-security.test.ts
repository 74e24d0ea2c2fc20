// Electron hardening checklist (https://www.electronjs.org/docs/latest/tutorial/security), checked
// on the pure values the main process uses: the BrowserWindow options and the CSP.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/paths';
import { CONTENT_SECURITY_POLICY, APP_START_URL, isAppUrl, mainWindowOptions } from '../../../electron/main/window';
import { isAllowedHost, isAllowedOrigin, isLoopbackAddress } from '../../../electron/backend/http/security';

const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
  const [k, ...v] = d.trim().split(/\s+/);
  return [k!, v] as const;
}));

describe('BrowserWindow options', () => {
  const wp = mainWindowOptions('/app/dist/electron/preload.cjs').webPreferences!;

  it('isolates the context, sandboxes the renderer and gives it no Node.js', () => {
    expect(wp.contextIsolation).toBe(true);
    expect(wp.sandbox).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and refuses insecure content, experimental features and <webview>', () => {
    expect(wp.webSecurity).toBe(true);
    expect(wp.allowRunningInsecureContent).toBe(false);
    expect(wp.experimentalFeatures).toBe(false);
    expect(wp.webviewTag).toBe(false);
    expect(wp.navigateOnDragDrop).toBe(false);
    expect((wp as Record<string, unknown>).enableRemoteModule).toBeUndefined();
    expect(wp.enableBlinkFeatures).toBeUndefined();
  });

  it('loads our preload only', () => {
    expect(wp.preload).toBe('/app/dist/electron/preload.cjs');
  });
});

describe('app origin', () => {
  it('starts from the app:// origin and trusts only it for navigation and IPC', () => {
    expect(isAppUrl(APP_START_URL)).toBe(true);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://other/index.html', 'app://user:pw@oncoflow/', 'http://127.0.0.1:3000/', '', undefined]) {
      expect(isAppUrl(url)).toBe(false);
    }
  });
});

describe('Content Security Policy', () => {
  it("allows only the app's own scripts: no inline script, no eval, no remote hosts", () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('allows inline styles (plotly injects them), data:/blob: images and blob: workers', () => {
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
  });

  it('forbids plugins, base rewriting, form posts and framing', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

describe('web-mode network checks', () => {
  it('accepts loopback peers only', () => {
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.1.2.3']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['10.0.0.1', '192.168.1.5', '::ffff:10.0.0.1', undefined]) expect(isLoopbackAddress(a)).toBe(false);
  });

  it('accepts only loopback Host headers on our port, and only our own Origin', () => {
    expect(isAllowedHost('127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedHost('localhost:4000', 4000)).toBe(true);
    expect(isAllowedHost('evil.example:4000', 4000)).toBe(false);
    expect(isAllowedHost('127.0.0.1:4001', 4000)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedOrigin('http://evil.example', 4000)).toBe(false);
    expect(isAllowedOrigin('null', 4000)).toBe(false);
  });
});

describe('main-process hardening (wired in electron/main/main.ts)', () => {
  // main.ts needs the Electron runtime; this checks the wiring is present in its source.
  const source = fs.readFileSync(path.join(REPO_ROOT, 'electron', 'main', 'main.ts'), 'utf8');
  const ipc = fs.readFileSync(path.join(REPO_ROOT, 'electron', 'main', 'ipc.ts'), 'utf8');

  it.each([
    ['a single-instance lock', 'requestSingleInstanceLock()'],
    ['the sandbox for every renderer', 'app.enableSandbox()'],
    ['all permission requests denied', 'setPermissionRequestHandler((_wc, _permission, callback) => callback(false))'],
    ['permission checks denied', 'setPermissionCheckHandler(() => false)'],
    ['navigation outside the app blocked', "contents.on('will-navigate'"],
    ['new windows denied', "setWindowOpenHandler(() => ({ action: 'deny' }))"],
    ['<webview> attachment blocked', "contents.on('will-attach-webview'"],
    ['the CSP header on every response', 'onHeadersReceived'],
    ['the renderer served from the app:// protocol', 'protocol.handle(APP_SCHEME'],
  ])('has %s', (_what, needle) => {
    expect(source).toContain(needle);
  });

  it('checks the IPC sender frame on both channels', () => {
    expect(ipc.match(/event\.senderFrame\?\.url/g)).toHaveLength(2);
  });
});
