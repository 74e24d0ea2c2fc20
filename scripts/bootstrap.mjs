// Runs before `npm start` (prestart) and `npm test` (pretest), in plain Node with no dependencies:
// installs dependencies when node_modules is missing or stale, and with --test makes sure the
// Chromium used by the end-to-end tests is present.
//   node scripts/bootstrap.mjs          dependencies (Electron binary when it can be downloaded)
//   node scripts/bootstrap.mjs --test   dependencies without the Electron binary, plus Chromium
// Environment: ONCOFLOW_SKIP_INSTALL=1 skips the dependency step; ONCOFLOW_CHROMIUM=/path names
// another Chromium; ELECTRON_SKIP_BINARY_DOWNLOAD=1 is honoured as npm does.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testMode = process.argv.includes('--test');
const say = (line) => console.log(`bootstrap: ${line}`);

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`bootstrap: OncoFlow needs Node.js 20.19 or newer (this is ${process.versions.node}).`);
    process.exit(1);
  }
}

function readJson(file) {
  try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return null; }
}

/** Why dependencies must be installed, or null when node_modules matches the lockfile. */
function installReason() {
  const nm = path.join(root, 'node_modules');
  if (!fs.existsSync(nm)) return 'node_modules is missing';
  const lock = path.join(root, 'package-lock.json');
  if (!fs.existsSync(lock)) return null;
  const hidden = path.join(nm, '.package-lock.json');
  if (!fs.existsSync(hidden)) return 'node_modules was not installed by npm from the lockfile';
  if (fs.statSync(lock).mtimeMs <= fs.statSync(hidden).mtimeMs) return null;
  // The lockfile is newer: install only if it really lists other packages than node_modules holds
  // (npm writes both files; their order on disk is not guaranteed).
  const want = readJson(lock)?.packages ?? {};
  const have = readJson(hidden)?.packages ?? {};
  for (const [key, meta] of Object.entries(want)) {
    if (key === '' || meta.optional || meta.peer) continue;
    if (have[key]?.version !== meta.version) return `package-lock.json changed (${key.replace(/^node_modules\//, '')})`;
  }
  return null;
}

/** Can the Electron binary be downloaded? A quick probe of its host (or ELECTRON_MIRROR). */
function electronReachable() {
  const target = process.env.ELECTRON_MIRROR || process.env.npm_config_electron_mirror || 'https://github.com/';
  return new Promise((resolve) => {
    const req = https.request(target, { method: 'HEAD', timeout: 5000 }, (res) => { res.resume(); resolve(true); });
    req.on('timeout', () => { req.destroy(); resolve(false); });
    req.on('error', () => resolve(false));
    req.end();
  });
}

function npm(args, env) {
  const execPath = process.env.npm_execpath;
  const [cmd, argv] = execPath && execPath.endsWith('.js') ? [process.execPath, [execPath, ...args]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', args];
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' && cmd === 'npm.cmd' });
  return r.status === 0;
}

async function installDependencies() {
  if (process.env.ONCOFLOW_SKIP_INSTALL === '1') return;
  const reason = installReason();
  if (!reason) return;
  const env = { ...process.env };
  // Tests never start Electron (the end-to-end suite drives web mode in Chromium), so they skip its
  // 100 MB download; `npm start` fetches it when the download host answers.
  if (testMode) env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';
  else if (!env.ELECTRON_SKIP_BINARY_DOWNLOAD && !(await electronReachable())) {
    say('the Electron download host does not answer; installing without the Electron binary (web mode will be used)');
    env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';
  }
  const useCi = fs.existsSync(path.join(root, 'package-lock.json'));
  say(`${reason}: running npm ${useCi ? 'ci' : 'install'}${env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1' ? ' (ELECTRON_SKIP_BINARY_DOWNLOAD=1)' : ''}`);
  if (npm([useCi ? 'ci' : 'install', '--no-audit', '--no-fund'], env)) return;
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '1') {
    say('install failed; retrying without the Electron binary');
    env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';
    if (npm([useCi ? 'ci' : 'install', '--no-audit', '--no-fund'], env)) return;
  }
  console.error('bootstrap: installing dependencies failed (see npm output above).');
  process.exit(1);
}

function ensureChromium() {
  const wanted = process.env.ONCOFLOW_CHROMIUM || '/usr/bin/chromium';
  if (fs.existsSync(wanted)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && !process.env.ONCOFLOW_CHROMIUM && fs.existsSync('/usr/bin/apt-get')) {
    say('Chromium for the end-to-end tests is missing: apt-get install chromium');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env }) : update;
    if (install.status === 0 && fs.existsSync(wanted)) return;
  }
  say(`Chromium not found at ${wanted}; the end-to-end tests will fail. Install it (Debian/Ubuntu: sudo apt-get install chromium) or set ONCOFLOW_CHROMIUM=/path/to/chromium.`);
}

checkNode();
await installDependencies();
if (testMode) ensureChromium();
