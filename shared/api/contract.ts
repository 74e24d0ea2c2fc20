// The OncoFlow API contract: every call the renderer (or any client) can make, with a zod schema
// for its input and output and the roles allowed to make it. One dispatcher in the backend
// (electron/backend/dispatch.ts) validates every input with these schemas and enforces the roles,
// for both transports (Electron IPC and loopback HTTP); the renderer calls through an
// OncoflowTransport (shared/api/transport.ts) and never knows which transport it has.
//
// Conventions
// - Every call returns a Result: { ok: true, value } or { ok: false, error: ApiError }. Errors are
//   values, never thrown across the boundary (binary calls: see transport.ts).
// - Calls without arguments take `{}`.
// - Timestamps are ISO 8601 strings in UTC ("2026-11-26T08:00:00.000Z"); dates "YYYY-MM-DD".
// - A call's `roles`: 'public' = no login needed; 'any' = any logged-in user; otherwise the list.
// - While a user must change the password, every call except auth.* fails with
//   FORBIDDEN / reason PASSWORD_CHANGE_REQUIRED (error.code 'PASSWORD_CHANGE_REQUIRED').
//
// Binary calls (output 'binary'): the value is raw bytes (an ArrayBuffer). tubes.events returns a
// header-free little-endian Float32Array laid out channel after channel: all events of
// channels[0], then all of channels[1], ... (scaled values: $PnE/$PnG applied; fluorescence
// compensated with the file's own spillover matrix when it has a usable one). The event count is
// byteLength / 4 / channels.length (also sent as HTTP header `x-event-count`).
import { z } from 'zod';
import type { AbnormalBlastCount } from '../clinical/abnormal-blasts';
import type { LineageCategory } from '../clinical/lineage';
import { RiskInputSchema } from '../clinical/risk';

// ---------------------------------------------------------------------------------------------
// Results and errors

/** Error codes the backend uses; clients must tolerate others (treat as INTERNAL-like). */
export const ERROR_CODES = [
  'VALIDATION', // input failed the schema; `field` is the dotted path of the first bad field
  'UNAUTHENTICATED', // no/expired session, or bad credentials on auth.login
  'FORBIDDEN', // logged in but the role may not make this call
  'PASSWORD_CHANGE_REQUIRED', // logged in, but must change the password first (auth.changePassword)
  'NOT_FOUND',
  'CONFLICT', // e.g. duplicate username, tube already imported for the sample
  'BAD_INPUT', // well-formed input the domain rejects (bad FCS file, unknown channel …)
  'UNKNOWN_CALL',
  'PAYLOAD_TOO_LARGE', // upload over 2 GiB, JSON body over 10 MiB
  'UNSUPPORTED_MEDIA_TYPE', // HTTP: /api/call needs Content-Type application/json
  'METHOD_NOT_ALLOWED', // HTTP: /api needs POST
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number] | (string & {});

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending input field ("patient.curp"), when one is to blame. */
  field?: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ApiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  details: z.unknown().optional(),
});

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, extra?: { field?: string; details?: unknown }): Result<never> => ({
  ok: false,
  error: { code, message, ...(extra ?? {}) },
});

// ---------------------------------------------------------------------------------------------
// Shared vocabulary

