// Synthetic EuroFlow ALOT tubes with known truth, for accuracy measurement, tests and demo data.
// Populations follow domain.md ("Blasts are found on CD45 vs SSC…", normal CD34+ precursors):
// lymphocytes T/B, monocytes, granulocytes, CD45− nucleated erythroid cells, debris, doublets,
// hematogones (CD34± CD19+ cyCD79a+, a few %), myeloid progenitors (CD34+, ≈1 %) and leukemic
// blasts (and, in realistic tubes, NK cells). True intensities are log-normal, pass through a spillover matrix (written as SPILL so the
// pipeline must compensate) and get detector noise, so compensated values can be negative.
// Hot path: one pass over a typed label array, no per-event objects.
//
// Two difficulties. 'easy' (the default of generateAlotTube, kept for fixed-seed tests and demo
// data): populations separate cleanly. 'realistic' (the default of the accuracy cohort): blasts
// whose CD45 partly overlaps lymphocytes/monocytes and whose SSC spreads, heterogeneous (bimodal,
// dim-positive) expression near the positivity thresholds, compensation spreading error (photon
// noise ∝ √signal in each detector before compensation, with instrument-dependent photon gain),
// instrument-to-instrument gain shifts, more $PnS spellings, 5–15 % debris, 1–5 % doublets, some
// low-cellularity tubes, and hematogones as a maturation continuum (CD34+CD19dim CD45dim →
// CD34−CD19+ CD45 bright; McKenna et al., Blood 2001;98:2498–507). The truth (which event is
// which population, the category the blasts were drawn from) stays exact in both.
import type { Spillover } from '../fcs/types';
import { createRng, type Rng } from './prng';

export type Instrument = 'canto' | 'lyric';
export type SyntheticCategory = 'PRO_B_ALL' | 'PRO_B_PRE_B_ALL' | 'PRE_B_ALL' | 'T_ALL' | 'AML' | 'MPAL' | 'NO_LEUKEMIA';
export type AmlVariant = 'mpo' | 'cd7';
export type MpalVariant = 'B/My' | 'T/My';
export type Difficulty = 'easy' | 'realistic';

/** Population codes stored per event in truth.populationOfEvent. */
export const POP = {
  DEBRIS: 0, DOUBLET: 1, T: 2, B: 3, MONOCYTE: 4, GRANULOCYTE: 5, ERYTHROID: 6,
  HEMATOGONE: 7, MYELOID_PROGENITOR: 8, LEUKEMIC: 9, NK: 10,
} as const;
export type PopulationName = keyof typeof POP;

// Fluorescence order used inside the generator (= ALOT tube order, domain.md).
const MARKERS = ['cyCD3', 'CD45', 'cyMPO', 'cyCD79a', 'CD34', 'CD19', 'CD7', 'smCD3'] as const;
const NF = MARKERS.length;
const [CYCD3, CD45, MPO, CD79A, CD34, CD19, CD7, SMCD3] = [0, 1, 2, 3, 4, 5, 6, 7];

const DETECTORS: Record<Instrument, string[]> = {
  // FACSCanto II / FACSDiva names (domain.md).
  canto: ['V450-A', 'V500-C-A', 'FITC-A', 'PE-A', 'PerCP-Cy5-5-A', 'PE-Cy7-A', 'APC-A', 'APC-H7-A'],
  // FACSLyric / FACSuite names detectors after fluorochromes.
  lyric: ['BV421-A', 'BV510-A', 'FITC-A', 'PE-A', 'PerCP-Cy5.5-A', 'PE-Cy7-A', 'APC-A', 'APC-H7-A'],
};

// $PnS spellings seen in real exports (domain.md), one picked per marker per tube.
const MARKER_SPELLINGS: Record<Instrument, string[][]> = {
  canto: [
    ['cyCD3', 'CyCD3 V450', 'cCD3', 'cyCD3 PacB'],
    ['CD45', 'CD45 V500-C', 'CD45 PO', 'CD45 OC515'],
    ['cyMPO', 'MPO FITC', 'cMPO', 'MPO'],
    ['cyCD79a', 'CD79a PE', 'cCD79a', 'CyCD79a PE'],
    ['CD34', 'CD34 PerCP-Cy5-5', 'CD34 PerCPCy55'],
    ['CD19', 'CD19 PE-Cy7', 'CD19 PECy7'],
    ['CD7', 'CD7 APC'],
    ['smCD3', 'CD3 APC-H7', 'sCD3', 'CD3'],
  ],
  lyric: [
    ['cyCD3', 'CyCD3 BV421', 'cCD3 BV421'],
    ['CD45', 'CD45 BV510', 'CD45 OC515'],
    ['cyMPO', 'MPO FITC', 'cyMPO FITC'],
    ['cyCD79a', 'CD79a PE', 'cyCD79a PE'],
    ['CD34', 'CD34 PerCP-Cy5.5'],
    ['CD19', 'CD19 PE-Cy7'],
    ['CD7', 'CD7 APC'],
    ['smCD3', 'CD3 APC-H7', 'smCD3 APC-H7'],
  ],
};

