// The main window's options and the app's origin, as pure values so the security checklist can be
// tested without Electron (tests/unit/api/electron-security.test.ts). Electron security checklist:
// https://www.electronjs.org/docs/latest/tutorial/security (items 2–6, 8, 11–14 here; the rest in
// main.ts: permission handler, navigation and window-open guards, IPC sender checks, custom protocol).
import type { BrowserWindowConstructorOptions } from 'electron';
export { CONTENT_SECURITY_POLICY } from '../backend/http/security';

/** The renderer is served from app://oncoflow/ (a privileged standard scheme), never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'oncoflow';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs of our own renderer (navigation allow-list, IPC sender check). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    title: 'OncoFlow',
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      // The renderer gets no Node.js, runs in Chromium's sandbox, and sees only the contextBridge API.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: process.env.ONCOFLOW_DEVTOOLS === '1',
    },
  };
}
