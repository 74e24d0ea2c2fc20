// The one dispatcher behind both transports (Electron IPC in electron/main/ipc.ts, loopback HTTP in
// electron/backend/http/server.ts): look up the call in the contract, validate the input with its
// zod schema, authenticate the session, enforce roles and the forced password change, run the
// service, validate the output, and turn every failure into a typed Result — never a throw.
import type { z } from 'zod';
import {
  contract, isCallName, type ApiError, type CallName, type Contract, type Result, type Roles,
} from '../../shared/api/contract';
import type { BackendContext, Actor } from './services/context';
import { ServiceError } from './services/errors';
import { schemaVersion } from './db/migrate';
import type { AuthService } from './services/auth';
import type { SamplesService } from './services/samples';
import type { TubesService } from './services/tubes';
import type { DemoService } from './services/demo';
import type { UploadStore } from './services/uploads';
import type { InterpretationService } from './services/interpretation';

/** Success value of a binary call: the bytes plus small metadata (HTTP headers / IPC envelope). */
export interface BinaryValue {
  bytes: Uint8Array;
  meta: Record<string, string>;
}

type Out<N extends CallName> = Contract[N]['output'] extends z.ZodType ? z.input<Contract[N]['output']> : BinaryValue;
type Handler<N extends CallName> = (input: z.output<Contract[N]['input']>, actor: Actor | null) => Out<N> | Promise<Out<N>>;
type Handlers = { [N in CallName]: Handler<N> };

export interface DispatchServices {
  auth: AuthService;
  samples: SamplesService;
  tubes: TubesService;
  demo: DemoService;
  uploads: UploadStore;
  interpretation: InterpretationService;
}

const err = (code: string, message: string, field?: string, details?: unknown): { ok: false; error: ApiError } => {
  const e: ApiError = { code, message };
  if (field !== undefined) e.field = field;
  if (details !== undefined) e.details = details;
  return { ok: false, error: e };
};

/** First zod issue as a VALIDATION error with the dotted field path. */
export function validationError(error: z.ZodError): { ok: false; error: ApiError } {
  const issue = error.issues[0];
  const field = issue && issue.path.length ? issue.path.map(String).join('.') : undefined;
  const message = issue ? `${field ? field + ': ' : ''}${issue.message}` : 'invalid input';
  return err('VALIDATION', message, field, { issues: error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) });
}

function signedIn(actor: Actor | null): Actor {
  if (!actor) throw new ServiceError('UNAUTHENTICATED', 'log in first');
  return actor;
}

