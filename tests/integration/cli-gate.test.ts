// `oncoflow gate` as the user runs it: the built CLI in a child process, on the ISAC Gating-ML
// compliance data (refdata/gatingml2), counts checked against the per-event truth files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, refdata } from '../helpers/paths';

const DATA = refdata('gatingml2', 'data1.fcs');
const gml = (name: string): string => refdata('gatingml2', 'gml', name);

function oncoflow(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'oncoflow.cjs'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function truthCount(file: string): number {
  return fs.readFileSync(refdata('gatingml2', 'truth', file), 'utf8').split(/\r?\n/).filter((l) => l.trim() === '1').length;
}

let tmp: string;
beforeAll(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs', '--no-renderer'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oncoflow-gate-'));
});

describe('oncoflow gate', () => {
  it('prints counts equal to the ISAC truth for every gate of the all-gates file, as JSON', () => {
    const r = oncoflow('gate', gml('gml_all_gates.xml'), DATA, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { gates: Record<string, { count: number; percentParent: number }> };
    expect(Object.keys(out)).toEqual(['gates']);
    const truthFiles = fs.readdirSync(refdata('gatingml2', 'truth'));
    let checked = 0;
    for (const [id, g] of Object.entries(out.gates)) {
      const file = `Results_${id}.txt`;
      if (!truthFiles.includes(file)) continue;
      expect({ id, count: g.count }).toEqual({ id, count: truthCount(file) });
      checked++;
    }
    // 51 truth files; Ellipsoid3D and ParRectangle1 (Results_ParQuadRect) live in other XML files.
    expect(checked).toBe(49);
  });

  it('gives % of parent relative to the parent population for a child gate', () => {
    const r = oncoflow('gate', gml('gml_parent_quadrant_rect_gate.xml'), DATA, '--json');
    expect(r.code).toBe(0);
    const { gates } = JSON.parse(r.stdout) as { gates: Record<string, { count: number; percentParent: number }> };
    expect(gates['ParRectangle1']!.count).toBe(truthCount('Results_ParQuadRect.txt'));
    expect(gates['FL2P-FL4P']!.count).toBe(truthCount('Results_FL2P-FL4P.txt'));
    expect(gates['ParRectangle1']!.percentParent).toBeCloseTo((100 * 3) / 620, 10);
  });

  it('indents child populations under their parent in human output', () => {
    const r = oncoflow('gate', gml('gml_parent_rect1_rect_par1_gate.xml'), DATA);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const parent = lines.find((l) => /^ScaleRect1\s/.test(l));
    const child = lines.find((l) => /^ {2}ScalePar1\s/.test(l));
    expect(parent).toMatch(/\s809\s/);
    expect(child).toMatch(/\s558\s+68\.97$/);
  });

  it('exits 1 with CODE: message for a gate on a channel the file lacks', () => {
    const xml = fs.readFileSync(gml('gml_range_gate.xml'), 'utf8').replace('data-type:name="FSC-H"', 'data-type:name="CD45-APC-H7"');
    const file = path.join(tmp, 'missing-channel.xml');
    fs.writeFileSync(file, xml);
    const r = oncoflow('gate', file, DATA);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^CHANNEL_MISSING: gate 'Range1': channel 'CD45-APC-H7' is not in the data\n$/);
  });

  it('exits 1 with CODE: message for XML that is not well-formed', () => {
    const file = path.join(tmp, 'broken.xml');
    fs.writeFileSync(file, '<gating:Gating-ML xmlns:gating="http://www.isac-net.org/std/Gating-ML/v2.0/gating"><gating:RectangleGate');
    const r = oncoflow('gate', file, DATA);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^GATINGML_XML: /);
  });

  it('exits 1 with CODE: message for an FCS file that is not one', () => {
    const r = oncoflow('gate', gml('gml_range_gate.xml'), refdata('fcs', 'fcsparser_corrupted.fcs'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^[A-Z_]+: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 naming the file when the gates file does not exist', () => {
    const r = oncoflow('gate', path.join(tmp, 'nope.xml'), DATA);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^IO_ERROR: cannot read Gating-ML file .*nope\.xml: no such file/);
  });

  it('exits 1 naming the file when the FCS file does not exist', () => {
    const r = oncoflow('gate', gml('gml_range_gate.xml'), path.join(tmp, 'nope.fcs'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^FCS_IO: .*nope\.fcs/);
  });

  it('exits 2 with the usage when an argument is missing', () => {
    const r = oncoflow('gate', gml('gml_range_gate.xml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: oncoflow gate GATES.xml FILE.fcs');
  });
});
