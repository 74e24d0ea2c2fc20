// A tube of one million events (synthetic ALOT, shared/synthetic) imported through the UI: the dot
// plot must still account for every event, and within a time a user accepts on this machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateAlotTube } from '../../shared/synthetic/alot';
import { tubeToFcs } from '../../shared/synthetic/fcs';
import { chooseFcsFile, launchBrowser, registerSample, loginAsNewAdmin, screenshot, screenshotIfFailed, seriousProblems, startServer, type BrowserSession, type RunningServer } from './helpers';

const EVENTS = 1_000_000;

describe('a one-million-event tube in web mode', () => {
  let server: RunningServer;
  let s: BrowserSession;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncoflow-e2e-large-'));
    file = path.join(dir, 'ALOT_1M_sintetico.fcs');
    fs.writeFileSync(file, tubeToFcs(generateAlotTube({ seed: 20261126, category: 'PRE_B_ALL', events: EVENTS, instrument: 'canto' })));
    server = await startServer();
    s = await launchBrowser();
    await s.page.goto(server.url);
    await loginAsNewAdmin(s.page);
  });

  afterEach(async (ctx) => screenshotIfFailed(s?.page, ctx));

  afterAll(async () => {
    await s?.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports the file and plots all one million events within 30 seconds', async () => {
    const page = s.page;
    await registerSample(page, { name: 'PACIENTE SINTETICO UN MILLON', tempId: 'TMP-UMAE01-20261126-001', centerIndex: 3, collected: '2026-11-25T22:00', received: '2026-11-26T07:40' });

    const t0 = Date.now();
    await chooseFcsFile(page, file);
    const plot = page.getByTestId('plot');
    await expect.poll(() => plot.getAttribute('data-state'), { timeout: 120_000, interval: 250 }).toBe('ready');
    const seconds = (Date.now() - t0) / 1000;
    console.log(`1M-event tube: file chosen → plot drawn in ${seconds.toFixed(1)} s`);
    expect(Number(await plot.getAttribute('data-point-count'))).toBe(EVENTS);
    expect(await page.getByText('1,000,000 eventos', { exact: true }).isVisible()).toBe(true);
    expect(seconds).toBeLessThan(30);
    await screenshot(page, 'large-1M-fsc-ssc');
  });

  it('replots all one million events for CD45 against SSC-A within 10 seconds', async () => {
    const page = s.page;
    const x = page.getByLabel('Parámetro eje X');
    const options = await x.locator('option').allTextContents();
    const cd45 = options.find((o) => /CD45/i.test(o));
    expect(cd45).toBeDefined();
    const t0 = Date.now();
    await x.selectOption({ label: cd45! });
    await page.getByLabel('Escala eje X').selectOption('logicle');
    const plot = page.getByTestId('plot');
    await expect.poll(() => plot.getAttribute('aria-label')).toContain('CD45');
    await expect.poll(() => plot.getAttribute('data-state'), { timeout: 60_000, interval: 100 }).toBe('ready');
    const seconds = (Date.now() - t0) / 1000;
    console.log(`1M-event tube: new channel pair drawn in ${seconds.toFixed(1)} s`);
    expect(Number(await plot.getAttribute('data-point-count'))).toBe(EVENTS);
    expect(seconds).toBeLessThan(10);
    await screenshot(page, 'large-1M-cd45-ssc-logicle');
  });

  it('raised no script error and no Content-Security-Policy violation', () => {
    expect(seriousProblems(s.problems)).toEqual([]);
  });
});