// Further spellings seen in realistic exports (case, separators, fluorochrome suffixes).
const EXTRA_SPELLINGS: string[][] = [
  ['cy CD3', 'CD3 (cyto)', 'CYCD3', 'iCD3'],
  ['CD45', 'CD45-V500C', 'cd45 PO'],
  ['MPO-FITC', 'cyMPO', 'anti-MPO FITC'],
  ['CD79A PE', 'cy79a', 'CD79a-PE'],
  ['CD34-PerCPCy5.5', 'cd34'],
  ['CD19-PECy7', 'CD19 PC7'],
  ['CD7-APC', 'CD7'],
  ['sCD3 APC-H7', 'CD3-APCH7', 'mCD3'],
];

/**
 * Spillover (row = fluorochrome, column = detector, ALOT order), plausible for an 8-colour BD
 * 3-laser set-up: FITC→PE, PE→PerCP-Cy5.5/PE-Cy7, PerCP-Cy5.5→PE-Cy7, APC→APC-H7, V450→V500.
 */
const SPILL = new Float64Array([
  1, 0.12, 0.01, 0, 0, 0, 0, 0,
  0.02, 1, 0.05, 0.01, 0, 0, 0, 0,
  0, 0.01, 1, 0.22, 0.03, 0.005, 0, 0,
  0, 0, 0.015, 1, 0.2, 0.05, 0, 0,
  0, 0, 0, 0.01, 1, 0.15, 0.02, 0.03,
  0, 0, 0, 0.02, 0.01, 1, 0.005, 0.06,
  0, 0, 0, 0, 0.03, 0.01, 1, 0.14,
  0, 0, 0, 0, 0, 0.02, 0.025, 1,
]);

/**
 * Marker expression: fraction of the population positive, median and log-sd of the positives and,
 * optionally, the share of the positives in a dim mode (median ÷ DIM_FACTOR): a bimodal antigen.
 */
type Expr = [fraction: number, median: number, sigma: number, dimShare?: number];
const DIM_FACTOR = 3;
interface Profile {
  fsc: [number, number];
  ssc: [number, number];
  /** Autofluorescence median of negative events. */
  af: number;
  expr: Partial<Record<number, Expr>>;
}

const NORMAL: Record<number, Profile> = {
  [POP.DEBRIS]: { fsc: [9000, 0.45], ssc: [5000, 0.6], af: 40, expr: {} },
  [POP.T]: { fsc: [55000, 0.1], ssc: [14000, 0.2], af: 80, expr: { [CYCD3]: [1, 9000, 0.35], [CD45]: [1, 25000, 0.22], [SMCD3]: [1, 6000, 0.35], [CD7]: [0.9, 5000, 0.4] } },
  [POP.B]: { fsc: [52000, 0.1], ssc: [13000, 0.2], af: 80, expr: { [CD45]: [1, 20000, 0.22], [CD19]: [1, 5000, 0.35], [CD79A]: [1, 4000, 0.35] } },
  [POP.MONOCYTE]: { fsc: [95000, 0.12], ssc: [55000, 0.18], af: 150, expr: { [CD45]: [1, 14000, 0.22], [MPO]: [1, 1500, 0.5] } },
  [POP.GRANULOCYTE]: { fsc: [100000, 0.13], ssc: [120000, 0.22], af: 250, expr: { [CD45]: [1, 5000, 0.3], [MPO]: [1, 25000, 0.5] } },
  [POP.ERYTHROID]: { fsc: [40000, 0.15], ssc: [9000, 0.3], af: 60, expr: {} },
  [POP.HEMATOGONE]: { fsc: [45000, 0.12], ssc: [10000, 0.2], af: 70, expr: { [CD45]: [1, 3000, 0.3], [CD34]: [0.4, 5000, 0.4], [CD19]: [1, 3500, 0.35], [CD79A]: [1, 3000, 0.35] } },
  // NK cells (realistic tubes only): CD45 bright, CD7 bright, no surface CD3; a part shows dim
  // cytoplasmic CD3ε — a known mimic of immature T cells in ALOT.
  [POP.NK]: { fsc: [56000, 0.1], ssc: [16000, 0.2], af: 80, expr: { [CD45]: [1, 22000, 0.22], [CD7]: [0.95, 6000, 0.4], [CYCD3]: [0.3, 1500, 0.5] } },
  [POP.MYELOID_PROGENITOR]: { fsc: [65000, 0.12], ssc: [25000, 0.25], af: 100, expr: { [CD45]: [1, 2500, 0.3], [CD34]: [1, 6000, 0.35], [MPO]: [0.3, 2000, 0.4] } },
};

// Normal nucleated marrow composition (fractions of the non-leukemic nucleated cells).
const NORMAL_MIX: Array<[number, number]> = [
  [POP.GRANULOCYTE, 0.55], [POP.T, 0.12], [POP.B, 0.05], [POP.MONOCYTE, 0.06],
  [POP.ERYTHROID, 0.15], [POP.HEMATOGONE, 0.03], [POP.MYELOID_PROGENITOR, 0.01],
];
const DEBRIS_FRACTION = 0.04;
const DOUBLET_FRACTION = 0.02;

