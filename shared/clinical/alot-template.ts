// The ALOT analysis template: finds the populations of a EuroFlow ALOT tube from the data only.
// 1. Doublets: FSC-H low for its FSC-A (domain.md "doublets (FSC-A high for its FSC-H)").
// 2. Debris: the low-FSC population below the density valley before the nucleated cells.
// 3. CD45 vs SSC on logicle scale (Parks et al., Cytometry A 2006): a 5-component Gaussian mixture
//    started from the template's expected positions (CD45− nucleated, blasts = CD45 dim/SSC low,
//    lymphocytes = CD45 bright/SSC low, monocytes = CD45 bright/SSC intermediate, granulocytes =
//    CD45 moderate/SSC high; domain.md "Blasts…"), then fitted by EM so the gates follow the data —
//    real blasts shift. The template anchors are a weak prior that keeps a component in place when
//    its population is absent.
// 4. Internal controls inside the lymphocytes: mature T cells (smCD3+) and mature B cells (CD19+),
//    split at the density threshold of each marker (Otsu), accepted only when the split is real.
// Input: compensated linear columns keyed by canonical marker (markers.ts).
import { logicle } from '../transforms/logicle';
import { countOf, gather, indexLabels, otsu, percentileInPlace, valley, type LabelIndex } from './stats';

/** Template population codes per event. */
export const TPL = {
  UNASSIGNED: 0, DEBRIS: 1, DOUBLET: 2, CD45_NEGATIVE: 3, BLAST: 4, LYMPHOCYTE: 5,
  MONOCYTE: 6, GRANULOCYTE: 7, T_CELL: 8, B_CELL: 9,
} as const;
export type TemplatePopulation = keyof typeof TPL;
export const TPL_NAMES: readonly TemplatePopulation[] = ['UNASSIGNED', 'DEBRIS', 'DOUBLET', 'CD45_NEGATIVE', 'BLAST', 'LYMPHOCYTE', 'MONOCYTE', 'GRANULOCYTE', 'T_CELL', 'B_CELL'];

export type AlotColumns = Readonly<Record<string, Float64Array | undefined>>;

/** Template version recorded with each suggestion. */
// 2: immature-phenotype rescue of blasts in the lymphocyte/monocyte gates (rescueImmatureBlasts),
//    monocytes kept CD45 bright (MONO_BELOW_LYMPH).
export const TEMPLATE_VERSION = 'alot-template-2';

// Display scale for the CD45/SSC plot and marker splits: logicle with the common BD 18-bit
// parameters (T = 262144, W = 0.5, M = 4.5) — Gating-ML 2.0 §5.6 defaults as used by FACSDiva.
export const DISPLAY_SCALE = logicle({ T: 262144, W: 0.5, M: 4.5, A: 0 });

// Expected CD45/SSC positions on that scale (template anchors), in the mixture's component order.
const COMPONENTS = [TPL.CD45_NEGATIVE, TPL.BLAST, TPL.LYMPHOCYTE, TPL.MONOCYTE, TPL.GRANULOCYTE] as const;
const ANCHORS: ReadonlyArray<[cd45: number, ssc: number]> = [
  [0.25, 0.68], [0.5, 0.71], [0.77, 0.72], [0.72, 0.85], [0.62, 0.92],
];
// Where each population may sit (CD45 min/max, SSC min/max on the logicle scale): the template's
// limits. The fitted means are kept inside them, so a large blast population whose CD45 comes
// close to the lymphocytes cannot drag the lymphocyte component onto itself. Blasts are in
// addition kept at least BLAST_BELOW_LYMPH dimmer than the fitted lymphocytes (domain.md: blasts
// are CD45 dim, "distinct from CD45-bright lymphocytes"). Widths allow ±0.15 decade of detector
// setting variation.
const LIMITS: ReadonlyArray<[number, number, number, number]> = [
  [0, 0.42, 0.5, 0.85], [0.3, 0.72, 0.55, 0.82], [0.71, 0.88, 0.6, 0.8], [0.64, 0.86, 0.78, 0.92], [0.52, 0.74, 0.86, 1],
];
const BLAST_BELOW_LYMPH = 0.06;
// Monocytes are CD45 bright like lymphocytes (domain.md "CD45-bright SSC-intermediate monocytes";
// ≈ 0.045 display units dimmer at these settings): their component may not sink more than
// MONO_BELOW_LYMPH below the lymphocytes, or a large CD45-intermediate blast population (AML)
// is absorbed as "monocytes".
const MONO_BELOW_LYMPH = 0.08;
const LYMPH = 2, BLAST = 1, MONO = 3;
const COMPONENT_CODES = Uint8Array.from(COMPONENTS);

