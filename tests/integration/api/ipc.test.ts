// The Electron IPC handlers with a real backend: sender check, the shared dispatcher, binary
// values as ArrayBuffer, uploads as bytes — everything but Electron itself.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sample, Tube } from '../../../shared/api/contract';
import { handleInvoke, handleUpload } from '../../../electron/main/ipc-handlers';
import { APP_START_URL } from '../../../electron/main/window';
import { refdata } from '../../helpers/paths';
import { sampleInput, startBackend, type TestBackend } from './helpers';

let t: TestBackend;
beforeAll(async () => { t = await startBackend(); });
afterAll(() => t.close());

describe('IPC handlers', () => {
  it('refuses calls and uploads from frames that are not the app', async () => {
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', undefined]) {
      expect(await handleInvoke(t.backend, url, 'system.info', {}, null)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(handleUpload(t.backend, url, 'a.fcs', new ArrayBuffer(4), await t.adminToken())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('dispatches app calls through the same validation as HTTP', async () => {
    expect(await handleInvoke(t.backend, APP_START_URL, 'system.info', {}, null)).toMatchObject({ ok: true });
    expect(await handleInvoke(t.backend, APP_START_URL, 'auth.login', { username: 'admin' }, null)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'password' } });
  });

  it('uploads bytes, imports them and returns events as an exact ArrayBuffer', async () => {
    const analyst = await t.tokenFor('analyst');
    const sample = await t.must<Sample>('samples.create', sampleInput(), await t.tokenFor('clerk'));
    const file = fs.readFileSync(refdata('gatingml2', 'data1.fcs'));
    const up = handleUpload(t.backend, APP_START_URL, 'data1.fcs', file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength), analyst);
    expect(up.ok).toBe(true);
    if (!up.ok) return;
    const tube = await handleInvoke(t.backend, APP_START_URL, 'tubes.import', { sampleId: sample.id, uploadId: up.value.uploadId }, analyst);
    expect(tube.ok).toBe(true);
    const ev = await handleInvoke(t.backend, APP_START_URL, 'tubes.events', { tubeId: (tube as { value: Tube }).value.id, channels: ['FL1-H'] }, analyst);
    expect(ev.ok).toBe(true);
    if (ev.ok) {
      expect(ev.value).toBeInstanceOf(ArrayBuffer);
      expect((ev.value as ArrayBuffer).byteLength).toBe(13367 * 4);
    }
  });

  it('refuses an upload without a session or by a clerk', async () => {
    expect(handleUpload(t.backend, APP_START_URL, 'a.fcs', new ArrayBuffer(4), null)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(handleUpload(t.backend, APP_START_URL, 'a.fcs', new ArrayBuffer(4), await t.tokenFor('clerk'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
