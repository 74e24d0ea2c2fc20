// Display scales of the dot plot, per axis: which scale a channel starts on, the exact scale
// parameters (shared/transforms, the lab's implementation), events → display positions (run in the
// density worker), and axis ticks placed at display positions but labelled in ORIGINAL units.
// Pure and typed-array only; unit-tested in tests/unit/renderer/scales.test.ts.
import type { TubeParameter } from '../../../shared/api/contract';
import { axisTicks, createTransform, logicleDefaults, setCodeGeneration, type Transform } from '../../../shared/transforms';
import type { Extent } from './density';

// The app runs under script-src 'self' without 'unsafe-eval' (electron/backend/http/security.ts):
// logicle's compiled fast path would be refused, and the refused attempt alone reports a CSP
// violation. Every renderer context that builds a scale imports this module first (the page and
// the density worker), so the portable loop is used from the start.
setCodeGeneration(false);

export const SCALE_KINDS = ['linear', 'logicle', 'arcsinh', 'log'] as const;
export type ScaleKind = (typeof SCALE_KINDS)[number];

/** A scale with every parameter fixed: what the worker applies and the axis ticks are built from. */
export interface ResolvedScale {
  kind: ScaleKind;
  params: Record<string, number>;
}

/** Top of scale when $PnR is missing or unusable: the 18-bit range of current digital cytometers. */
export const DEFAULT_TOP = logicleDefaults.T;
/** Arcsinh cofactor for conventional fluorescence (flow convention, e.g. Cytobank; 5 is for mass cytometry). */
export const ARCSINH_COFACTOR = 150;
/** Decades shown by the log scale (and logicle's M): 10^0.7 … 10^5.4 for an 18-bit range. */
const LOG_DECADES = logicleDefaults.M;
/** Logicle linearisation width used when the data give no reason for a wider one. */
const MIN_LOGICLE_W = logicleDefaults.W;
/** Upper bound of the estimated W: beyond ~2 decades the positive decades get squeezed. */
const MAX_LOGICLE_W = 2;
/** Parks et al. 2006: put the display bottom at the 5th percentile of the negative values. */
const NEGATIVE_PERCENTILE = 0.05;

/** Fluorescence starts on logicle (negatives around 0, decades above), everything else linear. */
export function defaultScale(p: Pick<TubeParameter, 'kind'> | undefined): ScaleKind {
  return p?.kind === 'fluorescence' ? 'logicle' : 'linear';
}

export function topOfScale(range: number | undefined): number {
  return range !== undefined && Number.isFinite(range) && range > 1 ? range : DEFAULT_TOP;
}

/**
 * Logicle W from the data (Parks, Roederer & Moore, Cytometry A 2006;69:541, "choosing W"):
 * W = (M − log10(T/|r|)) / 2 with r a low percentile of the negative values, so that the spread
 * of the negative population fits the linear-like zone. We take r = the 5th percentile of the
 * negatives, never go below the common default W = 0.5 (tubes with few or tiny negatives keep
 * the familiar shape) and stop at 2 decades.
 */
export function estimateLogicleW(values: Float32Array, T: number, M: number): number {
  let negatives = 0;
  for (let i = 0; i < values.length; i++) if (values[i] < 0) negatives++;
  if (negatives === 0) return MIN_LOGICLE_W;
  const neg = new Float32Array(negatives);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (values[i] < 0) neg[k++] = values[i];
  neg.sort(); // typed-array sort is numeric: most negative first
  const r = Math.abs(neg[Math.floor(NEGATIVE_PERCENTILE * (negatives - 1))]);
  if (!(r > 0)) return MIN_LOGICLE_W;
  const w = (M - Math.log10(T / r)) / 2;
  return Math.min(MAX_LOGICLE_W, Math.max(MIN_LOGICLE_W, w));
}

/** Fixes the parameters of `kind` for one channel: T = $PnR (or 262 144), logicle W from the data. */
export function resolveScale(kind: ScaleKind, range: number | undefined, values: Float32Array): ResolvedScale {
  const T = topOfScale(range);
  switch (kind) {
    case 'linear':
      return { kind, params: { T, A: 0 } };
    case 'log':
      return { kind, params: { T, M: LOG_DECADES } };
    case 'arcsinh':
      // Gating-ML fasinh = asinh(x·sinh(M ln10)/T) / (M ln10): with sinh(M ln10) = T/150 it is
      // asinh(x/150) up to a constant factor, and T still maps to 1.
      return { kind, params: { T, M: Math.asinh(T / ARCSINH_COFACTOR) / Math.LN10, A: 0 } };
    case 'logicle': {
      const M = logicleDefaults.M;
      return { kind, params: { T, W: estimateLogicleW(values, T, M), M, A: 0 } };
    }
  }
}