function blastProfile(category: SyntheticCategory | 'MRD_B', rng: Rng, amlVariant: AmlVariant, mpalVariant: MpalVariant): Profile {
  const lymphoid = { fsc: [52000, 0.12] as [number, number], ssc: [11000, 0.25] as [number, number], af: 70 };
  switch (category) {
    case 'PRO_B_ALL':
      return { ...lymphoid, expr: { [CD45]: [1, 1200, 0.5], [CD34]: [0.97, 7000, 0.4], [CD19]: [0.97, 4000, 0.35], [CD79A]: [0.92, 3000, 0.4] } };
    case 'PRO_B_PRE_B_ALL':
      return { ...lymphoid, expr: { [CD45]: [1, 1500, 0.5], [CD34]: [rng.uniform(0.35, 0.65), 5000, 0.45], [CD19]: [0.97, 4000, 0.35], [CD79A]: [0.92, 3000, 0.4] } };
    case 'PRE_B_ALL':
    case 'NO_LEUKEMIA':
      return { ...lymphoid, expr: { [CD45]: [1, 1800, 0.5], [CD34]: [0.03, 3000, 0.4], [CD19]: [0.97, 4000, 0.35], [CD79A]: [0.92, 3000, 0.4] } };
    case 'T_ALL':
      return { ...lymphoid, expr: { [CD45]: [1, 4000, 0.4], [CYCD3]: [0.9, 5000, 0.45], [CD7]: [0.98, 12000, 0.4], [SMCD3]: [0.15, 800, 0.4], [CD34]: [0.3, 4000, 0.4] } };
    case 'AML':
      return amlVariant === 'mpo'
        ? { fsc: [65000, 0.12], ssc: [20000, 0.3], af: 100, expr: { [CD45]: [1, 2500, 0.4], [MPO]: [rng.uniform(0.4, 0.9), 6000, 0.5], [CD34]: [0.8, 6000, 0.4], [CD7]: [0.15, 3000, 0.4] } }
        : { fsc: [60000, 0.12], ssc: [16000, 0.3], af: 90, expr: { [CD45]: [1, 2500, 0.4], [MPO]: [0.02, 2000, 0.4], [CD34]: [0.9, 6000, 0.4], [CD7]: [rng.uniform(0.5, 0.9), 4000, 0.4] } };
    case 'MPAL':
      return mpalVariant === 'B/My'
        ? { fsc: [58000, 0.12], ssc: [14000, 0.28], af: 80, expr: { [CD45]: [1, 2000, 0.45], [CD19]: [0.95, 4000, 0.35], [CD79A]: [0.9, 3000, 0.4], [MPO]: [rng.uniform(0.4, 0.8), 5000, 0.5], [CD34]: [0.8, 6000, 0.4] } }
        : { fsc: [55000, 0.12], ssc: [13000, 0.28], af: 80, expr: { [CD45]: [1, 3500, 0.4], [CYCD3]: [0.85, 6000, 0.45], [CD7]: [0.95, 10000, 0.4], [MPO]: [rng.uniform(0.4, 0.8), 5000, 0.5], [CD34]: [0.5, 5000, 0.4] } };
    case 'MRD_B':
      // BCP-ALL residual blasts with a clear leukemia-associated phenotype: CD45−, CD34 bright,
      // CD19 bright (Theunissen et al., Blood 2017: CD45/CD34/CD19 separate most from hematogones).
      return { ...lymphoid, expr: { [CD34]: [1, 10000, 0.35], [CD19]: [1, 6000, 0.3], [CD79A]: [1, 3500, 0.35] } };
  }
}

const u = (rng: Rng, lo: number, hi: number) => rng.uniform(lo, hi);
/** A brightness factor: dim-positive (0.45×) to slightly brighter than nominal (1.35×). */
const dimmer = (rng: Rng, lo = -0.8, hi = 0.3) => Math.exp(rng.uniform(lo, hi));

/**
 * Realistic blasts for `category` (the phenotype still meets its category's definition, with
 * margins, so the truth label stays exact): fractions positive placed near the rule-set
 * thresholds (CD34 ≥ 0.9 for Pro-B, 0.3–0.7 partial, ≤ 0.1 CD34−; cyMPO from 0.2 for AML against
 * the 10 % cytoplasmic threshold; cyCD3 from 0.5 for T-ALL), dim-positive and bimodal antigens,
 * CD45 from nearly negative to lymphocyte-like, wider SSC.
 */
