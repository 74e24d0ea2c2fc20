// Opening the database: <dataDir>/oncoflow.sqlite with WAL and foreign keys, migrated to the
// app's schema version at start. SQLite habits (STYLE.md): WAL, foreign_keys=ON, every multi-row
// change in one transaction, integrity_check in tests.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from './migrate';

export type Db = Database.Database;

export const DB_FILE_NAME = 'oncoflow.sqlite';

export function openDatabase(dataDir: string, opts: { migrate?: boolean } = {}): Db {
  // The folder holds patient identifiers, password hashes and the original FCS files: owner only.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') fs.chmodSync(dataDir, 0o700);
  const db = new Database(path.join(dataDir, DB_FILE_NAME));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // Another process (CLI `oncoflow demo` while the app runs) may hold the write lock briefly.
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    if (opts.migrate !== false) migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
