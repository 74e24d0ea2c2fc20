// Intake: registering samples with validated identifiers, accession numbers and the worklist.
import { afterEach, describe, expect, it } from 'vitest';
import { ACCESSION_PATTERN, type Sample, type SampleSummary } from '../../../shared/api/contract';
import { sampleInput, startBackend, type TestBackend } from './helpers';

const running: TestBackend[] = [];
const start = async () => { const t = await startBackend(); running.push(t); return t; };
afterEach(() => { for (const t of running.splice(0)) t.close(); });

async function errorOf(t: TestBackend, input: unknown) {
  const r = await t.call('samples.create', input, await t.tokenFor('clerk'));
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

describe('samples.create', () => {
  it('registers a sample with status received, a yearly accession number and the patient', async () => {
    const t = await start();
    const s = await t.must<Sample>('samples.create', sampleInput(), await t.tokenFor('clerk'));
    expect(s.accession).toMatch(ACCESSION_PATTERN);
    expect(s.accession).toBe(`OF-${new Date().getUTCFullYear()}-000001`);
    expect(s).toMatchObject({ status: 'received', centerCode: 'UMAE01', patientName: 'PRUEBA PEREZ ANA', curp: 'HEGG560427MVZRRL04', nss: '92919084431', tubeCount: 0, isDemo: false });
    expect(s.patient.curp).toBe('HEGG560427MVZRRL04');
  });

  it('numbers accessions sequentially and reuses the patient of a known CURP', async () => {
    const t = await start();
    const clerk = await t.tokenFor('clerk');
    const a = await t.must<Sample>('samples.create', sampleInput(), clerk);
    const b = await t.must<Sample>('samples.create', sampleInput({ studyType: 'mrd_d19' }), clerk);
    expect(Number(b.accession.slice(-6))).toBe(Number(a.accession.slice(-6)) + 1);
    expect(b.patient.id).toBe(a.patient.id);
  });

  it('refuses a known CURP with a different patient name as CONFLICT, ignoring case and accents', async () => {
    const t = await start();
    const clerk = await t.tokenFor('clerk');
    await t.must('samples.create', sampleInput(), clerk);
    const same = await t.call('samples.create', sampleInput({ patient: { name: 'Prueba  Pérez Ana', curp: 'HEGG560427MVZRRL04' } }), clerk);
    expect(same.ok).toBe(true);
    const other = await t.call('samples.create', sampleInput({ patient: { name: 'OTRO NOMBRE', curp: 'HEGG560427MVZRRL04' } }), clerk);
    expect(other.ok ? null : other.error).toMatchObject({ code: 'CONFLICT', field: 'patient.curp' });
  });

  it('rejects a CURP with a wrong check digit as VALIDATION on patient.curp', async () => {
    const t = await start();
    const e = await errorOf(t, sampleInput({ patient: { name: 'PRUEBA', curp: 'HEGG560427MVZRRL05' } }));
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'patient.curp' });
    expect(e.message).toMatch(/check digit/);
  });

  it('rejects an NSS with a wrong Luhn digit as VALIDATION on patient.nss', async () => {
    const t = await start();
    const e = await errorOf(t, sampleInput({ patient: { name: 'PRUEBA', curp: 'HEGG560427MVZRRL04', nss: '92919084432' } }));
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'patient.nss' });
  });

  it('requires a CURP or a documented temporary identifier', async () => {
    const t = await start();
    const e = await errorOf(t, sampleInput({ patient: { name: 'BEBE SIN CURP' } }));
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'patient.curp' });
    const ok = await t.call('samples.create', sampleInput({ patient: { name: 'BEBE SIN CURP', tempId: 'TMP-UMAE01-20261126-001' } }), await t.tokenFor('clerk'));
    expect(ok.ok).toBe(true);
  });

  it('names the field for schema errors: unknown sample type, bad date, receipt before collection, unknown center', async () => {
    const t = await start();
    expect(await errorOf(t, sampleInput({ sampleType: 'saliva' }))).toMatchObject({ code: 'VALIDATION', field: 'sampleType' });
    expect(await errorOf(t, sampleInput({ collectedAt: 'yesterday' }))).toMatchObject({ code: 'VALIDATION', field: 'collectedAt' });
    expect(await errorOf(t, sampleInput({ receivedAt: '2026-11-24T00:00:00.000Z' }))).toMatchObject({ code: 'VALIDATION', field: 'receivedAt' });
    expect(await errorOf(t, sampleInput({ centerCode: 'NOPE' }))).toMatchObject({ code: 'VALIDATION', field: 'centerCode' });
  });

  it('records the creation in the audit trail with the new values', async () => {
    const t = await start();
    const s = await t.must<Sample>('samples.create', sampleInput(), await t.tokenFor('clerk'));
    const audit = await t.must<{ action: string; newValue: { accession: string } }[]>('audit.list', { entity: 'sample', entityId: String(s.id) }, await t.adminToken());
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'sample.create', newValue: { accession: s.accession } });
  });
});

describe('samples.list and samples.get', () => {
  it('lists samples newest first, filters by status and searches names and identifiers', async () => {
    const t = await start();
    const clerk = await t.tokenFor('clerk');
    await t.must('samples.create', sampleInput(), clerk);
    await t.must('samples.create', sampleInput({ patient: { name: 'OTRA NIÑA', curp: 'MAAR790213HMNRLF03' }, receivedAt: '2026-11-26T09:00:00.000Z' }), clerk);
    const analyst = await t.tokenFor('analyst');
    const all = await t.must<SampleSummary[]>('samples.list', {}, analyst);
    expect(all.map((s) => s.patientName)).toEqual(['OTRA NIÑA', 'PRUEBA PEREZ ANA']);
    expect(await t.must<SampleSummary[]>('samples.list', { search: 'MAAR7902' }, analyst)).toHaveLength(1);
    expect(await t.must<SampleSummary[]>('samples.list', { search: '%' }, analyst)).toHaveLength(0);
    expect(await t.must<SampleSummary[]>('samples.list', { status: 'signed' }, analyst)).toHaveLength(0);
  });

  it('returns NOT_FOUND for an unknown sample id', async () => {
    const t = await start();
    const r = await t.call('samples.get', { id: 999 }, await t.adminToken());
    expect(r.ok ? null : r.error).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('lists the 36 centers to any logged-in user', async () => {
    const t = await start();
    const centers = await t.must<{ code: string; region: string }[]>('centers.list', {}, await t.tokenFor('analyst'));
    expect(centers).toHaveLength(36);
    expect(centers.find((c) => c.code === 'UMAE01')?.region).toBe('central');
  });
});