function realisticBlastProfile(category: SyntheticCategory | 'MRD_B', rng: Rng, amlVariant: AmlVariant, mpalVariant: MpalVariant): Profile {
  const cd45: Expr = [1, 1800 * Math.exp(u(rng, -0.9, 1.1)), u(rng, 0.45, 0.7)];
  const base = { fsc: [55000 * Math.exp(u(rng, -0.1, 0.15)), 0.14] as [number, number], ssc: [12000 * Math.exp(u(rng, -0.3, 0.6)), u(rng, 0.3, 0.45)] as [number, number], af: 75 };
  const bMarkers = (): Profile['expr'] => ({
    [CD19]: [u(rng, 0.85, 0.99), 4000 * dimmer(rng, -0.7, 0.3), 0.45, u(rng, 0, 0.25)],
    [CD79A]: [u(rng, 0.5, 0.98), 3000 * dimmer(rng, -0.7, 0.3), 0.5, u(rng, 0, 0.25)],
  });
  switch (category) {
    case 'PRO_B_ALL':
      return { ...base, expr: { [CD45]: cd45, ...bMarkers(), [CD34]: [u(rng, 0.9, 0.99), 7000 * dimmer(rng, -0.5, 0.3), 0.5, u(rng, 0, 0.2)] } };
    case 'PRO_B_PRE_B_ALL':
      return { ...base, expr: { [CD45]: cd45, ...bMarkers(), [CD34]: [u(rng, 0.3, 0.7), 5000 * dimmer(rng, -0.5, 0.3), 0.5, u(rng, 0, 0.2)] } };
    case 'PRE_B_ALL':
    case 'NO_LEUKEMIA':
      return { ...base, expr: { [CD45]: cd45, ...bMarkers(), [CD34]: [u(rng, 0, 0.1), 3000, 0.45] } };
    case 'T_ALL':
      return { ...base, expr: { [CD45]: [1, 4000 * Math.exp(u(rng, -0.9, 0.9)), u(rng, 0.4, 0.6)], [CYCD3]: [u(rng, 0.5, 0.95), 5000 * dimmer(rng), 0.5, u(rng, 0, 0.3)], [CD7]: [u(rng, 0.75, 0.99), 12000 * dimmer(rng, -1, 0.2), 0.5, u(rng, 0, 0.3)], [SMCD3]: [u(rng, 0, 0.3), 800, 0.5], [CD34]: [u(rng, 0, 0.6), 4000, 0.45] } };
    case 'AML':
      return amlVariant === 'mpo'
        ? { fsc: [65000, 0.14], ssc: [20000 * Math.exp(u(rng, -0.4, 0.5)), u(rng, 0.3, 0.45)], af: 100, expr: { [CD45]: [1, 2500 * Math.exp(u(rng, -0.8, 1)), u(rng, 0.4, 0.65)], [MPO]: [u(rng, 0.2, 0.9), 6000 * dimmer(rng, -1, 0.3), 0.55, u(rng, 0, 0.3)], [CD34]: [u(rng, 0.2, 0.95), 6000, 0.45], [CD7]: [u(rng, 0, 0.3), 3000, 0.45] } }
        : { fsc: [60000, 0.14], ssc: [16000 * Math.exp(u(rng, -0.4, 0.5)), u(rng, 0.3, 0.45)], af: 90, expr: { [CD45]: [1, 2500 * Math.exp(u(rng, -0.8, 1)), u(rng, 0.4, 0.65)], [MPO]: [u(rng, 0, 0.04), 2000, 0.45], [CD34]: [u(rng, 0.5, 0.95), 6000, 0.45], [CD7]: [u(rng, 0.35, 0.9), 4000 * dimmer(rng, -0.7, 0.3), 0.5, u(rng, 0, 0.25)] } };
    case 'MPAL': {
      // The second lineage must stay "strong" (WHO 2016/2022) or the truth would not be MPAL.
      const mpo: Expr = [u(rng, 0.25, 0.8), 5000 * dimmer(rng, -0.8, 0.3), 0.5, u(rng, 0, 0.25)];
      return mpalVariant === 'B/My'
        ? { ...base, ssc: [14000 * Math.exp(u(rng, -0.3, 0.5)), u(rng, 0.3, 0.4)], expr: { [CD45]: cd45, [CD19]: [u(rng, 0.85, 0.99), 4000 * dimmer(rng, -0.3, 0.3), 0.4], [CD79A]: [u(rng, 0.75, 0.95), 3000 * dimmer(rng, -0.3, 0.3), 0.45], [MPO]: mpo, [CD34]: [u(rng, 0.3, 0.95), 6000, 0.45] } }
        : { ...base, ssc: [13000 * Math.exp(u(rng, -0.3, 0.5)), u(rng, 0.3, 0.4)], expr: { [CD45]: [1, 3500 * Math.exp(u(rng, -0.8, 0.8)), 0.5], [CYCD3]: [u(rng, 0.65, 0.95), 6000 * dimmer(rng, -0.3, 0.3), 0.45], [CD7]: [u(rng, 0.8, 0.99), 10000 * dimmer(rng, -0.5, 0.2), 0.45], [MPO]: mpo, [CD34]: [u(rng, 0.2, 0.8), 5000, 0.45] } };
    }
    case 'MRD_B':
      // Residual BCP-ALL blasts whose single markers overlap normal B precursors partially:
      // CD45 negative-to-dim (the upper tail reaches stage-I hematogones), CD34 as bright as
      // stage-I hematogones with a wider spread, CD19 over-expressed (Theunissen et al., Blood
      // 2017: the combination, not one marker, separates them).
      return { ...base, ssc: [11000, 0.3], expr: { [CD45]: [1, 250, 0.6], [CD34]: [0.97, 9000, 0.5], [CD19]: [1, 9000, 0.4], [CD79A]: [1, 3500, 0.4] } };
  }
}

export interface SyntheticParameter { name: string; marker: string | null; range: number }

export interface SyntheticTruth {
  category: SyntheticCategory;
  /** Leukemic events / nucleated events × 100. */
  blastPercent: number;
  leukemicEvents: number;
  /** Events that are neither debris nor doublets. */
  nucleatedEvents: number;
  /** POP code of each event. */
  populationOfEvent: Uint8Array;
  /** For MRD tubes: leukemic / nucleated. */
  mrdFraction?: number;
  variant?: string;
  /** Hematogone events / nucleated events × 100 (normal B precursors, not leukemia). */
  hematogonePercent?: number;
  difficulty?: Difficulty;
}

export interface SyntheticTube {
  parameters: SyntheticParameter[];
  /** Row-major events × parameters, uncompensated detector values (what an instrument stores). */
  events: Float32Array;
  eventCount: number;
  spillover: Spillover;
  keywords: Record<string, string>;
  truth: SyntheticTruth;
}

