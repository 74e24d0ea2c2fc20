// Speed judged from outside: the whole `oncoflow` command, as a process, on a 1M-event ALOT tube,
// against the time to merely read that file (`cat FILE > /dev/null`, a process too, page cache warm).
// Every command runs in a child process; median of N runs, interleaved A B A B so drift hits both.
//   node scripts/build.mjs && node scripts/build.mjs --bench && node dist/bench/cli.mjs [--events N] [--runs N]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateAlotTube, tubeToFcs, mrdGatingML, MRD_GATE_IDS } from '../shared/synthetic';

const argv = process.argv.slice(2);
const flag = (name: string, dflt: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const events = flag('events', 1_000_000);
const runs = flag('runs', 7);
const root = process.cwd();
const cli = path.join(root, 'bin', 'oncoflow.cjs');
if (!fs.existsSync(path.join(root, 'dist', 'cli.cjs'))) throw new Error('build first: node scripts/build.mjs --no-renderer');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncoflow-bench-cli-'));
const file = path.join(dir, `alot-${events}.fcs`);
const gates = path.join(dir, 'mrd-gates.xml');
const tube = generateAlotTube({ seed: 11, category: 'T_ALL', blastPercent: 45, events, instrument: 'canto' });
fs.writeFileSync(file, tubeToFcs(tube));
fs.writeFileSync(gates, mrdGatingML('canto'));
const sizeMB = fs.statSync(file).size / 1e6;

function time(cmd: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]!; };

const floorCmd: [string, string[]] = ['sh', ['-c', `cat "${file}" > /dev/null`]];
const cases: Array<{ name: string; cmd: [string, string[]] }> = [
  { name: 'node startup only (`node -e 0`)', cmd: [process.execPath, ['-e', '0']] },
  { name: '`oncoflow inspect FILE --json`', cmd: [process.execPath, [cli, 'inspect', file, '--json']] },
  { name: '`oncoflow gate MRD.xml FILE --json`', cmd: [process.execPath, [cli, 'gate', gates, file, '--json']] },
  { name: '`oncoflow mrd FILE --gates MRD.xml --leukemic …`', cmd: [process.execPath, [cli, 'mrd', file, '--gates', gates, '--leukemic', MRD_GATE_IDS.leukemic, '--json']] },
  { name: '`oncoflow classify FILE --json`', cmd: [process.execPath, [cli, 'classify', file, '--json']] },
];

time(...floorCmd); // warm the page cache
const rows: string[] = [];
for (const c of cases) {
  time(...c.cmd); // warm-up
  const a: number[] = [], b: number[] = [], ratio: number[] = [];
  for (let i = 0; i < runs; i++) {
    const x = time(...c.cmd);
    const y = time(...floorCmd);
    a.push(x); b.push(y); ratio.push(x / y);
  }
  rows.push(`| ${c.name} | ${median(a).toFixed(0)} | ${median(b).toFixed(0)} | ${median(ratio).toFixed(1)}× |`);
  console.error(`${c.name}: ${median(a).toFixed(0)} ms vs read ${median(b).toFixed(0)} ms`);
}
const table = [
  `# Whole-command timings on a ${events.toLocaleString('en-US')}-event ALOT tube (${sizeMB.toFixed(1)} MB, 12 parameters)`,
  '',
  `node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}; median of ${runs} interleaved runs; floor = \`cat FILE > /dev/null\` as a process (page cache warm).`,
  '',
  '| command (a whole process) | ms | read-the-file floor ms | ratio to floor |',
  '|---|---:|---:|---:|',
  ...rows,
  '',
].join('\n');
console.log(table);
fs.mkdirSync(path.join(root, 'bench', 'out'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'out', 'cli.md'), table);
fs.rmSync(dir, { recursive: true, force: true });
