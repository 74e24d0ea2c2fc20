// Clinical interpretation through the API (issue #7): real database in a temporary folder, real FCS
// bytes from the synthetic generator (known truth) imported through the tubes service, the real
// dispatcher with its roles. OncoFlow suggests; a person confirms or overrides; nothing is erased.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InterpretationList, LineageDecision, LineageSuggestion, MrdRecord, RiskRecord, Sample, Tube } from '../../../shared/api/contract';
import { generateAlotTube, generateMrdTube, mrdGatingML, MRD_GATE_IDS, tubeToFcs, type SyntheticTube } from '../../../shared/synthetic';
import { assignRiskGroup, CURRENT_RULE_SET, mrdFromCounts, mrdFromGating, type RiskInput } from '../../../shared/clinical';
import { parseFcs } from '../../../shared/fcs/parse';
import { readGatingML } from '../../../shared/gating/gatingml/read';
import { sampleInput, startBackend, tempDir, type TestBackend } from './helpers';
import { truncateDigits } from '../../../shared/clinical/mrd';

let t: TestBackend;
let analyst: string;
let clerk: string;
let supervisor: string;
let files: string;
const T_ALL = generateAlotTube({ seed: 4, category: 'T_ALL', blastPercent: 35 });

beforeAll(async () => {
  t = await startBackend();
  analyst = await t.tokenFor('analyst');
  clerk = await t.tokenFor('clerk');
  supervisor = await t.tokenFor('supervisor');
  files = tempDir('oncoflow-interp-fcs-');
});
afterAll(() => t?.close());

let fileNo = 0;
/** A new sample with the tube imported as the analyst would: upload, then tubes.import. */
async function sampleWithTube(tube: SyntheticTube = T_ALL): Promise<{ sample: Sample; tube: Tube }> {
  const sample = await t.must<Sample>('samples.create', sampleInput(), clerk);
  const file = path.join(files, `alot-${++fileNo}.fcs`);
  fs.writeFileSync(file, tubeToFcs(tube));
  const userId = t.backend.services.auth.authenticate(analyst)!.user.id;
  const u = await t.backend.services.uploads.fromStream(fs.createReadStream(file), path.basename(file), userId);
  const imported = await t.must<Tube>('tubes.import', { sampleId: sample.id, uploadId: u.id }, analyst);
  return { sample, tube: imported };
}

async function errorOf(name: string, input: unknown, token: string) {
  const r = await t.call(name, input, token);
  if (r.ok) throw new Error(`${name} was expected to fail`);
  return r.error;
}