// Squared Mahalanobis radius of a population (χ² with 2 d.f., 99.7 %); further events stay unassigned.
const MAX_D2 = 11.8;

export interface ScatterExclusion {
  /** FSC-H/FSC-A (or 1/FSC-W) below this is a doublet. */
  doubletRatio: number;
  /** FSC-A below this is debris. */
  debrisFsc: number;
  debris: number;
  doublets: number;
  nucleated: number;
}

export interface TemplateResult {
  templateVersion: string;
  eventCount: number;
  labels: Uint8Array;
  counts: Record<TemplatePopulation, number>;
  exclusion: ScatterExclusion;
  /** Fitted mixture components on (logicle CD45, logicle SSC): the adapted gates, for display. */
  components: Array<{ population: TemplatePopulation; weight: number; mean: [number, number]; cov: [number, number, number] }>;
  notes: string[];
  /**
   * Per event: the CD45/SSC gate (TPL code) a BLAST event was moved from by the immature-phenotype
   * rescue (rescueImmatureBlasts), 0 for every other event. Lets the abnormal-blast count
   * (abnormal-blasts.ts) recognise NK-phenotype events that came from the lymphocyte gate.
   */
  rescuedFrom?: Uint8Array;
}

export class TemplateError extends Error {
  constructor(public code: string, message: string) { super(message); }
}

function need(cols: AlotColumns, name: string): Float64Array {
  const c = cols[name];
  if (!c) throw new TemplateError('TEMPLATE_CHANNEL_MISSING', `the ALOT template needs ${name}, which was not found in the file (see the marker mapping)`);
  return c;
}

/**
 * Debris and doublet exclusion on scatter only (used alone for the MRD denominator).
 * Marks labels DEBRIS/DOUBLET; every other event is a nucleated singlet (CD45+ or CD45−).
 */
export function excludeDebrisAndDoublets(cols: AlotColumns, labels: Uint8Array): ScatterExclusion {
  const fscA = need(cols, 'FSC-A');
  // Pulse height for its area: FSC-H/FSC-A, or, in exports without FSC-H, 1/FSC-W (FACSDiva
  // defines W = A/H × 65536, so 1/W is proportional to H/A).
  const fscH = cols['FSC-H'];
  const fscW = cols['FSC-W'];
  if (!fscH && !fscW) need(cols, 'FSC-H');
  const n = fscA.length;
  const ratio = (i: number): number => (fscH ? fscH[i]! / fscA[i]! : 1 / fscW![i]!);
  // Singlets: robust centre and spread of the ratio from a stride sample (fast on 10⁷ events).
  const stride = Math.max(1, Math.floor(n / 50_000));
  const sample: number[] = [];
  const logSample: number[] = [];
  for (let i = 0; i < n; i += stride) {
    if (!(fscA[i]! > 0)) continue;
    const r = ratio(i);
    if (Number.isFinite(r) && r > 0) sample.push(r);
    logSample.push(Math.log10(fscA[i]!));
  }
  const ratios = Float64Array.from(sample);
  const med = percentileInPlace(ratios, 50);
  const dev = new Float64Array(ratios.length);
  for (let i = 0; i < ratios.length; i++) dev[i] = Math.abs(ratios[i]! - med);
  const sd = 1.4826 * percentileInPlace(dev, 50);
  // Singlets cluster tightly around their ratio; doublets sit far below (area adds, height does
  // not): 6 robust SDs, and at least 12 % of the singlet ratio.
  const doubletRatio = med - Math.max(6 * sd, 0.12 * med);
  // Debris: valley of log10 FSC-A between the debris and the smallest nucleated cells, searched
  // in 12 000–35 000 (FACSCanto II / FACSLyric EuroFlow settings put lymphocytes near 50 000).
  const debrisFsc = Math.pow(10, valley(Float64Array.from(logSample), Math.log10(12_000), Math.log10(35_000), 32));
  let debris = 0, doublets = 0;
  for (let i = 0; i < n; i++) {
    const a = fscA[i]!;
    if (!(a >= debrisFsc)) { labels[i] = TPL.DEBRIS; debris++; }
    else if (ratio(i) < doubletRatio) { labels[i] = TPL.DOUBLET; doublets++; }
  }
  return { doubletRatio, debrisFsc, debris, doublets, nucleated: n - debris - doublets };
}

