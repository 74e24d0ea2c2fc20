// Clinical interpretation driven as the analyst drives it (issue #7): register a sample, import a
// generated ALOT tube (known truth: T-ALL), ask OncoFlow for a lineage suggestion, read the
// category and the marker table, correct it with a reason (a reason is required), see the history,
// and assign the risk group. Screenshots: test-results/e2e/interp-*.png.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateAlotTube, generateMrdTube, mrdGatingML, MRD_GATE_IDS, tubeToFcs } from '../../shared/synthetic';
import { assignRiskGroup, CATEGORY_LABELS, classifyDataset, mrdFromGating, RISK_GROUP_LABELS } from '../../shared/clinical';
import { parseFcs } from '../../shared/fcs/parse';
import { readGatingML } from '../../shared/gating/gatingml/read';
import { chooseFcsFile, launchBrowser, registerSample, loginAsNewAdmin, screenshot, screenshotIfFailed, seriousProblems, startServer, type BrowserSession, type RunningServer } from './helpers';

describe('ALOT interpretation in web mode', () => {
  let server: RunningServer;
  let s: BrowserSession;
  let page: Page;
  let fcsDir: string;
  let fcsFile: string;
  /** The engine's suggestion on the same bytes: the numbers the panel must show. */
  let expected: ReturnType<typeof classifyDataset>['suggestion'];
  // As the app shows percentages: cut, not rounded (a shown value never crosses a cut-off).
  const pct = (p: number) => new Intl.NumberFormat('es-MX', { minimumFractionDigits: 1, maximumFractionDigits: 1, roundingMode: 'trunc' } as Intl.NumberFormatOptions).format(p);

  beforeAll(async () => {
    fcsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncoflow-e2e-alot-'));
    fcsFile = path.join(fcsDir, 'ALOT_T-ALL_seed4.fcs');
    const bytes = tubeToFcs(generateAlotTube({ seed: 4, category: 'T_ALL', blastPercent: 35 }));
    fs.writeFileSync(fcsFile, bytes);
    expected = classifyDataset(parseFcs(bytes)).suggestion;
    server = await startServer();
    s = await launchBrowser();
    page = s.page;
    await page.goto(server.url);
    await loginAsNewAdmin(page);
  });

  afterEach(async (ctx) => screenshotIfFailed(s?.page, ctx));

  afterAll(async () => {
    if (s?.problems.length) console.log('browser problems:\n' + s.problems.join('\n'));
    await s?.close();
    await server?.stop();
    if (fcsDir) fs.rmSync(fcsDir, { recursive: true, force: true });
  });

  it('registers a diagnosis sample and imports a generated ALOT tube', async () => {
    await registerSample(page, { name: 'LOPEZ RAMIREZ JUAN', curp: 'HEGG560427MVZRRL04', collected: '2026-11-25T19:30', received: '2026-11-26T08:15' });
    await chooseFcsFile(page, fcsFile);
    await page.getByText(/Archivo .* importado\./).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Interpretación ALOT' }).waitFor();
    // The panel loads the tube's history after it appears: wait for it rather than sample it once.
    await page.getByText('Aún no hay sugerencia para este tubo.').waitFor({ timeout: 10_000 });
  });

  it('shows the suggested category, blast % and the marker table after "Sugerir linaje"', async () => {
    await page.getByRole('button', { name: 'Sugerir linaje' }).click();
    const category = page.getByTestId('suggested-category');
    await category.waitFor({ timeout: 60_000 });
    expect(await category.textContent()).toBe(CATEGORY_LABELS.T_ALL.es);
    const panel = page.getByTestId('lineage-panel');
    expect(await panel.getByText(/Regla L3: LLA-T: cyCD3\+, smCD3 bajo, CD7\+\./).isVisible()).toBe(true);
    expect(await panel.getByText(/% de las células nucleadas/).isVisible()).toBe(true);
    const table = page.getByTestId('marker-table');
    const cyCD3 = table.getByRole('row', { name: /^cyCD3/ });
    expect(await cyCD3.getByRole('cell').nth(0).textContent()).toBe('V450-A');
    expect(await cyCD3.getByText('positivo', { exact: true }).isVisible()).toBe(true);
    expect(await table.getByRole('row', { name: /^CD19/ }).getByText('negativo', { exact: true }).isVisible()).toBe(true);
    expect(await table.getByRole('row').count()).toBe(1 + 7); // header + the 7 lineage markers (CD45 places the blast gate)
    // The blast % is the abnormal population, with the whole CD45-dim/SSC-low gate beside it.
    const a = expected.abnormalBlasts!;
    expect(await panel.getByText('Blastos anormales', { exact: true }).first().isVisible()).toBe(true);
    expect(await page.getByTestId('abnormal-blasts').textContent()).toContain(`${pct(a.percent)} % de las células nucleadas`);
    expect(await page.getByTestId('abnormal-blasts').textContent()).toContain(`${a.events.toLocaleString('es-MX')} blastos anormales`);
    expect(await panel.getByText('Región de blastos (CD45 débil, SSC bajo)', { exact: true }).first().isVisible()).toBe(true);
    expect(await page.getByTestId('blast-gate').textContent()).toContain(`${pct(a.gatePercent)} %`);
    // "Cómo se calculó": gate, each population added or subtracted with its reason, = abnormal.
    const calc = page.getByTestId('blast-calculation');
    expect(await calc.getByRole('row').count()).toBe(1 + 1 + a.added.length + a.subtracted.length + 1);
    const hematogones = calc.getByRole('row', { name: /Precursores B normales \(hematogonas\)/ });
    expect(await hematogones.textContent()).toContain(pct(a.subtracted.find((p) => p.population === 'B_PRECURSOR')!.percentNucleated));
    expect(await hematogones.textContent()).toContain('los blastos no son de linaje B');
    expect(await calc.getByRole('row', { name: /Blastos T en la región de monocitos/ }).isVisible()).toBe(a.added.length > 0);
    expect(await calc.getByRole('row').last().textContent()).toContain(`=Blastos anormales${pct(a.percent)}`);
    expect(await calc.textContent()).toContain('Linaje que indican los marcadores de la región: T.');
    await page.getByTestId('lineage-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'interp-01-suggestion');
  });

  it('requires a reason before a correction is saved', async () => {
    await page.getByRole('button', { name: 'Corregir' }).click();
    await page.getByLabel('Categoría correcta').selectOption({ label: CATEGORY_LABELS.MPAL.es });
    await page.getByRole('button', { name: 'Guardar corrección' }).click();
    const reason = page.getByLabel('Motivo de la corrección');
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Escriba un motivo de al menos 10 caracteres.').isVisible()).toBe(true);
    await screenshot(page, 'interp-02-reason-required');
  });

  it('saves the correction with who and when, and lists the suggestion and the decision in the history', async () => {
    await page.getByLabel('Motivo de la corrección').fill('cyMPO débil en una subpoblación; se solicita panel de linaje');
    await page.getByRole('button', { name: 'Guardar corrección' }).click();
    const current = page.getByTestId('current-decision');
    await current.waitFor();
    expect(await current.textContent()).toContain(`Modificado por el analista: ${CATEGORY_LABELS.MPAL.es}`);
    expect(await current.textContent()).toContain('cyMPO débil en una subpoblación');
    const history = page.getByTestId('lineage-history');
    expect(await history.getByRole('listitem').count()).toBe(2);
    expect(await history.getByRole('listitem').last().textContent()).toContain(`Sugerencia de OncoFlow: ${CATEGORY_LABELS.T_ALL.es}`);
    // A person has judged the sample: it is now in analysis.
    await expect.poll(() => page.getByRole('heading', { name: /^Muestra OF-/ }).textContent()).toContain('En análisis');
    await page.getByTestId('lineage-history').scrollIntoViewIfNeeded();
    await screenshot(page, 'interp-03-override-history');
  });

  it('keeps the correction when the analyst then confirms the original suggestion', async () => {
    await page.getByRole('button', { name: 'Confirmar' }).click();
    await expect.poll(() => page.getByTestId('current-decision').textContent()).toContain(`Confirmado: ${CATEGORY_LABELS.T_ALL.es}`);
    const items = page.getByTestId('lineage-history').getByRole('listitem');
    expect(await items.count()).toBe(3);
    expect(await items.nth(1).textContent()).toContain('reemplazada');
    expect(await page.getByRole('button', { name: 'Confirmar' }).isDisabled()).toBe(true);
  });

  it('suggests again with the marker mapping the analyst corrected, and records the correction', async () => {
    const panel = page.getByTestId('lineage-panel');
    await panel.getByText('Asignación de marcadores ($PnN → marcador)').click();
    await panel.getByLabel('Marcador del parámetro APC-A').selectOption('CD19');
    await panel.getByRole('button', { name: 'Volver a sugerir con esta asignación' }).click();
    await expect.poll(() => panel.textContent()).toContain('Asignación corregida por el analista');
    expect(await panel.getByText('APC-A → CD19').isVisible()).toBe(true);
    // CD7 is no longer mapped: the engine says the tube is incomplete instead of guessing.
    expect(await page.getByTestId('suggested-category').textContent()).toBe(CATEGORY_LABELS.UNDETERMINED.es);
    expect(await page.getByTestId('lineage-history').getByRole('listitem').count()).toBe(4);
    await screenshot(page, 'interp-04-mapping-corrected');
  });

  it('assigns the risk group from the genetics and MRD entered, with the rule and the rule-set version', async () => {
    const inputs = { dnaIndex: 1.2, bcrAbl1: false, mrdDay19Percent: 0.5, mrdEndInductionPercent: 0.05 };
    const expected = assignRiskGroup(inputs);
    const panel = page.getByTestId('risk-panel');
    await panel.getByLabel('Índice de DNA').fill('1.2');
    await panel.getByLabel('t(12;21) ETV6-RUNX1').selectOption({ label: 'Sin dato' });
    await panel.getByLabel('t(9;22) BCR-ABL1').selectOption({ label: 'Ausente' });
    await panel.getByLabel('EMR día 19 (%)').fill('0,5');
    await panel.getByLabel('EMR fin de inducción (%)').fill('0.05');
    await panel.getByRole('button', { name: 'Calcular grupo de riesgo' }).click();
    const provisional = page.getByTestId('risk-provisional');
    await provisional.waitFor();
    expect(await provisional.textContent()).toContain(RISK_GROUP_LABELS[expected.provisional.group!].es);
    expect(await provisional.textContent()).toContain(`Regla ${expected.provisional.ruleId}`);
    const final = page.getByTestId('risk-final');
    expect(await final.textContent()).toContain(RISK_GROUP_LABELS[expected.final.group!].es);
    expect(await panel.textContent()).toContain(expected.ruleSetVersion);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'interp-05-risk');
    expect(seriousProblems(s.problems)).toEqual([]);
  });
  it('computes MRD from event counts on a day-19 sample, with LOD/LLOQ status and sensitivity', async () => {
    await registerSample(page, { name: 'LOPEZ RAMIREZ JUAN', curp: 'HEGG560427MVZRRL04', studyType: 'EMR día 19', collected: '2026-12-14T09:00', received: '2026-12-15T08:00' }, 'Nueva muestra');
    await page.getByRole('heading', { name: /^Muestra OF-\d{4}-000002/ }).waitFor();
    const panel = page.getByTestId('mrd-panel');
    expect(await page.getByTestId('lineage-panel').count()).toBe(0);
    // 30 events: above LOD (20), below LLOQ (50).
    await panel.getByLabel('Eventos leucémicos').fill('30');
    await panel.getByLabel('Eventos nucleados (denominador)').fill('1000000');
    await panel.getByRole('button', { name: 'Calcular EMR' }).click();
    const result = page.getByTestId('mrd-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('EMR detectada, por debajo del LIC (< 0.005 %)');
    expect(await result.textContent()).toContain('sensibilidad 2 × 10⁻⁵');
    await panel.getByLabel('Eventos leucémicos').fill('1200');
    await panel.getByRole('button', { name: 'Calcular EMR' }).click();
    await expect.poll(() => result.textContent()).toContain('EMR 0.12 %');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'interp-06-mrd');
    expect(seriousProblems(s.problems)).toEqual([]);
  });
  it('computes MRD from Gating-ML gates on an imported follow-up tube, as the engine does on the same bytes', async () => {
    const tube = generateMrdTube({ seed: 11, mrdFraction: 1e-3, events: 200_000 });
    const bytes = tubeToFcs(tube);
    const fcs = path.join(fcsDir, 'MRD_d19_seed11.fcs');
    const xmlFile = path.join(fcsDir, 'mrd-gates.xml');
    fs.writeFileSync(fcs, bytes);
    fs.writeFileSync(xmlFile, mrdGatingML('canto'));
    const expected = mrdFromGating(parseFcs(bytes), readGatingML(mrdGatingML('canto')), { leukemicId: MRD_GATE_IDS.leukemic, nucleatedId: MRD_GATE_IDS.singlets });
    await chooseFcsFile(page, fcs);
    await page.getByText(/Archivo .* importado\./).waitFor({ timeout: 60_000 });
    const panel = page.getByTestId('mrd-panel');
    await panel.getByLabel(/Compuertas Gating-ML sobre el tubo/).check();
    await panel.getByLabel('Archivo Gating-ML 2.0 (.xml)').setInputFiles(xmlFile);
    await expect.poll(() => panel.getByLabel('Población leucémica').inputValue()).toBe(MRD_GATE_IDS.leukemic);
    await panel.getByLabel('Población denominador').selectOption(MRD_GATE_IDS.singlets);
    await panel.getByRole('button', { name: 'Calcular EMR' }).click();
    const result = page.getByTestId('mrd-result');
    await expect.poll(() => result.textContent(), { timeout: 60_000 }).toContain(`Compuerta ${MRD_GATE_IDS.leukemic}`);
    const text = (await result.textContent())!;
    expect(text).toContain(`${expected.leukemicEvents.toLocaleString('es-MX')} eventos leucémicos de ${expected.nucleatedEvents.toLocaleString('es-MX')} nucleados`);
    expect(text).toContain('EMR cuantificada');
    expect(text).toContain(`denominador: compuerta ${MRD_GATE_IDS.singlets}`);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'interp-06b-mrd-gates');
  });

  it('shows the interpretation in English when the user switches the language', async () => {
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('heading', { name: 'Measurable residual disease (MRD)' }).waitFor();
    expect(await page.getByTestId('mrd-result').textContent()).toContain('MRD quantified');
    expect(await page.getByRole('heading', { name: 'Risk group' }).isVisible()).toBe(true);
    // Back to the diagnosis sample through the worklist, as a user would.
    await page.getByRole('link', { name: 'Worklist' }).first().click();
    await page.getByRole('link', { name: /OF-\d{4}-000001/ }).first().click();
    await page.getByRole('heading', { name: 'ALOT interpretation' }).waitFor();
    expect(await page.getByTestId('suggested-category').textContent()).toBe(CATEGORY_LABELS.UNDETERMINED.en);
    expect(await page.getByTestId('marker-table').getByRole('row', { name: /^cyCD3/ }).getByText('positive', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByTestId('lineage-panel').getByText('Abnormal blasts', { exact: true }).first().isVisible()).toBe(true);
    expect(await page.getByTestId('blast-calculation').textContent()).toContain('No normal population subtracted: no valid internal control for CD7.');
    await screenshot(page, 'interp-07-english');
    await page.getByLabel('Language').selectOption('es-MX');
    expect(seriousProblems(s.problems)).toEqual([]);
  });

  it('says in words that the call rests on the subtraction when the blast gate is over 20 % and the abnormal blasts under', async () => {
    // Known truth: 18 % T blasts; normal CD45-dim cells lift the gate over 20 % (seed 31).
    const bytes = tubeToFcs(generateAlotTube({ seed: 31, category: 'T_ALL', blastPercent: 18, variability: false }));
    const fcs = path.join(fcsDir, 'ALOT_T-ALL_18_seed31.fcs');
    fs.writeFileSync(fcs, bytes);
    const s31 = classifyDataset(parseFcs(bytes)).suggestion;
    expect(s31.blastGatePercent!).toBeGreaterThanOrEqual(20);
    expect(s31.blastPercent).toBeLessThan(20);
    await registerSample(page, { name: 'LOPEZ RAMIREZ JUAN', curp: 'HEGG560427MVZRRL04', collected: '2026-12-20T09:00', received: '2026-12-20T12:00' }, 'Nueva muestra');
    await page.getByRole('heading', { name: /^Muestra OF-\d{4}-000003/ }).waitFor();
    await chooseFcsFile(page, fcs);
    await page.getByText(/Archivo .* importado\./).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Sugerir linaje' }).click();
    await page.getByTestId('suggested-category').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('suggested-category').textContent()).toBe(CATEGORY_LABELS.NO_LEUKEMIA.es);
    const warning = page.getByRole('note', { name: 'Advertencias' });
    expect(await warning.textContent()).toContain(`La región de blastos es ${pct(s31.blastGatePercent!)} % y los blastos anormales ${pct(s31.blastPercent)} %`);
    expect(await warning.textContent()).toContain('revise');
    await page.getByTestId('blast-calculation').scrollIntoViewIfNeeded();
    await screenshot(page, 'interp-08-borderline-split');
    expect(seriousProblems(s.problems)).toEqual([]);
  });
});