describe('interpretation.suggestLineage', () => {
  it('suggests T_ALL on a generated T-ALL tube with the markers, controls and the rule that fired', async () => {
    const { tube } = await sampleWithTube();
    const s = await t.must<LineageSuggestion>('interpretation.suggestLineage', { tubeId: tube.id }, analyst);
    expect(s.category).toBe('T_ALL');
    expect(s.rule.id).toBe('L3');
    expect(s.rule.text).toMatch(/cyCD3\+/);
    expect(s.ruleSetVersion).toBe(CURRENT_RULE_SET.version);
    expect(s.tubeSha256).toBe(tube.sha256);
    expect(Math.abs(s.blastPercent - T_ALL.truth.blastPercent)).toBeLessThan(5);
    const cyCD3 = s.markers.find((m) => m.marker === 'cyCD3')!;
    expect(cyCD3).toMatchObject({ detector: 'V450-A', call: 'positive', cytoplasmic: true });
    expect(cyCD3.percentPositive!).toBeGreaterThan(CURRENT_RULE_SET.lineage.cytoplasmicPositivePercent);
    expect(cyCD3.positiveControl?.population).toBe('T_CELL');
    expect(cyCD3.median!).toBeGreaterThan(cyCD3.negativeControl!.median!);
    expect(s.markers.find((m) => m.marker === 'CD7')!.call).toBe('positive');
    expect(s.markers.find((m) => m.marker === 'CD19')!.call).toBe('negative');
    expect(s.markerMapping.find((m) => m.name === 'APC-A')?.canonical).toBe('CD7');
    expect(s.populations.find((p) => p.name === 'BLAST')?.events).toBe(s.blastEvents);
    expect(s.decisions).toEqual([]);
  });

  it('stores the suggestion so that interpretation.list returns it with the same evidence', async () => {
    const { sample, tube } = await sampleWithTube();
    const s = await t.must<LineageSuggestion>('interpretation.suggestLineage', { tubeId: tube.id }, analyst);
    const list = await t.must<InterpretationList>('interpretation.list', { sampleId: sample.id }, analyst);
    expect(list.suggestions).toHaveLength(1);
    expect(list.suggestions[0]).toEqual(s);
  });

  it('returns the blast gate and the abnormal blast arithmetic that produced the blast % (rule set 2025.3)', async () => {
    const { tube } = await sampleWithTube();
    const s = await t.must<LineageSuggestion>('interpretation.suggestLineage', { tubeId: tube.id }, analyst);
    const a = s.abnormalBlasts!;
    expect(a).toBeDefined();
    expect(s.blastGatePercent).toBe(a.gatePercent);
    expect(s.blastGateEvents).toBe(a.gateEvents);
    expect(s.blastPercent).toBe(a.percent);
    expect(s.blastEvents).toBe(a.events);
    // The gate holds the blasts and normal CD45-dim cells: never much less than the abnormal count.
    expect(s.blastGatePercent!).toBeGreaterThanOrEqual(s.blastPercent - 1);
    expect(a.lineages).toEqual({ b: false, t: true, myeloid: false });
    // The events add up: gate + added − subtracted = abnormal.
    const added = a.added.reduce((k, p) => k + p.events, 0);
    const subtracted = a.subtracted.reduce((k, p) => k + p.events, 0);
    expect(a.gateEvents + added - subtracted).toBe(a.events);
    for (const p of [...a.added, ...a.subtracted]) {
      expect(p.events).toBeGreaterThan(0);
      expect(p.reason.length).toBeGreaterThan(10);
      expect(p.percentNucleated).toBeCloseTo((p.events / s.nucleatedEvents) * 100, 6);
    }
    // T-ALL: no B-lineage call, so normal B-cell precursors in the gate are subtracted.
    expect(a.subtracted.map((p) => p.population)).toContain('B_PRECURSOR');
    expect(a.arithmetic).toMatch(/^blast gate .* = abnormal blasts \d+\.\d %/);
    expect(a.arithmetic).toContain(`${truncateDigits(a.percent, 1)} %`);
    expect(s.explanation).toContain(a.arithmetic);
    expect(s.populations.find((p) => p.name === 'BLAST_GATE')).toMatchObject({ events: a.gateEvents });
    expect(s.populations.find((p) => p.name === 'BLAST')).toMatchObject({ events: a.events });
  });

  it('keeps the blast gate and the abnormal blast arithmetic in the stored suggestion that interpretation.list returns', async () => {
    const { sample, tube } = await sampleWithTube();
    const s = await t.must<LineageSuggestion>('interpretation.suggestLineage', { tubeId: tube.id }, analyst);
    const list = await t.must<InterpretationList>('interpretation.list', { sampleId: sample.id }, analyst);
    const stored = list.suggestions[0]!;
    expect(stored.blastGatePercent).toBe(s.blastGatePercent);
    expect(stored.blastGateEvents).toBe(s.blastGateEvents);
    expect(stored.abnormalBlasts).toEqual(s.abnormalBlasts);
  });

  it('flags as borderline, with both numbers, a tube whose blast gate is over 20 % but whose abnormal blasts are under', async () => {
    // Known truth: 18 % T blasts; normal B precursors and myeloid progenitors lift the gate over 20 %.
    const { tube } = await sampleWithTube(generateAlotTube({ seed: 31, category: 'T_ALL', blastPercent: 18, variability: false }));
    const s = await t.must<LineageSuggestion>('interpretation.suggestLineage', { tubeId: tube.id }, analyst);
    const threshold = CURRENT_RULE_SET.lineage.blastThresholdPercent;
    expect(s.blastGatePercent!).toBeGreaterThanOrEqual(threshold);
    expect(s.blastPercent).toBeLessThan(threshold);
    expect(s).toMatchObject({ category: 'NO_LEUKEMIA', borderline: true });
    const w = s.warnings.find((x) => x.code === 'BORDERLINE_BLASTS')!;
    expect(w.message).toContain(`${truncateDigits(s.blastGatePercent!, 1)} %`);
    expect(w.message).toContain(`${truncateDigits(s.blastPercent, 1)} %`);
    expect(w.message).toMatch(/different sides/);
  });

  it('lists a suggestion stored by an older rule set, without the blast gate fields, as it was stored', async () => {
    const { sample, tube } = await sampleWithTube();
    const s = await t.must<LineageSuggestion>('interpretation.suggestLineage', { tubeId: tube.id }, analyst);
    // The tables are append-only: a 2025.2-style record is a new row, as that engine stored it
    // (no gate fields, BLAST is the whole gate).
    const { id: _id, sampleId: _s, tubeId: _t, tubeSha256: _h, ruleSetVersion: _r, engineVersion: _e, markerOverrides: _m,
      createdBy: _b, createdByName: _n, createdAt: _c, decisions: _d, blastGatePercent: _g, blastGateEvents: _ge, abnormalBlasts: _a, ...stored } = s;
    const oldId = t.backend.ctx.repos.interpretations.insertSuggestion({
      sampleId: sample.id, tubeId: tube.id, tubeSha256: tube.sha256, category: s.category, blastPercent: s.blastGatePercent!,
      ruleId: s.rule.id, ruleSetVersion: 'oncocrean-2025.2', engineVersion: s.engineVersion, markerOverrides: {},
      suggestion: { ...stored, blastPercent: s.blastGatePercent!, blastEvents: s.blastGateEvents!, populations: stored.populations.filter((p) => p.name !== 'BLAST_GATE') },
      createdAt: '2026-01-01T00:00:00.000Z', createdBy: null,
    });
    const list = await t.must<InterpretationList>('interpretation.list', { sampleId: sample.id }, analyst);
    const old = list.suggestions.find((x) => x.id === oldId)!;
    expect(old).toMatchObject({ ruleSetVersion: 'oncocrean-2025.2', blastPercent: s.blastGatePercent, blastEvents: s.blastGateEvents });
    expect(old.blastGatePercent).toBeUndefined();
    expect(old.blastGateEvents).toBeUndefined();
    expect(old.abnormalBlasts).toBeUndefined();
  });

  it('refuses a marker correction for a detector the file does not have as VALIDATION', async () => {
    const { tube } = await sampleWithTube();
    const e = await errorOf('interpretation.suggestLineage', { tubeId: tube.id, markerOverrides: { 'NOPE-A': 'CD7' } }, analyst);
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'markerOverrides.NOPE-A' });
  });

  it("records the analyst's marker correction with the suggestion and applies it", async () => {
    const { tube } = await sampleWithTube();
    const s = await t.must<LineageSuggestion>('interpretation.suggestLineage', { tubeId: tube.id, markerOverrides: { 'APC-A': 'CD19' } }, analyst);
    expect(s.markerOverrides).toEqual({ 'APC-A': 'CD19' });
    expect(s.markerMapping.find((m) => m.name === 'APC-A')).toMatchObject({ canonical: 'CD19', source: 'override' });
    // CD7 is no longer mapped: the engine refuses to guess a lineage from an incomplete tube.
    expect(s).toMatchObject({ category: 'UNDETERMINED', rule: { id: 'L0a' } });
  });

  it('is FORBIDDEN to list the interpretation of a sample for the clerk', async () => {
    const { sample } = await sampleWithTube();
    expect((await errorOf('interpretation.list', { sampleId: sample.id }, clerk)).code).toBe('FORBIDDEN');
  });

  it('warns that the blast % is borderline when it sits near the diagnostic threshold', async () => {
    const { tube } = await sampleWithTube(generateAlotTube({ seed: 21, category: 'PRE_B_ALL', blastPercent: 18, variability: false }));
    const s = await t.must<LineageSuggestion>('interpretation.suggestLineage', { tubeId: tube.id }, analyst);
    expect(Math.abs(s.blastPercent - CURRENT_RULE_SET.lineage.blastThresholdPercent)).toBeLessThanOrEqual(CURRENT_RULE_SET.lineage.borderlineMarginPercent);
    expect(s.borderline).toBe(true);
    expect(s.warnings.map((w) => w.code)).toContain('BORDERLINE_BLASTS');
  });

  it('says the lineage is undetermined, and why, when the tube has no mature T cells to serve as control', async () => {
    const { tube } = await sampleWithTube(generateAlotTube({ seed: 22, category: 'T_ALL', blastPercent: 50, omit: ['T'] }));
    const s = await t.must<LineageSuggestion>('interpretation.suggestLineage', { tubeId: tube.id }, analyst);
    expect(s).toMatchObject({ category: 'UNDETERMINED', rule: { id: 'L0b' } });
    expect(s.explanation[0]).toMatch(/mature T cells/);
  });

  it('answers NOT_FOUND for a tube that does not exist', async () => {
    expect(await errorOf('interpretation.suggestLineage', { tubeId: 999999 }, analyst)).toMatchObject({ code: 'NOT_FOUND', field: 'tubeId' });
  });

  it('is FORBIDDEN to the sample-reception clerk', async () => {
    const { tube } = await sampleWithTube();
    expect((await errorOf('interpretation.suggestLineage', { tubeId: tube.id }, clerk)).code).toBe('FORBIDDEN');
  });
});

