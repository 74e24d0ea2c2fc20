// The same thin slice inside the Electron app (IPC transport instead of HTTP). Runs only where the
// Electron binary is installed (`require('electron')` resolves to an existing executable); the
// CI image for this repository ships electron for its types only, so there it is skipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { REPO_ROOT, refdata } from '../helpers/paths';
import { INITIAL_ADMIN_PASSWORD, chooseFcsFile, loginAsNewAdmin, registerSample, manifestEventCount, screenshot } from './helpers';

function electronBinary(): string | null {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const FCS = 'fcs/flowworkspacedata_124500_FACSCantoII_Diva6.1.3.fcs';
if (!binary) console.log('electron e2e skipped: no Electron binary on this machine');

const suiteName = binary ? 'thin slice in the Electron app' : 'thin slice in the Electron app (skipped: no Electron binary on this machine)';

describe.skipIf(!binary)(suiteName, () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncoflow-e2e-electron-'));
    app = await _electron.launch({
      executablePath: binary!,
      args: [path.join(REPO_ROOT, 'dist', 'electron', 'main.cjs'), '--no-sandbox', '--disable-gpu', `--user-data-dir=${path.join(dataDir, 'profile')}`],
      cwd: REPO_ROOT,
      env: { ...process.env, ONCOFLOW_DATA_DIR: dataDir, ONCOFLOW_INITIAL_ADMIN_PASSWORD: INITIAL_ADMIN_PASSWORD },
    });
    page = await app.firstWindow();
  });

  afterAll(async () => {
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs in, registers a sample, imports a FACSCanto II file and plots every event', async () => {
    await loginAsNewAdmin(page);
    await registerSample(page, { name: 'PACIENTE ELECTRON PRUEBA', tempId: 'TMP-UMAE01-20261126-002', collected: '2026-11-25T19:30', received: '2026-11-26T08:15' });
    await chooseFcsFile(page, refdata(FCS));
    const plot = page.getByTestId('plot');
    await expect.poll(() => plot.getAttribute('data-state'), { timeout: 90_000 }).toBe('ready');
    expect(Number(await plot.getAttribute('data-point-count'))).toBe(manifestEventCount(FCS));
    await screenshot(page, 'electron-sample-plot');
  });
});

