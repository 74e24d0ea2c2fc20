// Importing FCS files (originals kept byte-identical by content hash, metadata parsed) and
// serving events for plots, on real reference files.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sample, SampleDetail, Tube } from '../../../shared/api/contract';
import type { BinaryValue } from '../../../electron/backend/dispatch';
import { originalPath } from '../../../electron/backend/services/tubes';
import { writeFcs } from '../../../shared/fcs/write';
import { parseFcs } from '../../../shared/fcs/parse';
import os from 'node:os';
import { refdata } from '../../helpers/paths';
import { sampleInput, startBackend, type TestBackend } from './helpers';

const DATA1 = refdata('gatingml2', 'data1.fcs');
const DIVA = refdata('fcs', 'fcsparser_FACSDiva6.2_BALL_panel.fcs');
const CORRUPT = refdata('fcs', 'fcsparser_corrupted.fcs');

const running: TestBackend[] = [];
afterEach(() => { for (const t of running.splice(0)) t.close(); });

async function setup() {
  const t = await startBackend();
  running.push(t);
  const analyst = await t.tokenFor('analyst');
  const sample = await t.must<Sample>('samples.create', sampleInput(), await t.tokenFor('clerk'));
  const upload = (file: string, userId?: number) => {
    const id = userId ?? t.backend.services.auth.authenticate(analyst)!.user.id;
    return t.backend.services.uploads.fromStream(fs.createReadStream(file), path.basename(file), id).then((u) => u.id);
  };
  return { t, analyst, sample, upload };
}

/** NumPy .npy v1/v2 reader: little-endian float64, C order (refdata README). */
function readNpy(file: string): { shape: number[]; data: Float64Array } {
  const buf = fs.readFileSync(file);
  const major = buf[6]!;
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLen;
  const header = buf.subarray(major === 1 ? 10 : 12, start).toString('latin1');
  expect(header).toMatch(/'descr': '<f8'/);
  const shape = header.match(/'shape': \(([^)]*)\)/)![1]!.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const bytes = buf.subarray(start);
  return { shape, data: new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) };
}

