// Clinical interpretation (issue #7): OncoFlow suggests and explains, a person decides.
// - suggestLineage runs the shared engine (shared/clinical: marker mapping → compensation → ALOT
//   template → lineage rules) on the stored original of a tube and keeps the suggestion with its
//   evidence, the rule-set version, the engine version and the SHA-256 of the file it read.
// - decideLineage records the analyst's confirmation or override; decisions are append-only (a
//   new one points at the one it supersedes), so the record shows every earlier judgement
//   (21 CFR Part 11 §11.10(e)).
// - computeMrd and assessRisk apply shared/clinical/mrd*.ts and risk.ts and store the result.
// Every change is written to the audit trail with old and new values.
//
// The heavy part (parse the stored original, run the engine: ≈ 0.3 s for a 50 000-event ALOT tube,
// ≈ 1 s for 1 000 000 events) sits behind InterpretationEngine. In the app it runs in a worker
// thread (electron/workers/interpretation.worker.ts via electron/workers/pool.ts) so Electron's main
// process and the web server stay responsive; the worker is handed the stored original's path, not
// its bytes. Where the worker bundle is absent (vitest runs sources) the same function runs
// in-process. Either way the engine throws the same typed errors, mapped to API codes below; a
// worker that crashes or overruns its time limit fails the request as INTERNAL and is replaced.
import type {
  InterpretationList, InterpretationWarning, LineageDecision, LineageSuggestion, MarkerFindingView, MrdRecord, RiskRecord,
} from '../../../shared/api/contract';
import {
  CURRENT_RULE_SET, confirmSuggestion, ConfirmationError, mrdFromCounts, MrdGateError,
  MrdInputError, assignRiskGroup, RULE_SETS, type LineageCategory, type MarkerMapping, type MrdGatingResult, type MrdResult, type RiskInput,
  type Suggestion, type UncompensatedReason,
} from '../../../shared/clinical';
import { GatingError } from '../../../shared/gating/errors';
import { isFcsError } from '../../../shared/fcs/errors';
import type { DecisionRow, StoredRow, SuggestionRow } from '../db/repositories/interpretations';
import {
  rebuildClinicalError, runInterpretationJob, type InterpretationJob, type SerializedClinicalError, type SuggestRun,
} from '../../workers/interpretation-engine';
import { createWorkerPool, WorkerPoolError, type WorkerPool } from '../../workers/pool';
import { iso, type Actor, type BackendContext } from './context';
import { ServiceError, notFound } from './errors';
import { originalPath } from './tubes';
import { truncateDigits } from '../../../shared/clinical/mrd';

/** Statuses in which the interpretation is closed: a signed or sent report must not change under it. */
const CLOSED_STATUSES = new Set(['rejected', 'signed', 'sent']);

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** What is stored as JSON for a suggestion (the API object minus row identity and decisions). */
type StoredSuggestion = Omit<LineageSuggestion,
  'id' | 'sampleId' | 'tubeId' | 'tubeSha256' | 'ruleSetVersion' | 'engineVersion' | 'markerOverrides' | 'createdBy' | 'createdByName' | 'createdAt' | 'decisions'>;

/** One decimal, cut rather than rounded, as every percentage the lab reads (shared/clinical/mrd.ts). */
const pct1 = (p: number): string => (Number.isFinite(p) && p >= 0 ? truncateDigits(p, 1) : String(p));

function warningsOf(s: Suggestion, mapping: MarkerMapping[], uncompensated: UncompensatedReason | null): InterpretationWarning[] {
  const L = (RULE_SETS[s.ruleSetVersion] ?? CURRENT_RULE_SET).lineage;
  const out: InterpretationWarning[] = [];
  if (s.borderline) {
    // 2025.3 on, borderline also means the gate and the abnormal count straddle the threshold
    // (shared/clinical/lineage.ts): say so, the margin sentence would not be true then.
    const gate = s.blastGatePercent;
    const split = gate !== undefined && (gate >= L.blastThresholdPercent) !== (s.blastPercent >= L.blastThresholdPercent);
    out.push({ code: 'BORDERLINE_BLASTS', message: split
      ? `the blast gate is ${pct1(gate)} % and the abnormal blasts ${pct1(s.blastPercent)} %, on different sides of the ${L.blastThresholdPercent} % diagnostic threshold: the call rests on the normal populations subtracted; review`
      : `blast ${pct1(s.blastPercent)} % is within ${L.borderlineMarginPercent} points of the ${L.blastThresholdPercent} % diagnostic threshold: review the blast gate` });
  }
  for (const m of mapping) {
    if (m.ambiguous) out.push({ code: 'AMBIGUOUS_MAPPING', subject: m.name, message: `${m.name} → ${m.canonical ?? '?'} needs confirmation: ${m.reason}` });
  }
  for (const f of Object.values(s.markers)) {
    if (f.call === 'no_control') out.push({ code: 'NO_CONTROL', subject: f.marker, message: `${f.marker}: no valid internal control in this tube; positivity not judged` });
  }
  if (uncompensated) out.push({ code: uncompensated.code, message: uncompensated.message });
  return out;
}

