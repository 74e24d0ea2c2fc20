// The renderer's HTTP transport (renderer/app/transport.ts) against the real web-mode server,
// driven from Node: the launch token from the served page, the session token kept after login
// and forgotten after logout, binary calls decoded, errors as values. (Uploads use
// XMLHttpRequest for progress and are covered by the browser tests.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../shared/api/transport';
import { createHttpTransport, type AppTransport } from '../../renderer/app/transport';
import { splitChannels } from '../../renderer/features/analysis/plotData';
import { INITIAL_ADMIN_PASSWORD, NEW_ADMIN_PASSWORD, startServer, type RunningServer } from './helpers';

describe('the renderer HTTP transport against the web-mode server', () => {
  let server: RunningServer;
  let transport: AppTransport;
  let base: string;

  beforeAll(async () => {
    server = await startServer();
    base = server.url.replace(/\/$/, '');
    const html = await (await fetch(server.url)).text();
    const launch = /<meta name="oncoflow-launch-token" content="([^"]+)"/.exec(html)?.[1] ?? null;
    expect(launch).not.toBeNull();
    transport = createHttpTransport(launch, base);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('is refused by the server without the launch token from the page', async () => {
    const r = await createHttpTransport(null, base).call('system.info', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('UNAUTHENTICATED');
  });

  it('returns a wrong password as an error value, not an exception', async () => {
    const r = await transport.call('auth.login', { username: 'admin', password: 'incorrecta' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('UNAUTHENTICATED');
    expect(transport.getSessionToken()).toBeNull();
  });

  it('keeps the session token from auth.login and sends it with later calls', async () => {
    const login = await transport.call('auth.login', { username: 'admin', password: INITIAL_ADMIN_PASSWORD });
    expect(login.ok).toBe(true);
    expect(transport.getSessionToken()).not.toBeNull();
    const changed = await transport.call('auth.changePassword', { currentPassword: INITIAL_ADMIN_PASSWORD, newPassword: NEW_ADMIN_PASSWORD });
    expect(changed.ok).toBe(true);
    const me = await transport.call('auth.me', {});
    expect(me.ok && me.value.username).toBe('admin');
  });

  it('decodes tubes.events of a demo tube into one float32 column per channel', async () => {
    const demo = await transport.call('demo.load', {});
    expect(demo.ok).toBe(true);
    const list = await transport.call('samples.list', {});
    if (!list.ok) throw new Error(list.error.message);
    const withTube = list.value.find((s) => s.tubeCount > 0)!;
    const sample = await transport.call('samples.get', { id: withTube.id });
    if (!sample.ok) throw new Error(sample.error.message);
    const tube = sample.value.tubes[0];
    const [a, b] = tube.parameters;
    const [x, y] = splitChannels(await transport.callBinary('tubes.events', { tubeId: tube.id, channels: [a.name, b.name] }), 2);
    expect(x.length).toBe(tube.eventCount);
    expect(y.length).toBe(tube.eventCount);
  });

  it('rejects a binary call for an unknown channel with an ApiCallError carrying the code', async () => {
    const list = await transport.call('samples.list', {});
    if (!list.ok) throw new Error(list.error.message);
    const sample = await transport.call('samples.get', { id: list.value.find((s) => s.tubeCount > 0)!.id });
    if (!sample.ok) throw new Error(sample.error.message);
    const err = await transport.callBinary('tubes.events', { tubeId: sample.value.tubes[0].id, channels: ['NO-EXISTE-A', 'SSC-A'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).code).toMatch(/^[A-Z_]+$/);
  });

  it('forgets the session token after auth.logout', async () => {
    await transport.call('auth.logout', {});
    expect(transport.getSessionToken()).toBeNull();
    const me = await transport.call('auth.me', {});
    expect(me.ok).toBe(false);
  });
});
