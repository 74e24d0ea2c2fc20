// Versioned clinical rule sets: every threshold OncoFlow applies lives in one of these objects
// (domain.md: "keep every threshold in one versioned rule set, never scattered literals").
// A decision records `RuleSet.version` so a result can be re-read against the rules it used.

/** Lineage (ALOT orientation) parameters. */
export interface LineageRules {
  /** WHO: acute leukemia needs an abnormal blast population of ≥ 20 % of nucleated cells. */
  blastThresholdPercent: number;
  /** Percentile of the internal negative control taken as its upper limit of negative (ULN). */
  negativeControlPercentile: number;
  /** Surface markers: positive on a population when ≥ this % of its events exceed the ULN. */
  surfacePositivePercent: number;
  /** Cytoplasmic markers (cyCD3, cyCD79a, cyMPO): the usual lower convention. */
  cytoplasmicPositivePercent: number;
  /** "Strong" expression for the MPAL criteria (WHO 2016/2022): % of blasts above the ULN. */
  strongPositivePercent: number;
  /**
   * "Strong" also needs intensity near the mature counterpart (WHO 2016: cyCD3 "approaching mature
   * T cells", CD19 "similar to normal B cells"): median of the positive blasts ≥ this fraction of
   * the positive control's median.
   */
  strongIntensityFraction: number;
  /** CD34 on B blasts: below `low` → CD34−, from `high` → CD34+, between → partly positive. */
  cd34PartialLowPercent: number;
  cd34PartialHighPercent: number;
  /** A control population with fewer events cannot define a ULN. */
  minControlEvents: number;
  /** A blast population with fewer events cannot be phenotyped. */
  minBlastEvents: number;
  /** The positive control's median must exceed the negative control's ULN by this factor. */
  positiveControlMinRatio: number;
  /** Blast % within this many points of the threshold is flagged as borderline for review. */
  borderlineMarginPercent: number;
  /**
   * Hematogone (normal B-precursor) maturation pattern on the CD19+ events of the blast gate
   * (hematogones.ts): CD19 rising with CD45 and CD34 lost as CD45 rises. Both correlations past
   * the `clear` limits → NO_LEUKEMIA with a flag (rule L10); past the `possible` limits →
   * UNDETERMINED (rule L11). Pearson correlations on the logicle display scale. Absent in rule
   * sets before oncocrean-2025.2 (the check is then not applied).
   */
  hematogonePattern?: {
    clearMinCd19VsCd45: number;
    clearMaxCd34VsCd45: number;
    possibleMinCd19VsCd45: number;
    possibleMaxCd34VsCd45: number;
  };
  /** Blast % = abnormal population (gate minus identified normal cells); absent before 2025.3. */
  abnormalBlasts?: AbnormalBlastRules;
}

/**
 * The abnormal blast population (WHO "abnormal blast population of ≥ 20 %") as the CD45-dim gate
 * minus the normal populations the tube's own phenotypes identify (abnormal-blasts.ts). Absent
 * in rule sets before oncocrean-2025.3: there the whole gate is the blast %.
 */
export interface AbnormalBlastRules {
  /** Subtract CD19+/cyCD79a+ (cyCD3−, cyMPO−) events when the blasts are not B lineage. */
  subtractBPrecursors: boolean;
  /** Subtract CD34+ events without B or T markers when the blasts are not myeloid. */
  subtractMyeloidProgenitors: boolean;
  /** Subtract NK-phenotype events (CD7+ only) rescued from the lymphocyte gate… */
  subtractNkCells: boolean;
  /** …whose CD45 is at least this percentile of the tube's mature T cells (NK: CD45 bright). */
  nkMinCd45TCellPercentile: number;
  /** T lineage: add cyCD3+ smCD3-low events of the monocyte gate. */
  addTBlastsFromMonocyteGate: boolean;
}

/** MRD limits (Flores-Montero et al., Leukemia 2017;31:2094–2103, next-generation flow). */
export interface MrdRules {
  /** Limit of detection: clustered events of the leukemic phenotype. */
  lodEvents: number;
  /** Lower limit of quantification. */
  lloqEvents: number;
}

export type RiskGroup = 'LOW' | 'STANDARD' | 'HIGH';
export type RiskStage = 'provisional' | 'final';

/** Fields a risk rule may test. Adding a field means adding it to the input schema in risk.ts. */
export type RiskField =
  | 'dnaIndex'
  | 'etv6Runx1'
  | 'bcrAbl1'
  | 'mrdDay19Percent'
  | 'mrdEndInductionPercent'
  | 'ageYears'
  | 'wbcPer1e9L'
  | 'cnsStatus'
  | 'lineage'
  | 'provisionalGroup';

/** A condition as data, so a new rule set can add criteria without touching the engine. */
export type RiskCondition =
  | { all: RiskCondition[] }
  | { any: RiskCondition[] }
  | { field: RiskField; op: '>=' | '<' | '>' | '<=' | '=='; value: number | string | boolean }
  | { always: true };

export interface RiskRuleRow {
  /** Stable id shown in the decision and in the tests, e.g. "P1". */
  id: string;
  stage: RiskStage;
  when: RiskCondition;
  group: RiskGroup;
  /** Plain-language statement of the row, as in the source. */
  text: string;
  /** Where the row comes from. */
  source: string;
}

export interface RiskRules {
  /** Ordered: the first row whose condition holds decides (per stage). */
  rows: RiskRuleRow[];
}

export interface RuleSet {
  /** e.g. "oncocrean-2025.1"; recorded with every decision. */
  version: string;
  /** ISO date from which the laboratory applies it. */
  effectiveFrom: string;
  description: string;
  lineage: LineageRules;
  mrd: MrdRules;
  risk: RiskRules;
}