function findingView(marker: string, f: Suggestion['markers'][string], mapping: MarkerMapping[]): MarkerFindingView {
  const control = (c: typeof f.negativeControl) => (c ? { population: c.population, events: c.events, median: finite(c.median) } : null);
  return {
    marker, detector: mapping.find((m) => m.canonical === marker)?.name ?? null, cytoplasmic: f.cytoplasmic,
    percentPositive: finite(f.percentPositive), median: finite(f.median), medianOfPositive: finite(f.medianOfPositive),
    upperLimitOfNegative: finite(f.upperLimitOfNegative), negativeControl: control(f.negativeControl),
    positiveControl: control(f.positiveControl), thresholdPercent: f.thresholdPercent, call: f.call,
  };
}

/** The engine's abnormal blast count as API data (a copy: the stored JSON owns its arrays). */
function abnormalBlastsView(a: NonNullable<Suggestion['abnormalBlasts']>): NonNullable<LineageSuggestion['abnormalBlasts']> {
  const adj = (p: { population: string; events: number; percentNucleated: number; reason: string }) =>
    ({ population: p.population, events: p.events, percentNucleated: p.percentNucleated, reason: p.reason });
  return {
    gateEvents: a.gateEvents, gatePercent: a.gatePercent, events: a.events, percent: a.percent,
    subtracted: a.subtracted.map(adj), added: a.added.map(adj), lineages: { ...a.lineages }, arithmetic: a.arithmetic,
    ...(a.nothingSubtracted ? { nothingSubtracted: { reasonCode: a.nothingSubtracted.reasonCode, markers: [...a.nothingSubtracted.markers] } } : {}),
  };
}

function storedSuggestion(s: Suggestion, tubeFileName: string, mapping: MarkerMapping[], uncompensated: UncompensatedReason | null): StoredSuggestion {
  return {
    tubeFileName, category: s.category, blastPercent: s.blastPercent, blastEvents: s.blastEvents,
    ...(s.blastGatePercent !== undefined ? { blastGatePercent: s.blastGatePercent } : {}),
    ...(s.blastGateEvents !== undefined ? { blastGateEvents: s.blastGateEvents } : {}),
    ...(s.abnormalBlasts ? { abnormalBlasts: abnormalBlastsView(s.abnormalBlasts) } : {}),
    nucleatedEvents: s.nucleatedEvents, acquiredEvents: s.acquiredEvents, borderline: s.borderline,
    rule: { ...s.rule }, explanation: [...s.explanation],
    markers: Object.entries(s.markers).map(([k, f]) => findingView(k, f, mapping)),
    populations: Object.entries(s.populations).map(([name, p]) => ({ name, events: p.events, percentNucleated: p.percentNucleated })),
    markerMapping: mapping.map((m) => ({
      parameterIndex: m.parameterIndex, name: m.name, marker: m.marker, canonical: m.canonical, confidence: m.confidence,
      source: m.source, ambiguous: m.ambiguous, reason: m.reason, ...(m.candidates ? { candidates: m.candidates.map(String) } : {}),
    })),
    warnings: warningsOf(s, mapping, uncompensated), templateVersion: s.templateVersion,
  };
}

const decisionView = (d: DecisionRow): LineageDecision => ({
  id: d.id, suggestionId: d.suggestionId, decision: d.decision, finalCategory: d.finalCategory as LineageCategory, reason: d.reason,
  supersedesId: d.supersedesId, decidedBy: d.decidedBy, decidedByName: d.decidedByName, decidedAt: d.decidedAt,
});