export interface AlotTubeOptions {
  seed: number;
  category: SyntheticCategory;
  /** Leukemic blasts as % of nucleated events; default 60 (leukemia) or 0 (NO_LEUKEMIA). */
  blastPercent?: number;
  /** Total events acquired; default 50 000. */
  events?: number;
  instrument?: Instrument;
  amlVariant?: AmlVariant;
  mpalVariant?: MpalVariant;
  /** Phenotype of sub-threshold blasts in a NO_LEUKEMIA tube (default PRE_B_ALL-like). */
  subthresholdPhenotype?: Exclude<SyntheticCategory, 'NO_LEUKEMIA'>;
  /** Remove normal populations, e.g. ['T'] to test a missing internal control. */
  omit?: PopulationName[];
  /** Tube-to-tube instrument and blast variation (default true); false gives the nominal tube. */
  variability?: boolean;
  /** Simulate a failed reagent: no population expresses this ALOT marker (e.g. 'cyMPO'). */
  failedStain?: (typeof MARKERS)[number];
  /** 'easy' (default here) or 'realistic' (see the file header). */
  difficulty?: Difficulty;
  /**
   * Hematogones (normal B-cell precursors) as % of nucleated events. Default: 3 (easy) or 1–5
   * (realistic). 5–30 gives a regenerating, hematogone-rich marrow — not leukemia.
   */
  hematogonePercent?: number;
  /** Realistic only: a low-cellularity tube (60 % of the events, debris at the top of its range). */
  lowCellularity?: boolean;
}

/** Largest-remainder rounding of fractions to integer counts summing to n. */
function apportion(n: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (sum > 0 ? (w / sum) * n : 0));
  const counts = raw.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0 && k < order.length; k++, left--) {
    const idx = order[k]![1];
    counts[idx] = counts[idx]! + 1;
  }
  return counts;
}

interface BuildSpec {
  rng: Rng;
  instrument: Instrument;
  events: number;
  leukemicEvents: number;
  leukemic: Profile | null;
  omit: Set<number>;
  /** Per-tube instrument settings: scatter gains and per-marker brightness (voltage) factors. */
  fscGain: number;
  sscGain: number;
  markerGain: Float64Array;
  /** Marker index whose reagent failed (no population expresses it), or -1. */
  failedMarker: number;
  debrisFraction: number;
  doubletFraction: number;
  /** Normal nucleated composition (population, weight). */
  mix: Array<[number, number]>;
  /** Photon statistics: detector variance = baseline + photonGain × signal (spreading error). */
  photonGain: number;
  /** Multiplies the SSC log-sd of the normal populations. */
  sscSpread: number;
  /** Hematogones as a maturation continuum instead of one static population. */
  continuum: boolean;
  realistic: boolean;
}

/**
 * Tube-to-tube variation of a real laboratory: scatter gains ±20 %, detector voltages that make a
 * marker 0.7–1.4× as bright, so fixed gates would drift and the template has to adapt. The spill
 * matrix stays valid because the factors act on the fluorochrome signal, as a different staining
 * brightness would.
 */
function instrumentSettings(rng: Rng, vary: boolean, realistic = false): Pick<BuildSpec, 'fscGain' | 'sscGain' | 'markerGain'> {
  const markerGain = new Float64Array(NF).fill(1);
  if (!vary) return { fscGain: 1, sscGain: 1, markerGain };
  // Realistic: instrument-to-instrument shifts of ±0.2 decade per detector and ±25 % on scatter.
  const g = realistic ? 0.5 : 0.35;
  for (let j = 0; j < NF; j++) markerGain[j] = Math.exp(rng.uniform(-g, g));
  return realistic
    ? { fscGain: rng.uniform(0.8, 1.25), sscGain: rng.uniform(0.8, 1.25), markerGain }
    : { fscGain: rng.uniform(0.85, 1.2), sscGain: rng.uniform(0.85, 1.2), markerGain };
}

/**
 * Normal composition with hematogones at `hemFraction` of the non-leukemic nucleated cells; with
 * `nk`, NK cells at 2 % (≈ 10 % of marrow lymphocytes).
 */
function normalMix(hemFraction: number, nk = false): Array<[number, number]> {
  const rest = NORMAL_MIX.filter(([p]) => p !== POP.HEMATOGONE);
  if (nk) rest.push([POP.NK, 0.02]);
  const sum = rest.reduce((a, [, w]) => a + w, 0);
  return [...rest.map(([p, w]) => [p, (w / sum) * (1 - hemFraction)] as [number, number]), [POP.HEMATOGONE, hemFraction]];
}

// Hematogone maturation continuum (McKenna et al., Blood 2001): maturation t uniform in 0..1;
// CD34 on the earliest third (stage I), CD19 and CD45 rising log-linearly (CD45 dim → bright
// like mature B cells), cyCD79a throughout, SSC low.
const HEM_CD34_UNTIL = 0.33;
const LN = Math.log;
const HEM = { cd45: [LN(1500), LN(16000)], cd19: [LN(1400), LN(5000)], cd34: LN(5000), cd79a: LN(3000) } as const;

