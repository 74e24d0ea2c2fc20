// The clinical pipeline in its worker thread (dist/workers/interpretation.worker.cjs, built here
// from sources): the same answers and the same typed errors as in-process, a main thread that keeps
// ticking while a 1M-event tube is analysed, and a pool that survives a killed or overrunning worker.
// Tubes come from the synthetic generator (known truth), imported through the real tubes service.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InterpretationList, LineageSuggestion, MrdRecord, Sample, Tube } from '../../../shared/api/contract';
import { GatingError } from '../../../shared/gating/errors';
import { FcsError } from '../../../shared/fcs/errors';
import { MrdGateError } from '../../../shared/clinical';
import { generateAlotTube, generateMrdTube, mrdGatingML, MRD_GATE_IDS, tubeToFcs, type SyntheticTube } from '../../../shared/synthetic';
import {
  inlineInterpretationEngine, workerInterpretationEngine, type InterpretationEngine,
} from '../../../electron/backend/services/interpretation';
import { originalPath } from '../../../electron/backend/services/tubes';
import type { SuggestRun } from '../../../electron/workers/interpretation-engine';
import { WorkerPoolError } from '../../../electron/workers/pool';
import { REPO_ROOT, refdata } from '../../helpers/paths';
import { sampleInput, startBackend, tempDir, type TestBackend } from './helpers';

const WORKER = path.join(REPO_ROOT, 'dist', 'workers', 'interpretation.worker.cjs');
const BIG_EVENTS = 1_000_000;
const XML = mrdGatingML('canto');

let files: string;
let small: string; // 50 000-event T-ALL tube
let big: string; // 1 000 000-event AML tube
let mrd: string; // 200 000-event follow-up tube, 0.1 % residual disease
let damaged: string; // a tube whose stored original the API tests damage (originals are stored once per SHA-256)
let worker: ReturnType<typeof workerInterpretationEngine>;
const inline: InterpretationEngine = inlineInterpretationEngine();

function write(name: string, tube: SyntheticTube): string {
  const file = path.join(files, name);
  fs.writeFileSync(file, tubeToFcs(tube));
  return file;
}

