// The thin slice, driven as a user drives it in web mode: first admin login with the forced
// password change, the empty worklist, registering a sample (a bad CURP is refused next to its
// field), importing a real FACSCanto II file and seeing a dot plot of EVERY one of its events.
// The steps share one server and one browser page and run in order.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { refdata } from '../helpers/paths';
import {
  INITIAL_ADMIN_PASSWORD,
  NEW_ADMIN_PASSWORD,
  launchBrowser,
  loginAsNewAdmin,
  manifestEventCount,
  SCREENSHOT_DIR,
  screenshot,
  screenshotIfFailed,
  seriousProblems,
  startServer,
  type BrowserSession,
  type RunningServer,
} from './helpers';

const FCS = 'fcs/flowworkspacedata_124500_FACSCantoII_Diva6.1.3.fcs';
const VALID_CURP = 'HEGG560427MVZRRL04'; // domain.md: a valid CURP
const BAD_CHECK_DIGIT_CURP = 'HEGG560427MVZRRL05';

/** Waits until the dot plot has finished drawing and returns the events it reports plotted. */
async function plottedCount(page: Page): Promise<number> {
  const plot = page.getByTestId('plot');
  await expect.poll(() => plot.getAttribute('data-state'), { timeout: 90_000, interval: 250 }).toBe('ready');
  return Number(await plot.getAttribute('data-point-count'));
}

