// The numbered migrations, in order. Adding one: write NNN_name.sql beside this file and list it
// here (a test checks this list matches the folder, so none is forgotten).
import m001 from './001_init.sql?raw';
import m002 from './002_interpretations.sql?raw';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '001_init', sql: m001 },
  { version: 2, name: '002_interpretations', sql: m002 },
];

/** The schema version this build of the app writes and understands. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