function build(spec: BuildSpec): { parameters: SyntheticParameter[]; events: Float32Array; labels: Uint8Array; nucleated: number; spill: Spillover } {
  const { rng, instrument, events: n } = spec;
  const debris = Math.round(n * spec.debrisFraction);
  const doublets = Math.round(n * spec.doubletFraction);
  const nucleated = n - debris - doublets;
  const leuk = Math.min(spec.leukemicEvents, nucleated);
  const mix = spec.mix.filter(([p]) => !spec.omit.has(p));
  const normalCounts = apportion(nucleated - leuk, mix.map(([, w]) => w));

  const labels = new Uint8Array(n);
  let k = 0;
  const fill = (code: number, count: number) => { labels.fill(code, k, k + count); k += count; };
  fill(POP.DEBRIS, debris);
  fill(POP.DOUBLET, doublets);
  fill(POP.LEUKEMIC, leuk);
  mix.forEach(([p], i) => fill(p, normalCounts[i]!));
  for (let i = n - 1; i > 0; i--) { // Fisher–Yates
    const j = rng.int(i + 1);
    const t = labels[i]!; labels[i] = labels[j]!; labels[j] = t;
  }

  const detectors = DETECTORS[instrument];
  const spellings = MARKER_SPELLINGS[instrument];
  const parameters: SyntheticParameter[] = [
    { name: 'FSC-A', marker: null, range: 262144 },
    { name: 'FSC-H', marker: null, range: 262144 },
    { name: 'SSC-A', marker: null, range: 262144 },
    ...detectors.map((d, i) => ({ name: d, marker: rng.pick(spec.realistic ? [...spellings[i]!, ...EXTRA_SPELLINGS[i]!] : spellings[i]!), range: 262144 })),
    { name: 'Time', marker: null, range: 262144 },
  ];
  const P = parameters.length; // 12
  const out = new Float32Array(n * P);
  const truth = new Float64Array(NF);
  // Profiles flattened into typed tables (population × marker) so the per-event loop does no
  // object lookups: fraction positive, log-median, log-sd, log-autofluorescence.
  const NPOP = POP.NK + 1;
  const frac = new Float64Array(NPOP * NF), logMed = new Float64Array(NPOP * NF), sig = new Float64Array(NPOP * NF), dimShare = new Float64Array(NPOP * NF);
  const scat = new Float64Array(NPOP * 5); // log FSC, sd, log SSC, sd, log af
  const setProfile = (code: number, prof: Profile) => {
    scat[code * 5] = Math.log(spec.fscGain * prof.fsc[0]); scat[code * 5 + 1] = prof.fsc[1];
    scat[code * 5 + 2] = Math.log(spec.sscGain * prof.ssc[0]); scat[code * 5 + 3] = prof.ssc[1] * (code === POP.LEUKEMIC ? 1 : spec.sscSpread);
    scat[code * 5 + 4] = Math.log(prof.af);
    for (let j = 0; j < NF; j++) {
      const x = j === spec.failedMarker ? undefined : prof.expr[j];
      frac[code * NF + j] = x ? x[0] : 0;
      logMed[code * NF + j] = x ? Math.log(x[1]) : 0;
      sig[code * NF + j] = x ? x[2] : 0;
    }
  };
  for (const [code, prof] of Object.entries(NORMAL)) setProfile(+code, prof);
  if (spec.leukemic) setProfile(POP.LEUKEMIC, spec.leukemic);
  const logGain = Float64Array.from(spec.markerGain, Math.log);
  // Non-zero spillover terms only (detector d receives from fluorochromes j).
  const spillFrom: number[][] = [];
  for (let d = 0; d < NF; d++) { spillFrom[d] = []; for (let j = 0; j < NF; j++) if (SPILL[j * NF + d] !== 0) spillFrom[d]!.push(j); }
  const TOP = 262143;
  const logDim = Math.log(DIM_FACTOR);
  const photon = spec.photonGain;
  const failed = spec.failedMarker;

  for (let e = 0; e < n; e++) {
    const code = labels[e]!;
    const row = e * P;
    out[row + P - 1] = (e / n) * 200000; // Time: steady acquisition
    if (code === POP.DOUBLET) continue; // filled in the second pass
    const sc = code * 5;
    const fsc = Math.exp(scat[sc]! + scat[sc + 1]! * rng.normal());
    out[row] = Math.min(TOP, fsc);
    out[row + 1] = Math.min(TOP, fsc * (0.85 + 0.03 * rng.normal()));
    out[row + 2] = Math.min(TOP, Math.exp(scat[sc + 2]! + scat[sc + 3]! * rng.normal()));
    const af = scat[sc + 4]!;
    if (code === POP.HEMATOGONE && spec.continuum) {
      const t = rng.next();
      for (let j = 0; j < NF; j++) truth[j] = Math.exp(logGain[j]! + af + 0.5 * rng.normal());
      const on = (j: number, logV: number, sd: number) => { if (j !== failed) truth[j] = Math.exp(logGain[j]! + logV + sd * rng.normal()); };
      on(CD45, HEM.cd45[0] + t * (HEM.cd45[1] - HEM.cd45[0]), 0.25);
      on(CD19, HEM.cd19[0] + t * (HEM.cd19[1] - HEM.cd19[0]), 0.3);
      on(CD79A, HEM.cd79a, 0.35);
      // CD34 fades over stage I rather than switching off at one point.
      if (rng.next() < 1 - t / HEM_CD34_UNTIL) on(CD34, HEM.cd34 - 0.8 * (t / HEM_CD34_UNTIL), 0.4);
    } else {
      for (let j = 0, k = code * NF; j < NF; j++, k++) {
        if (frac[k]! > 0 && rng.next() < frac[k]!) {
          const dim = dimShare[k]! > 0 && rng.next() < dimShare[k]! ? logDim : 0;
          truth[j] = Math.exp(logGain[j]! + logMed[k]! - dim + sig[k]! * rng.normal());
        } else truth[j] = Math.exp(logGain[j]! + af + 0.5 * rng.normal());
      }
    }
    for (let d = 0; d < NF; d++) {
      let s = 0;
      const from = spillFrom[d]!;
      for (let q = 0; q < from.length; q++) { const j = from[q]!; s += truth[j]! * SPILL[j * NF + d]!; }
      // Detector noise: electronic baseline plus photon statistics (variance ∝ signal).
      const v = s + Math.sqrt(900 + photon * s) * rng.normal();
      out[row + 3 + d] = Math.min(TOP, Math.max(-500, v));
    }
  }
  // Doublets: two random singlets through the laser together: areas add, height ≈ the larger one.
  for (let e = 0; e < n; e++) {
    if (labels[e] !== POP.DOUBLET) continue;
    let a: number, b: number;
    do { a = rng.int(n); } while (labels[a] === POP.DOUBLET || labels[a] === POP.DEBRIS);
    do { b = rng.int(n); } while (labels[b] === POP.DOUBLET || labels[b] === POP.DEBRIS);
    const row = e * P, ra = a * P, rb = b * P;
    out[row] = Math.min(TOP, out[ra]! + out[rb]!);
    out[row + 1] = Math.min(TOP, Math.max(out[ra + 1]!, out[rb + 1]!) * 1.08);
    for (let c = 2; c < P - 1; c++) out[row + c] = Math.min(TOP, out[ra + c]! + out[rb + c]!);
  }
  const spill: Spillover = { keyword: 'SPILL', channels: detectors.slice(), matrix: SPILL.slice() };
  return { parameters, events: out, labels, nucleated, spill };
}

