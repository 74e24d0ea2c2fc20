// One backend per process: database, services, upload store and the dispatcher, shared by the
// Electron main process (IPC), web mode (HTTP) and the CLI (`oncoflow demo`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from './db/connection';
import { SCHEMA_VERSION } from './db/migrations';
import { createRepositories } from './db/repositories';
import { authService } from './services/auth';
import type { BackendContext, RunMode } from './services/context';
import { demoService } from './services/demo';
import { samplesService } from './services/samples';
import { tubesService } from './services/tubes';
import { uploadStore } from './services/uploads';
import { inlineInterpretationEngine, interpretationService, workerInterpretationEngine, type InterpretationEngine } from './services/interpretation';
import { inlineFcsJobs, workerFcsJobs, type FcsJobs } from './services/fcs-jobs';
import { createDispatcher } from './dispatch';

export const APP_VERSION = '0.1.0';

/** ONCOFLOW_DATA_DIR, else the XDG data folder (~/.local/share/OncoFlow) or %APPDATA%\OncoFlow. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ONCOFLOW_DATA_DIR) return path.resolve(env.ONCOFLOW_DATA_DIR);
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'OncoFlow');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'OncoFlow');
  return path.join(env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'OncoFlow');
}

declare const __dirname: string | undefined;

/**
 * A bundled worker (dist/workers/<name>.worker.cjs) beside the running bundle, or null when
 * running from sources. In a packaged app the worker is unpacked from the asar archive
 * (electron-builder.yml asarUnpack), as worker threads load plain files. `envVar` = 'off' forces
 * in-process work; any other value is the worker file to use.
 */
export function locateWorker(name: string, envVar: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const override = env[envVar];
  if (override === 'off') return null;
  if (override) return override;
  if (typeof __dirname !== 'string') return null;
  const file = `${name}.worker.cjs`;
  const candidates = [path.join(__dirname, 'workers', file), path.join(__dirname, '..', 'workers', file)]
    .map((p) => p.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'));
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

/** The FCS parsing worker (ONCOFLOW_FCS_WORKER overrides). */
export const locateFcsWorker = (env: NodeJS.ProcessEnv = process.env) => locateWorker('fcs', 'ONCOFLOW_FCS_WORKER', env);
/** The clinical pipeline worker (ONCOFLOW_INTERPRETATION_WORKER overrides). */
export const locateInterpretationWorker = (env: NodeJS.ProcessEnv = process.env) => locateWorker('interpretation', 'ONCOFLOW_INTERPRETATION_WORKER', env);

export interface BackendOptions {
  dataDir: string;
  mode: RunMode;
  log?: (line: string) => void;
  now?: () => Date;
  /** Upload size limit (default HTTP.maxUploadBytes, 2 GiB). */
  maxUploadBytes?: number;
  /** FCS worker bundle; default locateFcsWorker(); null = parse in-process. */
  fcsWorker?: string | null;
  /** Clinical pipeline worker bundle; default locateInterpretationWorker(); null = in-process. */
  interpretationWorker?: string | null;
  /** Per-job limit of the interpretation worker (default INTERPRETATION_TIMEOUT_MS). */
  interpretationTimeoutMs?: number;
}

export async function createBackend(opts: BackendOptions) {
  const db = openDatabase(opts.dataDir);
  const ctx: BackendContext = {
    db,
    repos: createRepositories(db),
    dataDir: path.resolve(opts.dataDir),
    mode: opts.mode,
    version: APP_VERSION,
    now: opts.now ?? (() => new Date()),
    log: opts.log ?? ((line) => console.log(line)),
  };
  const uploads = uploadStore(ctx, opts.maxUploadBytes !== undefined ? { maxBytes: opts.maxUploadBytes } : {});
  const auth = authService(ctx);
  const samples = samplesService(ctx);
  const workerFile = opts.fcsWorker !== undefined ? opts.fcsWorker : locateFcsWorker();
  const jobs: FcsJobs = workerFile ? workerFcsJobs(workerFile) : inlineFcsJobs();
  const tubes = tubesService(ctx, uploads, jobs);
  const demo = demoService(ctx, samples, tubes, uploads);
  const interpretationFile = opts.interpretationWorker !== undefined ? opts.interpretationWorker : locateInterpretationWorker();
  const interpretationEngine: InterpretationEngine = interpretationFile
    ? workerInterpretationEngine(interpretationFile, opts.interpretationTimeoutMs !== undefined ? { timeoutMs: opts.interpretationTimeoutMs } : {})
    : inlineInterpretationEngine();
  const interpretation = interpretationService(ctx, interpretationEngine);
  const services = { auth, samples, tubes, demo, uploads, interpretation };
  let seeded: Awaited<ReturnType<typeof auth.seedInitialAdmin>>;
  try {
    seeded = await auth.seedInitialAdmin();
  } catch (e) {
    void jobs.close();
    void interpretationEngine.close();
    uploads.close();
    db.close();
    throw e;
  }
  const dispatch = createDispatcher(ctx, services);
  return {
    ctx,
    db,
    services,
    dispatch,
    seeded,
    schemaVersion: SCHEMA_VERSION,
    fcsJobs: jobs,
    interpretationEngine,
    close(): void {
      void jobs.close();
      void interpretationEngine.close();
      uploads.close();
      if (db.open) db.close();
    },
  };
}

export type Backend = Awaited<ReturnType<typeof createBackend>>;
export type Services = Backend['services'];