describe('interpretation.decideLineage', () => {
  async function suggested() {
    const { sample, tube } = await sampleWithTube();
    const s = await t.must<LineageSuggestion>('interpretation.suggestLineage', { tubeId: tube.id }, analyst);
    return { sample, s };
  }

  it('refuses an override without a reason as VALIDATION on the reason field', async () => {
    const { s } = await suggested();
    const e = await errorOf('interpretation.decideLineage', { suggestionId: s.id, decision: 'overridden', finalCategory: 'AML' }, analyst);
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'reason' });
  });

  it('refuses an override whose reason is shorter than 10 characters', async () => {
    const { s } = await suggested();
    const e = await errorOf('interpretation.decideLineage', { suggestionId: s.id, decision: 'overridden', finalCategory: 'AML', reason: 'no me gus' }, analyst);
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'reason' });
  });

  it('refuses a "confirmation" that changes the category', async () => {
    const { s } = await suggested();
    const e = await errorOf('interpretation.decideLineage', { suggestionId: s.id, decision: 'confirmed', finalCategory: 'AML' }, analyst);
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'finalCategory' });
  });

  it('answers NOT_FOUND for a suggestion that does not exist', async () => {
    const e = await errorOf('interpretation.decideLineage', { suggestionId: 999999, decision: 'confirmed', finalCategory: 'T_ALL' }, analyst);
    expect(e).toMatchObject({ code: 'NOT_FOUND', field: 'suggestionId' });
  });

  it('is FORBIDDEN to the clerk', async () => {
    const { s } = await suggested();
    const e = await errorOf('interpretation.decideLineage', { suggestionId: s.id, decision: 'confirmed', finalCategory: 'T_ALL' }, clerk);
    expect(e.code).toBe('FORBIDDEN');
  });

  it('records a confirmation with who and when and moves the sample to in_analysis', async () => {
    const { sample, s } = await suggested();
    const d = await t.must<LineageDecision>('interpretation.decideLineage', { suggestionId: s.id, decision: 'confirmed', finalCategory: 'T_ALL' }, analyst);
    expect(d).toMatchObject({ suggestionId: s.id, decision: 'confirmed', finalCategory: 'T_ALL', supersedesId: null, decidedByName: 'Test analyst' });
    expect(Date.parse(d.decidedAt)).not.toBeNaN();
    expect((await t.must<Sample>('samples.get', { id: sample.id }, analyst)).status).toBe('in_analysis');
  });

  it('keeps the first decision when a second one supersedes it (append-only)', async () => {
    const { sample, s } = await suggested();
    const first = await t.must<LineageDecision>('interpretation.decideLineage', { suggestionId: s.id, decision: 'confirmed', finalCategory: 'T_ALL' }, analyst);
    const second = await t.must<LineageDecision>('interpretation.decideLineage', {
      suggestionId: s.id, decision: 'overridden', finalCategory: 'MPAL', reason: 'MPO débil en blastos; panel de linaje pendiente',
    }, supervisor);
    expect(second.supersedesId).toBe(first.id);
    const list = await t.must<InterpretationList>('interpretation.list', { sampleId: sample.id }, analyst);
    const decisions = list.suggestions[0]!.decisions;
    expect(decisions.map((d) => d.id)).toEqual([second.id, first.id]);
    expect(decisions[1]).toEqual(first);
    expect(decisions[0]).toMatchObject({ decision: 'overridden', finalCategory: 'MPAL', decidedByName: 'Test supervisor' });
  });

  it('refuses a new decision once the sample is signed, as CONFLICT', async () => {
    const { sample, s } = await suggested();
    // No call signs a report yet; the repository sets the status a signature would.
    t.backend.ctx.repos.samples.setStatus(sample.id, 'signed', new Date().toISOString());
    const e = await errorOf('interpretation.decideLineage', { suggestionId: s.id, decision: 'confirmed', finalCategory: 'T_ALL' }, analyst);
    expect(e).toMatchObject({ code: 'CONFLICT', field: 'sampleId', details: { status: 'signed' } });
  });

  it('has a database that refuses to rewrite or delete a decision', async () => {
    const { s } = await suggested();
    await t.must('interpretation.decideLineage', { suggestionId: s.id, decision: 'confirmed', finalCategory: 'T_ALL' }, analyst);
    expect(() => t.backend.db.prepare("UPDATE lineage_decisions SET final_category = 'AML'").run()).toThrow(/append-only/);
    expect(() => t.backend.db.prepare('DELETE FROM lineage_suggestions').run()).toThrow(/append-only/);
  });

  it('writes the suggestion, both decisions with old and new values, and the status change to the audit trail', async () => {
    const { sample, s } = await suggested();
    await t.must('interpretation.decideLineage', { suggestionId: s.id, decision: 'confirmed', finalCategory: 'T_ALL' }, analyst);
    await t.must('interpretation.decideLineage', { suggestionId: s.id, decision: 'overridden', finalCategory: 'AML', reason: 'cyMPO positivo en revisión manual' }, analyst);
    const audit = await t.must<{ action: string; oldValue: unknown; newValue: unknown }[]>('audit.list', { entity: 'lineage_suggestion', entityId: String(s.id) }, supervisor);
    expect(audit.map((a) => a.action)).toEqual(['lineage.decide', 'lineage.decide', 'lineage.suggest']);
    expect(audit[2]!.newValue).toMatchObject({ category: 'T_ALL', ruleId: 'L3', ruleSetVersion: CURRENT_RULE_SET.version, tubeSha256: s.tubeSha256 });
    expect(audit[1]).toMatchObject({ oldValue: null, newValue: { decision: 'confirmed', finalCategory: 'T_ALL' } });
    expect(audit[0]).toMatchObject({ oldValue: { decision: 'confirmed', finalCategory: 'T_ALL' }, newValue: { decision: 'overridden', finalCategory: 'AML', reason: 'cyMPO positivo en revisión manual' } });
    const status = await t.must<{ action: string; oldValue: unknown; newValue: unknown }[]>('audit.list', { entity: 'sample', entityId: String(sample.id) }, supervisor);
    expect(status.find((a) => a.action === 'sample.status')).toMatchObject({ oldValue: { status: 'received' }, newValue: { status: 'in_analysis' } });
  });
});

