// `oncoflow inspect FILE`: what is in an FCS or CSV file — version, instrument, tube, events,
// parameters (name, marker, range, kind), spillover and the first events raw, scaled and
// compensated — as a table for a lab person or as JSON for scripts and tests.
import { parseArgs, UsageError, type CliCommand } from '../command';
import { readEventsFile, listFcsDatasets, sha256File } from '../../electron/backend/fcs/file';
import { scaledColumn } from '../../shared/fcs/scale';
import { compensateDataset } from '../../shared/compensation/compensate';
import type { FcsDataset } from '../../shared/fcs/types';
import type { DatasetSummary } from '../../shared/fcs/parse';

const USAGE = `Usage: oncoflow inspect FILE [--json] [--events N] [--dataset K] [--strict-offsets]

Show what an FCS (2.0–3.2, .fcs/.lmd) or CSV file holds: version, cytometer, tube, $TOT, $PAR,
each parameter (name, marker, range, kind), the spillover matrix and the first N events
(raw stored values, scaled by $PnE/$PnG, and compensated).

Options:
  --json            machine-readable output (events.raw / events.scaled / events.compensated)
  --events N        how many events to show (default 5, 0 for none)
  --dataset K       which data set of a multi-data-set file, counting from 1 (default 1)
  --strict-offsets  refuse files whose HEADER and TEXT data offsets disagree

Exit codes: 0 ok, 1 the file is bad (CODE: message on stderr), 2 usage.`;

const INFO_KEYWORDS: [string, string][] = [
  ['$CYT', 'cytometer'], ['CREATOR', 'software'], ['$CYTSN', 'cytometerSerial'], ['TUBE NAME', 'tube'], ['EXPERIMENT NAME', 'experiment'],
  ['$SRC', 'source'], ['$SMNO', 'specimen'], ['$FIL', 'fileName'], ['$DATE', 'date'], ['$BTIM', 'beginTime'], ['$ETIM', 'endTime'],
  ['$TIMESTEP', 'timestep'], ['$OP', 'operator'], ['$INST', 'institution'],
];

