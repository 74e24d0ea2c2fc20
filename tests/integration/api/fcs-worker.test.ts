// The FCS worker thread (dist/workers/fcs.worker.cjs) gives the same answers as in-process
// parsing: metadata, events, and typed errors for bad files and unknown channels.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FcsError } from '../../../shared/fcs/errors';
import { ChannelError } from '../../../electron/backend/services/fcs-engine';
import { inlineFcsJobs, workerFcsJobs, type FcsJobs } from '../../../electron/backend/services/fcs-jobs';
import { REPO_ROOT, refdata } from '../../helpers/paths';

const WORKER = path.join(REPO_ROOT, 'dist', 'workers', 'fcs.worker.cjs');
const DATA1 = refdata('gatingml2', 'data1.fcs');
let worker: FcsJobs;
const inline = inlineFcsJobs();

beforeAll(() => {
  if (!fs.existsSync(WORKER) || process.env.ONCOFLOW_TEST !== '1') {
    const b = spawnSync(process.execPath, ['scripts/build.mjs', '--no-renderer'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  }
  worker = workerFcsJobs(WORKER);
});
afterAll(async () => { await worker.close(); await inline.close(); });

describe('FCS worker', () => {
  it('returns the same metadata as in-process parsing', async () => {
    expect(await worker.meta(DATA1, 'data1.fcs')).toEqual(await inline.meta(DATA1, 'data1.fcs'));
  });

  it('returns the same scaled events, transferred as a Float32Array', async () => {
    const a = await worker.events(DATA1, 'data1.fcs', ['FL1-H', 'SSC-H']);
    const b = await inline.events(DATA1, 'data1.fcs', ['FL1-H', 'SSC-H']);
    expect(a.values).toBeInstanceOf(Float32Array);
    expect(a.eventCount).toBe(13367);
    expect(Buffer.compare(Buffer.from(a.values.buffer), Buffer.from(b.values.buffer))).toBe(0);
  });

  it('rethrows FCS errors with their code, and unknown channels with their position', async () => {
    const bad = await worker.meta(refdata('fcs', 'fcsparser_corrupted.fcs'), 'corrupted.fcs').catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(FcsError);
    expect((bad as FcsError).code).toMatch(/^FCS_/);
    const ch = await worker.events(DATA1, 'data1.fcs', ['FSC-H', 'CD99']).catch((e: unknown) => e);
    expect(ch).toBeInstanceOf(ChannelError);
    expect((ch as ChannelError).index).toBe(1);
  });

  it('answers concurrent requests each with its own result', async () => {
    const [a, b, c] = await Promise.all([
      worker.events(DATA1, 'data1.fcs', ['FSC-H'], 10),
      worker.meta(DATA1, 'data1.fcs'),
      worker.events(DATA1, 'data1.fcs', ['Time'], 5),
    ]);
    expect(a.values.length).toBe(10);
    expect(b.eventCount).toBe(13367);
    expect(c.values.length).toBe(5);
  });
});