describe('interpretation.assessRisk', () => {
  const rows: RiskInput[] = [
    { dnaIndex: 1.2, mrdDay19Percent: 0.2, mrdEndInductionPercent: 0.001 },
    { etv6Runx1: true, bcrAbl1: false, dnaIndex: 1.0, mrdDay19Percent: 1.5, mrdEndInductionPercent: 0.05 },
    { bcrAbl1: true, dnaIndex: 1.0, etv6Runx1: false },
    { dnaIndex: 1.0, etv6Runx1: false, bcrAbl1: false, mrdDay19Percent: 0.5, mrdEndInductionPercent: 1.2 },
    { dnaIndex: 1.0 },
  ];

  it.each(rows.map((r, i) => [i, r] as const))('gives the same groups and rules as shared/clinical/risk.ts for row %i', async (_i, inputs) => {
    const { sample } = await sampleWithTube();
    const r = await t.must<RiskRecord>('interpretation.assessRisk', { sampleId: sample.id, inputs }, analyst);
    const expected = assignRiskGroup(inputs);
    expect(r.ruleSetVersion).toBe(expected.ruleSetVersion);
    expect(r.provisional).toMatchObject({ group: expected.provisional.group, ruleId: expected.provisional.ruleId, status: expected.provisional.status });
    expect(r.final).toMatchObject({ group: expected.final.group, ruleId: expected.final.ruleId, status: expected.final.status, missing: expected.final.missing });
    expect(r.inputs).toEqual(inputs);
  });

  it('refuses an unknown risk input as VALIDATION naming it', async () => {
    const { sample } = await sampleWithTube();
    const e = await errorOf('interpretation.assessRisk', { sampleId: sample.id, inputs: { dnaIndex: 1.2, favouriteColour: 'blue' } }, analyst);
    expect(e.code).toBe('VALIDATION');
  });

  it('keeps every assessment, newest first, and audits the previous group as the old value', async () => {
    const { sample } = await sampleWithTube();
    const a = await t.must<RiskRecord>('interpretation.assessRisk', { sampleId: sample.id, inputs: { dnaIndex: 1.2 } }, analyst);
    const b = await t.must<RiskRecord>('interpretation.assessRisk', { sampleId: sample.id, inputs: { dnaIndex: 1.2, bcrAbl1: true } }, analyst);
    const list = await t.must<InterpretationList>('interpretation.list', { sampleId: sample.id }, analyst);
    expect(list.risk.map((r) => r.id)).toEqual([b.id, a.id]);
    const audit = await t.must<{ action: string; oldValue: { provisional: string } | null; newValue: { provisional: string } }[]>('audit.list', { entity: 'sample', entityId: String(sample.id) }, supervisor);
    const risk = audit.filter((x) => x.action === 'risk.assess');
    expect(risk).toHaveLength(2);
    expect(risk[0]!.oldValue?.provisional).toBe(a.provisional.group);
    expect(risk[0]!.newValue.provisional).toBe(b.provisional.group);
  });
});

