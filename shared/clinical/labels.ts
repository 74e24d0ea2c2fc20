// Display labels (es-MX first, English) for clinical codes, for the UI and reports.
// Codes stay English and stable in data; only these strings are shown.
import type { LineageCategory } from './lineage';
import type { MrdStatus } from './mrd';
import type { RiskGroup } from './rules';

export interface Label { es: string; en: string }

export const CATEGORY_LABELS: Readonly<Record<LineageCategory, Label>> = {
  PRO_B_ALL: { es: 'LLA pro-B', en: 'Pro B-ALL' },
  PRO_B_PRE_B_ALL: { es: 'LLA pro-B–pre-B', en: 'Pro B–Pre B-ALL' },
  PRE_B_ALL: { es: 'LLA pre-B', en: 'Pre B-ALL' },
  T_ALL: { es: 'LLA de células T', en: 'T-ALL' },
  AML: { es: 'LMA (leucemia mieloide aguda)', en: 'AML' },
  MPAL: { es: 'Leucemia aguda de fenotipo mixto (LAFM)', en: 'Mixed phenotype acute leukemia (MPAL)' },
  NO_LEUKEMIA: { es: 'Sin población leucémica a nivel diagnóstico', en: 'No leukemic population at diagnostic level' },
  UNDETERMINED: { es: 'Indeterminado', en: 'Undetermined' },
};

export const MRD_STATUS_LABELS: Readonly<Record<MrdStatus, Label>> = {
  quantified: { es: 'EMR cuantificada', en: 'MRD quantified' },
  detected_below_lloq: { es: 'EMR detectada, por debajo del LIC', en: 'MRD detected, below LLOQ' },
  not_detected: { es: 'EMR no detectada (< LD)', en: 'MRD not detected (< LOD)' },
};

export const RISK_GROUP_LABELS: Readonly<Record<RiskGroup, Label>> = {
  LOW: { es: 'Riesgo bajo', en: 'Low risk' },
  STANDARD: { es: 'Riesgo estándar (intermedio)', en: 'Standard (intermediate) risk' },
  HIGH: { es: 'Riesgo alto', en: 'High risk' },
};

export const DECISION_LABELS: Readonly<Record<'confirmed' | 'overridden' | 'provisional' | 'final' | 'pending', Label>> = {
  confirmed: { es: 'Confirmado', en: 'Confirmed' },
  overridden: { es: 'Modificado por el analista', en: 'Overridden by the analyst' },
  provisional: { es: 'Provisional', en: 'Provisional' },
  final: { es: 'Definitivo', en: 'Final' },
  pending: { es: 'Pendiente de datos', en: 'Pending inputs' },
};

export const POSITIVITY_LABELS: Readonly<Record<'positive' | 'partial' | 'negative' | 'no_control', Label>> = {
  positive: { es: 'positivo', en: 'positive' },
  partial: { es: 'parcialmente positivo', en: 'partly positive' },
  negative: { es: 'negativo', en: 'negative' },
  no_control: { es: 'sin control interno', en: 'no internal control' },
};
