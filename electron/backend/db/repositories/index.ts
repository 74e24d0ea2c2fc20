// All repositories over one connection. Every SQL statement of the backend lives in this folder.
import type { Db } from '../connection';
import { auditRepository } from './audit';
import { centersRepository } from './centers';
import { interpretationsRepository } from './interpretations';
import { patientsRepository } from './patients';
import { samplesRepository } from './samples';
import { sessionsRepository } from './sessions';
import { tubesRepository } from './tubes';
import { usersRepository } from './users';

export function createRepositories(db: Db) {
  return {
    users: usersRepository(db),
    sessions: sessionsRepository(db),
    centers: centersRepository(db),
    patients: patientsRepository(db),
    samples: samplesRepository(db),
    tubes: tubesRepository(db),
    audit: auditRepository(db),
    interpretations: interpretationsRepository(db),
    /** Runs fn in one IMMEDIATE transaction (all or nothing; writers queue instead of failing late). */
    transaction<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
