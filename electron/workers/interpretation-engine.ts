// The clinical pipeline's heavy step as one plain function over plain data, so the same code runs
// in interpretation.worker.ts (off the main thread) and in-process (the fallback when the worker
// bundle is absent, e.g. under vitest): parse the stored original FCS file, then either the ALOT
// lineage suggestion (shared/clinical classifyDataset) or MRD from Gating-ML gates
// (shared/clinical mrdFromGating). Jobs and results are structured-clone safe (no class
// instances, no functions); errors cross the thread as SerializedClinicalError and are rebuilt
// into the same classes (FcsError, GatingError, MrdGateError, MrdInputError, TemplateError), so
// services/interpretation.ts maps them to the same API codes whichever side ran the job.
import {
  classifyDataset, CURRENT_RULE_SET, mrdFromGating, MrdGateError, MrdInputError, TemplateError, uncompensatedReason,
  type MarkerMapping, type MrdGatingResult, type Suggestion, type UncompensatedReason,
} from '../../shared/clinical';
import { FcsError } from '../../shared/fcs/errors';
import { parseFcs } from '../../shared/fcs/parse';
import type { FcsDataset } from '../../shared/fcs/types';
import { GatingError, type GatingErrorCode } from '../../shared/gating/errors';
import { readGatingML } from '../../shared/gating/gatingml/read';
import { parseFcsFile } from '../backend/services/fcs-adapter';

/**
 * Where the events are: the stored original's path (preferred: the worker reads it itself, nothing
 * big is copied between threads) or the bytes (moved to the worker as a transferable).
 */
export type FcsSource = { filePath: string; name: string } | { bytes: Uint8Array; name: string };

export type InterpretationJob =
  | { kind: 'suggestLineage'; source: FcsSource; markerOverrides: Record<string, string> }
  | { kind: 'mrdFromGates'; source: FcsSource; gatingMlXml: string; leukemicId: string; nucleatedId?: string };

/** suggestion is null when the file holds no events (nothing to classify). */
export interface SuggestRun { suggestion: Suggestion | null; mapping: MarkerMapping[]; uncompensated: UncompensatedReason | null; eventCount: number }

export type InterpretationResult<K extends InterpretationJob['kind']> = K extends 'suggestLineage' ? SuggestRun : MrdGatingResult;

function read(source: FcsSource): FcsDataset {
  if ('filePath' in source) return parseFcsFile(source.filePath, source.name);
  // Same policy as fcs-adapter.parseFcsFile: a malformed SPILL keyword must not stop the analysis.
  return parseFcs(source.bytes, { name: source.name, spillover: 'warn' });
}

export function runInterpretationJob(job: InterpretationJob): SuggestRun | MrdGatingResult {
  const ds = read(job.source);
  if (job.kind === 'suggestLineage') {
    if (ds.eventCount === 0) return { suggestion: null, mapping: [], uncompensated: uncompensatedReason(ds), eventCount: 0 };
    const { suggestion, prepared } = classifyDataset(ds, { markerOverrides: job.markerOverrides, rules: CURRENT_RULE_SET });
    return { suggestion, mapping: prepared.mapping, uncompensated: prepared.uncompensated, eventCount: ds.eventCount };
  }
  const strategy = readGatingML(job.gatingMlXml);
  return mrdFromGating(ds, strategy, { leukemicId: job.leukemicId, rules: CURRENT_RULE_SET, ...(job.nucleatedId !== undefined ? { nucleatedId: job.nucleatedId } : {}) });
}

/** An error as plain data: which class it was, its code, message and place. */
export interface SerializedClinicalError {
  type: 'fcs' | 'gating' | 'mrd-gate' | 'mrd-input' | 'template' | 'other';
  code: string;
  message: string;
  gateId?: string;
  /** FCS place (shared/fcs/errors FcsErrorPlace). */
  offset?: number;
  keyword?: string;
  file?: string;
  dataset?: number;
  /** For 'other': the worker-side stack, so an INTERNAL error is still debuggable from the log. */
  stack?: string;
}

export function serializeClinicalError(e: unknown): SerializedClinicalError {
  if (e instanceof FcsError) {
    const s: SerializedClinicalError = { type: 'fcs', code: String(e.code), message: e.message };
    if (e.offset !== undefined) s.offset = e.offset;
    if (e.keyword !== undefined) s.keyword = e.keyword;
    if (e.file !== undefined) s.file = e.file;
    if (e.dataset !== undefined) s.dataset = e.dataset;
    return s;
  }
  const withGate = (type: SerializedClinicalError['type'], err: { code: string; message: string; gateId?: string | undefined }): SerializedClinicalError =>
    err.gateId !== undefined ? { type, code: err.code, message: err.message, gateId: err.gateId } : { type, code: err.code, message: err.message };
  if (e instanceof GatingError) return withGate('gating', e);
  if (e instanceof MrdGateError) return withGate('mrd-gate', e);
  if (e instanceof MrdInputError) return { type: 'mrd-input', code: e.code, message: e.message };
  if (e instanceof TemplateError) return { type: 'template', code: e.code, message: e.message };
  const err = e as Error;
  const s: SerializedClinicalError = { type: 'other', code: 'INTERNAL', message: err?.message ?? String(e) };
  if (err?.stack) s.stack = err.stack;
  return s;
}

/**
 * The same class, code, message and place as the worker saw. The constructors of FcsError and
 * GatingError decorate the message with the place, so the finished message is restored afterwards
 * instead of being decorated twice.
 */
export function rebuildClinicalError(s: SerializedClinicalError): Error {
  let e: Error;
  switch (s.type) {
    case 'fcs': {
      const f = new FcsError(s.code, s.message);
      if (s.offset !== undefined) f.offset = s.offset;
      if (s.keyword !== undefined) f.keyword = s.keyword;
      if (s.file !== undefined) f.file = s.file;
      if (s.dataset !== undefined) f.dataset = s.dataset;
      e = f;
      break;
    }
    case 'gating':
      e = new GatingError(s.code as GatingErrorCode, s.message, s.gateId);
      break;
    case 'mrd-gate':
      e = new MrdGateError(s.code, s.message, s.gateId);
      break;
    case 'mrd-input':
      e = new MrdInputError(s.message);
      break;
    case 'template':
      e = new TemplateError(s.code, s.message);
      break;
    default:
      e = new Error(s.message);
      if (s.stack) e.stack = `${s.stack}\n    (in the interpretation worker)`;
  }
  e.message = s.message;
  return e;
}
