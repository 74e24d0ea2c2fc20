// Clinical interpretation records (002_interpretations.sql): lineage suggestions and the decisions
// on them, MRD results, risk assessments. Insert and read only — the tables are append-only.
// The full API objects are stored as JSON beside the columns that are queried or constrained.
import type { Db } from '../connection';

export interface NewSuggestion {
  sampleId: number; tubeId: number; tubeSha256: string; category: string; blastPercent: number; ruleId: string;
  ruleSetVersion: string; engineVersion: string; markerOverrides: Record<string, string>; suggestion: unknown;
  createdAt: string; createdBy: number | null;
}
export interface SuggestionRow {
  id: number; sampleId: number; tubeId: number; tubeSha256: string; category: string; ruleSetVersion: string;
  engineVersion: string; markerOverrides: Record<string, string>; suggestion: unknown;
  createdAt: string; createdBy: number | null; createdByName: string | null;
}

export interface NewDecision {
  suggestionId: number; decision: 'confirmed' | 'overridden'; finalCategory: string; reason: string;
  supersedesId: number | null; decidedAt: string; decidedBy: number | null;
}
export interface DecisionRow extends NewDecision { id: number; decidedByName: string | null }

export interface NewMrd {
  sampleId: number; tubeId: number | null; source: 'gating' | 'counts'; status: string; mrdPercent: number;
  leukemicEvents: number; nucleatedEvents: number; ruleSetVersion: string; result: unknown; createdAt: string; createdBy: number | null;
}
export interface StoredRow { id: number; sampleId: number; tubeId?: number | null; data: unknown; createdAt: string; createdBy: number | null; createdByName: string | null }

export interface NewRisk {
  sampleId: number; ruleSetVersion: string; provisionalGroup: string | null; finalGroup: string | null;
  inputs: unknown; decision: unknown; createdAt: string; createdBy: number | null;
}

interface RawSuggestion {
  id: number; sample_id: number; tube_id: number; tube_sha256: string; category: string; rule_set_version: string;
  engine_version: string; marker_overrides_json: string; suggestion_json: string; created_at: string; created_by: number | null; username: string | null;
}
interface RawDecision {
  id: number; suggestion_id: number; decision: 'confirmed' | 'overridden'; final_category: string; reason: string;
  supersedes_id: number | null; decided_at: string; decided_by: number | null; username: string | null;
}
interface RawStored { id: number; sample_id: number; tube_id?: number | null; json: string; created_at: string; created_by: number | null; username: string | null }

const toSuggestion = (r: RawSuggestion): SuggestionRow => ({
  id: r.id, sampleId: r.sample_id, tubeId: r.tube_id, tubeSha256: r.tube_sha256, category: r.category,
  ruleSetVersion: r.rule_set_version, engineVersion: r.engine_version,
  markerOverrides: JSON.parse(r.marker_overrides_json) as Record<string, string>, suggestion: JSON.parse(r.suggestion_json),
  createdAt: r.created_at, createdBy: r.created_by, createdByName: r.username,
});
const toDecision = (r: RawDecision): DecisionRow => ({
  id: r.id, suggestionId: r.suggestion_id, decision: r.decision, finalCategory: r.final_category, reason: r.reason,
  supersedesId: r.supersedes_id, decidedAt: r.decided_at, decidedBy: r.decided_by, decidedByName: r.username,
});
const toStored = (r: RawStored): StoredRow => ({
  id: r.id, sampleId: r.sample_id, tubeId: r.tube_id ?? null, data: JSON.parse(r.json), createdAt: r.created_at,
  createdBy: r.created_by, createdByName: r.username,
});

// Display name of the author: what a clinician reads next to a decision ("who decided").
const SUGGESTION_SELECT = `SELECT s.*, u.display_name AS username FROM lineage_suggestions s LEFT JOIN users u ON u.id = s.created_by`;
const DECISION_SELECT = `SELECT d.*, u.display_name AS username FROM lineage_decisions d LEFT JOIN users u ON u.id = d.decided_by`;

