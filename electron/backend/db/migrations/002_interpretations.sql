-- 002_interpretations: the clinical interpretation records of issue #7 — lineage suggestions
-- computed from an ALOT tube, the analyst's decisions on them, MRD results and risk assessments.
-- OncoFlow suggests and explains; a person decides. Every row is kept forever: the tables are
-- append-only like audit_log (21 CFR Part 11 §11.10(e): changes never obscure earlier values), so a
-- new decision supersedes an earlier one by pointing at it instead of rewriting it. Each row records
-- the rule-set version that produced it (domain.md: one versioned rule set for every threshold).

CREATE TABLE lineage_suggestions (
  id                    INTEGER PRIMARY KEY,
  sample_id             INTEGER NOT NULL REFERENCES samples(id),
  tube_id               INTEGER NOT NULL REFERENCES tubes(id),
  -- the exact original the engine read (tubes.sha256 at the time; originals are immutable)
  tube_sha256           TEXT NOT NULL CHECK (length(tube_sha256) = 64),
  category              TEXT NOT NULL,
  blast_percent         REAL NOT NULL,
  rule_id               TEXT NOT NULL,
  rule_set_version      TEXT NOT NULL,
  engine_version        TEXT NOT NULL,
  marker_overrides_json TEXT NOT NULL DEFAULT '{}',
  -- the full suggestion as returned by the API (markers, controls, mapping, warnings, populations)
  suggestion_json       TEXT NOT NULL,
  created_at            TEXT NOT NULL,
  created_by            INTEGER REFERENCES users(id)
);
CREATE INDEX lineage_suggestions_sample ON lineage_suggestions(sample_id);

CREATE TABLE lineage_decisions (
  id             INTEGER PRIMARY KEY,
  suggestion_id  INTEGER NOT NULL REFERENCES lineage_suggestions(id),
  decision       TEXT NOT NULL CHECK (decision IN ('confirmed', 'overridden')),
  final_category TEXT NOT NULL,
  reason         TEXT NOT NULL DEFAULT '',
  -- the decision in force before this one (NULL for the first); that row stays as it was
  supersedes_id  INTEGER REFERENCES lineage_decisions(id),
  decided_at     TEXT NOT NULL,
  decided_by     INTEGER REFERENCES users(id),
  CHECK (decision = 'confirmed' OR length(trim(reason)) >= 10)
);
CREATE INDEX lineage_decisions_suggestion ON lineage_decisions(suggestion_id);

CREATE TABLE mrd_results (
  id               INTEGER PRIMARY KEY,
  sample_id        INTEGER NOT NULL REFERENCES samples(id),
  tube_id          INTEGER REFERENCES tubes(id),
  source           TEXT NOT NULL CHECK (source IN ('gating', 'counts')),
  status           TEXT NOT NULL CHECK (status IN ('quantified', 'detected_below_lloq', 'not_detected')),
  mrd_percent      REAL NOT NULL,
  leukemic_events  INTEGER NOT NULL,
  nucleated_events INTEGER NOT NULL,
  rule_set_version TEXT NOT NULL,
  result_json      TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  created_by       INTEGER REFERENCES users(id)
);
CREATE INDEX mrd_results_sample ON mrd_results(sample_id);

CREATE TABLE risk_assessments (
  id               INTEGER PRIMARY KEY,
  sample_id        INTEGER NOT NULL REFERENCES samples(id),
  rule_set_version TEXT NOT NULL,
  provisional_group TEXT CHECK (provisional_group IN ('LOW', 'STANDARD', 'HIGH')),
  final_group      TEXT CHECK (final_group IN ('LOW', 'STANDARD', 'HIGH')),
  inputs_json      TEXT NOT NULL,
  decision_json    TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  created_by       INTEGER REFERENCES users(id)
);
CREATE INDEX risk_assessments_sample ON risk_assessments(sample_id);

-- Append-only: the database itself refuses to rewrite or erase an interpretation.
CREATE TRIGGER lineage_suggestions_no_update BEFORE UPDATE ON lineage_suggestions
BEGIN SELECT RAISE(ABORT, 'lineage_suggestions is append-only'); END;
CREATE TRIGGER lineage_suggestions_no_delete BEFORE DELETE ON lineage_suggestions
BEGIN SELECT RAISE(ABORT, 'lineage_suggestions is append-only'); END;
CREATE TRIGGER lineage_decisions_no_update BEFORE UPDATE ON lineage_decisions
BEGIN SELECT RAISE(ABORT, 'lineage_decisions is append-only'); END;
CREATE TRIGGER lineage_decisions_no_delete BEFORE DELETE ON lineage_decisions
BEGIN SELECT RAISE(ABORT, 'lineage_decisions is append-only'); END;
CREATE TRIGGER mrd_results_no_update BEFORE UPDATE ON mrd_results
BEGIN SELECT RAISE(ABORT, 'mrd_results is append-only'); END;
CREATE TRIGGER mrd_results_no_delete BEFORE DELETE ON mrd_results
BEGIN SELECT RAISE(ABORT, 'mrd_results is append-only'); END;
CREATE TRIGGER risk_assessments_no_update BEFORE UPDATE ON risk_assessments
BEGIN SELECT RAISE(ABORT, 'risk_assessments is append-only'); END;
CREATE TRIGGER risk_assessments_no_delete BEFORE DELETE ON risk_assessments
BEGIN SELECT RAISE(ABORT, 'risk_assessments is append-only'); END;