export const ROLES = ['admin', 'supervisor', 'analyst', 'clerk'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const LOCALES = ['es-MX', 'en'] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

/** Life cycle of a sample: received → (rejected | in_analysis → in_review → signed → sent). */
export const SAMPLE_STATUSES = ['received', 'rejected', 'in_analysis', 'in_review', 'signed', 'sent'] as const;
export const SampleStatusSchema = z.enum(SAMPLE_STATUSES);
export type SampleStatus = z.infer<typeof SampleStatusSchema>;

export const SAMPLE_TYPES = ['bone_marrow', 'peripheral_blood'] as const;
export const SampleTypeSchema = z.enum(SAMPLE_TYPES);
export type SampleType = z.infer<typeof SampleTypeSchema>;

/** domain.md: diagnosis, MRD day 19 (early time point), MRD end of induction, relapse. */
export const STUDY_TYPES = ['diagnosis', 'mrd_d19', 'mrd_eoi', 'relapse'] as const;
export const StudyTypeSchema = z.enum(STUDY_TYPES);
export type StudyType = z.infer<typeof StudyTypeSchema>;

export const REGIONS = ['north', 'northwest', 'central', 'south'] as const;
export const RegionSchema = z.enum(REGIONS);
export type Region = z.infer<typeof RegionSchema>;

export const SEXES = ['F', 'M', 'X'] as const;

/** "OF-2026-000123": laboratory accession number, sequential per year. */
export const ACCESSION_PATTERN = /^OF-\d{4}-\d{6}$/;

const IsoDateTime = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date();
const Id = z.number().int().positive();
const Empty = z.object({}).strict();

// ---------------------------------------------------------------------------------------------
// Entities

export const UserSchema = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  mustChangePassword: z.boolean(),
  locale: LocaleSchema,
});
export type User = z.infer<typeof UserSchema>;

export const SystemInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'web']),
  dataDir: z.string(),
  /** The demo generator is bundled (demo.load can be offered). */
  demoAvailable: z.boolean(),
  hasDemoData: z.boolean(),
  sampleCount: z.number().int().nonnegative(),
  schemaVersion: z.number().int(),
});
export type SystemInfo = z.infer<typeof SystemInfoSchema>;

export const CenterSchema = z.object({
  code: z.string(),
  name: z.string(),
  state: z.string(),
  region: RegionSchema,
});
export type Center = z.infer<typeof CenterSchema>;

export const PatientInputSchema = z.object({
  /** Full name as on the request form ("APELLIDO APELLIDO NOMBRE(S)" or free order). */
  name: z.string().trim().min(2).max(200),
  /** 18-character CURP, check digit validated. Either curp or tempId is required. */
  curp: z.string().trim().toUpperCase().optional(),
  /** 11-digit IMSS NSS, Luhn check digit validated. */
  nss: z.string().trim().optional(),
  /** Documented temporary identifier when the patient has no CURP yet (infants). */
  tempId: z.string().trim().min(3).max(40).optional(),
  birthDate: IsoDate.optional(),
  sex: z.enum(SEXES).optional(),
});
export type PatientInput = z.infer<typeof PatientInputSchema>;

export const PatientSchema = z.object({
  id: Id,
  name: z.string(),
  curp: z.string().nullable(),
  nss: z.string().nullable(),
  tempId: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.enum(SEXES).nullable(),
  isDemo: z.boolean(),
});
export type Patient = z.infer<typeof PatientSchema>;

export const SampleSummarySchema = z.object({
  id: Id,
  accession: z.string(),
  patientName: z.string(),
  curp: z.string().nullable(),
  nss: z.string().nullable(),
  centerCode: z.string(),
  centerName: z.string(),
  sampleType: SampleTypeSchema,
  studyType: StudyTypeSchema,
  collectedAt: z.string(),
  receivedAt: z.string(),
  status: SampleStatusSchema,
  tubeCount: z.number().int().nonnegative(),
  isDemo: z.boolean(),
  createdAt: z.string(),
});
export type SampleSummary = z.infer<typeof SampleSummarySchema>;

export const SampleSchema = SampleSummarySchema.extend({
  patient: PatientSchema,
  temperatureC: z.number().nullable(),
  condition: z.string().nullable(),
  createdBy: z.number().int().nullable(),
});
export type Sample = z.infer<typeof SampleSchema>;

export const TubeParameterSchema = z.object({
  /** 0-based position in the event row. */
  index: z.number().int().nonnegative(),
  /** $PnN */
  name: z.string(),
  /** $PnS (marker / stain), null when blank. */
  marker: z.string().nullable(),
  kind: z.enum(['scatter', 'fluorescence', 'time', 'other']),
  /** $PnR */
  range: z.number(),
});
export type TubeParameter = z.infer<typeof TubeParameterSchema>;