interface Gaussian { w: number; mx: number; my: number; sxx: number; sxy: number; syy: number }

// Per-component constants for the density: inverse covariance and log normaliser.
interface Prepared { a: number; b: number; c: number; k: number; mx: number; my: number }

function prepare(g: Gaussian): Prepared {
  const det = g.sxx * g.syy - g.sxy * g.sxy;
  return { a: g.syy / det, b: -g.sxy / det, c: g.sxx / det, k: Math.log(g.w) - 0.5 * Math.log(det), mx: g.mx, my: g.my };
}


// Mixture state in flat typed arrays (component c at [c]): the EM loops stay monomorphic and
// allocation-free; plain objects whose fields change from integer to float change shape and made
// V8 deoptimise the fit repeatedly on a cold start (the CLI classifies in one process run).
interface MixtureState { w: Float64Array; mx: Float64Array; my: Float64Array; sxx: Float64Array; sxy: Float64Array; syy: Float64Array }

/** Density constants per component into P (6 per component: a, b, c, k, mx, my) — see prepare(). */
function prepareAll(st: MixtureState, P: Float64Array): void {
  for (let c = 0, o = 0; c < st.w.length; c++, o += 6) {
    const det = st.sxx[c]! * st.syy[c]! - st.sxy[c]! * st.sxy[c]!;
    P[o] = st.syy[c]! / det; P[o + 1] = -st.sxy[c]! / det; P[o + 2] = st.sxx[c]! / det;
    P[o + 3] = Math.log(st.w[c]!) - 0.5 * Math.log(det); P[o + 4] = st.mx[c]!; P[o + 5] = st.my[c]!;
  }
}

/** E-step: responsibilities r (n × K). */
function eStep(xs: Float64Array, ys: Float64Array, P: Float64Array, K: number, r: Float64Array): void {
  const n = xs.length;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    const x = xs[i]!, y = ys[i]!, o = i * K;
    for (let c = 0, q = 0; c < K; c++, q += 6) {
      const dx = x - P[q + 4]!, dy = y - P[q + 5]!;
      const v = P[q + 3]! - 0.5 * (P[q]! * dx * dx + 2 * P[q + 1]! * dx * dy + P[q + 2]! * dy * dy);
      r[o + c] = v;
      if (v > max) max = v;
    }
    // exp(−50) ≈ 2e−22 is below the float64 resolution of s ≥ 1 and of every sum it enters
    // (each carries the prior's κ·ψ or κ): such terms are 0 without changing any result, and
    // Math.exp is a large part of the fit's time.
    let s = 0;
    for (let c = 0; c < K; c++) {
      const d = r[o + c]! - max;
      const e = d === 0 ? 1 : d < -50 ? 0 : Math.exp(d);
      r[o + c] = e; s += e;
    }
    for (let c = 0; c < K; c++) r[o + c]! /= s;
  }
}