describe('interpretation.computeMrd', () => {
  it('computes MRD from event counts with the LOD/LLOQ status of shared/clinical/mrd.ts and stores it', async () => {
    const { sample } = await sampleWithTube();
    for (const leukemicEvents of [10, 30, 500]) {
      const r = await t.must<MrdRecord>('interpretation.computeMrd', { sampleId: sample.id, leukemicEvents, nucleatedEvents: 1_000_000 }, analyst);
      const expected = mrdFromCounts({ leukemicEvents, nucleatedEvents: 1_000_000 });
      expect(r).toMatchObject({ status: expected.status, mrdPercent: expected.mrdPercent, sensitivity: expected.sensitivity, source: 'counts', ruleSetVersion: CURRENT_RULE_SET.version });
      expect(r.reportedPercent).toBe(expected.status === 'quantified' ? expected.mrdPercent : null);
    }
    const list = await t.must<InterpretationList>('interpretation.list', { sampleId: sample.id }, analyst);
    expect(list.mrd.map((m) => m.leukemicEvents)).toEqual([500, 30, 10]);
  });

  it('refuses more leukemic than nucleated events as VALIDATION', async () => {
    const { sample } = await sampleWithTube();
    const e = await errorOf('interpretation.computeMrd', { sampleId: sample.id, leukemicEvents: 11, nucleatedEvents: 10 }, analyst);
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'leukemicEvents' });
  });

  it('computes MRD from Gating-ML gates on an imported follow-up tube as the engine does on the same bytes', async () => {
    const mrdTube = generateMrdTube({ seed: 11, mrdFraction: 1e-3, events: 200_000 });
    const { tube } = await sampleWithTube(mrdTube);
    const xml = mrdGatingML('canto');
    const r = await t.must<MrdRecord>('interpretation.computeMrd', { tubeId: tube.id, gatingMlXml: xml, leukemicGateId: MRD_GATE_IDS.leukemic, nucleatedGateId: MRD_GATE_IDS.singlets }, analyst);
    const expected = mrdFromGating(parseFcs(tubeToFcs(mrdTube)), readGatingML(xml), { leukemicId: MRD_GATE_IDS.leukemic, nucleatedId: MRD_GATE_IDS.singlets });
    expect(r).toMatchObject({ source: 'gating', tubeId: tube.id, status: expected.status, leukemicEvents: expected.leukemicEvents, nucleatedEvents: expected.nucleatedEvents, leukemicGateId: 'Leukemic', denominatorSource: 'gate', denominator: 'Singlets' });
    expect(r.status).toBe('quantified');
  });

  it('names an unknown gate id as BAD_INPUT on the leukemic gate field', async () => {
    const { tube } = await sampleWithTube();
    const e = await errorOf('interpretation.computeMrd', { tubeId: tube.id, gatingMlXml: mrdGatingML('canto'), leukemicGateId: 'NoSuchGate' }, analyst);
    expect(e).toMatchObject({ code: 'BAD_INPUT', field: 'leukemicGateId' });
  });
});
