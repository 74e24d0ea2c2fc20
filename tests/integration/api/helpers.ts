// Test harness for the backend: a real database in a fresh temporary folder (no mocks of our DB),
// the real dispatcher, and shortcuts to log in as each role.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { createBackend, type Backend, type BackendOptions } from '../../../electron/backend/backend';
import type { Role } from '../../../shared/api/contract';

export const ADMIN_PASSWORD = 'initial-admin-pass-123';
export const NEW_PASSWORD = 'a-much-better-passphrase-42';
export const USER_PASSWORD = 'user-initial-pass-123';

const created: string[] = [];
// Removed after the test file (a folder may be reopened by a later test of the same file). Runs
// after the file's own afterAll hooks have closed the databases.
afterAll(() => {
  for (const d of created.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

export function tempDir(prefix = 'oncoflow-test-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(d);
  return d;
}

export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved: Record<string, string | undefined> = {};
  for (const k of Object.keys(vars)) {
    saved[k] = process.env[k];
    if (vars[k] === undefined) delete process.env[k];
    else process.env[k] = vars[k];
  }
  try {
    return await fn();
  } finally {
    for (const k of Object.keys(saved)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}

export interface TestBackend {
  backend: Backend;
  dataDir: string;
  logs: string[];
  /** Dispatch a call; throws if the Result is not ok (for setup steps). */
  must<T = unknown>(name: string, input: unknown, token: string | null): Promise<T>;
  call(name: string, input: unknown, token: string | null): ReturnType<Backend['dispatch']['call']>;
  /** Admin session with the password already changed. */
  adminToken(): Promise<string>;
  /** A user of the role (created by the admin, password changed), logged in. */
  tokenFor(role: Role): Promise<string>;
  close(): void;
}

export async function startBackend(opts: Partial<BackendOptions> = {}): Promise<TestBackend> {
  const dataDir = opts.dataDir ?? tempDir();
  const logs: string[] = [];
  const backend = await withEnv({ ONCOFLOW_INITIAL_ADMIN_PASSWORD: ADMIN_PASSWORD }, () =>
    createBackend({ mode: 'web', log: (l) => logs.push(l), ...opts, dataDir }));
  const call = (name: string, input: unknown, token: string | null) => backend.dispatch.call(name, input, token);
  const must = async <T>(name: string, input: unknown, token: string | null): Promise<T> => {
    const r = await call(name, input, token);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  let admin: string | null = null;
  const tokens = new Map<Role, string>();
  const adminToken = async () => {
    if (admin) return admin;
    const { token } = await must<{ token: string }>('auth.login', { username: 'admin', password: ADMIN_PASSWORD }, null);
    await must('auth.changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: NEW_PASSWORD }, token);
    admin = token;
    return token;
  };
  const tokenFor = async (role: Role) => {
    if (role === 'admin') return adminToken();
    const existing = tokens.get(role);
    if (existing) return existing;
    const username = `${role}1`;
    await must('users.create', { username, displayName: `Test ${role}`, role, initialPassword: USER_PASSWORD }, await adminToken());
    const { token } = await must<{ token: string }>('auth.login', { username, password: USER_PASSWORD }, null);
    await must('auth.changePassword', { currentPassword: USER_PASSWORD, newPassword: NEW_PASSWORD }, token);
    tokens.set(role, token);
    return token;
  };
  return { backend, dataDir, logs, must, call, adminToken, tokenFor, close: () => backend.close() };
}

/** A valid sample input (CURP HEGG560427MVZRRL04 is domain.md's valid example). */
export function sampleInput(overrides: Record<string, unknown> = {}) {
  return {
    patient: { name: 'PRUEBA PEREZ ANA', curp: 'HEGG560427MVZRRL04', nss: '92919084431' },
    centerCode: 'UMAE01',
    sampleType: 'bone_marrow',
    studyType: 'diagnosis',
    collectedAt: '2026-11-25T08:00:00.000Z',
    receivedAt: '2026-11-26T07:00:00.000Z',
    temperatureC: 20,
    ...overrides,
  };
}