export function interpretationsRepository(db: Db) {
  return {
    insertSuggestion(s: NewSuggestion): number {
      return Number(db.prepare(
        `INSERT INTO lineage_suggestions (sample_id, tube_id, tube_sha256, category, blast_percent, rule_id, rule_set_version,
                                          engine_version, marker_overrides_json, suggestion_json, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(s.sampleId, s.tubeId, s.tubeSha256, s.category, s.blastPercent, s.ruleId, s.ruleSetVersion, s.engineVersion,
        JSON.stringify(s.markerOverrides), JSON.stringify(s.suggestion), s.createdAt, s.createdBy).lastInsertRowid);
    },
    getSuggestion(id: number): SuggestionRow | undefined {
      const r = db.prepare<[number], RawSuggestion>(`${SUGGESTION_SELECT} WHERE s.id = ?`).get(id);
      return r && toSuggestion(r);
    },
    /** Newest first. */
    listSuggestionsBySample(sampleId: number): SuggestionRow[] {
      return db.prepare<[number], RawSuggestion>(`${SUGGESTION_SELECT} WHERE s.sample_id = ? ORDER BY s.id DESC`).all(sampleId).map(toSuggestion);
    },

    insertDecision(d: NewDecision): number {
      return Number(db.prepare(
        `INSERT INTO lineage_decisions (suggestion_id, decision, final_category, reason, supersedes_id, decided_at, decided_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(d.suggestionId, d.decision, d.finalCategory, d.reason, d.supersedesId, d.decidedAt, d.decidedBy).lastInsertRowid);
    },
    getDecision(id: number): DecisionRow | undefined {
      const r = db.prepare<[number], RawDecision>(`${DECISION_SELECT} WHERE d.id = ?`).get(id);
      return r && toDecision(r);
    },
    /** The decision in force for a suggestion: the newest one. */
    currentDecision(suggestionId: number): DecisionRow | undefined {
      const r = db.prepare<[number], RawDecision>(`${DECISION_SELECT} WHERE d.suggestion_id = ? ORDER BY d.id DESC LIMIT 1`).get(suggestionId);
      return r && toDecision(r);
    },
    /** Every decision on the sample's suggestions, newest first. */
    listDecisionsBySample(sampleId: number): DecisionRow[] {
      return db.prepare<[number], RawDecision>(
        `${DECISION_SELECT} JOIN lineage_suggestions s ON s.id = d.suggestion_id WHERE s.sample_id = ? ORDER BY d.id DESC`,
      ).all(sampleId).map(toDecision);
    },

    insertMrd(m: NewMrd): number {
      return Number(db.prepare(
        `INSERT INTO mrd_results (sample_id, tube_id, source, status, mrd_percent, leukemic_events, nucleated_events, rule_set_version,
                                  result_json, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(m.sampleId, m.tubeId, m.source, m.status, m.mrdPercent, m.leukemicEvents, m.nucleatedEvents, m.ruleSetVersion,
        JSON.stringify(m.result), m.createdAt, m.createdBy).lastInsertRowid);
    },
    listMrdBySample(sampleId: number): StoredRow[] {
      return db.prepare<[number], RawStored>(
        `SELECT m.id, m.sample_id, m.tube_id, m.result_json AS json, m.created_at, m.created_by, u.display_name AS username
         FROM mrd_results m LEFT JOIN users u ON u.id = m.created_by WHERE m.sample_id = ? ORDER BY m.id DESC`,
      ).all(sampleId).map(toStored);
    },

    insertRisk(r: NewRisk): number {
      return Number(db.prepare(
        `INSERT INTO risk_assessments (sample_id, rule_set_version, provisional_group, final_group, inputs_json, decision_json, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(r.sampleId, r.ruleSetVersion, r.provisionalGroup, r.finalGroup, JSON.stringify(r.inputs), JSON.stringify(r.decision),
        r.createdAt, r.createdBy).lastInsertRowid);
    },
    listRiskBySample(sampleId: number): StoredRow[] {
      return db.prepare<[number], RawStored>(
        `SELECT r.id, r.sample_id, r.decision_json AS json, r.created_at, r.created_by, u.display_name AS username
         FROM risk_assessments r LEFT JOIN users u ON u.id = r.created_by WHERE r.sample_id = ? ORDER BY r.id DESC`,
      ).all(sampleId).map(toStored);
    },
  };
}

export type InterpretationsRepository = ReturnType<typeof interpretationsRepository>;
