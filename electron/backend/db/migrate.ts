// Applies the numbered SQL migrations (migrations/index.ts) inside one transaction, records each
// in schema_migrations and the version in PRAGMA user_version, and refuses a database written by a
// newer OncoFlow (its schema may hold data this build would not understand or would damage).
import type Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';

export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
  code = 'SCHEMA_TOO_NEW';
  constructor(public found: number, public supported: number) {
    super(
      `the database was written by a newer OncoFlow (schema version ${found}; this version understands up to ${supported}). ` +
        'Install the newer OncoFlow, or point ONCOFLOW_DATA_DIR to another folder. The database was not changed.',
    );
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Migrates to the latest version; returns the versions applied now (empty when up to date). */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const target = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const current = schemaVersion(db);
  if (current > target) throw new SchemaTooNewError(current, target);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return [];
  const run = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of pending) {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }
    // user_version is transactional in SQLite: it rolls back with the migration if anything fails.
    db.pragma(`user_version = ${Math.trunc(pending[pending.length - 1]!.version)}`);
  });
  run.immediate();
  return pending.map((m) => m.version);
}

export { SCHEMA_VERSION };
