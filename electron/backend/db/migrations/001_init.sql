-- 001_init: users and sessions, the OncoCREAN centers (seed list), patients, samples with
-- accession numbers and status, original FCS files by content hash, tubes, and the append-only
-- audit trail (21 CFR Part 11 §11.10(e): who, when, what, old and new value, never overwritten).
-- Timestamps are ISO 8601 UTC strings. Applied by electron/backend/db/migrate.ts in one transaction.

CREATE TABLE users (
  id                   INTEGER PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name         TEXT NOT NULL,
  role                 TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'analyst', 'clerk')),
  -- "scrypt$N$r$p$salt_b64$hash_b64"
  password_hash        TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
  locale               TEXT NOT NULL DEFAULT 'es-MX' CHECK (locale IN ('es-MX', 'en')),
  active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_logins        INTEGER NOT NULL DEFAULT 0,
  locked_until         TEXT,
  password_changed_at  TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);

-- Only a SHA-256 of the session token is stored: a copied database does not hand out sessions.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- The network paper (domain.md): 36 state reference centers, 4 logistic regions.
CREATE TABLE centers (
  code    TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  state   TEXT NOT NULL,
  region  TEXT NOT NULL CHECK (region IN ('north', 'northwest', 'central', 'south')),
  active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  -- 1 = from this migration's seed list (plausible placeholder names, to be replaced by the
  -- laboratory's official directory through the admin screens).
  is_seed INTEGER NOT NULL DEFAULT 0 CHECK (is_seed IN (0, 1))
);

CREATE TABLE patients (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  curp       TEXT UNIQUE,
  nss        TEXT,
  temp_id    TEXT UNIQUE,
  birth_date TEXT,
  sex        TEXT CHECK (sex IN ('F', 'M', 'X')),
  is_demo    INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  CHECK (curp IS NOT NULL OR temp_id IS NOT NULL)
);

-- Accession numbers OF-YYYY-NNNNNN: one counter per year, bumped inside the insert transaction.
CREATE TABLE accession_counters (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
);

CREATE TABLE samples (
  id               INTEGER PRIMARY KEY,
  accession        TEXT NOT NULL UNIQUE,
  patient_id       INTEGER NOT NULL REFERENCES patients(id),
  center_code      TEXT NOT NULL REFERENCES centers(code),
  sample_type      TEXT NOT NULL CHECK (sample_type IN ('bone_marrow', 'peripheral_blood')),
  study_type       TEXT NOT NULL CHECK (study_type IN ('diagnosis', 'mrd_d19', 'mrd_eoi', 'relapse')),
  collected_at     TEXT NOT NULL,
  received_at      TEXT NOT NULL,
  temperature_c    REAL,
  condition        TEXT,
  status           TEXT NOT NULL DEFAULT 'received'
                   CHECK (status IN ('received', 'rejected', 'in_analysis', 'in_review', 'signed', 'sent')),
  rejection_reason TEXT,
  is_demo          INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at       TEXT NOT NULL,
  created_by       INTEGER REFERENCES users(id),
  updated_at       TEXT NOT NULL
);
CREATE INDEX samples_status ON samples(status);
CREATE INDEX samples_patient ON samples(patient_id);

-- Original FCS files, stored unmodified as <dataDir>/originals/<sha256>.fcs; one row per content.
CREATE TABLE fcs_files (
  sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  size_bytes INTEGER NOT NULL,
  stored_at  TEXT NOT NULL
);

CREATE TABLE tubes (
  id              INTEGER PRIMARY KEY,
  sample_id       INTEGER NOT NULL REFERENCES samples(id),
  sha256          TEXT NOT NULL REFERENCES fcs_files(sha256),
  file_name       TEXT NOT NULL,
  fcs_version     TEXT NOT NULL,
  event_count     INTEGER NOT NULL,
  parameter_count INTEGER NOT NULL,
  cytometer       TEXT,
  tube_name       TEXT,
  has_spillover   INTEGER NOT NULL DEFAULT 0 CHECK (has_spillover IN (0, 1)),
  -- [{index, name, marker, kind, range}] as parsed at import (the original file stays the truth)
  parameters_json TEXT NOT NULL,
  imported_at     TEXT NOT NULL,
  imported_by     INTEGER REFERENCES users(id),
  UNIQUE (sample_id, sha256)
);
CREATE INDEX tubes_sample ON tubes(sample_id);

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  user_id   INTEGER REFERENCES users(id),
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT,
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

