// `oncoflow classify | mrd | risk` as the user runs them: the built CLI in a child process, on
// synthetic FCS files with known truth written to a temporary folder.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, refdata } from '../helpers/paths';
import { generateAlotTube, generateMrdTube, mrdGatingML, tubeToFcs } from '../../shared/synthetic';

function oncoflow(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'oncoflow.cjs'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tmp: string;
const file = (name: string) => path.join(tmp, name);
let mrdTruth = { leukemic: 0, nucleated: 0 };

beforeAll(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs', '--no-renderer'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oncoflow-clinical-'));
  fs.writeFileSync(file('tall.fcs'), tubeToFcs(generateAlotTube({ seed: 21, category: 'T_ALL', blastPercent: 45, instrument: 'lyric' })));
  fs.writeFileSync(file('normal.fcs'), tubeToFcs(generateAlotTube({ seed: 22, category: 'NO_LEUKEMIA' })));
  fs.writeFileSync(file('regenerating.fcs'), tubeToFcs(generateAlotTube({ seed: 1, category: 'NO_LEUKEMIA', hematogonePercent: 28, difficulty: 'realistic', events: 30_000 })));
  const mrd = generateMrdTube({ seed: 23, mrdFraction: 1e-3, events: 200_000 });
  mrdTruth = { leukemic: mrd.truth.leukemicEvents, nucleated: mrd.truth.nucleatedEvents };
  fs.writeFileSync(file('mrd.fcs'), tubeToFcs(mrd));
  fs.writeFileSync(file('mrd.xml'), mrdGatingML('canto'));
  fs.writeFileSync(file('risk.json'), JSON.stringify({ bcrAbl1: false, etv6Runx1: true, mrdDay19Percent: 0.2, mrdEndInductionPercent: 0.4 }));
  fs.writeFileSync(file('risk-bad.json'), JSON.stringify({ bcrAbl1: 'yes' }));
  fs.writeFileSync(file('not-json.json'), '{ "bcrAbl1": tru');
}, 120_000);

describe('oncoflow classify', () => {
  it('prints the suggestion as JSON with category, blast %, markers and the rule', () => {
    const r = oncoflow('classify', file('tall.fcs'), '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.category).toBe('T_ALL');
    expect(j.blastPercent).toBeGreaterThan(40);
    expect(j.blastPercent).toBeLessThan(52);
    expect(j.markers.cyCD3.call).toBe('positive');
    expect(j.markers.cyCD3.positiveControl.population).toBe('T_CELL');
    expect(j.rule).toMatch(/^L3: /);
    expect(j.ruleSetVersion).toBe('oncocrean-2025.3');
    expect(j.markerMapping.find((m: { parameter: string }) => m.parameter === 'BV421-A').canonical).toBe('cyCD3');
    expect(j.label.es).toBe('LLA de células T');
  });
  it('does not call a regenerating marrow B-ALL and says to confirm with the BCP-ALL panel', () => {
    const r = oncoflow('classify', file('regenerating.fcs'), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.category).toBe('NO_LEUKEMIA');
    expect(j.ruleId).toBe('L10');
    expect(j.blastPercent).toBeGreaterThan(20);
    expect(j.maturation.cd19VsCd45).toBeGreaterThan(0.45);
    expect(j.explanation[0]).toMatch(/confirm with BCP-ALL panel/);
  });
  it('prints a readable suggestion by default', () => {
    const r = oncoflow('classify', file('normal.fcs'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Suggestion: NO_LEUKEMIA/);
    expect(r.stdout).toMatch(/Rule L1/);
  });
  it('says UNDETERMINED, naming the missing ALOT channels, for a real FACSDiva B-ALL panel file', () => {
    const r = oncoflow('classify', refdata('fcs', 'fcsparser_FACSDiva6.2_BALL_panel.fcs'), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.category).toBe('UNDETERMINED');
    expect(j.ruleId).toBe('L0a');
    expect(j.explanation[0]).toMatch(/cyCD3, cyMPO, cyCD79a, CD7, smCD3/);
    expect(j.nucleatedEvents).toBeLessThan(83411); // FSC-W doublet exclusion ran on a file without FSC-H
  });
  it('exits 1 naming the missing channel for a real file without CD45', () => {
    const r = oncoflow('classify', refdata('fcs', 'flowworkspacedata_124500_FACSCantoII_Diva6.1.3.fcs'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^TEMPLATE_CHANNEL_MISSING: .*CD45/);
  });
  it('exits 1 with a coded message for a missing file', () => {
    const r = oncoflow('classify', file('nope.fcs'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^FCS_IO: /);
  });
  it('exits 2 without a file', () => {
    expect(oncoflow('classify').code).toBe(2);
  });
});

describe('oncoflow mrd', () => {
  it('reports the MRD % within 10 % of the truth, quantified, with the events behind it', () => {
    const r = oncoflow('mrd', file('mrd.fcs'), '--gates', file('mrd.xml'), '--leukemic', 'Leukemic', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const truth = (mrdTruth.leukemic / mrdTruth.nucleated) * 100;
    expect(j.status).toBe('quantified');
    expect(Math.abs(j.mrdPercent - truth) / truth).toBeLessThan(0.1);
    expect(j.acquiredEvents).toBe(200_000);
    expect(j.denominator.source).toBe('template');
    expect(j.lodEvents).toBe(20);
  });
  it('uses --nucleated as the denominator gate', () => {
    const j = JSON.parse(oncoflow('mrd', file('mrd.fcs'), '--gates', file('mrd.xml'), '--leukemic', 'Leukemic', '--nucleated', 'Singlets', '--json').stdout);
    expect(j.denominator).toEqual({ source: 'gate', gateId: 'Singlets' });
  });
  it('exits 1 naming an unknown leukemic gate', () => {
    const r = oncoflow('mrd', file('mrd.fcs'), '--gates', file('mrd.xml'), '--leukemic', 'Blasts');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^MRD_GATE_UNKNOWN: gate 'Blasts'/);
  });
  it('exits 2 without --gates', () => {
    expect(oncoflow('mrd', file('mrd.fcs'), '--leukemic', 'Leukemic').code).toBe(2);
  });
});

describe('oncoflow risk', () => {
  it('prints the provisional and final groups with the deciding rows', () => {
    const r = oncoflow('risk', '--json-input', file('risk.json'), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.provisional).toMatchObject({ group: 'LOW', ruleId: 'P2' });
    expect(j.final).toMatchObject({ group: 'STANDARD', ruleId: 'F4' });
    expect(j.ruleSetVersion).toBe('oncocrean-2025.3');
  });
  it('exits 1 naming the bad field', () => {
    const r = oncoflow('risk', '--json-input', file('risk-bad.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^RISK_INPUT_INVALID: bcrAbl1: /);
  });
  it('exits 1 on a file that is not JSON', () => {
    const r = oncoflow('risk', '--json-input', file('not-json.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^RISK_INPUT_JSON: /);
  });
});
