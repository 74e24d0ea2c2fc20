// The built CLI: `oncoflow serve` prints its URL and answers; `oncoflow demo` loads demo data;
// the bootstrap and start scripts are valid plain Node.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP } from '../../../shared/api/contract';
import { REPO_ROOT } from '../../helpers/paths';
import { ADMIN_PASSWORD, tempDir } from './helpers';

const CLI = path.join(REPO_ROOT, 'bin', 'oncoflow.cjs');
const children: ChildProcess[] = [];

beforeAll(() => {
  // The bundle is what users run; build it unless `npm test` just did.
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'cli.cjs')) || process.env.ONCOFLOW_TEST !== '1') {
    const b = spawnSync(process.execPath, ['scripts/build.mjs', '--no-renderer'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  }
});

afterAll(() => { for (const c of children) if (c.exitCode === null) c.kill('SIGTERM'); });

function startServe(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; out: () => string }> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve({ child, url: m[0], out: () => out }); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited with ${code}: ${out}`)); });
  });
}

describe('oncoflow serve', () => {
  it('prints its loopback URL, serves the page with a launch token and answers API calls; stops on SIGTERM', async () => {
    const dataDir = tempDir();
    const { child, url } = await startServe(['--port', '0', '--data-dir', dataDir], { ONCOFLOW_INITIAL_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const page = await (await fetch(url)).text();
    const token = page.match(new RegExp(`name="${HTTP.launchTokenMeta}" content="([^"]+)"`))?.[1];
    expect(token).toBeTruthy();
    const r = await fetch(`${url}api/call/system.info`, { method: 'POST', headers: { 'Content-Type': 'application/json', [HTTP.launchTokenHeader]: token! }, body: '{}' });
    expect(await r.json()).toMatchObject({ ok: true, value: { mode: 'web', dataDir } });
    expect(fs.existsSync(path.join(dataDir, 'oncoflow.sqlite'))).toBe(true);
    child.removeAllListeners('exit');
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('prints the generated admin password once on first start', async () => {
    const dataDir = tempDir();
    const env = { ...process.env } as Record<string, string>;
    delete env.ONCOFLOW_INITIAL_ADMIN_PASSWORD;
    const { child, out } = await startServe(['--port', '0', '--data-dir', dataDir], env);
    const password = fs.readFileSync(path.join(dataDir, 'initial-admin-password.txt'), 'utf8').trim();
    expect(out()).toContain(password);
    child.removeAllListeners('exit');
    child.kill('SIGTERM');
  });

  it('rejects a bad port as a usage error (exit 2)', () => {
    const r = spawnSync(process.execPath, [CLI, 'serve', '--port', 'eighty'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--port/);
  });
});

describe('oncoflow demo', () => {
  it('loads the demo samples into the data folder, then finds them on a second run', () => {
    const dataDir = tempDir();
    const env = { ...process.env, ONCOFLOW_INITIAL_ADMIN_PASSWORD: ADMIN_PASSWORD };
    const first = spawnSync(process.execPath, [CLI, 'demo', '--data-dir', dataDir], { encoding: 'utf8', env });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/loaded \d+ demo samples/);
    expect(fs.readdirSync(path.join(dataDir, 'originals')).length).toBeGreaterThanOrEqual(3);
    const second = spawnSync(process.execPath, [CLI, 'demo', '--data-dir', dataDir], { encoding: 'utf8', env });
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/already present/);
  });
});

describe('start-up scripts', () => {
  it('bootstrap.mjs and start.mjs are valid plain Node', () => {
    for (const f of ['scripts/bootstrap.mjs', 'scripts/start.mjs']) {
      const r = spawnSync(process.execPath, ['--check', f], { cwd: REPO_ROOT, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
  });

  it('bootstrap --test leaves installed dependencies alone and explains a missing Chromium in one line', () => {
    const r = spawnSync(process.execPath, ['scripts/bootstrap.mjs', '--test'], {
      cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ONCOFLOW_CHROMIUM: '/nonexistent/chromium' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/npm (ci|install)/);
    expect(r.stdout).toMatch(/Chromium not found at \/nonexistent\/chromium/);
  });
});