export const TubeSchema = z.object({
  id: Id,
  sampleId: Id,
  /** File name as uploaded (display only; the original is stored by content hash). */
  fileName: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().nonnegative(),
  /** $TOT */
  eventCount: z.number().int().nonnegative(),
  /** $PAR */
  parameterCount: z.number().int().nonnegative(),
  /** $CYT (or CREATOR / CYTOMETER CONFIG NAME when $CYT is absent), null if none. */
  cytometer: z.string().nullable(),
  /** TUBE NAME (FACSDiva) or $SRC / $FIL fallback, null if none. */
  tubeName: z.string().nullable(),
  fcsVersion: z.string(),
  parameters: z.array(TubeParameterSchema),
  hasSpillover: z.boolean(),
  importedAt: z.string(),
  importedBy: z.number().int().nullable(),
});
export type Tube = z.infer<typeof TubeSchema>;

export const SampleDetailSchema = SampleSchema.extend({ tubes: z.array(TubeSchema) });
export type SampleDetail = z.infer<typeof SampleDetailSchema>;

export const AuditEntrySchema = z.object({
  id: Id,
  at: z.string(),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  oldValue: z.unknown().nullable(),
  newValue: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

// ---------------------------------------------------------------------------------------------
// Inputs

export const LoginInputSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});

export const ChangePasswordInputSchema = z
  .object({
    currentPassword: z.string().min(1).max(1000),
    newPassword: z.string().min(10, 'the new password needs at least 10 characters').max(1000),
  })
  .refine((v) => v.currentPassword !== v.newPassword, {
    message: 'the new password must differ from the current one',
    path: ['newPassword'],
  });

export const SamplesListInputSchema = z.object({
  status: SampleStatusSchema.optional(),
  /** Matches accession, patient name, CURP, NSS or temporary id (case-insensitive substring). */
  search: z.string().trim().max(200).optional(),
});

export const SamplesCreateInputSchema = z
  .object({
    patient: PatientInputSchema,
    centerCode: z.string().trim().min(1),
    sampleType: SampleTypeSchema,
    studyType: StudyTypeSchema,
    collectedAt: IsoDateTime,
    receivedAt: IsoDateTime,
    /** Temperature on arrival (°C). */
    temperatureC: z.number().min(-80).max(60).optional(),
    /** Condition on arrival, free text ("ok", "hemolysed", "clotted" …). */
    condition: z.string().trim().max(500).optional(),
  })
  .refine((v) => !!v.patient.curp || !!v.patient.tempId, {
    message: 'a CURP or a documented temporary identifier is required',
    path: ['patient', 'curp'],
  })
  .refine((v) => Date.parse(v.receivedAt) >= Date.parse(v.collectedAt), {
    message: 'the sample cannot be received before it was collected',
    path: ['receivedAt'],
  });
export type SamplesCreateInput = z.infer<typeof SamplesCreateInputSchema>;

export const UploadIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'not an upload id');

export const TubesImportInputSchema = z.object({
  sampleId: Id,
  /** From an upload (HTTP POST /api/upload, or the preload's upload()). */
  uploadId: UploadIdSchema,
});

export const TubesEventsInputSchema = z.object({
  tubeId: Id,
  /** $PnN of 1 to 4 channels. */
  channels: z.array(z.string().min(1)).min(1).max(4),
  /** Keep only the first N events (all when absent). */
  maxEvents: z.number().int().positive().optional(),
});

export const AuditListInputSchema = z.object({
  entity: z.string().optional(),
  entityId: z.string().optional(),
  limit: z.number().int().positive().max(1000).optional(),
});

export const UsersCreateInputSchema = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9._-]{2,39}$/, '3–40 characters: letters, digits, . _ -'),
  displayName: z.string().trim().min(2).max(120),
  role: RoleSchema,
  /** Initial password; the user must change it at first login. */
  initialPassword: z.string().min(10).max(1000),
  locale: LocaleSchema.optional(),
});

// ---------------------------------------------------------------------------------------------
// Clinical interpretation (issue #7): OncoFlow suggests and explains, a person decides. Every
// suggestion, decision, MRD result and risk assessment is stored append-only with the rule-set
// version that produced it (domain.md: "keep every threshold in one versioned rule set").
// Numbers the engine cannot compute (no blasts, no control) travel as null, never NaN.

