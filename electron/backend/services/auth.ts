// Users, logins and sessions. Policy lives here; SQL in db/repositories.
// - First start seeds an `admin` who must change the password at first login; the initial password
//   comes from ONCOFLOW_INITIAL_ADMIN_PASSWORD or is generated, printed once and written to
//   <dataDir>/initial-admin-password.txt (mode 0600), deleted once the admin changes it.
// - Sessions: random 32-byte tokens, stored hashed, sliding 12 h expiry.
// - Lockout: 5 consecutive failures lock the account for 15 min (OWASP authentication cheat sheet).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Locale, Role, User } from '../../../shared/api/contract';
import { toUser } from '../db/repositories/users';
import { ServiceError } from './errors';
import { iso, type Actor, type BackendContext } from './context';
import { generatePassword, hashPassword, sha256Hex, verifyPassword } from './passwords';

/** One answer for unknown user, wrong password and locked account alike (no user enumeration). */
export const LOGIN_REFUSED = 'wrong username or password, or the account is locked for a while after repeated failures';

export const SESSION_HOURS = 12;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
export const INITIAL_PASSWORD_FILE = 'initial-admin-password.txt';

// Verifying against a fixed hash when the user does not exist keeps the answer time the same, so
// timing does not reveal which usernames exist.
let dummyHash: Promise<string> | null = null;