describe('tubes.import', () => {
  it('stores the original byte-identical under its SHA-256, read-only, and returns its metadata', async () => {
    const { t, analyst, sample, upload } = await setup();
    const tube = await t.must<Tube>('tubes.import', { sampleId: sample.id, uploadId: await upload(DATA1) }, analyst);
    const original = fs.readFileSync(DATA1);
    const sha = crypto.createHash('sha256').update(original).digest('hex');
    expect(tube.sha256).toBe(sha);
    const stored = originalPath(t.dataDir, sha);
    expect(Buffer.compare(fs.readFileSync(stored), original)).toBe(0);
    if (process.platform !== 'win32') expect(fs.statSync(stored).mode & 0o222).toBe(0);
    expect(tube).toMatchObject({
      sampleId: sample.id, fileName: 'data1.fcs', sizeBytes: original.length, eventCount: 13367, parameterCount: 8,
      cytometer: 'FACSCalibur', fcsVersion: 'FCS2.0', hasSpillover: false,
    });
    expect(tube.parameters.map((p) => p.name)).toEqual(['FSC-H', 'SSC-H', 'FL1-H', 'FL2-H', 'FL3-H', 'FL2-A', 'FL4-H', 'Time']);
  });

  it('takes the instrument from CYTOMETER CONFIG NAME and the tube name from TUBE NAME when $CYT is absent (FACSDiva)', async () => {
    const { t, analyst, sample, upload } = await setup();
    const tube = await t.must<Tube>('tubes.import', { sampleId: sample.id, uploadId: await upload(DIVA) }, analyst);
    expect(tube).toMatchObject({ eventCount: 83411, parameterCount: 12, cytometer: 'St. Anna CCRI 7-Blue 3-Violet 3-Red', tubeName: 'KM1', hasSpillover: true });
    expect(tube.parameters.find((p) => p.name === 'Time')?.kind).toBe('time');
  });

  it('keeps one original when the same file is imported for two samples', async () => {
    const { t, analyst, sample, upload } = await setup();
    const other = await t.must<Sample>('samples.create', sampleInput({ studyType: 'mrd_eoi' }), await t.tokenFor('clerk'));
    const a = await t.must<Tube>('tubes.import', { sampleId: sample.id, uploadId: await upload(DATA1) }, analyst);
    const b = await t.must<Tube>('tubes.import', { sampleId: other.id, uploadId: await upload(DATA1) }, analyst);
    expect(a.sha256).toBe(b.sha256);
    expect(a.id).not.toBe(b.id);
    expect(fs.readdirSync(path.join(t.dataDir, 'originals'))).toEqual([`${a.sha256}.fcs`]);
    expect(fs.readdirSync(t.backend.services.uploads.dir)).toEqual([]);
  });

  it('refuses the same file twice for one sample as CONFLICT', async () => {
    const { t, analyst, sample, upload } = await setup();
    await t.must('tubes.import', { sampleId: sample.id, uploadId: await upload(DATA1) }, analyst);
    const r = await t.call('tubes.import', { sampleId: sample.id, uploadId: await upload(DATA1) }, analyst);
    expect(r.ok ? null : r.error).toMatchObject({ code: 'CONFLICT', field: 'uploadId' });
  });

  it('refuses a corrupt file as BAD_INPUT with the FCS error code, storing nothing', async () => {
    const { t, analyst, sample, upload } = await setup();
    const r = await t.call('tubes.import', { sampleId: sample.id, uploadId: await upload(CORRUPT) }, analyst);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('BAD_INPUT');
    expect((r.error.details as { fcsCode: string }).fcsCode).toMatch(/^FCS_/);
    expect(fs.existsSync(path.join(t.dataDir, 'originals')) ? fs.readdirSync(path.join(t.dataDir, 'originals')) : []).toEqual([]);
    const detail = await t.must<SampleDetail>('samples.get', { id: sample.id }, analyst);
    expect(detail.tubes).toEqual([]);
  });

  it("does not let a user import another user's upload", async () => {
    const { t, sample, upload } = await setup();
    const supervisor = await t.tokenFor('supervisor');
    const uploadId = await upload(DATA1); // belongs to the analyst
    const r = await t.call('tubes.import', { sampleId: sample.id, uploadId }, supervisor);
    expect(r.ok ? null : r.error).toMatchObject({ code: 'NOT_FOUND', field: 'uploadId' });
  });

  it('shows imported tubes in samples.get and the tube count in samples.list', async () => {
    const { t, analyst, sample, upload } = await setup();
    await t.must('tubes.import', { sampleId: sample.id, uploadId: await upload(DATA1) }, analyst);
    const detail = await t.must<SampleDetail>('samples.get', { id: sample.id }, analyst);
    expect(detail.tubes).toHaveLength(1);
    const list = await t.must<{ tubeCount: number }[]>('samples.list', {}, analyst);
    expect(list[0]!.tubeCount).toBe(1);
  });
});