/** Weighted sums per component (one pass for all components; same arithmetic per component). */
function firstMoments(xs: Float64Array, ys: Float64Array, r: Float64Array, K: number, nk: Float64Array, sx: Float64Array, sy: Float64Array): void {
  nk.fill(0); sx.fill(0); sy.fill(0);
  for (let i = 0, n = xs.length; i < n; i++) {
    const x = xs[i]!, y = ys[i]!, o = i * K;
    for (let c = 0; c < K; c++) { const q = r[o + c]!; nk[c]! += q; sx[c]! += q * x; sy[c]! += q * y; }
  }
}

function secondMoments(xs: Float64Array, ys: Float64Array, r: Float64Array, K: number, mx: Float64Array, my: Float64Array, cxx: Float64Array, cxy: Float64Array, cyy: Float64Array): void {
  cxx.fill(0); cxy.fill(0); cyy.fill(0);
  for (let i = 0, n = xs.length; i < n; i++) {
    const x = xs[i]!, y = ys[i]!, o = i * K;
    for (let c = 0; c < K; c++) {
      const q = r[o + c]!;
      const dx = x - mx[c]!, dy = y - my[c]!;
      cxx[c]! += q * dx * dx; cxy[c]! += q * dx * dy; cyy[c]! += q * dy * dy;
    }
  }
}

/** EM for a 2-D Gaussian mixture with a weak prior pulling each mean toward its template anchor. */
function fitMixture(xs: Float64Array, ys: Float64Array): Gaussian[] {
  const n = xs.length;
  const K = ANCHORS.length;
  const st: MixtureState = {
    w: new Float64Array(K).fill(1 / K), mx: Float64Array.from(ANCHORS, (a) => a[0]), my: Float64Array.from(ANCHORS, (a) => a[1]),
    sxx: new Float64Array(K).fill(0.003), sxy: new Float64Array(K), syy: new Float64Array(K).fill(0.003),
  };
  const kappa = Math.max(5, 0.002 * n); // prior strength in events
  const psi = 0.0004; // prior variance floor (≈ 0.02 display units)
  const r = new Float64Array(n * K);
  const nk = new Float64Array(K), sxk = new Float64Array(K), syk = new Float64Array(K);
  const cxx = new Float64Array(K), cxy = new Float64Array(K), cyy = new Float64Array(K);
  const mxs = new Float64Array(K), mys = new Float64Array(K);
  const P = new Float64Array(K * 6);
  for (let iter = 0; iter < 40; iter++) {
    prepareAll(st, P);
    eStep(xs, ys, P, K, r);
    firstMoments(xs, ys, r, K, nk, sxk, syk);
    // Means in component order: the blast limit reads the lymphocyte mean before its update, the
    // monocyte limit after it (components are updated in order).
    for (let c = 0; c < K; c++) {
      const [ax, ay] = ANCHORS[c]!;
      const [x0, x1, y0, y1] = LIMITS[c]!;
      const lymphMx = c > LYMPH ? mxs[LYMPH]! : st.mx[LYMPH]!;
      const xmax = c === BLAST ? Math.min(x1, lymphMx - BLAST_BELOW_LYMPH) : x1;
      const xmin = c === MONO ? Math.max(x0, Math.min(x1, lymphMx - MONO_BELOW_LYMPH)) : x0;
      mxs[c] = Math.min(xmax, Math.max(xmin, (sxk[c]! + kappa * ax) / (nk[c]! + kappa)));
      mys[c] = Math.min(y1, Math.max(y0, (syk[c]! + kappa * ay) / (nk[c]! + kappa)));
    }
    secondMoments(xs, ys, r, K, mxs, mys, cxx, cxy, cyy);
    let moved = 0;
    for (let c = 0; c < K; c++) {
      const den = nk[c]! + kappa;
      moved = Math.max(moved, Math.abs(mxs[c]! - st.mx[c]!), Math.abs(mys[c]! - st.my[c]!));
      st.w[c] = Math.max(nk[c]! / n, 1e-6); st.mx[c] = mxs[c]!; st.my[c] = mys[c]!;
      st.sxx[c] = (cxx[c]! + kappa * psi) / den; st.sxy[c] = cxy[c]! / den; st.syy[c] = (cyy[c]! + kappa * psi) / den;
    }
    if (moved < 2e-4) break; // converged: means move less than 0.02 % of the display range
  }
  return Array.from({ length: K }, (_, c) => ({ w: st.w[c]!, mx: st.mx[c]!, my: st.my[c]!, sxx: st.sxx[c]!, sxy: st.sxy[c]!, syy: st.syy[c]! }));
}