export function createDispatcher(ctx: BackendContext, s: DispatchServices) {
  const handlers: Handlers = {
    'system.info': () => ({
      version: ctx.version,
      mode: ctx.mode === 'electron' ? 'electron' : 'web',
      dataDir: ctx.dataDir,
      demoAvailable: s.demo.available(),
      hasDemoData: ctx.repos.samples.countDemo() > 0,
      sampleCount: ctx.repos.samples.count(),
      schemaVersion: schemaVersion(ctx.db),
    }),
    'auth.login': (i) => s.auth.login(i.username, i.password),
    'auth.logout': (_i, a) => { s.auth.logout(signedIn(a)); return {}; },
    'auth.me': (_i, a) => signedIn(a).user,
    'auth.changePassword': async (i, a) => ({ user: await s.auth.changePassword(signedIn(a), i.currentPassword, i.newPassword) }),
    'users.list': () => s.auth.listUsers(),
    'users.create': (i, a) => s.auth.createUser(signedIn(a), i),
    'centers.list': () => ctx.repos.centers.list(),
    'samples.list': (i) => s.samples.list(i),
    'samples.create': (i, a) => s.samples.create(signedIn(a), i),
    'samples.get': (i) => s.samples.detail(i.id),
    'tubes.import': (i, a) => s.tubes.import(signedIn(a), i.sampleId, i.uploadId),
    'tubes.events': async (i) => {
      const { values, eventCount } = await s.tubes.events(i.tubeId, i.channels, i.maxEvents);
      return {
        bytes: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
        meta: { eventCount: String(eventCount), channels: String(i.channels.length), layout: 'float32le-channel-major' },
      };
    },
    'interpretation.suggestLineage': (i, a) => s.interpretation.suggestLineage(signedIn(a), i.tubeId, i.markerOverrides),
    'interpretation.decideLineage': (i, a) => s.interpretation.decideLineage(signedIn(a), i),
    'interpretation.computeMrd': (i, a) => s.interpretation.computeMrd(signedIn(a), i),
    'interpretation.assessRisk': (i, a) => s.interpretation.assessRisk(signedIn(a), i.sampleId, i.inputs),
    'interpretation.list': (i) => s.interpretation.list(i.sampleId),
    'audit.list': (i) => ctx.repos.audit.list(i),
    'demo.load': (_i, a) => s.demo.load(signedIn(a)),
  };

  /** Session + role check shared by calls and uploads; returns an error Result or the actor. */
  function authorize(roles: Roles, token: string | null, callName: string): { ok: true; actor: Actor | null } | { ok: false; error: ApiError } {
    const actor = s.auth.authenticate(token);
    if (roles === 'public') return { ok: true, actor };
    if (!actor) return err('UNAUTHENTICATED', token ? 'the session has expired; log in again' : 'log in first');
    // Forced password change (first login, admin reset): only auth.* calls until it is done.
    if (actor.user.mustChangePassword && !callName.startsWith('auth.')) {
      return err('PASSWORD_CHANGE_REQUIRED', 'change your password before continuing', undefined, { reason: 'FORBIDDEN' });
    }
    if (roles !== 'any' && !roles.includes(actor.user.role)) {
      return err('FORBIDDEN', `role ${actor.user.role} may not use ${callName}`, undefined, { allowed: roles });
    }
    return { ok: true, actor };
  }

  function failure(name: string, e: unknown): { ok: false; error: ApiError } {
    if (e instanceof ServiceError) return { ok: false, error: e.toApiError() };
    const msg = (e as Error)?.message ?? String(e);
    // better-sqlite3 reports constraint violations as SqliteError with code SQLITE_CONSTRAINT_*.
    const code = (e as { code?: unknown })?.code;
    // The client gets a plain sentence; the database's or the exception's own text (paths, schema)
    // stays in the log.
    if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
      ctx.log(`OncoFlow: constraint refused in ${name}: ${msg}`);
      return err('CONFLICT', 'the change conflicts with a record that already exists');
    }
    ctx.log(`OncoFlow: internal error in ${name}: ${(e as Error)?.stack ?? msg}`);
    return err('INTERNAL', `internal error in ${name}; the details are in the application log`);
  }

  async function call(name: string, rawInput: unknown, token: string | null): Promise<Result<unknown>> {
    if (typeof name !== 'string' || !isCallName(name)) return err('UNKNOWN_CALL', `no call named "${String(name)}"`);
    const spec = contract[name];
    const parsed = spec.input.safeParse(rawInput === undefined || rawInput === null ? {} : rawInput);
    if (!parsed.success) return validationError(parsed.error);
    try {
      const auth = authorize(spec.roles, token, name);
      if (!auth.ok) return auth;
      const value = await (handlers[name] as Handler<CallName>)(parsed.data as never, auth.actor);
      if (spec.output === 'binary') return { ok: true, value };
      const out = (spec.output as z.ZodType).safeParse(value);
      if (!out.success) {
        ctx.log(`OncoFlow: ${name} produced output outside the contract: ${out.error.message}`);
        return err('INTERNAL', `internal error in ${name}: output does not match the contract`);
      }
      return { ok: true, value: out.data };
    } catch (e) {
      return failure(name, e);
    }
  }

  return { call, authorize, failure };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
