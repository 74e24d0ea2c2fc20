// The dot plot's display scales: defaults per channel kind, parameters, events → display positions
// (every event kept), and ticks at display positions labelled in original units.
import { describe, expect, it } from 'vitest';
import { codeGenerationEnabled, logicle } from '../../../shared/transforms';
import {
  axisTickSet,
  DEFAULT_TOP,
  defaultScale,
  estimateLogicleW,
  prettyTickLabel,
  resolveScale,
  toDisplay,
  transformOf,
} from '../../../renderer/features/analysis/scales';
import { binScaled } from '../../../renderer/features/analysis/scaledDensity';

/** Deterministic normal-ish values (sum of 4 uniforms) around `mean` with spread `sd`. */
function cloud(n: number, mean: number, sd: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  const u = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < n; i++) out[i] = mean + sd * (u() + u() + u() + u() - 2) * Math.sqrt(3);
  return out;
}

describe('display scales', () => {
  it('turn off code generation for the renderer, so logicle never trips the CSP', () => {
    expect(codeGenerationEnabled()).toBe(false);
  });

  it('start fluorescence channels on logicle and scatter and time on linear', () => {
    expect(defaultScale({ kind: 'fluorescence' })).toBe('logicle');
    expect(defaultScale({ kind: 'scatter' })).toBe('linear');
    expect(defaultScale({ kind: 'time' })).toBe('linear');
  });

  it('use $PnR as logicle T, and 262144 when $PnR is missing', () => {
    const v = new Float32Array([1, 2, 3]);
    expect(resolveScale('logicle', 1024, v).params).toEqual({ T: 1024, W: 0.5, M: 4.5, A: 0 });
    expect(resolveScale('logicle', 0, v).params.T).toBe(DEFAULT_TOP);
  });

  it('put a negative spread of about -1000 at the logicle bottom by widening W (Parks 2006)', () => {
    const v = cloud(20_000, 0, 500, 7); // 5th percentile of the negatives ≈ -1000
    const W = estimateLogicleW(v, 262144, 4.5);
    expect(W).toBeGreaterThan(0.9);
    expect(W).toBeLessThan(1.2);
  });

  it('keep W = 0.5 when the data have no negatives', () => {
    expect(estimateLogicleW(new Float32Array([5, 50, 500]), 262144, 4.5)).toBe(0.5);
  });

  it('give arcsinh positions proportional to asinh(x / 150)', () => {
    const s = resolveScale('arcsinh', 262144, new Float32Array(0));
    const d = toDisplay(new Float32Array([150, 1500, -150]), s);
    expect(d[1] / d[0]).toBeCloseTo(Math.asinh(10) / Math.asinh(1), 6);
    expect(d[2]).toBeCloseTo(-d[0], 12);
    expect(toDisplay(new Float32Array([262144]), s)[0]).toBeCloseTo(1, 6);
  });

  it('draw log values at or below zero on the bottom edge instead of dropping them', () => {
    const d = toDisplay(new Float32Array([-5, 0, 1000, 1e9, NaN]), resolveScale('log', 262144, new Float32Array(0)));
    expect(d[0]).toBe(0);
    expect(d[1]).toBe(0);
    expect(d[2]).toBeGreaterThan(0);
    expect(d[3]).toBe(1);
    expect(d[4]).toBeNaN();
  });

  it('match the shared logicle exactly inside its window', () => {
    const s = resolveScale('logicle', 262144, new Float32Array([1]));
    const v = new Float32Array([-100, 0, 12, 4000, 200_000]); // logicle bottom is about -111 here
    const d = toDisplay(v, s);
    const t = logicle({ T: 262144, W: 0.5, M: 4.5, A: 0 });
    v.forEach((x, i) => expect(d[i]).toBe(t.apply(x)));
  });
});