const suggestionView = (r: SuggestionRow, decisions: DecisionRow[]): LineageSuggestion => ({
  ...(r.suggestion as StoredSuggestion),
  id: r.id, sampleId: r.sampleId, tubeId: r.tubeId, tubeSha256: r.tubeSha256, ruleSetVersion: r.ruleSetVersion,
  engineVersion: r.engineVersion, markerOverrides: r.markerOverrides, createdBy: r.createdBy, createdByName: r.createdByName,
  createdAt: r.createdAt, decisions: decisions.map(decisionView),
});

const storedView = <T>(r: StoredRow) => ({ ...(r.data as object), id: r.id, createdBy: r.createdBy, createdByName: r.createdByName, createdAt: r.createdAt }) as T;

export type { SuggestRun } from '../../workers/interpretation-engine';

/** Parse an original FCS file and run the clinical engine on it, in a worker or in-process. */
export interface InterpretationEngine {
  readonly mode: 'worker' | 'inline';
  /** The worker pool, in worker mode (tests kill its worker to prove recovery). */
  readonly pool?: WorkerPool<InterpretationJob>;
  suggest(file: string, name: string, markerOverrides: Record<string, string>): Promise<SuggestRun>;
  mrdFromGates(file: string, name: string, gatingMlXml: string, leukemicId: string, nucleatedId?: string): Promise<MrdGatingResult>;
  close(): Promise<void>;
}

const suggestJob = (filePath: string, name: string, markerOverrides: Record<string, string>): InterpretationJob =>
  ({ kind: 'suggestLineage', source: { filePath, name }, markerOverrides });
const mrdJob = (filePath: string, name: string, gatingMlXml: string, leukemicId: string, nucleatedId?: string): InterpretationJob =>
  ({ kind: 'mrdFromGates', source: { filePath, name }, gatingMlXml, leukemicId, ...(nucleatedId !== undefined ? { nucleatedId } : {}) });

/** On the calling thread: the fallback when no worker bundle exists (tests from sources). */
export function inlineInterpretationEngine(): InterpretationEngine {
  return {
    mode: 'inline',
    suggest: async (file, name, markerOverrides) => runInterpretationJob(suggestJob(file, name, markerOverrides)) as SuggestRun,
    mrdFromGates: async (file, name, xml, leukemicId, nucleatedId) => runInterpretationJob(mrdJob(file, name, xml, leukemicId, nucleatedId)) as MrdGatingResult,
    close: async () => {},
  };
}

/**
 * Default per-job limit. 1M events take ≈ 1 s on one core; the limit leaves room for files ten
 * times larger on a loaded machine, and is there so a runaway job ends with an error, not never.
 */
export const INTERPRETATION_TIMEOUT_MS = 180_000;

/** In dist/workers/interpretation.worker.cjs: one worker (lazily started), jobs queued behind it. */
export function workerInterpretationEngine(workerFile: string, opts: { timeoutMs?: number; size?: number } = {}): InterpretationEngine & { pool: WorkerPool<InterpretationJob> } {
  const pool = createWorkerPool<InterpretationJob, SerializedClinicalError>({
    file: workerFile, label: 'interpretation', size: opts.size ?? 1, timeoutMs: opts.timeoutMs ?? INTERPRETATION_TIMEOUT_MS,
    rebuildError: rebuildClinicalError,
  });
  return {
    mode: 'worker',
    pool,
    suggest: (file: string, name: string, markerOverrides: Record<string, string>) => pool.run<SuggestRun>(suggestJob(file, name, markerOverrides)),
    mrdFromGates: (file: string, name: string, xml: string, leukemicId: string, nucleatedId?: string) =>
      pool.run<MrdGatingResult>(mrdJob(file, name, xml, leukemicId, nucleatedId)),
    close: () => pool.close(),
  };
}