function keywordsFor(instrument: Instrument, extra: Record<string, string>): Record<string, string> {
  return {
    $CYT: instrument === 'canto' ? 'FACSCanto II' : 'FACSLyric',
    CREATOR: instrument === 'canto' ? 'BD FACSDiva Software Version 8.0.1' : 'BD FACSuite Software 1.5',
    'EXPORT SOFTWARE': 'OncoFlow synthetic generator',
    ...extra,
  };
}

/** A diagnostic ALOT tube of the given category (see AlotTubeOptions). */
export function generateAlotTube(opts: AlotTubeOptions): SyntheticTube {
  const rng = createRng(opts.seed);
  const instrument = opts.instrument ?? 'canto';
  const realistic = opts.difficulty === 'realistic';
  const lowCell = realistic && opts.lowCellularity === true;
  const n = lowCell ? Math.round((opts.events ?? 50_000) * 0.6) : (opts.events ?? 50_000);
  const amlVariant = opts.amlVariant ?? (rng.next() < 0.7 ? 'mpo' : 'cd7');
  const mpalVariant = opts.mpalVariant ?? (rng.next() < 0.5 ? 'B/My' : 'T/My');
  const blastPercent = opts.blastPercent ?? (opts.category === 'NO_LEUKEMIA' ? 0 : 60);
  if (!(blastPercent >= 0 && blastPercent <= 100)) throw new RangeError(`blastPercent must be within 0..100 (got ${blastPercent})`);
  const hemPercent = opts.hematogonePercent ?? (realistic ? rng.uniform(1, 5) : 3);
  if (!(hemPercent >= 0 && hemPercent + blastPercent <= 100)) throw new RangeError(`hematogonePercent must be within 0..${100 - blastPercent} (got ${hemPercent})`);
  const phenotype = opts.category === 'NO_LEUKEMIA' ? (opts.subthresholdPhenotype ?? 'PRE_B_ALL') : opts.category;
  const vary = opts.variability ?? true;
  const leukemic = realistic ? realisticBlastProfile(phenotype, rng, amlVariant, mpalVariant) : blastProfile(phenotype, rng, amlVariant, mpalVariant);
  if (vary && !realistic) {
    // Blasts differ between patients: CD45 from dim to nearly negative or brighter, SSC shifts.
    const e45 = leukemic.expr[CD45];
    if (e45) leukemic.expr[CD45] = [e45[0], e45[1] * Math.exp(rng.uniform(-0.5, 0.5)), e45[2]];
    leukemic.ssc = [leukemic.ssc[0] * Math.exp(rng.uniform(-0.2, 0.3)), leukemic.ssc[1]];
  }
  const settings = instrumentSettings(rng, vary, realistic);
  const debrisFraction = !realistic ? DEBRIS_FRACTION : lowCell ? rng.uniform(0.12, 0.15) : rng.uniform(0.05, 0.15);
  const doubletFraction = realistic ? rng.uniform(0.01, 0.05) : DOUBLET_FRACTION;
  const photonGain = realistic ? rng.uniform(4, 10) : 2;
  const sscSpread = realistic ? rng.uniform(1.1, 1.4) : 1;
  const nucleatedPlanned = n - Math.round(n * debrisFraction) - Math.round(n * doubletFraction);
  const leukemicEvents = Math.round((blastPercent / 100) * nucleatedPlanned);
  // Hematogones as % of all nucleated → share of the non-leukemic nucleated cells.
  const hemFraction = blastPercent >= 100 ? 0 : hemPercent / (100 - blastPercent);
  const omit = new Set((opts.omit ?? []).map((p) => POP[p]));
  const failedMarker = opts.failedStain ? MARKERS.indexOf(opts.failedStain) : -1;
  const b = build({
    rng, instrument, events: n, leukemicEvents, leukemic, omit, failedMarker, ...settings,
    debrisFraction, doubletFraction, photonGain, sscSpread, realistic,
    // Hematogones mature as a continuum whenever they are asked for or the tube is realistic.
    continuum: realistic || opts.hematogonePercent !== undefined,
    // Easy tubes keep the original composition (hematogones 3 % of the non-leukemic cells).
    mix: realistic || opts.hematogonePercent !== undefined ? normalMix(hemFraction, realistic) : NORMAL_MIX,
  });
  const regenerating = opts.category === 'NO_LEUKEMIA' && hemPercent >= 5;
  const variant = opts.category === 'AML' ? amlVariant : opts.category === 'MPAL' ? mpalVariant
    : opts.category === 'NO_LEUKEMIA' && leukemicEvents > 0 ? `subthreshold ${phenotype}`
    : regenerating ? 'regenerating marrow (hematogones)' : undefined;
  let hematogones = 0;
  for (let i = 0; i < n; i++) if (b.labels[i] === POP.HEMATOGONE) hematogones++;
  return {
    parameters: b.parameters, events: b.events, eventCount: n, spillover: b.spill,
    keywords: keywordsFor(instrument, { $SRC: `synthetic ALOT ${opts.category} seed ${opts.seed}${realistic ? ' realistic' : ''}`, 'TUBE NAME': 'ALOT' }),
    truth: {
      category: opts.category, blastPercent: (leukemicEvents / b.nucleated) * 100, leukemicEvents,
      nucleatedEvents: b.nucleated, populationOfEvent: b.labels, hematogonePercent: (hematogones / b.nucleated) * 100,
      difficulty: realistic ? 'realistic' : 'easy', ...(variant ? { variant } : {}),
    },
  };
}