export interface TemplateOptions {
  minControlEvents?: number;
  /**
   * false = fixed template gates (the anchors with a fixed spread, no fitting): the baseline the
   * accuracy benchmark compares the adaptive step against. Default true.
   */
  adaptive?: boolean;
}

/** Fixed gates: each population at its template anchor with a spread of 0.04 display units. */
function fixedMixture(): Gaussian[] {
  return ANCHORS.map(([mx, my]) => ({ w: 1 / ANCHORS.length, mx, my, sxx: 0.0016, sxy: 0, syy: 0.0016 }));
}

/**
 * Assign every unassigned event to its most likely component within MAX_D2 (component constants
 * in P as prepareAll writes them). Runs over every event of the tube (10⁶ and more).
 */
function assignComponents(x: Float64Array, y: Float64Array, P: Float64Array, K: number, labels: Uint8Array): void {
  for (let i = 0, n = labels.length; i < n; i++) {
    if (labels[i] !== TPL.UNASSIGNED) continue;
    const xi = x[i]!, yi = y[i]!;
    let best = -Infinity, bestC = -1, bestD2 = 0;
    for (let c = 0, o = 0; c < K; c++, o += 6) {
      const dx = xi - P[o + 4]!, dy = yi - P[o + 5]!;
      const d2 = P[o]! * dx * dx + 2 * P[o + 1]! * dx * dy + P[o + 2]! * dy * dy;
      const lp = P[o + 3]! - 0.5 * d2;
      if (lp > best) { best = lp; bestC = c; bestD2 = d2; }
    }
    if (bestC >= 0 && bestD2 <= MAX_D2) labels[i] = COMPONENT_CODES[bestC]!;
  }
}

/** Apply the template to one ALOT tube. */
export function applyAlotTemplate(cols: AlotColumns, opts: TemplateOptions = {}): TemplateResult {
  const cd45 = need(cols, 'CD45');
  const ssc = need(cols, 'SSC-A');
  const n = cd45.length;
  const labels = new Uint8Array(n);
  const notes: string[] = [];
  const exclusion = excludeDebrisAndDoublets(cols, labels);
  // Without a usable FSC-H/FSC-A (or FSC-W) ratio no doublet can be recognised: say so, since the
  // nucleated count (the MRD denominator) then still holds the doublets.
  if (!Number.isFinite(exclusion.doubletRatio)) notes.push('doublets NOT excluded: no usable FSC-H/FSC-A or FSC-W values in this tube; the nucleated count includes doublets');
  const x = DISPLAY_SCALE.applyArray(cd45);
  const y = DISPLAY_SCALE.applyArray(ssc);

  // Fit on a stride sample of the nucleated singlets (≈ 12 000 events: enough for 5 components).
  const stride = Math.max(1, Math.floor(exclusion.nucleated / 12_000));
  const sx: number[] = [], sy: number[] = [];
  for (let i = 0, k = 0; i < n; i++) {
    if (labels[i] !== TPL.UNASSIGNED) continue;
    if (k++ % stride === 0) { sx.push(x[i]!); sy.push(y[i]!); }
  }
  const mix = opts.adaptive === false ? fixedMixture() : fitMixture(Float64Array.from(sx), Float64Array.from(sy));
  const P = new Float64Array(mix.length * 6);
  mix.forEach((g, c) => { const p = prepare(g); P.set([p.a, p.b, p.c, p.k, p.mx, p.my], c * 6); });
  assignComponents(x, y, P, mix.length, labels);

  const split = splitLymphocytes(cols, labels, opts.minControlEvents ?? 30, notes);
  const rescuedFrom = opts.adaptive !== false && split ? rescueImmatureBlasts(cols, labels, opts.minControlEvents ?? 30, notes) : undefined;

  const tally = new Float64Array(TPL_NAMES.length);
  for (let i = 0; i < n; i++) tally[labels[i]!]!++;
  const counts = Object.fromEntries(TPL_NAMES.map((k, c) => [k, tally[c]!])) as Record<TemplatePopulation, number>;
  return {
    templateVersion: TEMPLATE_VERSION, eventCount: n, labels, counts, exclusion, notes, ...(rescuedFrom ? { rescuedFrom } : {}),
    components: mix.map((g, c) => ({ population: TPL_NAMES[COMPONENTS[c]!]!, weight: g.w, mean: [g.mx, g.my], cov: [g.sxx, g.sxy, g.syy] })),
  };
}