export function authService(ctx: BackendContext) {
  const { repos } = ctx;
  const hours = (h: number) => new Date(ctx.now().getTime() + h * 3600_000);
  const passwordFile = path.join(ctx.dataDir, INITIAL_PASSWORD_FILE);

  return {
    /** Seeds the first admin when there are no users; returns the password when one was generated. */
    async seedInitialAdmin(): Promise<{ created: boolean; generatedPassword?: string }> {
      if (repos.users.count() > 0) return { created: false };
      const fromEnv = process.env.ONCOFLOW_INITIAL_ADMIN_PASSWORD;
      const password = fromEnv && fromEnv.length > 0 ? fromEnv : generatePassword();
      const passwordHash = await hashPassword(password);
      const now = iso(ctx.now());
      const created = repos.transaction(() => {
        if (repos.users.count() > 0) return false; // another process seeded meanwhile
        const id = repos.users.insert({ username: 'admin', displayName: 'Administrador', role: 'admin', passwordHash, mustChangePassword: true, locale: 'es-MX', now });
        repos.audit.append({ at: now, userId: null, action: 'user.seed_admin', entity: 'user', entityId: id, newValue: { username: 'admin', role: 'admin' } });
        return true;
      });
      if (!created) return { created: false };
      if (fromEnv) return { created: true };
      fs.writeFileSync(passwordFile, password + '\n', { mode: 0o600 });
      fs.chmodSync(passwordFile, 0o600);
      ctx.log(`OncoFlow: first start. Initial administrator: user "admin", password "${password}" (also in ${passwordFile}; change it at first login).`);
      return { created: true, generatedPassword: password };
    },

    async login(username: string, password: string): Promise<{ token: string; user: User }> {
      const row = repos.users.findByUsername(username);
      const now = ctx.now();
      if (!row || row.active !== 1) {
        await verifyPassword(password, await (dummyHash ??= hashPassword('not a password of anyone')));
        throw new ServiceError('UNAUTHENTICATED', LOGIN_REFUSED);
      }
      // A locked account answers like a wrong password (same code, same text, after the same
      // password check): the answer must not tell whether the username exists.
      const lockedNow = (until: string | null): boolean => !!until && Date.parse(until) > now.getTime();
      const refused = () => new ServiceError('UNAUTHENTICATED', LOGIN_REFUSED);
      const passwordOk = await verifyPassword(password, row.password_hash);
      if (lockedNow(row.locked_until)) throw refused();
      if (!passwordOk) {
        const lockUntil = iso(new Date(now.getTime() + LOCKOUT_MINUTES * 60_000));
        repos.transaction(() => {
          const after = repos.users.recordFailedLogin(row.id, iso(now), MAX_FAILED_LOGINS, lockUntil);
          const justLocked = after.lockedUntil === lockUntil;
          repos.audit.append({ at: iso(now), userId: row.id, action: justLocked ? 'auth.locked' : 'auth.login_failed', entity: 'user', entityId: row.id });
        });
        throw refused();
      }
      const token = crypto.randomBytes(32).toString('base64url');
      // Re-check the lock inside the transaction: a burst of wrong guesses running beside this
      // correct one may have locked the account after `row` was read.
      const ok = repos.transaction(() => {
        if (lockedNow(repos.users.lockedUntil(row.id))) return false;
        repos.users.resetFailedLogins(row.id);
        repos.sessions.deleteExpired(iso(now));
        repos.sessions.insert(sha256Hex(token), row.id, iso(now), iso(hours(SESSION_HOURS)));
        repos.audit.append({ at: iso(now), userId: row.id, action: 'auth.login', entity: 'user', entityId: row.id });
        return true;
      });
      if (!ok) throw refused();
      return { token, user: toUser(row) };
    },

    /** The user of a session token, or null when missing, unknown or expired (expiry slides). */
    authenticate(token: string | null): Actor | null {
      if (!token) return null;
      const hash = sha256Hex(token);
      const s = repos.sessions.find(hash);
      const now = ctx.now();
      if (!s) return null;
      if (Date.parse(s.expires_at) <= now.getTime()) {
        repos.sessions.delete(hash);
        return null;
      }
      const row = repos.users.findById(s.user_id);
      if (!row || row.active !== 1) return null;
      // Touch at most once a minute: a plot fetching events should not write on every call.
      if (now.getTime() - Date.parse(s.last_seen_at) > 60_000) repos.sessions.touch(hash, iso(now), iso(hours(SESSION_HOURS)));
      return { user: toUser(row), sessionHash: hash };
    },

    logout(actor: Actor): void {
      const now = iso(ctx.now());
      repos.transaction(() => {
        if (actor.sessionHash) repos.sessions.delete(actor.sessionHash);
        repos.audit.append({ at: now, userId: actor.user.id, action: 'auth.logout', entity: 'user', entityId: actor.user.id });
      });
    },

    async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<User> {
      const row = repos.users.findById(actor.user.id);
      if (!row) throw new ServiceError('UNAUTHENTICATED', 'the session user no longer exists');
      if (!(await verifyPassword(currentPassword, row.password_hash))) {
        // Guessing the current password from an unattended, logged-in workstation counts like
        // failed logins: the same lockout, audited, and at the lock every session of the user ends.
        const now = ctx.now();
        const lockUntil = iso(new Date(now.getTime() + LOCKOUT_MINUTES * 60_000));
        const locked = repos.transaction(() => {
          const after = repos.users.recordFailedLogin(row.id, iso(now), MAX_FAILED_LOGINS, lockUntil);
          const justLocked = after.lockedUntil === lockUntil;
          repos.audit.append({ at: iso(now), userId: row.id, action: justLocked ? 'auth.locked' : 'user.password_change_failed', entity: 'user', entityId: row.id });
          if (justLocked) repos.sessions.deleteForUserExcept(row.id, null);
          return justLocked;
        });
        if (locked) throw new ServiceError('UNAUTHENTICATED', 'too many wrong current passwords: the account is locked for a while and its sessions ended');
        throw new ServiceError('VALIDATION', 'the current password is wrong', 'currentPassword');
      }
      if (newPassword.toLowerCase().includes(row.username.toLowerCase())) {
        throw new ServiceError('VALIDATION', 'the new password must not contain the username', 'newPassword');
      }
      const hash = await hashPassword(newPassword);
      const now = iso(ctx.now());
      repos.transaction(() => {
        repos.users.setPassword(row.id, hash, false, now);
        // Other sessions of this user end: whoever knew the old password is logged out.
        repos.sessions.deleteForUserExcept(row.id, actor.sessionHash);
        repos.audit.append({ at: now, userId: row.id, action: 'user.password_changed', entity: 'user', entityId: row.id,
          oldValue: { mustChangePassword: row.must_change_password === 1 }, newValue: { mustChangePassword: false } });
      });
      if (row.username === 'admin' && fs.existsSync(passwordFile)) fs.rmSync(passwordFile, { force: true });
      return toUser(repos.users.findById(row.id)!);
    },

    async createUser(actor: Actor, u: { username: string; displayName: string; role: Role; initialPassword: string; locale?: Locale }): Promise<User> {
      if (repos.users.findByUsername(u.username)) throw new ServiceError('CONFLICT', `user "${u.username}" already exists`, 'username');
      const passwordHash = await hashPassword(u.initialPassword);
      const now = iso(ctx.now());
      const id = repos.transaction(() => {
        const id = repos.users.insert({ username: u.username, displayName: u.displayName, role: u.role, passwordHash, mustChangePassword: true, locale: u.locale ?? 'es-MX', now });
        repos.audit.append({ at: now, userId: actor.user.id, action: 'user.create', entity: 'user', entityId: id,
          newValue: { username: u.username, displayName: u.displayName, role: u.role } });
        return id;
      });
      return toUser(repos.users.findById(id)!);
    },

    listUsers: () => repos.users.list().map((r) => ({ ...toUser(r), active: r.active === 1 })),
  };
}

export type AuthService = ReturnType<typeof authService>;
