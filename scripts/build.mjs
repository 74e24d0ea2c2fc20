// Build everything that runs outside vitest: the CLI bundle, Electron main/preload, worker entry
// points, the web-mode server, the renderer (Vite) and, with --bench, the benchmarks.
// esbuild bundles TypeScript to CommonJS for Node/Electron; better-sqlite3 and electron stay
// external (native module / runtime-provided).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const only = (name) => !args.has('--only') || process.argv.includes(name);

// `import sql from './001_init.sql?raw'` (electron/backend/db/migrations): the `?raw` suffix is
// native in Vite/vitest; here it resolves to the file loaded as text, so migrations ship inside
// the bundle.
const rawText = {
  name: 'raw-text',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (a) => ({ path: path.resolve(a.resolveDir, a.path.slice(0, -4)), namespace: 'raw-text' }));
    b.onLoad({ filter: /.*/, namespace: 'raw-text' }, (a) => ({ contents: fs.readFileSync(a.path, 'utf8'), loader: 'text', watchFiles: [a.path] }));
  },
};

const common = {
  bundle: true,
  loader: { '.sql': 'text' },
  plugins: [rawText],
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  external: ['better-sqlite3', 'electron', 'fcs', 'playwright-core'],
  absWorkingDir: root,
};

const exists = (p) => fs.existsSync(path.join(root, p));

async function buildNode() {
  const jobs = [];
  jobs.push(build({ ...common, entryPoints: ['cli/entry.ts'], outfile: 'dist/cli.cjs', format: 'cjs' }));
  if (exists('electron/main/main.ts'))
    jobs.push(build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs' }));
  if (exists('electron/preload/preload.ts'))
    jobs.push(build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', sourcemap: false }));
  const workerDir = path.join(root, 'electron/workers');
  if (fs.existsSync(workerDir)) {
    const workers = fs.readdirSync(workerDir).filter((f) => f.endsWith('.worker.ts'));
    for (const w of workers)
      jobs.push(build({ ...common, entryPoints: [`electron/workers/${w}`], outfile: `dist/workers/${w.replace(/\.ts$/, '.cjs')}`, format: 'cjs' }));
  }
  await Promise.all(jobs);
}

async function buildBench() {
  const benchDir = path.join(root, 'bench');
  const files = fs.readdirSync(benchDir).filter((f) => f.endsWith('.ts') && !f.startsWith('_'));
  await Promise.all(files.map((f) => build({ ...common, entryPoints: [`bench/${f}`], outfile: `dist/bench/${f.replace(/\.ts$/, '.mjs')}`, format: 'esm', banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } })));
}

function buildRenderer() {
  if (!exists('vite.config.ts')) return;
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('renderer build failed');
}

const t0 = Date.now();
if (args.has('--bench')) {
  await buildBench();
} else {
  await buildNode();
  if (!args.has('--no-renderer')) buildRenderer();
}
console.log(`build: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