beforeAll(() => {
  if (!fs.existsSync(WORKER) || process.env.ONCOFLOW_TEST !== '1') {
    const b = spawnSync(process.execPath, ['scripts/build.mjs', '--no-renderer'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
    if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  }
  files = tempDir('oncoflow-interp-worker-');
  small = write('t-all.fcs', generateAlotTube({ seed: 4, category: 'T_ALL', blastPercent: 35 }));
  big = write('aml-1m.fcs', generateAlotTube({ seed: 7, category: 'AML', events: BIG_EVENTS }));
  mrd = write('mrd.fcs', generateMrdTube({ seed: 11, mrdFraction: 1e-3, events: 200_000 }));
  damaged = write('damaged.fcs', generateAlotTube({ seed: 5, category: 'PRE_B_ALL', events: 20_000 }));
  worker = workerInterpretationEngine(WORKER);
}, 180_000);
afterAll(async () => { await worker?.close(); });

const errorOf = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as Error);

/**
 * A full garbage collection on demand. Generating the 1M-event tube leaves a few hundred MB of
 * garbage on this thread; collecting it before measuring keeps that (a test artefact, not
 * something the app's main process has) out of the stall we attribute to the interpretation job.
 */
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** The value below which `share` of the sorted values lie (nearest rank). */
function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * Runs `work` while a 5 ms interval timer ticks on this thread and returns every gap between ticks
 * (how long the thread could not answer anything: IPC, HTTP, the window).
 */
async function tickGaps<T>(work: () => Promise<T>): Promise<{ value: T; gapsMs: number[]; elapsedMs: number }> {
  collectGarbage();
  const t0 = performance.now();
  let last = t0;
  const gapsMs: number[] = [];
  const timer = setInterval(() => {
    const now = performance.now();
    gapsMs.push(now - last);
    last = now;
  }, 5);
  try {
    // An in-process job blocks inside work() itself; the final gap records that case.
    const value = await work();
    const end = performance.now();
    gapsMs.push(end - last);
    return { value, gapsMs, elapsedMs: end - t0 };
  } finally {
    clearInterval(timer);
  }
}

describe('interpretation worker: same answers as in-process', () => {
  it('runs in a worker thread, not inline', () => {
    expect(worker.mode).toBe('worker');
    expect(inline.mode).toBe('inline');
  });

  it('gives the same lineage suggestion, mapping and compensation as the in-process engine on the same tube', async () => {
    const a = await worker.suggest(small, 't-all.fcs', {});
    const b = await inline.suggest(small, 't-all.fcs', {});
    expect(a.suggestion?.category).toBe('T_ALL');
    expect(a).toEqual(b);
  });

  it('applies marker overrides in the worker as in-process', async () => {
    const a = await worker.suggest(small, 't-all.fcs', { 'APC-A': 'CD19' });
    expect(a.mapping.find((m) => m.name === 'APC-A')).toMatchObject({ canonical: 'CD19', source: 'override' });
    expect(a).toEqual(await inline.suggest(small, 't-all.fcs', { 'APC-A': 'CD19' }));
  });

  it('gives the same MRD from Gating-ML gates as the in-process engine', async () => {
    const a = await worker.mrdFromGates(mrd, 'mrd.fcs', XML, MRD_GATE_IDS.leukemic, MRD_GATE_IDS.singlets);
    expect(a.status).toBe('quantified');
    expect(a).toEqual(await inline.mrdFromGates(mrd, 'mrd.fcs', XML, MRD_GATE_IDS.leukemic, MRD_GATE_IDS.singlets));
  });

  it('accepts the bytes of a file, moved to the worker, as well as its path', async () => {
    const bytes = new Uint8Array(fs.readFileSync(small));
    const run = await worker.pool.run<SuggestRun>({ kind: 'suggestLineage', source: { bytes, name: 't-all.fcs' }, markerOverrides: {} }, { transfer: [bytes.buffer as ArrayBuffer] });
    expect(bytes.byteLength).toBe(0); // transferred, not copied
    expect(run).toEqual(await inline.suggest(small, 't-all.fcs', {}));
  });

  it('answers queued jobs each with its own result', async () => {
    const jobs = [worker.suggest(small, 't-all.fcs', {}), worker.mrdFromGates(mrd, 'mrd.fcs', XML, MRD_GATE_IDS.leukemic), worker.suggest(small, 't-all.fcs', { 'APC-A': 'CD19' })];
    expect(worker.pool.queued()).toBe(2); // one worker, one job at a time
    const [a, m, c] = await Promise.all(jobs);
    expect((a as SuggestRun).suggestion?.category).toBe('T_ALL');
    expect('leukemicGateId' in m && m.leukemicGateId).toBe('Leukemic');
    expect((c as SuggestRun).suggestion?.rule.id).toBe('L0a');
  });
});

describe('interpretation worker: errors keep their class, code and place', () => {
  it('rebuilds an FCS error from a corrupted file with the same code, message and offset', async () => {
    const file = refdata('fcs', 'fcsparser_corrupted.fcs');
    const a = await errorOf(worker.suggest(file, 'corrupted.fcs', {}));
    const b = await errorOf(inline.suggest(file, 'corrupted.fcs', {}));
    expect(a).toBeInstanceOf(FcsError);
    expect((a as FcsError).code).toMatch(/^FCS_/);
    expect({ ...a, message: a.message, name: a.name }).toEqual({ ...b, message: b.message, name: b.name });
  });

  it('rebuilds a Gating-ML error with its code', async () => {
    const a = await errorOf(worker.mrdFromGates(mrd, 'mrd.fcs', '<not-gating-ml', 'Leukemic'));
    const b = await errorOf(inline.mrdFromGates(mrd, 'mrd.fcs', '<not-gating-ml', 'Leukemic'));
    expect(a).toBeInstanceOf(GatingError);
    expect((a as GatingError).code).toBe((b as GatingError).code);
    expect(a.message).toBe(b.message);
  });

  it('rebuilds an unknown-gate MRD error with its code and gate id', async () => {
    const a = await errorOf(worker.mrdFromGates(mrd, 'mrd.fcs', XML, 'NoSuchGate'));
    expect(a).toBeInstanceOf(MrdGateError);
    expect(a).toMatchObject({ code: 'MRD_GATE_UNKNOWN', gateId: 'NoSuchGate' });
    expect(a.message).toBe((await errorOf(inline.mrdFromGates(mrd, 'mrd.fcs', XML, 'NoSuchGate'))).message);
  });
});

describe('interpretation worker: the main thread stays responsive', () => {
  // The machine is shared (2 cores, a load of 4–7 while other work runs): the OS deschedules this
  // thread for tens of ms whatever it runs (measured here: p99 18–50 ms, max 22–76 ms under load),
  // so the bound is on the 90th-percentile gap, and the longest gap gets a looser bound that an
  // in-process run (the whole job, ≈ 1–3 s) fails several times over.
  it('keeps a 5 ms timer firing (90 % of gaps ≤ 50 ms, none over 250 ms) while a 1M-event suggestion runs in the worker', async () => {
    await worker.suggest(small, 't-all.fcs', {}); // worker already started: measure the job, not the thread's start-up
    const w = await tickGaps(() => worker.suggest(big, 'aml-1m.fcs', {}));
    expect(w.value.eventCount).toBe(BIG_EVENTS);
    expect(w.value.suggestion?.category).toBe('AML');
    // For contrast, the same job on this thread: the timer cannot fire until it is over.
    const i = await tickGaps(() => inline.suggest(big, 'aml-1m.fcs', {}));
    const fmt = (r: { gapsMs: number[]; elapsedMs: number }) =>
      `${r.elapsedMs.toFixed(0)} ms, ${r.gapsMs.length} ticks, main-thread gap p50 ${percentile(r.gapsMs, 0.5).toFixed(1)} / p90 ${percentile(r.gapsMs, 0.9).toFixed(1)} / p99 ${percentile(r.gapsMs, 0.99).toFixed(1)} / max ${Math.max(...r.gapsMs).toFixed(1)} ms`;
    console.log(`1M-event suggestion — worker: ${fmt(w)}; in-process: ${fmt(i)}`);
    expect(w.value).toEqual(i.value);
    expect(percentile(w.gapsMs, 0.9)).toBeLessThanOrEqual(50);
    expect(Math.max(...w.gapsMs)).toBeLessThanOrEqual(250);
    expect(Math.max(...i.gapsMs)).toBeGreaterThan(300);
  });
});

describe('interpretation worker: failures end the job, never the service', () => {
  it('fails a job that overruns its time limit with WORKER_TIMEOUT, and runs the next job on a fresh worker', async () => {
    const hasty = workerInterpretationEngine(WORKER, { timeoutMs: 100 });
    try {
      const e = await errorOf(hasty.suggest(big, 'aml-1m.fcs', {}));
      expect(e).toBeInstanceOf(WorkerPoolError);
      expect(e).toMatchObject({ code: 'WORKER_TIMEOUT' });
      expect(e.message).toMatch(/did not finish within 100 ms/);
      expect(hasty.pool.threads()).toHaveLength(0);
      const next = await hasty.pool.run<SuggestRun>({ kind: 'suggestLineage', source: { filePath: small, name: 't-all.fcs' }, markerOverrides: {} }, { timeoutMs: 60_000 });
      expect(next.suggestion?.category).toBe('T_ALL');
    } finally {
      await hasty.close();
    }
  });

  it('fails every queued job with WORKER_CLOSED when the pool is closed, instead of leaving them pending', async () => {
    const closing = workerInterpretationEngine(WORKER);
    const jobs = [closing.suggest(big, 'aml-1m.fcs', {}), closing.suggest(small, 't-all.fcs', {})].map(errorOf);
    await closing.close();
    for (const e of await Promise.all(jobs)) expect(e).toMatchObject({ code: 'WORKER_CLOSED' });
  });
});

describe('interpretation worker behind the API', () => {
  let t: TestBackend;
  let ref: TestBackend; // the same backend with the pipeline in-process
  let analyst: string;
  let refAnalyst: string;

  beforeAll(async () => {
    t = await startBackend({ interpretationWorker: WORKER });
    ref = await startBackend({ interpretationWorker: null });
    analyst = await t.tokenFor('analyst');
    refAnalyst = await ref.tokenFor('analyst');
  });
  afterAll(() => { t?.close(); ref?.close(); });

  async function sampleWithTube(b: TestBackend, token: string, file: string): Promise<{ sample: Sample; tube: Tube }> {
    const clerk = await b.tokenFor('clerk');
    const sample = await b.must<Sample>('samples.create', sampleInput(), clerk);
    const userId = b.backend.services.auth.authenticate(token)!.user.id;
    const u = await b.backend.services.uploads.fromStream(fs.createReadStream(file), path.basename(file), userId);
    return { sample, tube: await b.must<Tube>('tubes.import', { sampleId: sample.id, uploadId: u.id }, token) };
  }

  async function apiError(b: TestBackend, name: string, input: unknown, token: string) {
    const r = await b.call(name, input, token);
    if (r.ok) throw new Error(`${name} was expected to fail`);
    return r.error;
  }

  it('uses the worker when its bundle is given and in-process work when it is not', () => {
    expect(t.backend.interpretationEngine.mode).toBe('worker');
    expect(ref.backend.interpretationEngine.mode).toBe('inline');
  });

  it('answers other calls within 50 ms (median) while a 1M-event suggestion runs', async () => {
    const { sample, tube } = await sampleWithTube(t, analyst, big);
    await t.must('interpretation.list', { sampleId: sample.id }, analyst);
    const running = t.must<LineageSuggestion>('interpretation.suggestLineage', { tubeId: tube.id }, analyst);
    await new Promise((r) => setTimeout(r, 50)); // the worker is now parsing the 48 MB file
    const latencies: number[] = [];
    let done = false;
    void running.finally(() => { done = true; });
    while (!done && latencies.length < 20) {
      const t0 = performance.now();
      const list = await t.must<InterpretationList>('interpretation.list', { sampleId: sample.id }, analyst);
      latencies.push(performance.now() - t0);
      expect(list.suggestions).toHaveLength(0);
      await new Promise((r) => setTimeout(r, 10));
    }
    const s = await running;
    console.log(`interpretation.list during a 1M-event suggestion: ${latencies.length} calls, median ${percentile(latencies, 0.5).toFixed(1)} ms, slowest ${Math.max(...latencies).toFixed(1)} ms`);
    expect(s.acquiredEvents).toBe(BIG_EVENTS);
    expect(latencies.length).toBeGreaterThanOrEqual(3);
    // Median, not max: one call may be descheduled on the shared machine (see the timer test).
    expect(percentile(latencies, 0.5)).toBeLessThanOrEqual(50);
    expect(Math.max(...latencies)).toBeLessThanOrEqual(250);
  });

  it('stores the same suggestion as the in-process backend', async () => {
    const a = await t.must<LineageSuggestion>('interpretation.suggestLineage', { tubeId: (await sampleWithTube(t, analyst, small)).tube.id }, analyst);
    const b = await ref.must<LineageSuggestion>('interpretation.suggestLineage', { tubeId: (await sampleWithTube(ref, refAnalyst, small)).tube.id }, refAnalyst);
    const drop = ({ id, sampleId, tubeId, createdAt, createdBy, createdByName, ...rest }: LineageSuggestion) => rest;
    expect(drop(a)).toEqual(drop(b));
  });

  it('stores the same MRD result as the in-process backend', async () => {
    const input = (tubeId: number) => ({ tubeId, gatingMlXml: XML, leukemicGateId: MRD_GATE_IDS.leukemic, nucleatedGateId: MRD_GATE_IDS.singlets });
    const a = await t.must<MrdRecord>('interpretation.computeMrd', input((await sampleWithTube(t, analyst, mrd)).tube.id), analyst);
    const b = await ref.must<MrdRecord>('interpretation.computeMrd', input((await sampleWithTube(ref, refAnalyst, mrd)).tube.id), refAnalyst);
    const drop = ({ id, sampleId, tubeId, createdAt, createdBy, createdByName, ...rest }: MrdRecord) => rest;
    expect(drop(a)).toEqual(drop(b));
  });

  it('answers a stored original that no longer parses as BAD_INPUT with the same FCS code as in-process', async () => {
    const errors = [];
    for (const [b, token] of [[t, analyst], [ref, refAnalyst]] as const) {
      const { tube } = await sampleWithTube(b, token, damaged);
      // Damage the stored copy (as a disk fault would): the HEADER still reads, DATA is cut short.
      const stored = originalPath(b.dataDir, tube.sha256);
      fs.chmodSync(stored, 0o644);
      fs.truncateSync(stored, 4000);
      errors.push(await apiError(b, 'interpretation.suggestLineage', { tubeId: tube.id }, token));
    }
    expect(errors[0]).toMatchObject({ code: 'BAD_INPUT', field: 'tubeId', details: { fcsCode: expect.stringMatching(/^FCS_/) } });
    expect(errors[0]).toEqual(errors[1]);
  });

  it('answers bad Gating-ML and an unknown gate with the same codes and fields as in-process', async () => {
    const bad = { gatingMlXml: '<not-gating-ml', leukemicGateId: 'Leukemic' };
    const unknown = { gatingMlXml: XML, leukemicGateId: 'NoSuchGate' };
    const got = [];
    for (const [b, token] of [[t, analyst], [ref, refAnalyst]] as const) {
      const { tube } = await sampleWithTube(b, token, mrd);
      got.push([
        await apiError(b, 'interpretation.computeMrd', { tubeId: tube.id, ...bad }, token),
        await apiError(b, 'interpretation.computeMrd', { tubeId: tube.id, ...unknown }, token),
      ]);
    }
    expect(got[0]![0]).toMatchObject({ code: 'BAD_INPUT', field: 'gatingMlXml', details: { gatingCode: 'GATINGML_XML' } });
    expect(got[0]![1]).toMatchObject({ code: 'BAD_INPUT', field: 'leukemicGateId', details: { mrdCode: 'MRD_GATE_UNKNOWN', gateId: 'NoSuchGate' } });
    expect(got[0]).toEqual(got[1]);
  });

  it('answers INTERNAL when the worker is killed mid-job, and the next suggestion succeeds on a new worker', async () => {
    const { tube } = await sampleWithTube(t, analyst, big);
    const pool = t.backend.interpretationEngine.pool!;
    const running = t.call('interpretation.suggestLineage', { tubeId: tube.id }, analyst);
    await new Promise((r) => setTimeout(r, 100)); // well inside the ≥ 0.5 s job
    const [w] = pool.threads();
    expect(w).toBeDefined();
    await w!.terminate();
    const r = await running;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'INTERNAL', field: 'tubeId', details: { workerCode: 'WORKER_CRASHED' } });
    expect(t.logs.some((l) => /interpretation of aml-1m\.fcs failed: WORKER_CRASHED/.test(l))).toBe(true);
    const next = await t.must<LineageSuggestion>('interpretation.suggestLineage', { tubeId: (await sampleWithTube(t, analyst, small)).tube.id }, analyst);
    expect(next.category).toBe('T_ALL');
    expect(pool.threads()[0]).not.toBe(w);
  });
});
