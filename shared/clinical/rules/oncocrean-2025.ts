// The OncoCREAN network rule set, version 2025.1.
// Sources: "the network paper" = Lopez Aguilar et al., Front. Oncol. 2025, doi:10.3389/fonc.2024.1304640
// (categories from ALOT; risk groups adapted from St. Jude Total Therapy XV, Pui et al., NEJM
// 2009;360:2730–41); EuroFlow ALOT (van Dongen et al., Leukemia 2012;26:1908–75); WHO 2016/2022
// (blast threshold, MPAL); next-generation flow MRD limits (Flores-Montero et al., Leukemia 2017).
import type { RuleSet } from './types';

const NETWORK = 'Lopez Aguilar et al., Front. Oncol. 2025, doi:10.3389/fonc.2024.1304640 (risk stratification, adapted from St. Jude Total XV)';

export const ONCOCREAN_2025_1: RuleSet = {
  version: 'oncocrean-2025.1',
  effectiveFrom: '2025-01-01',
  description: 'OncoCREAN network: ALOT orientation categories, NGF MRD limits, Total XV-derived risk groups',
  lineage: {
    blastThresholdPercent: 20, // WHO: ≥ 20 % blasts of nucleated cells for acute leukemia
    negativeControlPercentile: 99, // upper limit of negative = 99th percentile of the internal negative control
    surfacePositivePercent: 20, // common convention for surface markers (domain.md)
    cytoplasmicPositivePercent: 10, // common convention for cytoplasmic markers (domain.md)
    strongPositivePercent: 50, // "strong" for WHO MPAL criteria: a majority of blasts positive…
    strongIntensityFraction: 0.25, // …at ≥ 1/4 of the mature control's median (≈ 0.6 decade below it)
    cd34PartialLowPercent: 20, // CD34− below the surface positivity threshold
    cd34PartialHighPercent: 80, // CD34+ when (nearly) the whole population expresses it
    minControlEvents: 30,
    minBlastEvents: 100,
    positiveControlMinRatio: 2,
    borderlineMarginPercent: 3,
  },
  mrd: {
    lodEvents: 20, // Flores-Montero 2017: LOD = 20 clustered events
    lloqEvents: 50, // Flores-Montero 2017: LLOQ = 50 events
  },
  risk: {
    rows: [
      // --- provisional, at diagnosis (genetics entered by the lab) ---
      {
        id: 'P1', stage: 'provisional', group: 'HIGH',
        when: { field: 'bcrAbl1', op: '==', value: true },
        text: 't(9;22) BCR-ABL1 → high risk',
        source: NETWORK,
      },
      {
        id: 'P2', stage: 'provisional', group: 'LOW',
        when: { any: [{ field: 'dnaIndex', op: '>=', value: 1.16 }, { field: 'etv6Runx1', op: '==', value: true }] },
        text: 'DNA index ≥ 1.16 or t(12;21) ETV6-RUNX1 → provisionally low risk',
        source: NETWORK,
      },
      {
        id: 'P3', stage: 'provisional', group: 'STANDARD',
        when: { always: true },
        text: 'all others → provisionally standard (intermediate) risk',
        source: NETWORK,
      },
      // --- final, from MRD (first matching row decides) ---
      {
        id: 'F1', stage: 'final', group: 'HIGH',
        when: { field: 'provisionalGroup', op: '==', value: 'HIGH' },
        text: 'high-risk genetics at diagnosis (BCR-ABL1) remain high risk',
        source: `${NETWORK}; implied: no MRD row lowers a high-risk patient`,
      },
      {
        id: 'F2', stage: 'final', group: 'HIGH',
        when: { field: 'mrdEndInductionPercent', op: '>=', value: 1 },
        text: 'MRD ≥ 1 % after completion of induction → high risk',
        source: NETWORK,
      },
      {
        id: 'F3', stage: 'final', group: 'STANDARD',
        when: { field: 'mrdDay19Percent', op: '>=', value: 1 },
        text: 'MRD ≥ 1 % in bone marrow on day 19 of induction → standard risk',
        source: NETWORK,
      },
      {
        id: 'F4', stage: 'final', group: 'STANDARD',
        when: { all: [{ field: 'mrdEndInductionPercent', op: '>=', value: 0.1 }, { field: 'mrdEndInductionPercent', op: '<', value: 1 }] },
        text: 'MRD 0.10 %–0.99 % after 6 weeks of induction (end of induction) → standard risk',
        source: NETWORK,
      },
      {
        id: 'F5', stage: 'final', group: 'LOW',
        when: { all: [
          { field: 'provisionalGroup', op: '==', value: 'LOW' },
          { field: 'mrdDay19Percent', op: '<', value: 1 },
          { field: 'mrdEndInductionPercent', op: '<', value: 0.1 },
        ] },
        text: 'provisionally low risk stays low only with day-19 MRD < 1 % and end-of-induction MRD < 0.10 %',
        source: `${NETWORK}; by implication of the MRD rows (domain.md)`,
      },
      {
        id: 'F6', stage: 'final', group: 'STANDARD',
        when: { all: [
          { field: 'provisionalGroup', op: '==', value: 'STANDARD' },
          { field: 'mrdDay19Percent', op: '<', value: 1 },
          { field: 'mrdEndInductionPercent', op: '<', value: 0.1 },
        ] },
        text: 'provisionally standard risk with day-19 MRD < 1 % and end-of-induction MRD < 0.10 % stays standard risk',
        source: `${NETWORK}; no row upgrades standard to low on MRD`,
      },
    ],
  },
};

