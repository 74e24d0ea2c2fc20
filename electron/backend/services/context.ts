// What every service receives: the database (through repositories only), the data folder, a clock
// and a log line writer. Built once per process by electron/backend/backend.ts.
import type { Db } from '../db/connection';
import type { Repositories } from '../db/repositories';
import type { User } from '../../../shared/api/contract';

export type RunMode = 'electron' | 'web' | 'cli';

export interface BackendContext {
  db: Db;
  repos: Repositories;
  dataDir: string;
  mode: RunMode;
  version: string;
  now(): Date;
  /** One line for the console (stdout of `oncoflow serve`, Electron's main-process log). */
  log(line: string): void;
}

/** Who makes a call; services write it into the audit trail. */
export interface Actor {
  user: User;
  /** SHA-256 of the session token (not the token), when the call came with one. */
  sessionHash: string | null;
}

export const iso = (d: Date) => d.toISOString();
