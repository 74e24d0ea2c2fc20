// Authentication and authorization through the real dispatcher and database.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/backend';
import { INITIAL_PASSWORD_FILE, LOGIN_REFUSED, MAX_FAILED_LOGINS } from '../../../electron/backend/services/auth';
import { ADMIN_PASSWORD, NEW_PASSWORD, USER_PASSWORD, sampleInput, startBackend, tempDir, withEnv, type TestBackend } from './helpers';

const running: TestBackend[] = [];
const start = async () => { const t = await startBackend(); running.push(t); return t; };
afterEach(() => { for (const t of running.splice(0)) t.close(); });

describe('first start', () => {
  it('seeds one admin who must change the password, with the password from ONCOFLOW_INITIAL_ADMIN_PASSWORD', async () => {
    const t = await start();
    const r = await t.call('auth.login', { username: 'admin', password: ADMIN_PASSWORD }, null);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as { token: string; user: { role: string; mustChangePassword: boolean } };
    expect(v.user.role).toBe('admin');
    expect(v.user.mustChangePassword).toBe(true);
    expect(v.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(fs.existsSync(path.join(t.dataDir, INITIAL_PASSWORD_FILE))).toBe(false);
  });

  it('generates a password when none is given, prints it once and keeps it in a 0600 file until it is changed', async () => {
    const dataDir = tempDir();
    const logs: string[] = [];
    const backend = await withEnv({ ONCOFLOW_INITIAL_ADMIN_PASSWORD: undefined }, () => createBackend({ dataDir, mode: 'web', log: (l) => logs.push(l) }));
    try {
      const generated = backend.seeded.generatedPassword!;
      expect(generated).toMatch(/^[A-Za-z0-9]{20}$/);
      expect(logs.filter((l) => l.includes(generated))).toHaveLength(1);
      const file = path.join(dataDir, INITIAL_PASSWORD_FILE);
      expect(fs.readFileSync(file, 'utf8').trim()).toBe(generated);
      if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const login = await backend.dispatch.call('auth.login', { username: 'admin', password: generated }, null);
      expect(login.ok).toBe(true);
      const token = (login as { value: { token: string } }).value.token;
      const changed = await backend.dispatch.call('auth.changePassword', { currentPassword: generated, newPassword: NEW_PASSWORD }, token);
      expect(changed.ok).toBe(true);
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      backend.close();
    }
  });

  it('does not seed a second admin when the database already has users', async () => {
    const t = await start();
    t.close();
    const again = await startBackend({ dataDir: t.dataDir });
    running.push(again);
    expect(again.backend.seeded.created).toBe(false);
  });
});

describe('login and sessions', () => {
  it('rejects a wrong password as UNAUTHENTICATED without saying whether the user exists', async () => {
    const t = await start();
    const wrong = await t.call('auth.login', { username: 'admin', password: 'nope' }, null);
    const unknown = await t.call('auth.login', { username: 'nobody', password: 'nope' }, null);
    expect(wrong).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: LOGIN_REFUSED } });
    expect(unknown).toEqual(wrong);
  });

  it('locks the account after repeated failures, even for the right password, answering as for a wrong password', async () => {
    const t = await start();
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await t.call('auth.login', { username: 'admin', password: 'wrong' }, null);
    const r = await t.call('auth.login', { username: 'admin', password: ADMIN_PASSWORD }, null);
    expect(r).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: LOGIN_REFUSED } });
  });

  it('locks the account when the wrong guesses arrive all at once, and refuses the right password sent among them', async () => {
    const t = await start();
    const burst = Array.from({ length: 3 * MAX_FAILED_LOGINS }, () => t.call('auth.login', { username: 'admin', password: 'wrong' }, null));
    const right = t.call('auth.login', { username: 'admin', password: ADMIN_PASSWORD }, null);
    await Promise.all(burst);
    await right;
    const after = await t.call('auth.login', { username: 'admin', password: ADMIN_PASSWORD }, null);
    expect(after.ok).toBe(false);
    const locked = t.backend.db.prepare("SELECT locked_until FROM users WHERE username = 'admin'").get() as { locked_until: string | null };
    expect(locked.locked_until).not.toBeNull();
  });

  it('locks the account and ends its sessions after repeated wrong current passwords at password change', async () => {
    const t = await start();
    const token = await t.tokenFor('analyst');
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) {
      const r = await t.call('auth.changePassword', { currentPassword: 'not-the-password-1', newPassword: 'Otra-Clave-Segura-9' }, token);
      expect(r.ok ? null : r.error.code).toBe('VALIDATION');
    }
    const last = await t.call('auth.changePassword', { currentPassword: 'not-the-password-1', newPassword: 'Otra-Clave-Segura-9' }, token);
    expect(last.ok ? null : last.error.code).toBe('UNAUTHENTICATED');
    const after = await t.call('samples.list', {}, token);
    expect(after.ok ? null : after.error.code).toBe('UNAUTHENTICATED');
    const login = await t.call('auth.login', { username: 'analyst1', password: NEW_PASSWORD }, null);
    expect(login.ok).toBe(false);
  });

  it('answers UNAUTHENTICATED for calls without a session or with an unknown token', async () => {
    const t = await start();
    for (const token of [null, 'not-a-real-token']) {
      const r = await t.call('samples.list', {}, token);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('expires a session after 12 idle hours but keeps an active one alive', async () => {
    let clock = Date.parse('2026-11-26T08:00:00Z');
    const t = await startBackend({ now: () => new Date(clock) });
    running.push(t);
    const token = await t.adminToken();
    clock += 11 * 3600_000;
    expect((await t.call('auth.me', {}, token)).ok).toBe(true); // activity slides the expiry
    clock += 11 * 3600_000;
    expect((await t.call('auth.me', {}, token)).ok).toBe(true);
    clock += 12 * 3600_000 + 1000;
    const r = await t.call('auth.me', {}, token);
    expect(r.ok ? null : r.error.code).toBe('UNAUTHENTICATED');
  });

  it('ends the session at logout', async () => {
    const t = await start();
    const token = await t.adminToken();
    expect((await t.call('auth.logout', {}, token)).ok).toBe(true);
    const r = await t.call('auth.me', {}, token);
    expect(r.ok ? null : r.error.code).toBe('UNAUTHENTICATED');
  });

  it('allows public calls without a session', async () => {
    const t = await start();
    const r = await t.call('system.info', {}, null);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject({ mode: 'web', sampleCount: 0, hasDemoData: false, demoAvailable: true });
  });
});

describe('forced password change', () => {
  it('blocks every non-auth call with PASSWORD_CHANGE_REQUIRED until the password is changed', async () => {
    const t = await start();
    const { token } = await t.must<{ token: string }>('auth.login', { username: 'admin', password: ADMIN_PASSWORD }, null);
    const blocked = await t.call('samples.list', {}, token);
    expect(blocked.ok ? null : blocked.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.call('auth.me', {}, token)).ok).toBe(true);
    const changed = await t.must<{ user: { mustChangePassword: boolean } }>('auth.changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: NEW_PASSWORD }, token);
    expect(changed.user.mustChangePassword).toBe(false);
    expect((await t.call('samples.list', {}, token)).ok).toBe(true);
  });

  it('requires at least 10 characters, a different password and the right current one', async () => {
    const t = await start();
    const { token } = await t.must<{ token: string }>('auth.login', { username: 'admin', password: ADMIN_PASSWORD }, null);
    const short = await t.call('auth.changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: 'short' }, token);
    const same = await t.call('auth.changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: ADMIN_PASSWORD }, token);
    const wrongCurrent = await t.call('auth.changePassword', { currentPassword: 'wrong-current-pw', newPassword: NEW_PASSWORD }, token);
    for (const [r, field] of [[short, 'newPassword'], [same, 'newPassword'], [wrongCurrent, 'currentPassword']] as const) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'VALIDATION', field });
    }
  });

  it('logs in with the new password afterwards and no longer with the old one', async () => {
    const t = await start();
    await t.adminToken();
    expect((await t.call('auth.login', { username: 'admin', password: ADMIN_PASSWORD }, null)).ok).toBe(false);
    expect((await t.call('auth.login', { username: 'admin', password: NEW_PASSWORD }, null)).ok).toBe(true);
  });
});

