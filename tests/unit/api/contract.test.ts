// The API contract itself: every call fully described, schemas that reject bad input with the
// field to blame, and the IPC transport's session bookkeeping.
import { describe, expect, it } from 'vitest';
import {
  BRIDGE_NAME, CALL_NAMES, ROLES, SamplesCreateInputSchema, TubesEventsInputSchema, contract, isBinaryCall, isCallName,
  type Result,
} from '../../../shared/api/contract';
import { ApiCallError, createIpcTransport, type OncoflowBridge } from '../../../shared/api/transport';
import { BRIDGE_NAME as PRELOAD_BRIDGE_NAME } from '../../../electron/ipc-channels';

describe('contract', () => {
  it('describes every call with an input schema, an output schema or binary, and roles', () => {
    expect(CALL_NAMES.length).toBeGreaterThanOrEqual(13);
    for (const name of CALL_NAMES) {
      const spec = contract[name];
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect(typeof spec.input.safeParse).toBe('function');
      expect(spec.output === 'binary' || typeof spec.output.safeParse === 'function').toBe(true);
      const roles = spec.roles;
      expect(roles === 'public' || roles === 'any' || (roles.length > 0 && roles.every((r) => (ROLES as readonly string[]).includes(r)))).toBe(true);
    }
  });

  it('makes only system.info and auth.login public', () => {
    expect(CALL_NAMES.filter((n) => contract[n].roles === 'public').sort()).toEqual(['auth.login', 'system.info']);
  });

  it('marks tubes.events as the binary call', () => {
    expect(CALL_NAMES.filter((n) => isBinaryCall(n))).toEqual(['tubes.events']);
    expect(isCallName('tubes.events')).toBe(true);
    expect(isCallName('toString')).toBe(false);
  });

  it('names the bad field of a sample: the patient CURP when neither CURP nor temporary id is given', () => {
    const r = SamplesCreateInputSchema.safeParse({
      patient: { name: 'SIN IDENTIFICADOR' }, centerCode: 'UMAE01', sampleType: 'bone_marrow', studyType: 'diagnosis',
      collectedAt: '2026-11-25T08:00:00Z', receivedAt: '2026-11-26T08:00:00Z',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['patient', 'curp']);
  });

  it('upper-cases and trims a CURP', () => {
    const r = SamplesCreateInputSchema.parse({
      patient: { name: 'ANA', curp: ' hegg560427mvzrrl04 ' }, centerCode: 'UMAE01', sampleType: 'bone_marrow', studyType: 'diagnosis',
      collectedAt: '2026-11-25T08:00:00Z', receivedAt: '2026-11-26T08:00:00Z',
    });
    expect(r.patient.curp).toBe('HEGG560427MVZRRL04');
  });

  it('accepts 1 to 4 channels for events', () => {
    expect(TubesEventsInputSchema.safeParse({ tubeId: 1, channels: ['FSC-A'] }).success).toBe(true);
    expect(TubesEventsInputSchema.safeParse({ tubeId: 1, channels: [] }).success).toBe(false);
    expect(TubesEventsInputSchema.safeParse({ tubeId: 1, channels: ['a', 'b', 'c', 'd', 'e'] }).success).toBe(false);
  });

  it('uses the same window name in the preload and the contract', () => {
    expect(PRELOAD_BRIDGE_NAME).toBe(BRIDGE_NAME);
  });
});

describe('IPC transport', () => {
  /** A bridge that records what the transport sends, answering like the main process would. */
  function recordingBridge(answers: Record<string, Result<unknown>>) {
    const sent: { name: string; token: string | null }[] = [];
    const bridge: OncoflowBridge = {
      transport: 'ipc',
      invoke: async (name, _input, token) => { sent.push({ name, token }); return answers[name] ?? { ok: true, value: {} }; },
      upload: async (_n, bytes, token) => ({ ok: true, value: { uploadId: `u${bytes.byteLength}-${token}` } }),
    };
    return { bridge, sent };
  }

  it('keeps the session token from auth.login, sends it with later calls and forgets it at logout', async () => {
    const { bridge, sent } = recordingBridge({ 'auth.login': { ok: true, value: { token: 'T1', user: {} } } });
    const t = createIpcTransport(bridge);
    await t.call('auth.login', { username: 'a', password: 'b' });
    await t.call('samples.list', {});
    await t.call('auth.logout', {});
    await t.call('samples.list', {});
    expect(sent.map((s) => s.token)).toEqual([null, 'T1', 'T1', null]);
  });

  it('returns binary values as an exact ArrayBuffer and throws API errors from callBinary', async () => {
    const floats = new Float32Array([1, 2, 3, 4]);
    const view = new Uint8Array(new ArrayBuffer(32), 8, 16);
    view.set(new Uint8Array(floats.buffer));
    const ok = createIpcTransport(recordingBridge({ 'tubes.events': { ok: true, value: view } }).bridge);
    expect(Array.from(new Float32Array(await ok.callBinary('tubes.events', { tubeId: 1, channels: ['x'] })))).toEqual([1, 2, 3, 4]);
    const bad = createIpcTransport(recordingBridge({ 'tubes.events': { ok: false, error: { code: 'NOT_FOUND', message: 'tube 1 does not exist', field: 'tubeId' } } }).bridge);
    await expect(bad.callBinary('tubes.events', { tubeId: 1, channels: ['x'] })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'tubeId' });
    await expect(bad.callBinary('tubes.events', { tubeId: 1, channels: ['x'] })).rejects.toBeInstanceOf(ApiCallError);
  });

  it('uploads the bytes of a Blob with the session token', async () => {
    const t = createIpcTransport(recordingBridge({}).bridge);
    t.setSessionToken('S');
    const file = Object.assign(new Blob([new Uint8Array(5)]), { name: 'a.fcs' });
    expect(await t.upload(file)).toEqual({ uploadId: 'u5-S' });
  });
});
