// Hematogones (normal B-cell precursors) versus B-ALL on the ALOT tube.
// A regenerating or hematogone-rich marrow can put > 20 % CD19+ cyCD79a+ events in the CD45-dim
// gate. What ALOT can still show (McKenna et al., Blood 2001;98:2498–507; Chantepie et al.,
// Cytometry B 2013 on hematogones vs BCP-ALL): hematogones are a maturation continuum, not a
// discrete cluster — CD34 is on the earliest (CD45-dimmest, CD19-dimmest) cells only, and CD45
// and CD19 rise together as CD34 is lost. Leukemic blasts sit as one cluster whose CD34 does not
// follow CD45 (maturation asynchrony). This module measures that pattern; lineage.ts decides.
import { DISPLAY_SCALE, TPL, type AlotColumns, type TemplateResult } from './alot-template';
import type { LabelIndex } from './stats';

function blastIndices(tpl: TemplateResult, index?: LabelIndex): Int32Array {
  if (index) return index.order.subarray(index.start[TPL.BLAST]!, index.start[TPL.BLAST + 1]!);
  const labels = tpl.labels;
  let n = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === TPL.BLAST) n++;
  const out = new Int32Array(n);
  for (let i = 0, k = 0; i < labels.length; i++) if (labels[i] === TPL.BLAST) out[k++] = i;
  return out;
}

export interface MaturationPattern {
  /** CD19+ events of the blast gate the pattern was measured on. */
  events: number;
  /** Pearson correlation of logicle CD34 with logicle CD45 (hematogones: clearly negative). */
  cd34VsCd45: number;
  /** Pearson correlation of logicle CD19 with logicle CD45 (hematogones: positive). */
  cd19VsCd45: number;
  /** Median logicle CD45 of the CD34− minus the CD34+ events (hematogones: CD34− brighter). */
  cd45ShiftOnCd34Loss: number;
  /** Standard deviation of logicle CD45 (a continuum spreads, a cluster is narrow). */
  cd45Spread: number;
}

function corr(x: Float64Array, y: Float64Array, n: number): number {
  let sx = 0, sy = 0;
  for (let i = 0; i < n; i++) { sx += x[i]!; sy += y[i]!; }
  const mx = sx / n, my = sy / n;
  let cxx = 0, cyy = 0, cxy = 0;
  for (let i = 0; i < n; i++) { const dx = x[i]! - mx, dy = y[i]! - my; cxx += dx * dx; cyy += dy * dy; cxy += dx * dy; }
  return cxx > 0 && cyy > 0 ? cxy / Math.sqrt(cxx * cyy) : 0;
}

function medianOf(v: number[]): number {
  if (!v.length) return NaN;
  const s = v.slice().sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/**
 * The maturation pattern of the CD19+ events in the blast gate. `uln19`/`uln34` are the upper
 * limits of negative from the internal controls (lineage.ts markerFindings).
 */
export function maturationPattern(cols: AlotColumns, tpl: TemplateResult, uln19: number, uln34: number, index?: LabelIndex): MaturationPattern | null {
  const c45 = cols['CD45'], c34 = cols['CD34'], c19 = cols['CD19'];
  if (!c45 || !c34 || !c19 || !Number.isFinite(uln19) || !Number.isFinite(uln34)) return null;
  // The blast gate's events in event order, from the label index when the caller has one.
  const blastsIdx = blastIndices(tpl, index);
  let n = 0;
  for (let j = 0; j < blastsIdx.length; j++) if (c19[blastsIdx[j]!]! > uln19) n++;
  if (n < 3) return null;
  const r45 = new Float64Array(n), r34 = new Float64Array(n), r19 = new Float64Array(n);
  const pos45: number[] = [], neg45: number[] = [];
  const S = DISPLAY_SCALE;
  for (let j = 0, k = 0; j < blastsIdx.length; j++) {
    const i = blastsIdx[j]!;
    if (!(c19[i]! > uln19)) continue;
    r45[k] = c45[i]!; r34[k] = c34[i]!; r19[k] = c19[i]!;
    (c34[i]! > uln34 ? pos45 : neg45).push(k);
    k++;
  }
  // Display scale in three array calls instead of one logicle call per event and channel.
  const x45 = S.applyArray(r45), x34 = S.applyArray(r34), x19 = S.applyArray(r19);
  for (let j = 0; j < pos45.length; j++) pos45[j] = x45[pos45[j]!]!;
  for (let j = 0; j < neg45.length; j++) neg45[j] = x45[neg45[j]!]!;
  let m = 0, m2 = 0;
  for (let i = 0; i < n; i++) { m += x45[i]!; m2 += x45[i]! * x45[i]!; }
  m /= n;
  return {
    events: n,
    cd34VsCd45: corr(x34, x45, n),
    cd19VsCd45: corr(x19, x45, n),
    cd45ShiftOnCd34Loss: pos45.length >= 10 && neg45.length >= 10 ? medianOf(neg45) - medianOf(pos45) : NaN,
    cd45Spread: Math.sqrt(Math.max(0, m2 / n - m * m)),
  };
}
