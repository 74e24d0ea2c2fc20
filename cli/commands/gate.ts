// `oncoflow gate GATES.xml FILE.fcs [--json]`: apply a Gating-ML 2.0 strategy to an FCS file and
// print every population with its count and % of parent. Thin over shared/gating.
import fs from 'node:fs';
import path from 'node:path';
import { InputError, UsageError, parseArgs, type CliCommand } from '../command';
import { readFcsFile } from '../../electron/backend/fcs/file';
import { evaluate, type GatingResult } from '../../shared/gating/evaluate';
import { readGatingML } from '../../shared/gating/gatingml/read';
import type { GatingStrategy } from '../../shared/gating/strategy';

const usage = `Usage: oncoflow gate GATES.xml FILE.fcs [--json] [--dataset N]

Applies the gates of a Gating-ML 2.0 file to the events of an FCS file and prints every
population (gate id) with its event count and percentage of its parent population, the
hierarchy indented. Channels are read as flowCore "linearize-with-PnG-scaling" does ($PnE
log decoding, $PnG division); compensation-ref "FCS" uses the file's own spillover matrix.

Options:
  --json         print {"gates": {"<id>": {"count", "percentParent", "percentTotal", "parent"}}}
  --dataset N    data set index in a multi-data-set file (default 0)

Exit codes: 0 ok, 1 bad gate or FCS file (CODE: message on stderr), 2 usage.`;

function readInput(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new InputError('IO_ERROR', `cannot read ${what} ${file}: ${why}`);
  }
}

export const command: CliCommand = {
  name: 'gate',
  summary: 'apply Gating-ML 2.0 gates to an FCS file: counts and % of parent per gate',
  usage,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { booleans: ['json'], strings: ['dataset'] });
    if (positionals.length !== 2) throw new UsageError(`expected GATES.xml and FILE.fcs, got ${positionals.length} argument(s)`);
    let dataset = 0;
    if (flags.dataset !== undefined) {
      dataset = Number(flags.dataset);
      if (!Number.isInteger(dataset) || dataset < 0) throw new UsageError(`--dataset must be a whole number ≥ 0, got '${String(flags.dataset)}'`);
    }
    const [gatesFile, fcsFile] = positionals as [string, string];
    const xml = readInput(gatesFile, 'Gating-ML file').toString('utf8');
    const strategy = readGatingML(xml);
    const ds = readFcsFile(fcsFile, { dataset });
    const result = evaluate(strategy, ds);

    if (flags.json) {
      const gates: Record<string, { count: number; percentParent: number; percentTotal: number; parent: string | null }> = {};
      for (const id of hierarchyOrder(strategy, result).map((r) => r.id)) {
        const p = result.populations.get(id)!;
        gates[id] = { count: p.count, percentParent: p.percentParent, percentTotal: p.percentTotal, parent: p.parentId };
      }
      io.stdout(JSON.stringify({ gates }, null, 2) + '\n');
      return 0;
    }
    io.stdout(humanTable(strategy, result, path.basename(fcsFile), path.basename(gatesFile)));
    return 0;
  },
};

/** Populations depth-first from the roots, in the order the file defines them. */
function hierarchyOrder(strategy: GatingStrategy, result: GatingResult): Array<{ id: string; depth: number }> {
  const out: Array<{ id: string; depth: number }> = [];
  const walk = (parent: string | null, depth: number): void => {
    for (const id of strategy.childrenOf(parent)) {
      if (!result.populations.has(id)) continue;
      out.push({ id, depth });
      walk(id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

function humanTable(strategy: GatingStrategy, result: GatingResult, fcsName: string, gatesName: string): string {
  const rows = hierarchyOrder(strategy, result).map(({ id, depth }) => {
    const p = result.populations.get(id)!;
    return { label: '  '.repeat(depth) + id, count: String(p.count), pct: p.percentParent.toFixed(2) };
  });
  const w1 = Math.max(4, ...rows.map((r) => r.label.length));
  const w2 = Math.max(5, ...rows.map((r) => r.count.length));
  const lines = [
    `${fcsName}: ${result.eventCount} events; gates from ${gatesName}`,
    '',
    `${'gate'.padEnd(w1)}  ${'count'.padStart(w2)}  % parent`,
    ...rows.map((r) => `${r.label.padEnd(w1)}  ${r.count.padStart(w2)}  ${r.pct.padStart(8)}`),
  ];
  return lines.join('\n') + '\n';
}
