import { describe, expect, it } from 'vitest';
import { readFcsFile, listFcsDatasets } from '../../../electron/backend/fcs/file';
import { scaledColumn, rawColumn } from '../../../shared/fcs/scale';
import type { FcsDataset } from '../../../shared/fcs/types';
import { Buffer } from 'node:buffer';
import { refdata } from '../../helpers/paths';
import { captureError } from './capture';
import { closeTo, manifest, UNREADABLE, type ManifestDataset } from './manifest';

const cases: [string, number, ManifestDataset][] = [];
for (const [file, facts] of Object.entries(manifest.files)) {
  if (UNREADABLE.has(file)) continue;
  (facts.datasets ?? []).forEach((d, i) => cases.push([file, i, d]));
}

const cache = new Map<string, FcsDataset>();
function load(file: string, dataset: number): FcsDataset {
  const key = `${file}#${dataset}`;
  let ds = cache.get(key);
  if (!ds) { ds = readFcsFile(refdata(file), { dataset }); cache.set(key, ds); }
  return ds;
}

// The independent reader decoded TEXT as latin-1; FCS 3.1 TEXT is UTF-8 ("Alexa Fluor™" in the
// Attune file), so manifest strings are re-read as UTF-8 when that is what their bytes were.
const utf8 = (s: string) => { const u = Buffer.from(s, 'latin1').toString('utf8'); return u.includes('\uFFFD') ? s : u; };
const trimOrNull = (s: string | null) => (s === null || s.trim() === '' ? null : utf8(s.trim()));

function expectClose(actual: ArrayLike<number>, expected: number[], what: string): void {
  const bad = expected.map((e, i) => [i, actual[i]!, e] as const).filter(([, a, e]) => !closeTo(a, e));
  expect(bad, what).toEqual([]);
}

describe.each(cases)('%s data set %i', (file, index, facts) => {
  it('has the version, event count, parameter count, data type and byte order of the manifest', () => {
    const ds = load(file, index);
    expect(ds.version).toBe(facts.version);
    expect(ds.eventCount).toBe(facts.tot);
    expect(ds.parameterCount).toBe(facts.par);
    expect(ds.dataType).toBe(facts.datatype);
    expect(ds.byteOrder).toBe(facts.byteord);
    expect(ds.events.length).toBe(facts.tot * facts.par);
    expect(ds.offset).toBe(facts.dataset_offset);
  });

  it('names every parameter ($PnN) and marker ($PnS) as the manifest does', () => {
    const ds = load(file, index);
    expect(ds.parameters.map((p) => p.name)).toEqual(facts.PnN.map((s) => s.trim()));
    expect(ds.parameters.map((p) => p.marker)).toEqual(facts.PnS.map(trimOrNull));
    expect(ds.parameters.map((p) => p.range)).toEqual(facts.PnR.map((s) => Number(s)));
  });

  it('finds a spillover matrix exactly when the manifest says one is present', () => {
    const ds = load(file, index);
    // "present" in the manifest means the keyword is there; a keyword we cannot turn into a matrix
    // (names without coefficients, anonymised channel names) must then be reported as a warning.
    const reported = ds.spillover !== null || ds.warnings.some((w) => w.code.startsWith('SPILLOVER_'));
    // The manifest counts $SPILLOVER/$SPILL/SPILL only; the raw FCS 3.0 part of the FC500 LMD also
    // gets the Beckman $DFC matrix of its FCS 2.0 part (beckman.test.ts) — the one allowed extra.
    const beckmanDfc = file === 'fcs/flowio_coulter_FC500_2datasets.lmd' && index === 1 && ds.spillover?.keyword === '$DFC';
    expect(reported).toBe(facts.spillover_present || beckmanDfc);
    if (ds.spillover && !beckmanDfc) expect(ds.spillover.keyword).toBe(facts.spillover_keyword_used);
  });

  it('reads the first and second events as the independent reader did', () => {
    const ds = load(file, index);
    const par = ds.parameterCount;
    if (facts.first_event_raw) expectClose(ds.events.subarray(0, par), facts.first_event_raw, 'first event raw');
    if (facts.second_event_raw_first3) expectClose(ds.events.subarray(par, par + 3), facts.second_event_raw_first3, 'second event raw');
    if (facts.first_event_scaled_first3) {
      const scaled = facts.first_event_scaled_first3.map((_, p) => scaledColumn(ds, p)[0]!);
      expectClose(scaled, facts.first_event_scaled_first3, 'first event scaled');
    }
    expect(rawColumn(ds, 0)[0]).toBe(ds.events[0]);
  });
});

describe('files the parser must refuse', () => {
  it('refuses the 10-byte corrupt file as not FCS', () => {
    const err = captureError(() => readFcsFile(refdata('fcs/fcsparser_corrupted.fcs')));
    expect(err.code).toBe('FCS_NOT_FCS');
    expect(err.offset).toBe(0);
    expect(err.message).toContain('fcsparser_corrupted.fcs');
  });

  it('refuses the header-only Cytek file as truncated, naming the missing DATA bytes', () => {
    const err = captureError(() => readFcsFile(refdata('fcs/fcsparser_CytekNL2000_header_only.fcs')));
    expect(err.code).toBe('FCS_TRUNCATED');
    expect(err.message).toMatch(/DATA should start at byte 5912 but the file has 3931 bytes/);
  });

  it('still lists the keywords of the header-only Cytek file although TEXT lacks its final delimiter', () => {
    // fcsparser counts 200 entries including its own header entry; TEXT holds 199 keyword/value pairs.
    const [only] = listFcsDatasets(refdata('fcs/fcsparser_CytekNL2000_header_only.fcs'));
    expect(Object.keys(only!.keywords).length).toBe(199);
    expect(only!.keywords['GROUPNAME']!.trim()).toBe('20200722');
    expect(only!.keywords['$P9B']).toBe('32');
    expect(only!.eventCount).toBe(20000);
  });
});

