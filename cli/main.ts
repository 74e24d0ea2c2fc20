// The `oncoflow` command: a thin dispatcher over cli/commands/*, which are thin over shared/ and
// the backend services. Exit codes: 0 ok, 1 bad input, 2 usage.
import { UsageError, type CliCommand, type CliIO } from './command';

// Commands load lazily: `oncoflow inspect` must not pay for SQLite, the XML parser or the API
// schemas (the CLI's speed is judged against merely reading the file).
interface CommandEntry { name: string; summary: string; load: () => Promise<CliCommand> }
export const commands: CommandEntry[] = [
  { name: 'inspect', summary: 'show what an FCS or CSV file holds (parameters, spillover, first events)', load: async () => (await import('./commands/inspect')).command },
  { name: 'gate', summary: 'apply Gating-ML 2.0 gates to an FCS file: counts and % of parent per gate', load: async () => (await import('./commands/gate')).command },
  { name: 'classify', summary: 'suggest the leukemia category of an ALOT tube (lineage, blast %, markers vs controls)', load: async () => (await import('./commands/classify')).command },
  { name: 'mrd', summary: 'measurable residual disease % with LOD/LLOQ status from a gated tube', load: async () => (await import('./commands/mrd')).command },
  { name: 'risk', summary: 'risk group (provisional at diagnosis, final from MRD) by the network rules', load: async () => (await import('./commands/risk')).command },
  { name: 'serve', summary: 'serve the app in a browser on 127.0.0.1 (web mode)', load: async () => (await import('./commands/serve')).command },
  { name: 'demo', summary: 'load demo data (fictitious patients, generated tubes) into the database', load: async () => (await import('./commands/demo')).command },
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'oncoflow — flow-cytometry workstation for pediatric acute leukemia (OncoCREAN / IMSS)',
    '',
    'Usage: oncoflow <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `oncoflow <command> --help` for a command\'s options.',
    'Exit codes: 0 ok, 1 the input was bad (message on stderr), 2 usage.',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name ? 0 : 2;
  }
  if (name === '--version') { io.stdout('0.1.0\n'); return 0; }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`oncoflow: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  const cmd = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(cmd.usage.endsWith('\n') ? cmd.usage : cmd.usage + '\n');
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`oncoflow ${cmd.name}: ${err.message}\n\n${cmd.usage}\n`);
      return 2;
    }
    const e = err as { code?: unknown; message?: unknown };
    if (e && typeof e.code === 'string' && typeof e.message === 'string') {
      io.stderr(`${e.code}: ${e.message}\n`);
      return 1;
    }
    // Unexpected: still no stack trace for the user, but say it is ours.
    io.stderr(`INTERNAL: ${(err as Error)?.message ?? String(err)}\n`);
    return 1;
  }
}

// Entry point when bundled (dist/cli.cjs) and run by bin/oncoflow.cjs.
export function run(): void {
  const io: CliIO = {
    stdout: (t) => { process.stdout.write(t); },
    stderr: (t) => { process.stderr.write(t); },
  };
  main(process.argv.slice(2), io).then(
    (code) => { process.exitCode = code; },
    (err) => { process.stderr.write(`INTERNAL: ${String(err)}\n`); process.exitCode = 1; },
  );
}