describe('binScaled', () => {
  it('keeps every event of a logicle × logicle plot, including those beyond the scale', () => {
    const x = cloud(50_000, 300, 2000, 1);
    const y = cloud(50_000, 5000, 8000, 2);
    x[0] = -1e6; // far below the logicle bottom
    y[1] = 5e6; // above T
    const r = binScaled({ x: { values: x, kind: 'logicle', range: 262144 }, y: { values: y, kind: 'logicle', range: 262144 }, bins: 128 });
    expect(r.grid.counted).toBe(50_000);
    expect(r.grid.x).toEqual({ min: 0, max: 1 });
    expect(r.x.kind).toBe('logicle');
    expect(r.x.params.W).toBeGreaterThan(0.5);
  });

  it('counts only the events inside a zoomed display window', () => {
    const x = new Float32Array([-100, 10, 1000, 100_000]);
    const y = new Float32Array([10, 10, 10, 10]);
    const req = { x: { values: x, kind: 'logicle' as const, range: 262144 }, y: { values: y, kind: 'linear' as const, range: 262144 }, bins: 16 };
    const full = binScaled(req);
    const t = logicle(full.x.params as { T: number; W: number; M: number; A: number });
    const zoomed = binScaled({ ...req, view: { x: { min: t.apply(0), max: t.apply(2000) }, y: full.grid.y } });
    expect(zoomed.grid.counted).toBe(2); // 10 and 1000
  });
});

describe('axis ticks', () => {
  it('label a full logicle axis 0, 10², 10³, 10⁴, 10⁵ at the logicle positions of those values', () => {
    const s = resolveScale('logicle', 262144, new Float32Array([1]));
    const ticks = axisTickSet(s, { min: 0, max: 1 });
    for (const label of ['0', '10²', '10³', '10⁴', '10⁵']) expect(ticks.ticktext).toContain(label);
    const t = logicle({ T: 262144, W: 0.5, M: 4.5, A: 0 });
    expect(ticks.tickvals[ticks.ticktext.indexOf('10³')]).toBeCloseTo(t.apply(1000), 12);
    expect(ticks.minorvals.length).toBeGreaterThan(10); // 2·10^k … 9·10^k, unlabelled
  });

  it('space logicle decades evenly above the linear-like zone', () => {
    const s = resolveScale('logicle', 262144, new Float32Array([1]));
    const ticks = axisTickSet(s, { min: 0, max: 1 });
    const at = (l: string) => ticks.tickvals[ticks.ticktext.indexOf(l)];
    expect(at('10⁵') - at('10⁴')).toBeCloseTo(at('10⁴') - at('10³'), 1);
  });

  it('label a linear axis in channel units, thousands as K', () => {
    const s = resolveScale('linear', 262144, new Float32Array(0));
    const ticks = axisTickSet(s, { min: 0, max: 1 });
    expect(ticks.ticktext).toContain('50K');
    expect(ticks.ticktext).toContain('250K');
    expect(ticks.tickvals[ticks.ticktext.indexOf('50K')]).toBeCloseTo(50_000 / 262144, 12);
  });

  it('label 2·10^k and 5·10^k as plain numbers when a zoomed view holds fewer than two decades', () => {
    const s = resolveScale('log', 262144, new Float32Array(0));
    const t = transformOf(s);
    const ticks = axisTickSet(s, { min: t.apply(1990), max: t.apply(40_100) });
    expect(ticks.ticktext).toEqual(['2000', '5000', '10K', '20K']);
    expect(ticks.minorvals).toHaveLength(8); // 3000, 4000, 6000 … 9000, 30K, 40K
  });

  it('label every tick when even 2·10^k and 5·10^k give fewer than two labels', () => {
    const s = resolveScale('log', 262144, new Float32Array(0));
    const t = transformOf(s);
    const ticks = axisTickSet(s, { min: t.apply(2990), max: t.apply(4010) });
    expect(ticks.ticktext).toEqual(['3000', '4000']);
  });

  it('write decades with superscripts and a true minus sign', () => {
    expect(prettyTickLabel('10^3')).toBe('10³');
    expect(prettyTickLabel('-10^2')).toBe('−10²');
    expect(prettyTickLabel('0')).toBe('0');
    expect(prettyTickLabel('150000')).toBe('150K');
    expect(prettyTickLabel('1500')).toBe('1500');
  });
});
