// Axis ticks in data (original) units, placed at display positions t.apply(value).
// Biexponential-type scales (logicle, arcsinh, hyperlog) and log get decade ticks (majors at 0 and
// ±10^k labelled "0", "10^3", "-10^2"; minors at m·10^k, m = 2..9, unlabelled) as in Parks et al.
// 2006 (figure 4) and common cytometry software; near zero, where these scales are linear and the
// decades crowd together, decades closer than MIN_MAJOR_GAP of the axis to the zero tick are
// dropped. Linear scales get "nice" 1-2-5 steps.
import type { Transform } from './types';

export interface AxisTick {
  value: number;
  position: number;
  label: string;
  major: boolean;
}

/** Fraction of the displayed axis span that must separate a decade label from the zero label. */
const MIN_MAJOR_GAP = 0.035;
/** Minor ticks closer than this fraction to an already kept tick are dropped. */
const MIN_MINOR_GAP = 0.004;
const DECADE_KINDS = new Set(['logicle', 'arcsinh', 'hyperlog', 'log']);

function decadeLabel(sign: number, k: number): string {
  return `${sign < 0 ? '-' : ''}10^${k}`;
}

function formatLinear(v: number): string {
  if (v === 0) return '0';
  return String(Number(v.toPrecision(12)));
}

export function axisTicks(t: Transform, dataMin: number, dataMax: number): AxisTick[] {
  if (!Number.isFinite(dataMin) || !Number.isFinite(dataMax)) return [];
  const lo = Math.min(dataMin, dataMax);
  const hi = Math.max(dataMin, dataMax);
  return DECADE_KINDS.has(t.kind) ? decadeTicks(t, lo, hi) : linearTicks(t, lo, hi);
}

function linearTicks(t: Transform, lo: number, hi: number): AxisTick[] {
  if (hi === lo) return [{ value: lo, position: t.apply(lo), label: formatLinear(lo), major: true }];
  const raw = (hi - lo) / 6;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const r = raw / mag;
  const mult = r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10;
  const step = mult * mag;
  const minorStep = step / (mult === 2 ? 4 : 5);
  const ticks: AxisTick[] = [];
  const first = Math.ceil(lo / minorStep - 1e-9);
  const last = Math.floor(hi / minorStep + 1e-9);
  const perMajor = Math.round(step / minorStep);
  for (let i = first; i <= last; i++) {
    // Multiply an integer by the step (no accumulated addition error), then clean the digits.
    const value = Number((i * minorStep).toPrecision(12)) || 0;
    const major = i % perMajor === 0;
    ticks.push({ value, position: t.apply(value), label: major ? formatLinear(value) : '', major });
  }
  return ticks;
}

function decadeTicks(t: Transform, lo: number, hi: number): AxisTick[] {
  const positive = t.kind === 'log';
  if (positive) {
    // flog is undefined at and below 0: start at the bottom of the display (x = T·10^-M) if lower.
    const T = t.params.T ?? 1;
    const M = t.params.M ?? 1;
    lo = Math.max(lo, T * Math.pow(10, -M));
    if (!(hi > lo)) return [];
  }
  const span = Math.abs(t.apply(hi) - t.apply(lo)) || 1;
  const maxAbs = Math.max(Math.abs(lo), Math.abs(hi));
  if (maxAbs === 0) return [{ value: 0, position: t.apply(0), label: '0', major: true }];
  const kTop = Math.ceil(Math.log10(maxAbs));
  const kBottom = positive ? Math.floor(Math.log10(lo)) : kTop - 12;
  const zeroPos = t.apply(0);
  const ticks: AxisTick[] = [];
  if (!positive && lo <= 0 && hi >= 0) ticks.push({ value: 0, position: zeroPos, label: '0', major: true });
  for (const sign of positive ? [1] : [1, -1]) {
    // Smallest decade kept on this side: far enough from zero on the display.
    let kMin = kTop + 1;
    for (let k = kBottom; k <= kTop; k++) {
      const v = sign * Math.pow(10, k);
      if (positive || Math.abs(t.apply(v) - zeroPos) >= MIN_MAJOR_GAP * span) {
        kMin = k;
        break;
      }
    }
    for (let k = kMin; k <= kTop; k++) {
      for (let m = 1; m <= 9; m++) {
        const value = sign * Number((m * Math.pow(10, k)).toPrecision(12));
        if (value < lo || value > hi) continue;
        ticks.push({ value, position: t.apply(value), label: m === 1 ? decadeLabel(sign, k) : '', major: m === 1 });
      }
    }
  }
  ticks.sort((a, b) => a.value - b.value);
  // Drop minors that would draw on top of a neighbour (compressed regions of the scale).
  const kept: AxisTick[] = [];
  for (const tick of ticks) {
    const prev = kept[kept.length - 1];
    if (!tick.major && prev !== undefined && Math.abs(tick.position - prev.position) < MIN_MINOR_GAP * span) continue;
    kept.push(tick);
  }
  return kept;
}
