// `oncoflow demo`: load the synthetic demo data set (fictitious "DEMO" patients, generated ALOT
// tubes) into the database, as the "Load demo data" button does.
import { UsageError, parseArgs, type CliCommand, type CliIO } from '../command';
import { createBackend, defaultDataDir } from '../../electron/backend/backend';

const usage = `Usage: oncoflow demo [--data-dir DIR]

Load the demo data set: fictitious patients named "DEMO …" with generated ALOT tubes, marked as demo
data. Does nothing if the demo data are already there.
  --data-dir DIR   data folder (default: $ONCOFLOW_DATA_DIR or ~/.local/share/OncoFlow)`;

export const command: CliCommand = {
  name: 'demo',
  summary: 'Load demo data (fictitious patients, generated tubes) into the database',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { flags, positionals } = parseArgs(args, { strings: ['data-dir'] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const dataDir = typeof flags['data-dir'] === 'string' ? flags['data-dir'] : defaultDataDir();
    const backend = await createBackend({ dataDir, mode: 'cli', log: (l) => io.stdout(l + '\n') });
    try {
      const { samplesCreated } = await backend.services.demo.load(null);
      io.stdout(samplesCreated > 0
        ? `loaded ${samplesCreated} demo samples into ${backend.ctx.dataDir}\n`
        : `demo data already present in ${backend.ctx.dataDir}; nothing loaded\n`);
      return 0;
    } finally {
      backend.close();
    }
  },
};