-- Append-only: the database itself refuses to rewrite or erase history.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Seed list of the 36 OncoCREAN centers: the 4 historic main centers plus one unit per state.
-- SEED DATA: names are plausible placeholders, not the official directory.
INSERT INTO centers (code, name, state, region, is_seed) VALUES
  ('UMAE01', 'UMAE Hospital de Pediatría, Centro Médico Nacional Siglo XXI', 'Ciudad de México', 'central', 1),
  ('UMAE02', 'UMAE Hospital General, Centro Médico Nacional La Raza', 'Ciudad de México', 'central', 1),
  ('UMAE03', 'UMAE Hospital de Especialidades No. 25, Monterrey', 'Nuevo León', 'north', 1),
  ('UMAE04', 'UMAE Hospital de Pediatría, Centro Médico Nacional de Occidente', 'Jalisco', 'northwest', 1),
  ('OCAS', 'Unidad OncoCREAN Aguascalientes (HGZ 1)', 'Aguascalientes', 'central', 1),
  ('OCBC', 'Unidad OncoCREAN Baja California (HGR 20, Tijuana)', 'Baja California', 'northwest', 1),
  ('OCBS', 'Unidad OncoCREAN Baja California Sur (HGZ 1, La Paz)', 'Baja California Sur', 'northwest', 1),
  ('OCCC', 'Unidad OncoCREAN Campeche (HGZ 1)', 'Campeche', 'south', 1),
  ('OCCL', 'Unidad OncoCREAN Coahuila (UMAE 71, Torreón)', 'Coahuila', 'north', 1),
  ('OCCM', 'Unidad OncoCREAN Colima (HGZ 1)', 'Colima', 'northwest', 1),
  ('OCCS', 'Unidad OncoCREAN Chiapas (HGZ 2, Tuxtla Gutiérrez)', 'Chiapas', 'south', 1),
  ('OCCH', 'Unidad OncoCREAN Chihuahua (HGR 1)', 'Chihuahua', 'north', 1),
  ('OCCX', 'Unidad OncoCREAN Ciudad de México (HGZ 8)', 'Ciudad de México', 'central', 1),
  ('OCDG', 'Unidad OncoCREAN Durango (HGZ 1)', 'Durango', 'north', 1),
  ('OCGT', 'Unidad OncoCREAN Guanajuato (UMAE T1, León)', 'Guanajuato', 'central', 1),
  ('OCGR', 'Unidad OncoCREAN Guerrero (HGR 1, Acapulco)', 'Guerrero', 'south', 1),
  ('OCHG', 'Unidad OncoCREAN Hidalgo (HGZ 1, Pachuca)', 'Hidalgo', 'central', 1),
  ('OCJC', 'Unidad OncoCREAN Jalisco (HGR 110)', 'Jalisco', 'northwest', 1),
  ('OCMC', 'Unidad OncoCREAN Estado de México (HGR 72)', 'Estado de México', 'central', 1),
  ('OCMN', 'Unidad OncoCREAN Michoacán (HGR 1, Morelia)', 'Michoacán', 'central', 1),
  ('OCMS', 'Unidad OncoCREAN Morelos (HGR 1, Cuernavaca)', 'Morelos', 'central', 1),
  ('OCNT', 'Unidad OncoCREAN Nayarit (HGZ 1, Tepic)', 'Nayarit', 'northwest', 1),
  ('OCNL', 'Unidad OncoCREAN Nuevo León (HGZ 17)', 'Nuevo León', 'north', 1),
  ('OCOC', 'Unidad OncoCREAN Oaxaca (HGZ 1)', 'Oaxaca', 'south', 1),
  ('OCPL', 'Unidad OncoCREAN Puebla (UMAE San José)', 'Puebla', 'central', 1),
  ('OCQT', 'Unidad OncoCREAN Querétaro (HGR 1)', 'Querétaro', 'central', 1),
  ('OCQR', 'Unidad OncoCREAN Quintana Roo (HGR 17, Cancún)', 'Quintana Roo', 'south', 1),
  ('OCSP', 'Unidad OncoCREAN San Luis Potosí (HGZ 1)', 'San Luis Potosí', 'north', 1),
  ('OCSL', 'Unidad OncoCREAN Sinaloa (HGR 1, Culiacán)', 'Sinaloa', 'northwest', 1),
  ('OCSR', 'Unidad OncoCREAN Sonora (UMAE 2, Ciudad Obregón)', 'Sonora', 'northwest', 1),
  ('OCTC', 'Unidad OncoCREAN Tabasco (HGZ 46, Villahermosa)', 'Tabasco', 'south', 1),
  ('OCTS', 'Unidad OncoCREAN Tamaulipas (HGR 6, Ciudad Madero)', 'Tamaulipas', 'north', 1),
  ('OCTL', 'Unidad OncoCREAN Tlaxcala (HGZ 1)', 'Tlaxcala', 'central', 1),
  ('OCVZ', 'Unidad OncoCREAN Veracruz (UMAE 14)', 'Veracruz', 'south', 1),
  ('OCYN', 'Unidad OncoCREAN Yucatán (UMAE Mérida)', 'Yucatán', 'south', 1),
  ('OCZS', 'Unidad OncoCREAN Zacatecas (HGZ 1)', 'Zacatecas', 'north', 1);