describe('thin slice in web mode', () => {
  let server: RunningServer;
  let s: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    s = await launchBrowser();
    page = s.page;
    await page.goto(server.url);
  });

  afterEach(async (ctx) => screenshotIfFailed(s?.page, ctx));

  afterAll(async () => {
    if (s?.problems.length) console.log('browser problems:\n' + s.problems.join('\n'));
    await s?.close();
    await server?.stop();
  });

  it('refuses a wrong password at login with the server error code', async () => {
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    await page.getByLabel('Usuario').fill('admin');
    await page.getByLabel('Contraseña', { exact: true }).fill('no-es-la-contraseña');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/UNAUTHENTICATED/);
    await screenshot(page, '01-login-error');
  });

  it('forces the first-time administrator to change the password before anything else', async () => {
    await page.getByLabel('Usuario').fill('admin');
    await page.getByLabel('Contraseña', { exact: true }).fill(INITIAL_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { name: 'Cambiar contraseña' }).waitFor();
    await screenshot(page, '02-password-change');
    // Going straight to another page still lands on the password change.
    await page.evaluate(() => {
      window.location.hash = '#/samples/new';
    });
    await page.getByRole('heading', { name: 'Cambiar contraseña' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Registrar muestra' }).count()).toBe(0);
    await page.evaluate(() => {
      window.location.hash = '#/samples';
    });
    await page.getByLabel('Contraseña actual').fill(INITIAL_ADMIN_PASSWORD);
    await page.getByLabel('Contraseña nueva', { exact: true }).fill(NEW_ADMIN_PASSWORD);
    await page.getByLabel('Confirmar contraseña nueva').fill(NEW_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Guardar contraseña' }).click();
    await page.getByRole('heading', { name: 'Lista de trabajo' }).waitFor();
  });

  it('shows the logged-in user and role in the header', async () => {
    const header = page.getByRole('banner');
    await expect.poll(() => header.textContent()).toContain('Administrador');
    expect(await header.getByRole('button', { name: 'Cerrar sesión' }).isVisible()).toBe(true);
  });

  it('shows an empty worklist with the demonstration-data button on a fresh database', async () => {
    await page.getByRole('heading', { name: 'No hay muestras registradas' }).waitFor();
    expect(await page.getByRole('button', { name: 'Cargar datos de demostración' }).isVisible()).toBe(true);
    await screenshot(page, '03-worklist-empty');
  });

  it('shows the server validation error next to the CURP field for a wrong check digit', async () => {
    await page.getByRole('link', { name: 'Registrar muestra' }).click();
    await page.getByRole('heading', { name: 'Registrar muestra' }).waitFor();
    await page.getByLabel('Nombre completo').fill('GARCIA HERNANDEZ GUADALUPE');
    await page.getByLabel('CURP').fill(BAD_CHECK_DIGIT_CURP);
    await page.getByLabel('NSS').fill('92919084431');
    await page.getByLabel('Fecha de nacimiento').fill('2016-04-27');
    await page.getByLabel('Sexo').selectOption({ label: 'Femenino' });
    await page.getByLabel('Centro de origen').selectOption({ index: 1 });
    await page.getByLabel('Tipo de muestra').selectOption({ label: 'Médula ósea' });
    await page.getByLabel('Tipo de estudio').selectOption({ label: 'Diagnóstico' });
    await page.getByLabel('Fecha y hora de toma').fill('2026-11-25T19:30');
    await page.getByLabel('Fecha y hora de recepción').fill('2026-11-26T08:15');
    await page.getByLabel('Temperatura a la llegada (°C)').fill('6');
    await page.getByRole('button', { name: 'Registrar muestra' }).click();

    const curp = page.getByLabel('CURP');
    await expect.poll(() => curp.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await curp.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    expect(errorId).toBeDefined();
    expect(await page.locator(`#${errorId}`).textContent()).toBe('CURP: el dígito verificador (posición 18) no corresponde.');
    await screenshot(page, '04-intake-bad-curp');
  });

  it('registers the sample once the CURP is corrected and opens it', async () => {
    await page.getByLabel('CURP').fill(VALID_CURP);
    await page.getByRole('button', { name: 'Registrar muestra' }).click();
    await page.getByRole('heading', { name: /^Muestra OF-\d{4}-\d{6}/ }).waitFor();
    expect(await page.getByText('GARCIA HERNANDEZ GUADALUPE').isVisible()).toBe(true);
    expect(await page.getByText('Aún no hay tubos importados para esta muestra.').isVisible()).toBe(true);
  });

  it("imports a FACSCanto II file and plots every one of its $TOT events", async () => {
    const tot = manifestEventCount(FCS);
    expect(tot).toBe(19090);
    const chooser = page.waitForEvent('filechooser');
    await page.getByText('seleccione un archivo').click();
    await (await chooser).setFiles(refdata(FCS));
    await page.getByText(/Archivo .* importado\./).waitFor({ timeout: 60_000 });
    expect(await plottedCount(page)).toBe(tot);
    expect(await page.getByText(`${tot.toLocaleString('es-MX')} eventos`).first().isVisible()).toBe(true);
    await screenshot(page, '05-sample-plot-fsc-ssc');
  });

  it('replots every event after the user picks two other channels by marker', async () => {
    const tot = manifestEventCount(FCS);
    await page.getByLabel('Parámetro eje X').selectOption({ label: 'PE-A — CD3' });
    await page.getByLabel('Parámetro eje Y').selectOption({ label: 'Bd Horizon V450-A — CD44' });
    const plot = page.getByTestId('plot');
    await expect.poll(() => plot.getAttribute('aria-label')).toBe('PE-A — CD3 × Bd Horizon V450-A — CD44');
    expect(await plottedCount(page)).toBe(tot);
  });

  it('draws the two fluorescence channels on logicle with decade ticks in channel units', async () => {
    const tot = manifestEventCount(FCS);
    // Fluorescence channels start on logicle; FSC/SSC started on linear.
    expect(await page.getByLabel('Escala eje X').inputValue()).toBe('logicle');
    expect(await page.getByLabel('Escala eje Y').inputValue()).toBe('logicle');
    expect(await plottedCount(page)).toBe(tot);
    const xLabels = await page.locator('[data-testid="plot"] .xtick text').allTextContents();
    const yLabels = await page.locator('[data-testid="plot"] .ytick text').allTextContents();
    for (const labels of [xLabels, yLabels]) {
      expect(labels).toContain('0');
      expect(labels).toContain('10³');
      expect(labels).toContain('10⁴');
    }
    await screenshot(page, '10-logicle');
    // The plot alone at full resolution, to read the tick labels.
    await page.getByTestId('plot').screenshot({ path: path.join(SCREENSHOT_DIR, '10-logicle-plot.png') });
  });

  it('switches each axis to arcsinh on its own and still plots every event', async () => {
    const tot = manifestEventCount(FCS);
    await page.getByLabel('Escala eje X').selectOption('arcsinh');
    expect(await plottedCount(page)).toBe(tot);
    expect(await page.getByLabel('Escala eje Y').inputValue()).toBe('logicle');
    await page.getByLabel('Escala eje Y').selectOption('arcsinh');
    expect(await plottedCount(page)).toBe(tot);
    expect(await page.locator('[data-testid="plot"] .xtick text').allTextContents()).toContain('10³');
    await screenshot(page, '06-sample-plot-cd3-cd44-arcsinh');
  });

  it('re-bins the zoomed region when the user drags a box on the plot, keeping the total count', async () => {
    const tot = manifestEventCount(FCS);
    const area = await page.locator('[data-testid="plot"] .nsewdrag').boundingBox();
    expect(area).not.toBeNull();
    const { x, y, width, height } = area!;
    await page.mouse.move(x + width * 0.1, y + height * 0.2);
    await page.mouse.down();
    await page.mouse.move(x + width * 0.4, y + height * 0.6, { steps: 8 });
    await page.mouse.up();
    const inView = page.getByText(/en la vista ampliada$/);
    await inView.waitFor();
    const shown = Number((await inView.textContent())!.replace(/\D/g, ''));
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(tot);
    expect(await plottedCount(page)).toBe(tot);
    await screenshot(page, '06b-plot-zoomed');
    await page.getByRole('button', { name: 'Vista completa' }).click();
    await inView.waitFor({ state: 'detached' });
  });

  it('shows the backend error code and message when the chosen file is not an FCS file', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByText('seleccione un archivo').click();
    await (await chooser).setFiles(refdata('fcs/fcsparser_corrupted.fcs'));
    const alert = page.getByRole('alert').filter({ hasText: 'No se pudo importar fcsparser_corrupted.fcs' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/[A-Z_]{4,}: \S/);
    expect(await page.getByRole('button', { name: /^Ver tubo/ }).count()).toBe(1);
    await screenshot(page, '07-import-error');
  });

  it('imports a second file dropped on the drop zone and plots all of its events', async () => {
    const dropped = 'fcs/flowcal_Data002_FACSCantoII_Diva6.1.3_FCS2.0.fcs';
    const bytes = fs.readFileSync(refdata(dropped)).toString('base64');
    // What the browser hands the page when a file is dragged in from the desktop.
    const dataTransfer = await page.evaluateHandle(
      ({ b64, name }) => {
        const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([raw], name, { type: 'application/octet-stream' }));
        return dt;
      },
      { b64: bytes, name: path.basename(dropped) },
    );
    const zone = page.getByTestId('fcs-dropzone');
    await zone.dispatchEvent('dragover', { dataTransfer });
    await zone.dispatchEvent('drop', { dataTransfer });
    await page.getByText(`Archivo ${path.basename(dropped)} importado.`).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByRole('button', { name: /^Ver tubo/ }).count()).toBe(2);
    // The new tube is selected and plotted (its own $TOT, not the first tube's 19 090).
    const plot = page.getByTestId('plot');
    await expect.poll(() => plot.getAttribute('data-point-count'), { timeout: 60_000 }).toBe(String(manifestEventCount(dropped)));
  });

  it('lists the new sample in the worklist', async () => {
    await page.getByRole('link', { name: 'Lista de trabajo' }).first().click();
    await page.getByRole('heading', { name: 'Lista de trabajo' }).waitFor();
    await page.getByRole('cell', { name: 'GARCIA HERNANDEZ GUADALUPE' }).waitFor();
    await screenshot(page, '08-worklist-one-sample');
  });

  it('switches every label to English and back with the language selector', async () => {
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('heading', { name: 'Worklist' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await page.getByLabel('Language').selectOption('es-MX');
    await page.getByRole('heading', { name: 'Lista de trabajo' }).waitFor();
  });

  it('keeps the user signed in across a page reload', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Lista de trabajo' }).waitFor();
  });

  it('signs out to the login page, and a reload does not bring the session back', async () => {
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    expect(await page.getByRole('button', { name: 'Cerrar sesión' }).count()).toBe(0);
  });

  it('raised no script error and no Content-Security-Policy violation along the way', () => {
    expect(seriousProblems(s.problems)).toEqual([]);
  });
});

describe('demonstration data in web mode', () => {
  let server: RunningServer;
  let s: BrowserSession;

  beforeAll(async () => {
    server = await startServer();
    s = await launchBrowser();
    await s.page.goto(server.url);
    await loginAsNewAdmin(s.page);
  });

  afterEach(async (ctx) => screenshotIfFailed(s?.page, ctx));

  afterAll(async () => {
    if (s?.problems.length) console.log('browser problems:\n' + s.problems.join('\n'));
    await s?.close();
    await server?.stop();
  });

  it('fills the empty worklist when the user clicks "Cargar datos de demostración"', async () => {
    const page = s.page;
    await page.getByRole('button', { name: 'Cargar datos de demostración' }).click();
    await page.getByText('Datos de demostración cargados.').waitFor({ timeout: 120_000 });
    const rows = page.getByRole('table').getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    await screenshot(page, '09-worklist-demo');
  });
});