/**
 * The engine's categories (shared/clinical/lineage.ts), listed here rather than imported: the
 * renderer loads this file, and lineage.ts pulls in the ALOT template and its compiled transforms,
 * which the renderer's CSP (no eval) refuses. The check below fails the type check if the lists differ.
 */
export const LINEAGE_CATEGORY_CODES = ['PRO_B_ALL', 'PRO_B_PRE_B_ALL', 'PRE_B_ALL', 'T_ALL', 'AML', 'MPAL', 'NO_LEUKEMIA', 'UNDETERMINED'] as const;
type SameUnion<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const categoriesMatchTheEngine: SameUnion<(typeof LINEAGE_CATEGORY_CODES)[number], LineageCategory> = true;
void categoriesMatchTheEngine;
export const LineageCategorySchema = z.enum(LINEAGE_CATEGORY_CODES);
const MaybeNumber = z.number().nullable();
const ControlSchema = z.object({ population: z.string(), events: z.number().int().nonnegative(), median: MaybeNumber }).nullable();

export const MarkerFindingSchema = z.object({
  /** Canonical ALOT marker (cyCD3, CD45, …). */
  marker: z.string(),
  /** $PnN of the channel that carried it, null when not mapped. */
  detector: z.string().nullable(),
  cytoplasmic: z.boolean(),
  /** % of blasts above the negative control's upper limit. */
  percentPositive: MaybeNumber,
  /** Median of the blasts (compensated linear units). */
  median: MaybeNumber,
  medianOfPositive: MaybeNumber,
  upperLimitOfNegative: MaybeNumber,
  negativeControl: ControlSchema,
  positiveControl: ControlSchema,
  thresholdPercent: z.number(),
  call: z.enum(['positive', 'partial', 'negative', 'no_control']),
});
export type MarkerFindingView = z.infer<typeof MarkerFindingSchema>;

export const MarkerMappingSchema = z.object({
  parameterIndex: z.number().int().nonnegative(),
  name: z.string(),
  marker: z.string().nullable(),
  canonical: z.string().nullable(),
  confidence: z.number(),
  source: z.string(),
  ambiguous: z.boolean(),
  reason: z.string(),
  candidates: z.array(z.string()).optional(),
});

/** Something the analyst should look at before deciding (code for the UI, message in English). */
export const InterpretationWarningSchema = z.object({
  code: z.enum(['BORDERLINE_BLASTS', 'AMBIGUOUS_MAPPING', 'NO_CONTROL', 'UNCOMPENSATED', 'SPILLOVER_REJECTED', 'INSTRUMENT_COMPENSATED', 'NOTE']),
  message: z.string(),
  /** Marker or $PnN concerned, when one is. */
  subject: z.string().optional(),
});
export type InterpretationWarning = z.infer<typeof InterpretationWarningSchema>;

/**
 * A normal population the engine subtracted from (or, for T blasts in the monocyte gate, added
 * to) the CD45-dim/SSC-low gate (shared/clinical/abnormal-blasts.ts). `population` is a code
 * (B_PRECURSOR, MYELOID_PROGENITOR, NK, T_BLASTS_IN_MONOCYTE_GATE; a later rule set may add
 * others, so any string is kept); `reason` is the engine's plain-language phenotype (English).
 */
export const BlastGateAdjustmentSchema = z.object({
  population: z.string(),
  events: z.number().int().nonnegative(),
  percentNucleated: z.number(),
  reason: z.string(),
});

