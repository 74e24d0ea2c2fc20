// Clinical interpretation (issue #7): one import for the backend and the UI.
export * from './rules';
export { mapMarkers, markerIndex, ALOT_MARKERS, CYTOPLASMIC_MARKERS, AMBIGUOUS_BELOW, type MarkerMapping, type AlotMarker, type Canonical } from './markers';
export { applyAlotTemplate, excludeDebrisAndDoublets, TPL, TEMPLATE_VERSION, TemplateError, type TemplateResult, type TemplateOptions, type AlotColumns } from './alot-template';
export { countAbnormalBlasts, type AbnormalBlastCount, type SubtractedPopulation, type AddedPopulation } from './abnormal-blasts';
export { suggestLineage, markerFindings, confirmSuggestion, ConfirmationError, LINEAGE_CATEGORIES, type Suggestion, type Confirmation, type LineageCategory, type MarkerFinding } from './lineage';
export { mrdFromCounts, formatPercent, MrdInputError, type MrdResult, type MrdStatus, type MrdCounts } from './mrd';
export { mrdFromGating, MrdGateError, type MrdGatingResult } from './mrd-gating';
export { assignRiskGroup, parseRiskInput, RiskInputSchema, RiskInputError, type RiskInput, type RiskDecision, type RiskStageDecision } from './risk';
export { validateCurp, validateNss, validateTemporaryId, curpCheckDigit, nssCheckDigit, CURP_STATES, type IdCheck } from './identifiers';
export { CATEGORY_LABELS, MRD_STATUS_LABELS, RISK_GROUP_LABELS, DECISION_LABELS, POSITIVITY_LABELS, type Label } from './labels';
export { prepareTube, classifyDataset, nucleatedByTemplate, uncompensatedReason, type PreparedTube, type PrepareOptions, type ClassifyResult, type UncompensatedReason } from './pipeline';