export interface MrdTubeOptions {
  seed: number;
  /** Leukemic / nucleated, e.g. 1e-4. */
  mrdFraction: number;
  /** Total events; default 1 000 000 (≥ 4 × 10⁶ for 10⁻⁵, Theunissen et al., Blood 2017). */
  events?: number;
  instrument?: Instrument;
  /**
   * 'realistic': a regenerating post-induction marrow (hematogones 3–10 % as a continuum),
   * residual blasts overlapping stage-I hematogones partly (realisticBlastProfile 'MRD_B'),
   * 5–15 % debris, 1–5 % doublets and spreading error. Instrument gains stay nominal: the
   * analyst's gates are drawn for the instrument's settings.
   */
  difficulty?: Difficulty;
}

/** A follow-up tube (ALOT panel) with BCP-ALL residual blasts at `mrdFraction` of nucleated events. */
export function generateMrdTube(opts: MrdTubeOptions): SyntheticTube {
  const rng = createRng(opts.seed);
  const instrument = opts.instrument ?? 'canto';
  const n = opts.events ?? 1_000_000;
  const realistic = opts.difficulty === 'realistic';
  if (!(opts.mrdFraction >= 0 && opts.mrdFraction <= 1)) throw new RangeError(`mrdFraction must be within 0..1 (got ${opts.mrdFraction})`);
  const debrisFraction = realistic ? rng.uniform(0.05, 0.15) : DEBRIS_FRACTION;
  const doubletFraction = realistic ? rng.uniform(0.01, 0.05) : DOUBLET_FRACTION;
  const nucleatedPlanned = n - Math.round(n * debrisFraction) - Math.round(n * doubletFraction);
  const leukemicEvents = Math.round(opts.mrdFraction * nucleatedPlanned);
  const leukemic = realistic ? realisticBlastProfile('MRD_B', rng, 'mpo', 'B/My') : blastProfile('MRD_B', rng, 'mpo', 'B/My');
  const hemFraction = realistic ? rng.uniform(0.03, 0.1) : NORMAL_MIX.find(([p]) => p === POP.HEMATOGONE)![1];
  // MRD tubes keep nominal settings so the analyst gates of mrd-gates.ts stay valid.
  const b = build({
    rng, instrument, events: n, leukemicEvents, leukemic, omit: new Set(), failedMarker: -1, ...instrumentSettings(rng, false),
    debrisFraction, doubletFraction, mix: realistic ? normalMix(hemFraction, true) : NORMAL_MIX, photonGain: realistic ? 6 : 2,
    sscSpread: realistic ? 1.25 : 1, continuum: realistic, realistic,
  });
  return {
    parameters: b.parameters, events: b.events, eventCount: n, spillover: b.spill,
    keywords: keywordsFor(instrument, { $SRC: `synthetic MRD ${opts.mrdFraction} seed ${opts.seed}${realistic ? ' realistic' : ''}`, 'TUBE NAME': 'MRD' }),
    truth: {
      category: 'PRE_B_ALL', blastPercent: (leukemicEvents / b.nucleated) * 100, leukemicEvents,
      nucleatedEvents: b.nucleated, populationOfEvent: b.labels, mrdFraction: leukemicEvents / b.nucleated,
      difficulty: realistic ? 'realistic' : 'easy',
    },
  };
}