describe('tube spillover', () => {
  it('reports no usable spillover when the file matrix is too ill-conditioned to compensate with', async () => {
    const { t, analyst, sample, upload } = await setup();
    // Condition number ≈ 2 × 10^4, past the compensation module's 10^4 limit, yet not singular:
    // the reader keeps it, the compensation module refuses it, so plots stay uncompensated and must say so.
    const events = new Float32Array([100, 200, 300, 400, 500, 600]);
    const bytes = writeFcs({
      parameters: [{ name: 'FITC-A', marker: 'CD45' }, { name: 'PE-A', marker: 'CD19' }],
      events,
      spillover: { keyword: '$SPILLOVER', channels: ['FITC-A', 'PE-A'], matrix: Float64Array.from([1, 0.9999, 0.9999, 1]) },
    });
    expect(parseFcs(bytes).spillover).not.toBeNull(); // the reader keeps it: the refusal is compensation's
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncoflow-spill-'));
    const file = path.join(dir, 'ill-conditioned.fcs');
    fs.writeFileSync(file, bytes);
    try {
      const tube = await t.must<Tube>('tubes.import', { sampleId: sample.id, uploadId: await upload(file) }, analyst);
      expect(tube.hasSpillover).toBe(false);
      const r = await t.call('tubes.events', { tubeId: tube.id, channels: ['FITC-A'] }, analyst);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const v = r.value as BinaryValue;
      expect([...new Float32Array(v.bytes.buffer, v.bytes.byteOffset, 3)]).toEqual([100, 300, 500]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('stored originals', () => {
  it('replaces a stored original damaged on disk when the same file is imported again', async () => {
    const { t, analyst, sample, upload } = await setup();
    const tube = await t.must<Tube>('tubes.import', { sampleId: sample.id, uploadId: await upload(DATA1) }, analyst);
    const stored = originalPath(t.dataDir, tube.sha256);
    fs.chmodSync(stored, 0o644);
    const damaged = fs.readFileSync(stored);
    damaged[damaged.length - 10] ^= 0xff;
    fs.writeFileSync(stored, damaged);
    const other = await t.must<Sample>('samples.create', sampleInput(), await t.tokenFor('clerk'));
    await t.must<Tube>('tubes.import', { sampleId: other.id, uploadId: await upload(DATA1) }, analyst);
    expect(Buffer.compare(fs.readFileSync(stored), fs.readFileSync(DATA1))).toBe(0);
    if (process.platform !== 'win32') expect(fs.statSync(stored).mode & 0o222).toBe(0);
  });
});

describe('tubes.events', () => {
  it('returns $TOT × channels float32 values, channel after channel, equal to the scaled truth', async () => {
    const { t, analyst, sample, upload } = await setup();
    const tube = await t.must<Tube>('tubes.import', { sampleId: sample.id, uploadId: await upload(DATA1) }, analyst);
    const r = await t.call('tubes.events', { tubeId: tube.id, channels: ['FL1-H', 'FSC-H'] }, analyst);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as BinaryValue;
    expect(v.bytes.byteLength).toBe(13367 * 2 * 4);
    expect(v.meta.eventCount).toBe('13367');
    const values = new Float32Array(v.bytes.buffer, v.bytes.byteOffset, v.bytes.byteLength / 4);
    // FlowIO's preprocessed truth: FL1-H = 10^(4·ch/1024), FSC-H = ch / 3.67 (refdata README).
    const truth = readNpy(refdata('fcs', 'truth', 'flowio_data1_preprocessed.npy'));
    expect(truth.shape).toEqual([13367, 8]);
    let worst = 0;
    for (let e = 0; e < 13367; e++) {
      for (const [c, col] of [[0, 2], [1, 0]] as const) {
        const want = truth.data[e * 8 + col]!;
        const got = values[c * 13367 + e]!;
        worst = Math.max(worst, Math.abs(got - want) / Math.max(1, Math.abs(want)));
      }
    }
    expect(worst).toBeLessThan(1e-6); // float32 rounding only
  });

  it('returns fluorescence compensated with the file spillover, as the independent reference computes it', async () => {
    const { t, analyst, sample, upload } = await setup();
    const file = refdata('fcs', 'flowworkspacedata_124500_FACSCantoII_Diva6.1.3.fcs');
    const tube = await t.must<Tube>('tubes.import', { sampleId: sample.id, uploadId: await upload(file) }, analyst);
    expect(tube.hasSpillover).toBe(true);
    const ref = JSON.parse(fs.readFileSync(refdata('compensation', 'compensation_reference.json'), 'utf8')) as {
      cases: Array<{ fcs: string; spill_names: string[]; independent_check_first3_events: Array<{ compensated: number[] }> }>;
    };
    const c = ref.cases.find((x) => x.fcs.endsWith('124500_FACSCantoII_Diva6.1.3.fcs'))!;
    const channels = [c.spill_names[0]!, c.spill_names[7]!, 'FSC-A'];
    const r = await t.call('tubes.events', { tubeId: tube.id, channels }, analyst);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as BinaryValue;
    const values = new Float32Array(v.bytes.buffer, v.bytes.byteOffset, v.bytes.byteLength / 4);
    const n = tube.eventCount;
    for (let e = 0; e < 3; e++) {
      const want = c.independent_check_first3_events[e]!.compensated;
      expect(values[e]).toBeCloseTo(want[0]!, 2);
      expect(values[n + e]).toBeCloseTo(want[7]!, 2);
    }
  });

  it('returns only the first maxEvents events when asked', async () => {
    const { t, analyst, sample, upload } = await setup();
    const tube = await t.must<Tube>('tubes.import', { sampleId: sample.id, uploadId: await upload(DATA1) }, analyst);
    const r = await t.call('tubes.events', { tubeId: tube.id, channels: ['SSC-H'], maxEvents: 100 }, analyst);
    expect(r.ok && (r.value as BinaryValue).bytes.byteLength).toBe(400);
  });

  it('names the unknown channel as BAD_INPUT on channels.N', async () => {
    const { t, analyst, sample, upload } = await setup();
    const tube = await t.must<Tube>('tubes.import', { sampleId: sample.id, uploadId: await upload(DATA1) }, analyst);
    const r = await t.call('tubes.events', { tubeId: tube.id, channels: ['FSC-H', 'CD19'] }, analyst);
    expect(r.ok ? null : r.error).toMatchObject({ code: 'BAD_INPUT', field: 'channels.1' });
  });

  it('validates the channel list: 1 to 4 channels', async () => {
    const { t, analyst } = await setup();
    for (const channels of [[], ['a', 'b', 'c', 'd', 'e']]) {
      const r = await t.call('tubes.events', { tubeId: 1, channels }, analyst);
      expect(r.ok ? null : r.error).toMatchObject({ code: 'VALIDATION', field: 'channels' });
    }
  });
});

describe('demo.load', () => {
  it('loads fictitious DEMO patients with generated ALOT tubes stored as originals, once', async () => {
    const { t } = await setup();
    const supervisor = await t.tokenFor('supervisor');
    const r = await t.must<{ samplesCreated: number }>('demo.load', {}, supervisor);
    expect(r.samplesCreated).toBeGreaterThanOrEqual(3);
    const list = await t.must<{ id: number; patientName: string; isDemo: boolean; tubeCount: number; curp: string }[]>('samples.list', {}, supervisor);
    const demo = list.filter((s) => s.isDemo);
    expect(demo).toHaveLength(r.samplesCreated);
    for (const s of demo) {
      expect(s.patientName.startsWith('DEMO')).toBe(true);
      expect(s.curp.startsWith('DEMO')).toBe(true);
      expect(s.tubeCount).toBe(1);
    }
    const detail = await t.must<SampleDetail>('samples.get', { id: demo[0]!.id }, supervisor);
    const tube = detail.tubes[0]!;
    expect(tube.parameters.length).toBeGreaterThanOrEqual(8);
    expect(fs.existsSync(originalPath(t.dataDir, tube.sha256))).toBe(true);
    const info = await t.must<{ hasDemoData: boolean }>('system.info', {}, null);
    expect(info.hasDemoData).toBe(true);
    expect((await t.must<{ samplesCreated: number }>('demo.load', {}, supervisor)).samplesCreated).toBe(0);
  });

  it('is not available to analysts or clerks', async () => {
    const { t, analyst } = await setup();
    const r = await t.call('demo.load', {}, analyst);
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
  });
});