function intFlag(v: string | boolean | undefined, name: string, min: number, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}`);
  return Number(v);
}

/** First n events as a small data set, so scaling and compensation touch only what is shown. */
function head(ds: FcsDataset, n: number): FcsDataset {
  const count = Math.min(n, ds.eventCount);
  return { ...ds, eventCount: count, events: ds.events.subarray(0, count * ds.parameterCount) };
}

const toNumber = (x: number) => (Number.isFinite(x) ? x : null);

interface EventTables {
  count: number;
  raw: number[][];
  scaled: number[][];
  compensated: number[][] | null;
  compensatedChannels: string[];
  compensationError: { code: string; message: string } | null;
}

function eventTables(ds: FcsDataset, n: number): EventTables {
  const sub = head(ds, n);
  const par = ds.parameterCount;
  const raw: number[][] = [];
  for (let e = 0; e < sub.eventCount; e++) raw.push(Array.from(sub.events.subarray(e * par, (e + 1) * par), toNumber) as number[]);
  const scaledCols = ds.parameters.map((_, p) => scaledColumn(sub, p));
  const scaled = raw.map((_, e) => scaledCols.map((c) => toNumber(c[e]!)) as number[]);
  let compensated: number[][] | null = null;
  let compensatedChannels: string[] = [];
  let compensationError: EventTables['compensationError'] = null;
  if (ds.spillover) {
    try {
      const comp = compensateDataset(sub);
      const cols = scaledCols.slice();
      comp.channels.forEach((p, j) => { cols[p] = comp.columns[j]!; });
      compensated = raw.map((_, e) => cols.map((c) => toNumber(c[e]!)) as number[]);
      compensatedChannels = comp.channels.map((p) => ds.parameters[p]!.name);
    } catch (err) {
      const e = err as { code?: unknown; message?: unknown };
      if (typeof e?.code !== 'string') throw err;
      compensationError = { code: e.code, message: String(e.message) };
    }
  }
  return { count: sub.eventCount, raw, scaled, compensated, compensatedChannels, compensationError };
}

function toJson(file: string, ds: FcsDataset, datasets: DatasetSummary[] | null, tables: EventTables, sha256: string): unknown {
  const info: Record<string, string> = {};
  for (const [k, name] of INFO_KEYWORDS) if (ds.keywords[k] !== undefined) info[name] = ds.keywords[k]!.trim();
  const s = ds.spillover;
  const n = s ? s.channels.length : 0;
  return {
    file,
    sha256,
    format: ds.version === 'CSV' ? 'CSV' : 'FCS',
    version: ds.version,
    dataset: { index: ds.index, number: ds.index + 1, count: datasets ? datasets.length : 1, offset: ds.offset },
    datasets: datasets?.map((d) => ({ index: d.index, offset: d.offset, version: d.version, tot: toNumber(d.eventCount), par: toNumber(d.parameterCount) })) ?? null,
    ...info,
    tot: ds.eventCount,
    par: ds.parameterCount,
    dataType: ds.dataType,
    byteOrder: ds.byteOrder,
    parameters: ds.parameters.map((p) => ({
      index: p.index, name: p.name, marker: p.marker, range: p.range, kind: p.kind, bits: p.bits,
      amplification: p.amplification, gain: p.gain,
    })),
    spillover: s ? {
      keyword: s.keyword,
      channels: s.channels,
      matrix: Array.from({ length: n }, (_, i) => Array.from(s.matrix.subarray(i * n, (i + 1) * n))),
    } : null,
    warnings: ds.warnings,
    events: tables,
  };
}

const fmt = (x: number | null): string => {
  if (x === null) return 'NaN';
  if (Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1e7 || (a > 0 && a < 1e-2)) return x.toExponential(3);
  return x.toFixed(2);
};

function table(headers: string[], rows: string[][], alignRight: boolean[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (alignRight[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function human(file: string, ds: FcsDataset, datasets: DatasetSummary[] | null, t: EventTables): string {
  const kw = (k: string) => ds.keywords[k]?.trim();
  const out: string[] = [];
  const pairs: [string, string | undefined][] = [
    ['File', file],
    ['Format', ds.version === 'CSV' ? 'CSV (header row of channel names)' : `${ds.version}, data set ${ds.index + 1} of ${datasets?.length ?? 1}`],
    ['Cytometer', [kw('$CYT'), kw('$CYTSN') && `serial ${kw('$CYTSN')}`].filter(Boolean).join(', ') || undefined],
    ['Software', kw('CREATOR')],
    ['Experiment', kw('EXPERIMENT NAME')],
    ['Tube', kw('TUBE NAME')],
    ['Specimen', [kw('$SRC'), kw('$SMNO')].filter(Boolean).join(' / ') || undefined],
    ['$FIL', kw('$FIL')],
    ['Acquired', [kw('$DATE'), kw('$BTIM') && `${kw('$BTIM')}${kw('$ETIM') ? `–${kw('$ETIM')}` : ''}`].filter(Boolean).join(' ') || undefined],
    ['Events', `${ds.eventCount.toLocaleString('en-US')} ($TOT)`],
    ['Parameters', `${ds.parameterCount} ($PAR), data type ${ds.dataType}${ds.byteOrder ? `, byte order ${ds.byteOrder}` : ''}`],
  ];
  for (const [k, v] of pairs) if (v) out.push(`${k.padEnd(11)} ${v}`);
  if (datasets && datasets.length > 1) {
    out.push('', `This file holds ${datasets.length} data sets (choose one with --dataset K):`);
    out.push(table(['K', 'byte offset', 'version', '$TOT', '$PAR', '$CYT'], datasets.map((d) => [
      `${d.index + 1}${d.index === ds.index ? '*' : ''}`, String(d.offset), d.version, String(d.eventCount), String(d.parameterCount), d.keywords['$CYT']?.trim() ?? '',
    ]), [true, true, false, true, true, false]));
  }
  out.push('');
  out.push(table(
    ['#', 'Name', 'Marker', 'Range', 'Kind', 'Scale'],
    ds.parameters.map((p) => [
      String(p.index + 1), p.name, p.marker ?? '', String(p.range), p.kind,
      p.amplification.decades > 0 && ds.dataType === 'I' ? `log ${p.amplification.decades} decades` : p.gain !== 1 ? `linear ÷ ${p.gain}` : 'linear',
    ]),
    [true, false, false, true, false, false],
  ));
  out.push('');
  const s = ds.spillover;
  if (s) {
    const n = s.channels.length;
    out.push(`Spillover (${s.keyword}, ${n}×${n}; row = fluorochrome, column = detector)`);
    out.push(table(['', ...s.channels], s.channels.map((c, i) => [c, ...Array.from(s.matrix.subarray(i * n, (i + 1) * n), (x) => x.toFixed(4))]), [false, ...s.channels.map(() => true)]));
  } else {
    const invalid = ds.warnings.some((w) => w.code.startsWith('SPILLOVER_'));
    out.push(invalid ? 'Spillover   present in the file but not usable (see warnings)' : 'Spillover   none in the file');
  }
  if (t.count > 0) {
    out.push('');
    const names = ds.parameters.map((p) => p.name);
    const show = (title: string, rows: number[][]) => {
      out.push(title);
      out.push(table(['event', ...names], rows.map((r, e) => [String(e + 1), ...r.map(fmt)]), [true, ...names.map(() => true)]));
    };
    show(`First ${t.count} events, stored values`, t.raw);
    out.push('');
    show('Scaled ($PnE log decoding, ÷ $PnG)', t.scaled);
    if (t.compensated) {
      out.push('');
      show(`Compensated (${t.compensatedChannels.join(', ')}; other channels scaled)`, t.compensated);
    }
  }
  if (t.compensationError) out.push('', `Compensation not possible: ${t.compensationError.code}: ${t.compensationError.message}`);
  if (ds.warnings.length) {
    out.push('', 'Warnings (tolerated file quirks):');
    for (const w of ds.warnings) out.push(`  - ${w.code}: ${w.message}`);
  }
  return out.join('\n') + '\n';
}

export const command: CliCommand = {
  name: 'inspect',
  summary: 'show what an FCS or CSV file holds (parameters, spillover, first events)',
  usage: USAGE,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { strings: ['events', 'dataset'], booleans: ['json', 'strict-offsets'] });
    if (positionals.length !== 1) throw new UsageError(positionals.length ? 'give exactly one FILE' : 'FILE is required');
    const file = positionals[0]!;
    const n = intFlag(flags['events'], 'events', 0, 5);
    const k = intFlag(flags['dataset'], 'dataset', 1, 1);
    const ds = readEventsFile(file, { dataset: k - 1, strictOffsets: flags['strict-offsets'] === true });
    const datasets = ds.version === 'CSV' ? null : listFcsDatasets(file);
    const tables = eventTables(ds, n);
    if (flags['json']) io.stdout(JSON.stringify(toJson(file, ds, datasets, tables, sha256File(file)), null, 2) + '\n');
    else io.stdout(human(file, ds, datasets, tables));
    return 0;
  },
};