export function interpretationService(ctx: BackendContext, engine: InterpretationEngine = inlineInterpretationEngine()) {
  const { repos } = ctx;
  const engineVersion = `oncoflow ${ctx.version}`;

  function tubeOrFail(tubeId: number) {
    const tube = repos.tubes.get(tubeId);
    if (!tube) throw notFound(`tube ${tubeId}`, 'tubeId');
    return tube;
  }

  /**
   * FCS errors from the stored original become BAD_INPUT naming the file, offset and keyword. A
   * worker that crashed or ran out of time is our fault, not the file's: INTERNAL, logged, with
   * the worker's code in details (the pool has already replaced the worker).
   */
  async function onTube<T>(tube: { fileName: string }, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (isFcsError(e)) throw new ServiceError('BAD_INPUT', `${tube.fileName}: ${e.message}`, 'tubeId', { fcsCode: e.code, offset: e.offset, keyword: e.keyword });
      if (e instanceof WorkerPoolError) {
        ctx.log(`OncoFlow: interpretation of ${tube.fileName} failed: ${e.code} ${e.message}`);
        throw new ServiceError('INTERNAL', `the analysis of ${tube.fileName} did not complete: ${e.message}`, 'tubeId', { workerCode: e.code });
      }
      throw e;
    }
  }

  /** The sample's status; with `forWriting`, CONFLICT once it is closed (rejected, signed, sent). */
  function sampleStatus(sampleId: number, forWriting: boolean): string {
    const sample = repos.samples.get(sampleId);
    if (!sample) throw notFound(`sample ${sampleId}`, 'sampleId');
    const status = sample.summary.status;
    if (forWriting && CLOSED_STATUSES.has(status)) {
      throw new ServiceError('CONFLICT', `sample ${sample.summary.accession} is ${status}; its interpretation can no longer change`, 'sampleId', { status });
    }
    return status;
  }

  return {
    async suggestLineage(actor: Actor, tubeId: number, markerOverrides: Record<string, string> = {}): Promise<LineageSuggestion> {
      const tube = tubeOrFail(tubeId);
      sampleStatus(tube.sampleId, true);
      const detectors = new Set(tube.parameters.map((p) => p.name));
      for (const key of Object.keys(markerOverrides)) {
        if (!detectors.has(key)) throw new ServiceError('VALIDATION', `markerOverrides: ${key} is not a parameter ($PnN) of ${tube.fileName}`, `markerOverrides.${key}`);
      }
      const run = await onTube(tube, () => engine.suggest(originalPath(ctx.dataDir, tube.sha256), tube.fileName, markerOverrides));
      const { suggestion } = run;
      if (!suggestion) throw new ServiceError('BAD_INPUT', `${tube.fileName} holds no events`, 'tubeId');
      const stored = storedSuggestion(suggestion, tube.fileName, run.mapping, run.uncompensated);
      const now = iso(ctx.now());
      const userId = actor.user.id;
      const id = repos.transaction(() => {
        const newId = repos.interpretations.insertSuggestion({
          sampleId: tube.sampleId, tubeId, tubeSha256: tube.sha256, category: suggestion.category, blastPercent: suggestion.blastPercent,
          ruleId: suggestion.rule.id, ruleSetVersion: suggestion.ruleSetVersion, engineVersion, markerOverrides, suggestion: stored,
          createdAt: now, createdBy: userId,
        });
        repos.audit.append({ at: now, userId, action: 'lineage.suggest', entity: 'lineage_suggestion', entityId: newId, newValue: {
          sampleId: tube.sampleId, tubeId, tubeSha256: tube.sha256, category: suggestion.category, blastPercent: suggestion.blastPercent,
          ruleId: suggestion.rule.id, ruleSetVersion: suggestion.ruleSetVersion, engineVersion, markerOverrides,
        } });
        return newId;
      });
      return suggestionView(repos.interpretations.getSuggestion(id)!, []);
    },

    decideLineage(actor: Actor, input: { suggestionId: number; decision: 'confirmed' | 'overridden'; finalCategory: LineageCategory; reason?: string | undefined }): LineageDecision {
      const s = repos.interpretations.getSuggestion(input.suggestionId);
      if (!s) throw notFound(`suggestion ${input.suggestionId}`, 'suggestionId');
      sampleStatus(s.sampleId, true);
      const keeps = input.finalCategory === s.category;
      if (keeps !== (input.decision === 'confirmed')) {
        throw new ServiceError('VALIDATION', input.decision === 'confirmed'
          ? `confirming keeps the suggested category ${s.category}; choose 'overridden' to change it to ${input.finalCategory}`
          : `an override must choose a category other than the suggested ${s.category}`, 'finalCategory');
      }
      const now = iso(ctx.now());
      let confirmation;
      try {
        // The engine's own rule: an override names another category and says why.
        confirmation = confirmSuggestion({ category: s.category as LineageCategory }, {
          finalCategory: input.finalCategory, reason: input.reason ?? '', by: String(actor.user.id), at: now,
        });
      } catch (e) {
        if (e instanceof ConfirmationError) throw new ServiceError('VALIDATION', e.message, 'reason');
        throw e;
      }
      const userId = actor.user.id;
      const id = repos.transaction(() => {
        const previous = repos.interpretations.currentDecision(s.id);
        const newId = repos.interpretations.insertDecision({
          suggestionId: s.id, decision: confirmation.decision, finalCategory: confirmation.finalCategory, reason: confirmation.reason,
          supersedesId: previous?.id ?? null, decidedAt: now, decidedBy: userId,
        });
        repos.audit.append({
          at: now, userId, action: 'lineage.decide', entity: 'lineage_suggestion', entityId: s.id,
          oldValue: previous ? { decisionId: previous.id, decision: previous.decision, finalCategory: previous.finalCategory, reason: previous.reason } : null,
          newValue: { decisionId: newId, decision: confirmation.decision, finalCategory: confirmation.finalCategory, reason: confirmation.reason, suggestedCategory: s.category },
        });
        // A person has now judged the sample: it is in analysis (domain flow received → in_analysis).
        const current = repos.samples.get(s.sampleId)!.summary.status;
        if (current === 'received') {
          repos.samples.setStatus(s.sampleId, 'in_analysis', now);
          repos.audit.append({ at: now, userId, action: 'sample.status', entity: 'sample', entityId: s.sampleId, oldValue: { status: current }, newValue: { status: 'in_analysis' } });
        }
        return newId;
      });
      return decisionView(repos.interpretations.getDecision(id)!);
    },

    async computeMrd(actor: Actor, input: {
      sampleId?: number | undefined; tubeId?: number | undefined; gatingMlXml?: string | undefined; leukemicGateId?: string | undefined;
      nucleatedGateId?: string | undefined; leukemicEvents?: number | undefined; nucleatedEvents?: number | undefined; acquiredEvents?: number | undefined;
    }): Promise<MrdRecord> {
      const tube = input.tubeId !== undefined ? tubeOrFail(input.tubeId) : null;
      if (tube && input.sampleId !== undefined && tube.sampleId !== input.sampleId) {
        throw new ServiceError('VALIDATION', `tube ${tube.id} belongs to sample ${tube.sampleId}, not ${input.sampleId}`, 'tubeId');
      }
      const sampleId = tube?.sampleId ?? input.sampleId!;
      sampleStatus(sampleId, true);
      let result: MrdResult;
      let extra: { source: 'gating' | 'counts'; leukemicGateId: string | null; denominatorSource: 'gate' | 'template' | null; denominator: string | null };
      if (input.leukemicEvents !== undefined && input.nucleatedEvents !== undefined) {
        try {
          result = mrdFromCounts({
            leukemicEvents: input.leukemicEvents, nucleatedEvents: input.nucleatedEvents,
            ...(input.acquiredEvents !== undefined ? { acquiredEvents: input.acquiredEvents } : {}),
          }, CURRENT_RULE_SET);
        } catch (e) {
          if (e instanceof MrdInputError) throw new ServiceError('VALIDATION', e.message, 'leukemicEvents');
          throw e;
        }
        extra = { source: 'counts', leukemicGateId: null, denominatorSource: null, denominator: null };
      } else {
        const gated = tube!;
        try {
          const g = await onTube(gated, () => engine.mrdFromGates(originalPath(ctx.dataDir, gated.sha256), gated.fileName, input.gatingMlXml!, input.leukemicGateId!, input.nucleatedGateId));
          result = g;
          extra = {
            source: 'gating', leukemicGateId: g.leukemicGateId, denominatorSource: g.denominator.source,
            denominator: g.denominator.source === 'gate' ? g.denominator.gateId : g.denominator.description,
          };
        } catch (e) {
          if (e instanceof GatingError) throw new ServiceError('BAD_INPUT', e.message, 'gatingMlXml', { gatingCode: e.code, gateId: e.gateId });
          if (e instanceof MrdGateError) throw new ServiceError('BAD_INPUT', e.message, e.gateId === input.nucleatedGateId ? 'nucleatedGateId' : 'leukemicGateId', { mrdCode: e.code, gateId: e.gateId });
          if (e instanceof MrdInputError) throw new ServiceError('BAD_INPUT', e.message, 'leukemicGateId');
          throw e;
        }
      }
      const record = {
        sampleId, tubeId: tube?.id ?? null, source: extra.source, status: result.status, mrdPercent: result.mrdPercent,
        reportedPercent: result.status === 'quantified' ? result.mrdPercent : null,
        leukemicEvents: result.leukemicEvents, nucleatedEvents: result.nucleatedEvents, acquiredEvents: result.acquiredEvents ?? null,
        lodEvents: result.lodEvents, lloqEvents: result.lloqEvents, lodPercent: result.lodPercent, lloqPercent: result.lloqPercent,
        sensitivity: result.sensitivity, statement: result.statement, leukemicGateId: extra.leukemicGateId,
        denominatorSource: extra.denominatorSource, denominator: extra.denominator,
        ruleSetVersion: result.ruleSetVersion,
      };
      const now = iso(ctx.now());
      const userId = actor.user.id;
      const id = repos.transaction(() => {
        const newId = repos.interpretations.insertMrd({
          sampleId, tubeId: record.tubeId, source: record.source, status: record.status, mrdPercent: record.mrdPercent,
          leukemicEvents: record.leukemicEvents, nucleatedEvents: record.nucleatedEvents, ruleSetVersion: record.ruleSetVersion,
          result: record, createdAt: now, createdBy: userId,
        });
        repos.audit.append({ at: now, userId, action: 'mrd.compute', entity: 'mrd_result', entityId: newId, newValue: {
          sampleId, tubeId: record.tubeId, source: record.source, status: record.status, mrdPercent: record.mrdPercent,
          leukemicEvents: record.leukemicEvents, nucleatedEvents: record.nucleatedEvents, ruleSetVersion: record.ruleSetVersion,
        } });
        return newId;
      });
      return { ...record, id, createdBy: userId, createdByName: actor.user.displayName, createdAt: now };
    },

    assessRisk(actor: Actor, sampleId: number, inputs: RiskInput): RiskRecord {
      sampleStatus(sampleId, true);
      const decision = assignRiskGroup(inputs, CURRENT_RULE_SET);
      const record = { sampleId, ruleSetVersion: decision.ruleSetVersion, inputs: decision.inputs, provisional: decision.provisional, final: decision.final };
      const now = iso(ctx.now());
      const userId = actor.user.id;
      const summary = (r: { id: number; provisional: { group: string | null; ruleId: string }; final: { group: string | null; ruleId: string; status: string } }) => ({
        riskId: r.id, provisional: r.provisional.group, provisionalRule: r.provisional.ruleId, final: r.final.group, finalRule: r.final.ruleId, finalStatus: r.final.status,
      });
      const id = repos.transaction(() => {
        const prevRow = repos.interpretations.listRiskBySample(sampleId)[0];
        const previous = prevRow ? storedView<RiskRecord>(prevRow) : null;
        const newId = repos.interpretations.insertRisk({
          sampleId, ruleSetVersion: record.ruleSetVersion, provisionalGroup: record.provisional.group, finalGroup: record.final.group,
          inputs: record.inputs, decision: record, createdAt: now, createdBy: userId,
        });
        repos.audit.append({
          at: now, userId, action: 'risk.assess', entity: 'sample', entityId: sampleId,
          oldValue: previous ? summary(previous) : null,
          newValue: { ...summary({ id: newId, ...record }), inputs: record.inputs, ruleSetVersion: record.ruleSetVersion },
        });
        return newId;
      });
      return { ...record, id, createdBy: userId, createdByName: actor.user.displayName, createdAt: now } as RiskRecord;
    },

    list(sampleId: number): InterpretationList {
      sampleStatus(sampleId, false);
      const decisions = repos.interpretations.listDecisionsBySample(sampleId);
      const bySuggestion = new Map<number, DecisionRow[]>();
      for (const d of decisions) {
        const list = bySuggestion.get(d.suggestionId) ?? [];
        list.push(d);
        bySuggestion.set(d.suggestionId, list);
      }
      return {
        suggestions: repos.interpretations.listSuggestionsBySample(sampleId).map((s) => suggestionView(s, bySuggestion.get(s.id) ?? [])),
        mrd: repos.interpretations.listMrdBySample(sampleId).map((r) => storedView<MrdRecord>(r)),
        risk: repos.interpretations.listRiskBySample(sampleId).map((r) => storedView<RiskRecord>(r)),
      };
    },
  };
}

export type InterpretationService = ReturnType<typeof interpretationService>;