/** The abnormal blast count (rule set oncocrean-2025.3 on): the gate minus identified normal cells. */
export const AbnormalBlastsSchema = z.object({
  gateEvents: z.number().int().nonnegative(),
  gatePercent: z.number(),
  events: z.number().int().nonnegative(),
  percent: z.number(),
  subtracted: z.array(BlastGateAdjustmentSchema),
  added: z.array(BlastGateAdjustmentSchema),
  /** Lineages the gate's markers call, which decide what may be subtracted. */
  lineages: z.object({ b: z.boolean(), t: z.boolean(), myeloid: z.boolean() }),
  /** The engine's one-line arithmetic (English), as recorded. */
  arithmetic: z.string(),
  /**
   * Why nothing was subtracted, when subtraction was not attempted: reasonCode NO_CONTROL,
   * CONTROL_FAILED or NO_LINEAGE (a later engine may add others, so any string is kept) and the
   * markers concerned. Absent in suggestions stored before it was recorded: the renderer then
   * reads the arithmetic line.
   */
  nothingSubtracted: z.object({ reasonCode: z.string(), markers: z.array(z.string()) }).optional(),
});
// The engine's count must fit the schema (fails the type check if a field is renamed or retyped;
// only a type is imported, so the renderer does not load the engine).
const abnormalBlastsMatchTheEngine: AbnormalBlastCount extends z.infer<typeof AbnormalBlastsSchema> ? true : false = true;
void abnormalBlastsMatchTheEngine;

export const LineageDecisionSchema = z.object({
  id: Id,
  suggestionId: Id,
  decision: z.enum(['confirmed', 'overridden']),
  finalCategory: LineageCategorySchema,
  reason: z.string(),
  /** The decision this one replaces (null for the first); earlier ones are kept. */
  supersedesId: z.number().int().positive().nullable(),
  decidedBy: z.number().int().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string(),
});
export type LineageDecision = z.infer<typeof LineageDecisionSchema>;

export const LineageSuggestionSchema = z.object({
  id: Id,
  sampleId: Id,
  tubeId: Id,
  tubeFileName: z.string(),
  /** SHA-256 of the original FCS file the suggestion was computed from. */
  tubeSha256: z.string(),
  category: LineageCategorySchema,
  /**
   * The blast % the diagnostic threshold was applied to: from rule set oncocrean-2025.3 the
   * abnormal blast population (abnormalBlasts.percent); before, the whole CD45-dim/SSC-low gate.
   */
  blastPercent: z.number(),
  blastEvents: z.number().int().nonnegative(),
  /** The whole CD45-dim/SSC-low gate, % of nucleated and events (absent in suggestions stored before 2025.3). */
  blastGatePercent: z.number().optional(),
  blastGateEvents: z.number().int().nonnegative().optional(),
  /** How the abnormal blast % was computed (absent before 2025.3). */
  abnormalBlasts: AbnormalBlastsSchema.optional(),
  nucleatedEvents: z.number().int().nonnegative(),
  acquiredEvents: z.number().int().nonnegative(),
  /**
   * Blast % within the rule set's margin of the threshold, or (2025.3 on) the gate % and the
   * abnormal % on different sides of it: the call then rests on the subtraction.
   */
  borderline: z.boolean(),
  rule: z.object({ id: z.string(), text: z.string(), source: z.string() }),
  explanation: z.array(z.string()),
  markers: z.array(MarkerFindingSchema),
  /** Template populations; 2025.3 on, BLAST is the abnormal blasts and BLAST_GATE the whole gate. */
  populations: z.array(z.object({ name: z.string(), events: z.number().int().nonnegative(), percentNucleated: z.number() })),
  markerMapping: z.array(MarkerMappingSchema),
  markerOverrides: z.record(z.string(), z.string()),
  warnings: z.array(InterpretationWarningSchema),
  ruleSetVersion: z.string(),
  templateVersion: z.string(),
  engineVersion: z.string(),
  createdBy: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  /** Newest first; decisions[0] is the one in force. */
  decisions: z.array(LineageDecisionSchema),
});
export type LineageSuggestion = z.infer<typeof LineageSuggestionSchema>;

