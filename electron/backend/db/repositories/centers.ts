// OncoCREAN centers (seeded by migration 001).
import type { Db } from '../connection';
import type { Center } from '../../../../shared/api/contract';

export function centersRepository(db: Db) {
  return {
    list: () => db.prepare<[], Center>('SELECT code, name, state, region FROM centers WHERE active = 1 ORDER BY region, state, code').all(),
    get: (code: string) => db.prepare<[string], Center>('SELECT code, name, state, region FROM centers WHERE code = ?').get(code),
  };
}
