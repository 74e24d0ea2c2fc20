// The database layer: migrations, schema version, refusal of newer databases, SQLite settings,
// the append-only audit trail and the centers seed.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openDatabase, type Db } from '../../../electron/backend/db/connection';
import { migrate, schemaVersion, SchemaTooNewError } from '../../../electron/backend/db/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/backend/db/migrations';
import { REPO_ROOT } from '../../helpers/paths';
import { tempDir } from './helpers';

const open: Db[] = [];
const track = (db: Db) => { open.push(db); return db; };
afterEach(() => { for (const db of open.splice(0)) if (db.open) db.close(); });

describe('migrations', () => {
  it('lists every numbered .sql file of the migrations folder, in order, once', () => {
    const dir = path.join(REPO_ROOT, 'electron/backend/db/migrations');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
    expect(MIGRATIONS.map((m) => `${m.name}.sql`)).toEqual(files);
    MIGRATIONS.forEach((m, i) => {
      expect(m.version).toBe(i + 1);
      expect(m.name.startsWith(String(m.version).padStart(3, '0') + '_')).toBe(true);
      expect(m.sql).toBe(fs.readFileSync(path.join(dir, `${m.name}.sql`), 'utf8'));
    });
  });

  it('applies all migrations to a new database and records the version in user_version and schema_migrations', () => {
    const db = track(openDatabase(tempDir()));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
  });

  it('is idempotent: opening an up-to-date database applies nothing and changes nothing', () => {
    const dir = tempDir();
    track(openDatabase(dir)).close();
    const db = track(openDatabase(dir, { migrate: false }));
    const before = db.prepare('SELECT count(*) AS n FROM schema_migrations').get();
    expect(migrate(db)).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM centers').get()).toEqual({ n: 36 });
  });

  it('refuses a database written by a newer OncoFlow with a clear message and leaves it unchanged', () => {
    const dir = tempDir();
    const raw = new Database(path.join(dir, DB_FILE_NAME));
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.exec('CREATE TABLE future_things (x)');
    raw.close();
    let caught: unknown;
    try { openDatabase(dir); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(SchemaTooNewError);
    expect((caught as SchemaTooNewError).code).toBe('SCHEMA_TOO_NEW');
    expect((caught as Error).message).toMatch(new RegExp(`schema version ${SCHEMA_VERSION + 5}.*up to ${SCHEMA_VERSION}`));
    const check = new Database(path.join(dir, DB_FILE_NAME), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 5);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'users'").get()).toBeUndefined();
    check.close();
  });

  it('rolls back a failing migration completely: no tables, no version', () => {
    const db = track(openDatabase(tempDir(), { migrate: false }));
    const broken = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE ok_table (x); SELECT * FROM no_such_table;' }];
    expect(() => migrate(db, broken)).toThrow(/no_such_table/);
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
  });
});

describe('SQLite settings', () => {
  it('uses WAL journaling and enforces foreign keys', () => {
    const db = track(openDatabase(tempDir()));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => db.prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES ('x', 999, '', '', '')").run())
      .toThrow(/FOREIGN KEY/);
  });

  it('passes integrity_check and foreign_key_check after migrating', () => {
    const db = track(openDatabase(tempDir()));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('seed data and audit trail', () => {
  it('seeds 36 OncoCREAN centers across the four regions, flagged as seed data', () => {
    const db = track(openDatabase(tempDir()));
    const byRegion = db.prepare('SELECT region, count(*) AS n FROM centers GROUP BY region ORDER BY region').all() as { region: string; n: number }[];
    expect(byRegion.map((r) => r.region)).toEqual(['central', 'north', 'northwest', 'south']);
    expect(byRegion.reduce((a, r) => a + r.n, 0)).toBe(36);
    expect(db.prepare('SELECT count(*) AS n FROM centers WHERE is_seed = 1').get()).toEqual({ n: 36 });
  });

  it('refuses to update or delete audit entries (append-only)', () => {
    const db = track(openDatabase(tempDir()));
    db.prepare("INSERT INTO audit_log (at, action, entity) VALUES ('2026-01-01T00:00:00Z', 'test', 'system')").run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'changed'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT action FROM audit_log').get()).toEqual({ action: 'test' });
  });
});

describe('layering', () => {
  it('keeps SQL in db/repositories: services, dispatcher, HTTP and IPC code build no SQL', () => {
    const dirs = ['electron/backend/services', 'electron/backend/http', 'electron/main', 'electron/preload'];
    const files = [...dirs.flatMap((d) => fs.readdirSync(path.join(REPO_ROOT, d)).filter((f) => f.endsWith('.ts')).map((f) => path.join(d, f))), 'electron/backend/dispatch.ts'];
    const sql = /\b(SELECT\s+[\w*(]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b/;
    for (const f of files) expect(sql.test(fs.readFileSync(path.join(REPO_ROOT, f), 'utf8')), f).toBe(false);
  });
});