export const MrdRecordSchema = z.object({
  id: Id,
  sampleId: Id,
  tubeId: z.number().int().positive().nullable(),
  source: z.enum(['gating', 'counts']),
  status: z.enum(['quantified', 'detected_below_lloq', 'not_detected']),
  mrdPercent: z.number(),
  /** The value to report: only when quantified (≥ LLOQ), else null. */
  reportedPercent: z.number().nullable(),
  leukemicEvents: z.number().int().nonnegative(),
  nucleatedEvents: z.number().int().positive(),
  acquiredEvents: z.number().int().nonnegative().nullable(),
  lodEvents: z.number(),
  lloqEvents: z.number(),
  lodPercent: z.number(),
  lloqPercent: z.number(),
  sensitivity: z.number(),
  statement: z.string(),
  leukemicGateId: z.string().nullable(),
  /** Gating only: the denominator population was a gate of the file, or the ALOT template's debris/doublet exclusion. */
  denominatorSource: z.enum(['gate', 'template']).nullable(),
  /** The gate id (source 'gate') or the engine's description of the exclusion (source 'template'). */
  denominator: z.string().nullable(),
  ruleSetVersion: z.string(),
  createdBy: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type MrdRecord = z.infer<typeof MrdRecordSchema>;

export const RiskGroupSchema = z.enum(['LOW', 'STANDARD', 'HIGH']);
const RiskStageSchema = z.object({
  stage: z.enum(['provisional', 'final']),
  group: RiskGroupSchema.nullable(),
  status: z.enum(['decided', 'pending']),
  ruleId: z.string(),
  ruleText: z.string(),
  ruleSource: z.string(),
  inputsUsed: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  missing: z.array(z.string()),
});
export const RiskRecordSchema = z.object({
  id: Id,
  sampleId: Id,
  ruleSetVersion: z.string(),
  inputs: RiskInputSchema,
  provisional: RiskStageSchema,
  final: RiskStageSchema,
  createdBy: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type RiskRecord = z.infer<typeof RiskRecordSchema>;

/** Detector ($PnN) → canonical marker, the analyst's correction of the automatic mapping. */
const MarkerOverridesSchema = z.record(z.string().trim().min(1).max(64), z.string().trim().min(1).max(32));

export const SuggestLineageInputSchema = z.object({ tubeId: Id, markerOverrides: MarkerOverridesSchema.optional() });

/** An override must say why (min 10 characters) so the record explains itself later. */
export const DecideLineageInputSchema = z
  .object({
    suggestionId: Id,
    decision: z.enum(['confirmed', 'overridden']),
    finalCategory: LineageCategorySchema,
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((v) => v.decision !== 'overridden' || (v.reason ?? '').length >= 10, {
    message: 'an override needs a reason of at least 10 characters',
    path: ['reason'],
  });

/** Either a tube with the analyst's Gating-ML gates, or event counts entered directly. */
export const ComputeMrdInputSchema = z
  .object({
    sampleId: Id.optional(),
    tubeId: Id.optional(),
    gatingMlXml: z.string().min(1).max(5_000_000).optional(),
    leukemicGateId: z.string().trim().min(1).max(200).optional(),
    nucleatedGateId: z.string().trim().min(1).max(200).optional(),
    leukemicEvents: z.number().int().nonnegative().optional(),
    nucleatedEvents: z.number().int().positive().optional(),
    acquiredEvents: z.number().int().nonnegative().optional(),
  })
  .superRefine((v, c) => {
    const counts = v.leukemicEvents !== undefined || v.nucleatedEvents !== undefined;
    if (counts) {
      if (v.leukemicEvents === undefined) c.addIssue({ code: 'custom', path: ['leukemicEvents'], message: 'required with nucleatedEvents' });
      if (v.nucleatedEvents === undefined) c.addIssue({ code: 'custom', path: ['nucleatedEvents'], message: 'required with leukemicEvents' });
      if (v.sampleId === undefined && v.tubeId === undefined) c.addIssue({ code: 'custom', path: ['sampleId'], message: 'give the sample (or the tube) the counts belong to' });
      if (v.gatingMlXml !== undefined) c.addIssue({ code: 'custom', path: ['gatingMlXml'], message: 'give either event counts or gates, not both' });
      return;
    }
    if (v.tubeId === undefined) c.addIssue({ code: 'custom', path: ['tubeId'], message: 'give a tube with gates, or leukemicEvents and nucleatedEvents' });
    if (v.gatingMlXml === undefined) c.addIssue({ code: 'custom', path: ['gatingMlXml'], message: 'the Gating-ML gates are required with a tube' });
    if (v.leukemicGateId === undefined) c.addIssue({ code: 'custom', path: ['leukemicGateId'], message: 'the id of the leukemic population is required' });
  });

export const AssessRiskInputSchema = z.object({ sampleId: Id, inputs: RiskInputSchema });

export const InterpretationListSchema = z.object({
  suggestions: z.array(LineageSuggestionSchema),
  mrd: z.array(MrdRecordSchema),
  risk: z.array(RiskRecordSchema),
});
export type InterpretationList = z.infer<typeof InterpretationListSchema>;

// ---------------------------------------------------------------------------------------------
// The calls

export type Roles = readonly Role[] | 'public' | 'any';

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType | 'binary' = z.ZodType | 'binary'> {
  input: I;
  output: O;
  roles: Roles;
  summary: string;
}

const spec = <I extends z.ZodType, O extends z.ZodType | 'binary'>(s: CallSpec<I, O>) => s;

const STAFF_WRITE_INTAKE = ['clerk', 'supervisor', 'admin'] as const;
const STAFF_ANALYSIS = ['analyst', 'supervisor', 'admin'] as const;

export const contract = {
  'system.info': spec({ input: Empty, output: SystemInfoSchema, roles: 'public', summary: 'Version, mode, data folder, demo state' }),

  'auth.login': spec({
    input: LoginInputSchema,
    output: z.object({ token: z.string(), user: UserSchema }),
    roles: 'public',
    summary: 'Log in; the token authenticates later calls (the transport keeps it)',
  }),
  'auth.logout': spec({ input: Empty, output: z.object({}), roles: 'any', summary: 'End the session' }),
  'auth.me': spec({ input: Empty, output: UserSchema, roles: 'any', summary: 'The logged-in user' }),
  'auth.changePassword': spec({
    input: ChangePasswordInputSchema,
    output: z.object({ user: UserSchema }),
    roles: 'any',
    summary: 'Change the own password (required at first login)',
  }),

  'users.list': spec({ input: Empty, output: z.array(UserSchema.extend({ active: z.boolean() })), roles: ['admin'], summary: 'All users' }),
  'users.create': spec({ input: UsersCreateInputSchema, output: UserSchema, roles: ['admin'], summary: 'Create a user (must change password at first login)' }),

  'centers.list': spec({ input: Empty, output: z.array(CenterSchema), roles: 'any', summary: 'The OncoCREAN centers' }),

  'samples.list': spec({ input: SamplesListInputSchema, output: z.array(SampleSummarySchema), roles: 'any', summary: 'Worklist, newest first' }),
  'samples.create': spec({ input: SamplesCreateInputSchema, output: SampleSchema, roles: STAFF_WRITE_INTAKE, summary: 'Register a received sample (and its patient)' }),
  'samples.get': spec({ input: z.object({ id: Id }), output: SampleDetailSchema, roles: 'any', summary: 'A sample with its patient and tubes' }),

  'tubes.import': spec({
    input: TubesImportInputSchema,
    output: TubeSchema,
    roles: STAFF_ANALYSIS,
    summary: 'Attach an uploaded FCS file to a sample: stored unmodified by SHA-256, metadata parsed',
  }),
  'tubes.events': spec({
    input: TubesEventsInputSchema,
    output: 'binary',
    roles: STAFF_ANALYSIS,
    summary: 'Scaled (and, with a file spillover, compensated) events of 1–4 channels: little-endian Float32, channel after channel',
  }),

  'interpretation.suggestLineage': spec({
    input: SuggestLineageInputSchema,
    output: LineageSuggestionSchema,
    roles: STAFF_ANALYSIS,
    summary: 'Run the ALOT template and lineage rules on a tube; store and return the suggestion with its evidence',
  }),
  'interpretation.decideLineage': spec({
    input: DecideLineageInputSchema,
    output: LineageDecisionSchema,
    roles: STAFF_ANALYSIS,
    summary: 'Confirm or override a suggestion (append-only: a new decision supersedes, never rewrites)',
  }),
  'interpretation.computeMrd': spec({
    input: ComputeMrdInputSchema,
    output: MrdRecordSchema,
    roles: STAFF_ANALYSIS,
    summary: 'MRD % with LOD/LLOQ status and sensitivity, from gates on a tube or from event counts; stored',
  }),
  'interpretation.assessRisk': spec({
    input: AssessRiskInputSchema,
    output: RiskRecordSchema,
    roles: STAFF_ANALYSIS,
    summary: 'Provisional and final risk group from the versioned rule set, with the rows that decided; stored',
  }),
  'interpretation.list': spec({
    input: z.object({ sampleId: Id }),
    output: InterpretationListSchema,
    roles: STAFF_ANALYSIS,
    summary: 'Every suggestion (with its decisions), MRD result and risk assessment of a sample, newest first',
  }),

  'audit.list': spec({ input: AuditListInputSchema, output: z.array(AuditEntrySchema), roles: ['supervisor', 'admin'], summary: 'Audit trail, newest first' }),

  'demo.load': spec({
    input: Empty,
    output: z.object({ samplesCreated: z.number().int().nonnegative() }),
    roles: ['admin', 'supervisor'],
    summary: 'Load the synthetic demo data set (patients named "DEMO …", is_demo=1)',
  }),
} as const satisfies Record<string, CallSpec>;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type BinaryCallName = { [K in CallName]: Contract[K]['output'] extends 'binary' ? K : never }[CallName];
export type JsonCallName = Exclude<CallName, BinaryCallName>;
/** What a client passes (before zod defaults/transforms). */
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
/** What a successful call returns. */
export type CallOutput<N extends CallName> = Contract[N]['output'] extends z.ZodType ? z.output<Contract[N]['output']> : ArrayBuffer;

export const CALL_NAMES = Object.keys(contract) as CallName[];
export const isCallName = (name: string): name is CallName => Object.prototype.hasOwnProperty.call(contract, name);
export const isBinaryCall = (name: CallName): name is BinaryCallName => contract[name].output === 'binary';

// ---------------------------------------------------------------------------------------------
// Web-mode HTTP conventions (the renderer's HTTP transport and electron/backend/http/server.ts)
// - Every /api request: POST, headers `x-oncoflow-launch: <launch token>` (from the meta tag) and,
//   once logged in, `x-oncoflow-session: <token from auth.login>`.
// - /api/call/<name>: `Content-Type: application/json`, body = input (empty body = {}).
//   The response body is ALWAYS a JSON Result, except a successful binary call (octet-stream
//   bytes + header x-event-count). The HTTP status mirrors the error (400 VALIDATION,
//   401 UNAUTHENTICATED, 403 FORBIDDEN / PASSWORD_CHANGE_REQUIRED, 404 NOT_FOUND / UNKNOWN_CALL,
//   409 CONFLICT, 413 PAYLOAD_TOO_LARGE, 415, 422 BAD_INPUT, 500 INTERNAL): read the
//   JSON body whatever the status.
// - /api/upload: body = the file's raw bytes, header `x-file-name: encodeURIComponent(name)`;
//   answer Result<{ uploadId }>.

export const HTTP = {
  /** POST JSON input, JSON Result back (binary calls: application/octet-stream on success). */
  callPath: (name: CallName) => `/api/call/${name}`,
  /** POST raw file bytes, header `x-file-name`; → Result<{ uploadId }>. Limit 2 GiB. */
  uploadPath: '/api/upload',
  /** <meta name="oncoflow-launch-token" content="…"> injected into index.html per launch. */
  launchTokenMeta: 'oncoflow-launch-token',
  /** Header carrying the per-launch token on every /api request. */
  launchTokenHeader: 'x-oncoflow-launch',
  /** Header carrying the login session token (from auth.login). */
  sessionHeader: 'x-oncoflow-session',
  fileNameHeader: 'x-file-name',
  eventCountHeader: 'x-event-count',
  maxUploadBytes: 2 * 1024 * 1024 * 1024,
} as const;

/** Name of the object the Electron preload exposes on window (see transport.ts, OncoflowBridge). */
export const BRIDGE_NAME = 'oncoflow';
