// End-to-end plumbing: the real web-mode server (`oncoflow serve`) on a fresh data folder, and a
// headless Chromium with a fresh profile. Screenshots go to test-results/e2e/<name>.png.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { REPO_ROOT, refdata } from '../helpers/paths';

export const CHROMIUM = process.env.ONCOFLOW_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');
export const INITIAL_ADMIN_PASSWORD = 'Inicio-Temporal-2026';
export const NEW_ADMIN_PASSWORD = 'Citometria-Segura-2026';

export interface RunningServer {
  url: string;
  dataDir: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/** Spawns `node bin/oncoflow.cjs serve --port 0` and resolves with the URL it prints. */
export async function startServer(): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncoflow-e2e-data-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'oncoflow.cjs'), 'serve', '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ONCOFLOW_DATA_DIR: dataDir, ONCOFLOW_INITIAL_ADMIN_PASSWORD: INITIAL_ADMIN_PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server printed no URL within 30 s:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+[^\s"']*/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before printing a URL:\n${out}`));
    });
  });
  return {
    url,
    dataDir,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught page errors and CSP violations seen so far ("kind: text"). */
  problems: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserSession> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  // A fresh context is a fresh profile: no cookies, storage or cache from earlier runs.
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'es-MX', timezoneId: 'America/Mexico_City' });
  // Fail fast with the locator in the message rather than after playwright's 30 s default.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // Web Workers (the dot plot's density worker) report CSP refusals on their own console, not as
  // a securitypolicyviolation event on the document.
  page.on('worker', (w) =>
    w.on('console', (m: ConsoleMessage) => {
      const text = m.text();
      if (/Content Security Policy/i.test(text)) problems.push(`csp: (worker ${w.url()}) ${text}`);
      else if (m.type() === 'error') problems.push(`console: (worker) ${text}`);
    }),
  );
  // The app runs under a strict CSP (script-src 'self'); a library that needs eval or remote
  // content would silently degrade, so violations are collected and asserted on.
  await page.exposeFunction('__oncoflowCspViolation', (text: string) => problems.push(`csp: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __oncoflowCspViolation: (t: string) => void }).__oncoflowCspViolation;
      void report(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return {
    browser,
    context,
    page,
    problems,
    async close() {
      await context.close();
      await browser.close();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** $TOT of an FCS file as recorded in refdata/manifest.json (first data set). */
export function manifestEventCount(relativePath: string): number {
  const manifest = JSON.parse(fs.readFileSync(refdata('manifest.json'), 'utf8')) as {
    files: Record<string, { datasets: { tot: number }[] }>;
  };
  const entry = manifest.files[relativePath];
  if (!entry) throw new Error(`${relativePath} is not in refdata/manifest.json`);
  return entry.datasets[0].tot;
}

/** Logs in as the seeded admin and completes the forced password change, as a user would. */
export async function loginAsNewAdmin(page: Page): Promise<void> {
  await page.getByLabel('Usuario').fill('admin');
  await page.getByLabel('Contraseña', { exact: true }).fill(INITIAL_ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('heading', { name: 'Cambiar contraseña' }).waitFor();
  await page.getByLabel('Contraseña actual').fill(INITIAL_ADMIN_PASSWORD);
  await page.getByLabel('Contraseña nueva', { exact: true }).fill(NEW_ADMIN_PASSWORD);
  await page.getByLabel('Confirmar contraseña nueva').fill(NEW_ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Guardar contraseña' }).click();
  await page.getByRole('heading', { name: 'Lista de trabajo' }).waitFor();
}

/** Problems that mean the app is broken, as opposed to expected failed requests (401, 400 …). */
export function seriousProblems(problems: readonly string[]): string[] {
  return problems.filter((p) => p.startsWith('pageerror:') || p.startsWith('csp:'));
}

/** For afterEach: a screenshot named after the failed test, to see what the user would have seen. */
export async function screenshotIfFailed(page: Page | undefined, ctx: { task: { name: string; result?: { state?: string } } }): Promise<void> {
  if (!page || ctx.task.result?.state !== 'fail') return;
  const slug = ctx.task.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60);
  await screenshot(page, `FAILED-${slug}`).catch(() => undefined);
}

/** What the intake form needs for one sample; the patient has a CURP or a temporary ID. */
export interface SampleForm {
  name: string;
  curp?: string;
  tempId?: string;
  centerIndex?: number;
  studyType?: string;
  collected: string;
  received: string;
}

/**
 * Registers a sample through the intake form as a clerk would (keyboard and mouse on labelled
 * fields) and waits for the sample page. `via` is the header link that opens the form.
 */
export async function registerSample(page: Page, f: SampleForm, via: 'Registrar muestra' | 'Nueva muestra' = 'Registrar muestra'): Promise<void> {
  await page.getByRole('link', { name: via }).click();
  await page.getByRole('heading', { name: 'Registrar muestra' }).waitFor();
  await page.getByLabel('Nombre completo').fill(f.name);
  if (f.curp) await page.getByLabel('CURP').fill(f.curp);
  if (f.tempId) await page.getByLabel('ID temporal').fill(f.tempId);
  await page.getByLabel('Centro de origen').selectOption({ index: f.centerIndex ?? 1 });
  await page.getByLabel('Tipo de muestra').selectOption({ label: 'Médula ósea' });
  await page.getByLabel('Tipo de estudio').selectOption({ label: f.studyType ?? 'Diagnóstico' });
  await page.getByLabel('Fecha y hora de toma').fill(f.collected);
  await page.getByLabel('Fecha y hora de recepción').fill(f.received);
  await page.getByRole('button', { name: 'Registrar muestra' }).click();
  await page.getByRole('heading', { name: /^Muestra OF-\d{4}-\d{6}/ }).waitFor();
}

/** Picks a file in the sample page's import box through the browser's file chooser. */
export async function chooseFcsFile(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('seleccione un archivo').click();
  await (await chooser).setFiles(file);
}
