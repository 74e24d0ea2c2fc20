// Users: credentials, role, forced password change, failed-login lockout.
import type { Db } from '../connection';
import type { Locale, Role, User } from '../../../../shared/api/contract';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  must_change_password: 0 | 1;
  locale: Locale;
  active: 0 | 1;
  failed_logins: number;
  locked_until: string | null;
}

export const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  mustChangePassword: r.must_change_password === 1,
  locale: r.locale,
});

export function usersRepository(db: Db) {
  const byName = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
  const byId = db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO users (username, display_name, role, password_hash, must_change_password, locale, created_at, updated_at)
     VALUES (@username, @displayName, @role, @passwordHash, @mustChangePassword, @locale, @now, @now)`,
  );
  return {
    findByUsername: (username: string) => byName.get(username),
    findById: (id: number) => byId.get(id),
    count: () => (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n,
    list: () => db.prepare<[], UserRow>('SELECT * FROM users ORDER BY username').all(),
    insert(u: { username: string; displayName: string; role: Role; passwordHash: string; mustChangePassword: boolean; locale: Locale; now: string }): number {
      return Number(insert.run({ ...u, mustChangePassword: u.mustChangePassword ? 1 : 0 }).lastInsertRowid);
    },
    setPassword(id: number, passwordHash: string, mustChangePassword: boolean, now: string): void {
      db.prepare(
        `UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = ?, updated_at = ?,
         failed_logins = 0, locked_until = NULL WHERE id = ?`,
      ).run(passwordHash, mustChangePassword ? 1 : 0, now, now, id);
    },
    /**
     * Counts one failed login and locks the account when the count reaches maxFailures — decided
     * by the database on its CURRENT values in one statement, so concurrent wrong guesses cannot
     * each read a stale count and all slip under the limit. An expired lock starts a new count.
     * Returns the values after the update.
     */
    recordFailedLogin(id: number, now: string, maxFailures: number, lockUntil: string): { failedLogins: number; lockedUntil: string | null } {
      db.prepare(
        `UPDATE users SET
           failed_logins = CASE WHEN locked_until IS NOT NULL AND locked_until <= @now THEN 1 ELSE failed_logins + 1 END,
           locked_until = CASE
             WHEN locked_until IS NOT NULL AND locked_until > @now THEN locked_until
             WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= @now THEN 1 ELSE failed_logins + 1 END) >= @max THEN @lockUntil
             ELSE NULL END
         WHERE id = @id`,
      ).run({ id, now, max: maxFailures, lockUntil });
      const r = db.prepare('SELECT failed_logins AS failedLogins, locked_until AS lockedUntil FROM users WHERE id = ?').get(id) as { failedLogins: number; lockedUntil: string | null };
      return r;
    },
    /** locked_until as stored now (re-read inside the login transaction). */
    lockedUntil(id: number): string | null {
      const r = db.prepare('SELECT locked_until AS lockedUntil FROM users WHERE id = ?').get(id) as { lockedUntil: string | null } | undefined;
      return r?.lockedUntil ?? null;
    },
    resetFailedLogins(id: number): void {
      db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(id);
    },
  };
}
