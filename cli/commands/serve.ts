// `oncoflow serve`: web mode — the app's UI and API on http://127.0.0.1:PORT, backed by the same
// services and database as the Electron app. Runs until Ctrl-C (SIGINT) or SIGTERM.
import { UsageError, parseArgs, type CliCommand, type CliIO } from '../command';
import { createBackend, defaultDataDir } from '../../electron/backend/backend';
import { startWebServer, type WebServer } from '../../electron/backend/http/server';
import { locateRendererDir } from '../../electron/backend/http/paths';

const usage = `Usage: oncoflow serve [--port N] [--data-dir DIR] [--renderer-dir DIR] [--allow-origin URL]

Serve OncoFlow in a browser on this computer only (http://127.0.0.1:PORT, printed at start).
  --port N            TCP port (default 0: pick a free one)
  --data-dir DIR      data folder (default: $ONCOFLOW_DATA_DIR or ~/.local/share/OncoFlow)
  --renderer-dir DIR  built UI (default: dist/renderer)
  --allow-origin URL  also accept API calls from this origin (a development server)
Stop with Ctrl-C.`;

export interface ServeOptions {
  port: number;
  dataDir: string;
  rendererDir: string;
  allowedOrigins: string[];
  log(line: string): void;
}

export async function serve(opts: ServeOptions) {
  const backend = await createBackend({ dataDir: opts.dataDir, mode: 'web', log: opts.log });
  let web: WebServer;
  try {
    web = await startWebServer({ backend, port: opts.port, rendererDir: opts.rendererDir, allowedOrigins: opts.allowedOrigins });
  } catch (e) {
    backend.close();
    throw e;
  }
  return {
    backend,
    web,
    async close() {
      await web.close();
      backend.close();
    },
  };
}

export function parsePort(v: string | boolean | undefined): number {
  if (v === undefined) return 0;
  const n = Number(v);
  if (typeof v !== 'string' || !/^\d+$/.test(v) || n > 65535) throw new UsageError(`--port must be a number from 0 to 65535 (got ${String(v)})`);
  return n;
}

export const command: CliCommand = {
  name: 'serve',
  summary: 'Serve the app in a browser on 127.0.0.1 (web mode)',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { flags, positionals } = parseArgs(args, { strings: ['port', 'data-dir', 'renderer-dir', 'allow-origin'] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const port = parsePort(flags['port']);
    const dataDir = typeof flags['data-dir'] === 'string' ? flags['data-dir'] : defaultDataDir();
    const rendererDir = typeof flags['renderer-dir'] === 'string' ? flags['renderer-dir'] : locateRendererDir();
    const allowedOrigins = typeof flags['allow-origin'] === 'string' ? [flags['allow-origin']] : [];
    const s = await serve({ port, dataDir, rendererDir, allowedOrigins, log: (l) => io.stdout(l + '\n') });
    io.stdout(`OncoFlow web mode: ${s.web.url}\n`);
    io.stdout(`data folder: ${s.backend.ctx.dataDir}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await s.close();
    return 0;
  },
};