/**
 * Version 2025.2: 2025.1 plus the hematogone / regenerating-marrow check (rules L10, L11 in
 * lineage.ts). Its limits are OncoFlow's own (not from the network paper): set on a synthetic
 * tuning cohort (seed 11) and measured on a different seed (bench/accuracy.ts); hematogone
 * maturation per McKenna et al., Blood 2001;98:2498–507. To be validated on real marrows.
 */
export const ONCOCREAN_2025_2: RuleSet = {
  ...ONCOCREAN_2025_1,
  version: 'oncocrean-2025.2',
  effectiveFrom: '2026-12-01',
  description: `${ONCOCREAN_2025_1.description}; hematogone maturation-pattern check`,
  lineage: {
    ...ONCOCREAN_2025_1.lineage,
    hematogonePattern: { clearMinCd19VsCd45: 0.45, clearMaxCd34VsCd45: -0.35, possibleMinCd19VsCd45: 0.3, possibleMaxCd34VsCd45: -0.2 },
  },
};

/**
 * Version 2025.3: 2025.2 plus the blast % as the ABNORMAL blast population (WHO 2016/2022: "an
 * abnormal blast population of ≥ 20 %", domain.md): the CD45-dim/SSC-low gate minus the normal
 * cells the tube's own phenotypes identify — B-cell precursors when the blasts are not B lineage,
 * CD34+ myeloid progenitors when they are not myeloid, CD45-bright NK cells rescued from the
 * lymphocyte gate; for T lineage, T blasts of the monocyte gate are added (abnormal-blasts.ts). The threshold (20 %) and the borderline flag apply to that count; the
 * gate % is shown beside it. OncoFlow's own rule (not from the network paper), tuned on synthetic
 * seeds 11, 2026 and 9, measured on seeds 7 and 8 (bench/accuracy.ts); to be validated on real marrows.
 */
export const ONCOCREAN_2025_3: RuleSet = {
  ...ONCOCREAN_2025_2,
  version: 'oncocrean-2025.3',
  effectiveFrom: '2027-01-01',
  description: `${ONCOCREAN_2025_2.description}; blast % = abnormal population (normal CD45-dim cells subtracted)`,
  lineage: {
    ...ONCOCREAN_2025_2.lineage,
    abnormalBlasts: { subtractBPrecursors: true, subtractMyeloidProgenitors: true, subtractNkCells: true, nkMinCd45TCellPercentile: 10, addTBlastsFromMonocyteGate: true },
  },
};