// A split on the logicle scale counts as two populations only when the class means are this far
// apart (≈ half a decade at M = 4.5) — noise inside one population splits closer.
const MIN_SEPARATION = 0.11;

/**
 * Mature T (smCD3+) and B (CD19+) cells inside the lymphocyte gate. When a marker is not
 * bimodal, the whole gate is judged against the CD45− nucleated events (negative for every ALOT
 * marker) to tell "all positive" from "all negative".
 */
function splitLymphocytes(cols: AlotColumns, labels: Uint8Array, minEvents: number, notes: string[]): { smCD3Threshold: number } | null {
  const sm = cols['smCD3'], cd19 = cols['CD19'];
  if (!sm || !cd19) { notes.push('smCD3 or CD19 channel missing: no T/B internal controls'); return null; }
  const n = labels.length;
  const index = indexLabels(labels, TPL_NAMES.length);
  const lymphCount = countOf(index, TPL.LYMPHOCYTE);
  if (lymphCount < minEvents) { notes.push(`only ${lymphCount} lymphocytes: no T/B internal controls`); return null; }
  const threshold = (col: Float64Array, name: string): number => {
    const lymph = gather(col, index, TPL.LYMPHOCYTE);
    const v = DISPLAY_SCALE.applyArray(lymph);
    const o = otsu(v, 0, 1);
    if (o.nLow >= minEvents && o.nHigh >= minEvents && o.meanHigh - o.meanLow >= MIN_SEPARATION) return DISPLAY_SCALE.inverse(o.threshold);
    // One population only: positive or negative as a whole against the CD45− reference.
    const ref = gather(col, index, TPL.CD45_NEGATIVE);
    const uln = ref.length >= minEvents ? percentileInPlace(ref, 99) : NaN;
    const med = percentileInPlace(lymph, 50);
    const allPositive = Number.isFinite(uln) && DISPLAY_SCALE.apply(med) - DISPLAY_SCALE.apply(uln) >= MIN_SEPARATION;
    notes.push(`${name} is not bimodal in the lymphocytes; all ${allPositive ? 'positive' : 'negative'}`);
    return allPositive ? -Infinity : Infinity;
  };
  const tSm = threshold(sm, 'smCD3');
  const t19 = threshold(cd19, 'CD19');
  for (let j = index.start[TPL.LYMPHOCYTE]!, e = index.start[TPL.LYMPHOCYTE + 1]!; j < e; j++) {
    const i = index.order[j]!;
    const isT = sm[i]! > tSm, isB = cd19[i]! > t19;
    if (isT && !isB) labels[i] = TPL.T_CELL;
    else if (isB && !isT) labels[i] = TPL.B_CELL;
  }
  return { smCD3Threshold: tSm };
}