export function transformOf(scale: ResolvedScale): Transform {
  return createTransform(scale.kind, scale.params);
}

/**
 * Display window of the full view. Logicle and log have a fixed one, [0, 1] (bottom of scale to
 * T), as cytometry software draws them; linear and arcsinh follow the data (null: use the extent).
 */
export function fixedWindow(kind: ScaleKind): Extent | null {
  return kind === 'logicle' || kind === 'log' ? { min: 0, max: 1 } : null;
}

/**
 * Display positions of `values` (float64, for the binning). On a fixed window, events beyond it
 * are drawn on its edge — as FlowJo and FACSDiva pile off-scale events on the axis — so every
 * event stays on the plot: values ≤ 0 on log go to its bottom. A NaN stored value stays NaN.
 */
export function toDisplay(values: Float32Array, scale: ResolvedScale): Float64Array {
  const out = transformOf(scale).applyArray(values, new Float64Array(values.length));
  const window = fixedWindow(scale.kind);
  if (window) {
    const lo = window.min;
    const hi = window.max;
    for (let i = 0; i < out.length; i++) {
      const v = out[i];
      if (v > hi) out[i] = hi;
      else if (!(v >= lo) && !Number.isNaN(values[i])) out[i] = lo; // below, -Infinity or NaN from x ≤ 0
    }
  }
  return out;
}

const SUPERSCRIPT: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻' };

/** "10^3" → "10³", "-10^2" → "−10²"; plain numbers ≥ 10 000 as "50K" as cytometers label them. */
export function prettyTickLabel(label: string): string {
  const m = /^(-?)10\^(-?\d+)$/.exec(label);
  if (m) return `${m[1] ? '−' : ''}10${[...m[2]].map((c) => SUPERSCRIPT[c]).join('')}`;
  const v = Number(label);
  if (label !== '' && Number.isFinite(v)) {
    const sign = v < 0 ? '−' : '';
    const a = Math.abs(v);
    return a >= 1e4 && a % 1000 === 0 ? `${sign}${a / 1000}K` : `${sign}${a}`;
  }
  return label;
}

export interface AxisTickSet {
  /** Labelled ticks: display positions and their labels in original units. */
  tickvals: number[];
  ticktext: string[];
  /** Unlabelled ticks (m·10^k between decades, or the minor steps of a linear axis). */
  minorvals: number[];
}

/**
 * Ticks for the displayed window `e` (display units) of `scale`. A zoomed window may hold fewer
 * than two labelled decades; then the 2·10^k and 5·10^k ticks are labelled too (the usual 1-2-5
 * labelling of log axes), and if that is still not two labels, every tick — all as plain numbers
 * ("2000", "5000", "10K") so that one axis does not mix 10⁴ with 9000.
 */
export function axisTickSet(scale: ResolvedScale, e: Extent): AxisTickSet {
  const t = transformOf(scale);
  let lo = t.inverse(e.min);
  const hi = t.inverse(e.max);
  if (scale.kind === 'log' && !(lo > 0)) lo = t.inverse(0);
  const ticks = axisTicks(t, lo, hi).filter((k) => k.position >= e.min && k.position <= e.max);
  const leadingDigit = (v: number) => (v === 0 ? 0 : Math.round(Math.abs(v) / Math.pow(10, Math.floor(Math.log10(Math.abs(v)) + 1e-9))));
  const rules: ((k: (typeof ticks)[number]) => boolean)[] = [
    (k) => k.major,
    (k) => k.major || leadingDigit(k.value) === 2 || leadingDigit(k.value) === 5,
    () => true,
  ];
  const level = Math.max(0, rules.findIndex((rule) => ticks.filter(rule).length >= 2));
  const labelled = rules[level];
  const out: AxisTickSet = { tickvals: [], ticktext: [], minorvals: [] };
  for (const k of ticks) {
    if (labelled(k)) {
      out.tickvals.push(k.position);
      out.ticktext.push(prettyTickLabel(level === 0 ? k.label : String(k.value)));
    } else out.minorvals.push(k.position);
  }
  return out;
}
