// The built CLI, as a user runs it: `node bin/oncoflow.cjs inspect ...`, checked against the
// manifest facts of every refdata FCS data set.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { REPO_ROOT, refdata } from '../helpers/paths';
import { closeTo, manifest, UNREADABLE } from '../unit/fcs/manifest';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/oncoflow.cjs'), 'inspect', ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--no-renderer'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
});

const cases: [string, number][] = [];
for (const [file, facts] of Object.entries(manifest.files)) {
  if (UNREADABLE.has(file)) continue;
  (facts.datasets ?? []).forEach((_, i) => cases.push([file, i]));
}

const utf8 = (s: string) => { const u = Buffer.from(s, 'latin1').toString('utf8'); return u.includes('\uFFFD') ? s : u; };

describe('oncoflow inspect --json', () => {
  it.each(cases)('reports %s data set %i as the manifest does', (file, index) => {
    const facts = manifest.files[file]!.datasets![index]!;
    const r = cli(refdata(file), '--json', '--events', '2', '--dataset', String(index + 1));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect([j.version, j.tot, j.par, j.dataType, j.byteOrder]).toEqual([facts.version, facts.tot, facts.par, facts.datatype, facts.byteord]);
    expect(j.parameters.map((p: { name: string }) => p.name)).toEqual(facts.PnN.map((s) => s.trim()));
    expect(j.parameters.map((p: { marker: string | null }) => p.marker)).toEqual(facts.PnS.map((s) => (s === null || s.trim() === '' ? null : utf8(s.trim()))));
    expect(j.sha256).toBe(manifest.files[file]!.sha256);
    const raw: number[][] = j.events.raw;
    const scaled: number[][] = j.events.scaled;
    expect(raw).toHaveLength(Math.min(2, facts.tot));
    if (facts.first_event_raw) facts.first_event_raw.forEach((v, p) => expect(closeTo(raw[0]![p]!, v), `raw[0][${p}]`).toBe(true));
    if (facts.second_event_raw_first3) facts.second_event_raw_first3.forEach((v, p) => expect(closeTo(raw[1]![p]!, v), `raw[1][${p}]`).toBe(true));
    if (facts.first_event_scaled_first3) facts.first_event_scaled_first3.forEach((v, p) => expect(closeTo(scaled[0]![p]!, v), `scaled[0][${p}]`).toBe(true));
    if (j.spillover) {
      expect(j.events.compensated).toHaveLength(raw.length);
      // Channels outside the matrix keep their scaled values.
      const inMatrix = new Set(j.spillover.channels);
      j.parameters.forEach((p: { name: string }, i: number) => { if (!inMatrix.has(p.name)) expect(j.events.compensated[0][i]).toBe(scaled[0]![i]); });
    } else {
      expect(j.events.compensated).toBeNull();
    }
  });

  it('compensates the FACSCanto II file so that re-applying the spillover gives back the scaled values', () => {
    const j = JSON.parse(cli(refdata('fcs/flowworkspacedata_124500_FACSCantoII_Diva6.1.3.fcs'), '--json', '--events', '3').stdout);
    const idx: number[] = j.spillover.channels.map((c: string) => j.parameters.findIndex((p: { name: string }) => p.name === c));
    const S: number[][] = j.spillover.matrix;
    for (let e = 0; e < 3; e++) {
      idx.forEach((col, jj) => {
        const back = idx.reduce((acc, row, i) => acc + j.events.compensated[e][row] * S[i]![jj]!, 0);
        expect(back).toBeCloseTo(j.events.scaled[e][col], 6);
      });
    }
  });
});

describe('oncoflow inspect, other cases', () => {
  it('prints a readable table with parameters, spillover and first events', () => {
    const r = cli(refdata('fcs/fcsparser_FACSDiva6.2_BALL_panel.fcs'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Events      83,411 ($TOT)');
    expect(r.stdout).toMatch(/ 5\s+FITC-A\s+CD20\s+262144\s+fluorescence/);
    expect(r.stdout).toContain('Spillover (SPILL, 8×8');
    expect(r.stdout).toContain('First 5 events, stored values');
  });

  it('exits 1 with CODE: message and no stack trace for a file that is not FCS', () => {
    const r = cli(refdata('fcs/fcsparser_corrupted.fcs'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^FCS_NOT_FCS: not an FCS file: .*fcsparser_corrupted\.fcs\]\n$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 with FCS_TRUNCATED for the header-only file', () => {
    const r = cli(refdata('fcs/fcsparser_CytekNL2000_header_only.fcs'), '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^FCS_TRUNCATED: /);
  });

  it('exits 1 with FCS_IO for a missing file', () => {
    const r = cli('/nonexistent/tube.fcs');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('FCS_IO: cannot read /nonexistent/tube.fcs: no such file [file /nonexistent/tube.fcs]\n');
  });

  it('exits 2 with the usage when FILE is missing or a flag is wrong', () => {
    expect(cli().code).toBe(2);
    const r = cli(refdata('gatingml2/data1.fcs'), '--events', 'many');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: oncoflow inspect FILE');
  });

  it('reads a CSV file, with a bad cell reported by line and column', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncoflow-inspect-'));
    try {
      fs.writeFileSync(path.join(dir, 'ok.csv'), 'FSC-A,CD19\n1,2\n3,4\n');
      fs.writeFileSync(path.join(dir, 'bad.csv'), 'FSC-A,CD19\n1,2\n3,four\n');
      const j = JSON.parse(cli(path.join(dir, 'ok.csv'), '--json').stdout);
      expect([j.format, j.tot, j.par]).toEqual(['CSV', 2, 2]);
      expect(j.events.raw).toEqual([[1, 2], [3, 4]]);
      const r = cli(path.join(dir, 'bad.csv'));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^FCS_CSV_BAD_NUMBER: CSV line 3, column 2 \(CD19\): 'four' is not a number/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('oncoflow inspect on a file with several data sets', () => {
  it('lists the data sets and marks the one shown', () => {
    const r = cli(refdata('fcs/flowio_coulter_FC500_2datasets.lmd'), '--dataset', '2', '--events', '0');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('This file holds 2 data sets');
    expect(r.stdout).toMatch(/\n\s*2\*\s+363602\s+FCS3\.0\s+18110\s+8/);
  });

  it('exits 1 with FCS_NO_DATASET for a data set the file does not have', () => {
    const r = cli(refdata('fcs/flowio_coulter_FC500_2datasets.lmd'), '--dataset', '3');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^FCS_NO_DATASET: the file holds 2 data set\(s\)/);
  });
});
