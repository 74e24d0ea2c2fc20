// `npm test`: build, then run every suite (unit, integration, e2e) with vitest, and end with ONE
// line `N passed, N failed, N skipped` summing all of them (CI reads that line).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const outDir = path.join(root, 'test-results');
fs.mkdirSync(outDir, { recursive: true });

const build = spawnSync(node, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.log('build failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// The type check is a test too: the domain core is typed end to end.
const tsc = spawnSync(node, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
const typecheckOk = tsc.status === 0;
console.log(`typecheck: ${typecheckOk ? 'passed' : 'FAILED'}`);

const extra = process.argv.slice(2);
const jsonFile = path.join(outDir, 'vitest.json');
fs.rmSync(jsonFile, { force: true });
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(node, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`, ...extra], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ONCOFLOW_TEST: '1' },
});

let passed = 0, failed = 0, skipped = 0;
if (fs.existsSync(jsonFile)) {
  const r = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = (r.numFailedTests ?? 0);
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A test file that failed to load has no tests in it: count it as a failure.
  for (const f of r.testResults ?? []) if (f.status === 'failed' && (f.assertionResults ?? []).length === 0) failed++;
  const bySuite = {};
  for (const f of r.testResults ?? []) {
    const suite = path.relative(root, f.name).split(path.sep)[1] ?? 'other';
    bySuite[suite] ??= { passed: 0, failed: 0, skipped: 0 };
    for (const a of f.assertionResults ?? []) {
      if (a.status === 'passed') bySuite[suite].passed++;
      else if (a.status === 'failed') bySuite[suite].failed++;
      else bySuite[suite].skipped++;
    }
  }
  for (const [s, c] of Object.entries(bySuite)) console.log(`suite ${s}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
} else {
  failed = 1;
}
if (run.status !== 0 && failed === 0) failed = 1;
if (typecheckOk) passed++; else failed++;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