describe('roles', () => {
  it('forbids an analyst from registering samples and a clerk from importing tubes', async () => {
    const t = await start();
    const analyst = await t.tokenFor('analyst');
    const clerk = await t.tokenFor('clerk');
    const r1 = await t.call('samples.create', sampleInput(), analyst);
    expect(r1.ok ? null : r1.error.code).toBe('FORBIDDEN');
    const r2 = await t.call('tubes.import', { sampleId: 1, uploadId: 'A'.repeat(24) }, clerk);
    expect(r2.ok ? null : r2.error.code).toBe('FORBIDDEN');
  });

  it('lets only an admin create users, and new users must change their password', async () => {
    const t = await start();
    const supervisor = await t.tokenFor('supervisor');
    const r = await t.call('users.create', { username: 'otro', displayName: 'Otro Usuario', role: 'clerk', initialPassword: USER_PASSWORD }, supervisor);
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
    const created = await t.must<{ mustChangePassword: boolean }>('users.create', { username: 'otro', displayName: 'Otro Usuario', role: 'clerk', initialPassword: USER_PASSWORD }, await t.adminToken());
    expect(created.mustChangePassword).toBe(true);
  });

  it('writes logins, password changes and user creation to the audit trail', async () => {
    const t = await start();
    await t.tokenFor('clerk');
    const entries = await t.must<{ action: string }[]>('audit.list', {}, await t.adminToken());
    const actions = new Set(entries.map((e) => e.action));
    for (const a of ['user.seed_admin', 'auth.login', 'user.password_changed', 'user.create']) expect(actions).toContain(a);
  });
});