// Margin above the control's upper limit (logicle units, ≈ 0.1 decade) before an event in a
// mature gate is called immature: the 99th percentile leaves 1 % of the control above it.
const RESCUE_MARGIN = 0.03;

/**
 * Blasts whose CD45 reaches the lymphocytes or monocytes (common in T-ALL and in some B-ALL and
 * AML) fall into those gates on CD45/SSC. Mature lymphocytes and monocytes do not express CD34,
 * and mature T cells carry bright smCD3 with their cyCD3/CD7 (EuroFlow ALOT: cyCD3+ smCD3−/low
 * marks immature T cells; van Dongen et al., Leukemia 2012; domain.md T-ALL "smCD3 low"). So:
 * events of those gates with CD34 above the mature T cells' upper limit, and lymphocyte-gate
 * events with cyCD3 or CD7 above the B cells' upper limit whose smCD3 is below a quarter of the
 * mature T cells' median, are moved to BLAST.
 * Known limit: NK cells (CD7+, part cyCD3ε dim, smCD3−; present in the realistic synthetic tubes
 * at 2 %) are counted too — they add 1–2 points to the blast % of every tube; CD45 does not
 * separate them from T blasts that reach the lymphocyte gate.
 */
function rescueImmatureBlasts(cols: AlotColumns, labels: Uint8Array, minEvents: number, notes: string[]): Uint8Array | undefined {
  const cd34 = cols['CD34'], cy3 = cols['cyCD3'], sm = cols['smCD3'], cd7 = cols['CD7'];
  if (!cd34 || !cy3 || !sm || !cd7) return undefined;
  const S = DISPLAY_SCALE;
  const index: LabelIndex = indexLabels(labels, TPL_NAMES.length);
  const t34 = gather(cd34, index, TPL.T_CELL);
  const b3 = gather(cy3, index, TPL.B_CELL);
  const b7 = gather(cd7, index, TPL.B_CELL);
  const tSm = gather(sm, index, TPL.T_CELL);
  const lim34 = t34.length >= minEvents ? S.apply(percentileInPlace(t34, 99)) + RESCUE_MARGIN : Infinity;
  const lim3 = b3.length >= minEvents ? S.apply(percentileInPlace(b3, 99)) + RESCUE_MARGIN : Infinity;
  const lim7 = b7.length >= minEvents ? S.apply(percentileInPlace(b7, 99)) + RESCUE_MARGIN : Infinity;
  const smLow = tSm.length >= minEvents ? 0.25 * percentileInPlace(tSm, 50) : -Infinity;
  // Compare on the linear scale: the display scale is monotonic, so S.apply(v) > lim ⇔ v > S.inverse(lim)
  // (one inverse per limit instead of a logicle per event and marker).
  const raw = (lim: number) => (Number.isFinite(lim) ? S.inverse(lim) : lim);
  const raw34 = raw(lim34), raw3 = raw(lim3), raw7 = raw(lim7);

  const rescuedFrom = new Uint8Array(labels.length);
  let moved34 = 0, movedT = 0;
  for (const l of [TPL.LYMPHOCYTE, TPL.B_CELL, TPL.MONOCYTE, TPL.T_CELL]) {
    for (let j = index.start[l]!, e = index.start[l + 1]!; j < e; j++) {
      const i = index.order[j]!;
      if (l !== TPL.T_CELL && cd34[i]! > raw34) { labels[i] = TPL.BLAST; rescuedFrom[i] = l; moved34++; }
      else if ((l === TPL.LYMPHOCYTE || l === TPL.T_CELL) && sm[i]! < smLow && (cy3[i]! > raw3 || cd7[i]! > raw7)) { labels[i] = TPL.BLAST; rescuedFrom[i] = l; movedT++; }
    }
  }
  if (moved34 + movedT >= minEvents) notes.push(`${moved34 + movedT} events of the lymphocyte/monocyte gates have an immature phenotype (${moved34} CD34+, ${movedT} cyCD3+ or CD7+ with smCD3 low) and were counted as blasts`);
  return rescuedFrom;
}
