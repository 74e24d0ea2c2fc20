// The lineage rules on hand-built populations (no generator, no template): each test sets the
// blast phenotype exactly and checks which rule fires.
import { describe, expect, it } from 'vitest';
import { suggestLineage } from '../../../shared/clinical/lineage';
import { TPL, TPL_NAMES, type TemplateResult, type TemplatePopulation } from '../../../shared/clinical/alot-template';
import { ALOT_MARKERS } from '../../../shared/clinical/markers';

type Phenotype = Partial<Record<(typeof ALOT_MARKERS)[number], [fractionPositive: number, intensity: number]>>;

const NEG = 100;
const MATURE: Record<string, Phenotype> = {
  T_CELL: { cyCD3: [1, 8000], smCD3: [1, 6000], CD7: [1, 5000] },
  B_CELL: { CD19: [1, 5000], cyCD79a: [1, 4000] },
  GRANULOCYTE: { cyMPO: [1, 20000] },
};

/** Columns + template result: 300 T, 150 B, 1000 granulocytes, `blasts` blast events. */
function tube(blast: Phenotype, blasts = 1000): { cols: Record<string, Float64Array>; tpl: TemplateResult } {
  const groups: Array<[number, Phenotype, number]> = [[TPL.T_CELL, MATURE.T_CELL!, 300], [TPL.B_CELL, MATURE.B_CELL!, 150], [TPL.GRANULOCYTE, MATURE.GRANULOCYTE!, 1000], [TPL.BLAST, blast, blasts]];
  const n = groups.reduce((a, g) => a + g[2], 0);
  const labels = new Uint8Array(n);
  const cols: Record<string, Float64Array> = Object.fromEntries(ALOT_MARKERS.map((m) => [m, new Float64Array(n)]));
  let e = 0;
  for (const [code, ph, count] of groups) {
    for (let i = 0; i < count; i++, e++) {
      labels[e] = code;
      const jitter = 0.8 + 0.4 * ((i * 7919) % count) / count; // deterministic spread 0.8–1.2
      for (const m of ALOT_MARKERS) {
        const p = ph[m];
        cols[m]![e] = p && i < p[0] * count ? p[1] * jitter : NEG * jitter;
      }
    }
  }
  const counts = Object.fromEntries(TPL_NAMES.map((k) => [k, 0])) as Record<TemplatePopulation, number>;
  for (let i = 0; i < n; i++) counts[TPL_NAMES[labels[i]!]!]++;
  return { cols, tpl: { templateVersion: 'test', eventCount: n, labels, counts, exclusion: { doubletRatio: 0, debrisFsc: 0, debris: 0, doublets: 0, nucleated: n }, components: [], notes: [] } };
}

const suggest = (blast: Phenotype, blasts?: number) => { const t = tube(blast, blasts); return suggestLineage(t.cols, t.tpl); };

describe('lineage rules on exact phenotypes', () => {
  it('cyCD79a counts as positive from 10 % (cytoplasmic threshold)', () => {
    expect(suggest({ CD19: [0.9, 4000], cyCD79a: [0.12, 3000] }).category).toBe('PRE_B_ALL');
  });
  it('CD19 on 15 % of blasts is below the 20 % surface threshold: B markers discordant', () => {
    const s = suggest({ CD19: [0.15, 4000], cyCD79a: [0.9, 3000] });
    expect(s).toMatchObject({ category: 'UNDETERMINED', rule: { id: 'L9' } });
    expect(s.explanation[0]).toMatch(/B markers discordant/);
  });
  it('cyCD3+ without CD7 is UNDETERMINED: T lineage incomplete in ALOT', () => {
    expect(suggest({ cyCD3: [0.9, 6000] }).explanation[0]).toMatch(/T lineage incomplete/);
  });
  it('CD7+ blasts without cyCD3 or B markers are AML by rule L5', () => {
    expect(suggest({ CD7: [0.8, 4000], CD34: [0.9, 5000] }).rule.id).toBe('L5');
  });
  it('cyMPO on 10 % of blasts is enough for AML', () => {
    expect(suggest({ cyMPO: [0.1, 5000], CD34: [0.9, 5000] }).category).toBe('AML');
  });
  it('cyCD3+ CD7+ blasts with cyMPO are MPAL when cyCD3 is strong', () => {
    expect(suggest({ cyCD3: [0.9, 6000], CD7: [0.9, 8000], cyMPO: [0.5, 5000] }).category).toBe('MPAL');
  });
  it('dim cyCD3 (far below mature T cells) is not strong: myeloid blasts with it stay AML', () => {
    // 700 vs the T-cell median of 8000: positive over the ULN, not "approaching mature T cells".
    expect(suggest({ cyCD3: [0.9, 700], CD7: [0.9, 8000], cyMPO: [0.5, 5000] }).category).toBe('AML');
  });
  it('B blasts with cyMPO are MPAL only when CD19 and cyCD79a are both strong', () => {
    expect(suggest({ CD19: [0.9, 4000], cyCD79a: [0.9, 3000], cyMPO: [0.4, 5000] }).category).toBe('MPAL');
    expect(suggest({ CD19: [0.3, 4000], cyCD79a: [0.9, 3000], cyMPO: [0.4, 5000] }).category).toBe('AML');
  });
  it('CD34 on 79 % of B blasts is partly positive, on 80 % positive', () => {
    expect(suggest({ CD19: [1, 4000], cyCD79a: [0.9, 3000], CD34: [0.79, 5000] }).category).toBe('PRO_B_PRE_B_ALL');
    expect(suggest({ CD19: [1, 4000], cyCD79a: [0.9, 3000], CD34: [0.8, 5000] }).category).toBe('PRO_B_ALL');
  });
  it('CD34 is judged on the CD19+ blasts: CD34 on 72 % of the gate but on 80 % of its CD19+ part is Pro B', () => {
    // CD19 on the first 90 % of the gate, CD34 on the first 72 %: 72/90 = 80 % of the CD19+ blasts.
    expect(suggest({ CD19: [0.9, 4000], cyCD79a: [0.9, 3000], CD34: [0.72, 5000] }).category).toBe('PRO_B_ALL');
  });
  it('CD34 on 15 % of B blasts is CD34−', () => {
    expect(suggest({ CD19: [0.9, 4000], cyCD79a: [0.9, 3000], CD34: [0.15, 5000] }).category).toBe('PRE_B_ALL');
  });
  it('blasts without any ALOT lineage marker are UNDETERMINED', () => {
    expect(suggest({ CD34: [0.9, 5000] }).explanation[0]).toMatch(/no lineage marker/);
  });
  it('fewer blast events than the rule set minimum is NO_LEUKEMIA even at a high %', () => {
    expect(suggest({ CD19: [0.9, 4000], cyCD79a: [0.9, 3000] }, 90).category).toBe('NO_LEUKEMIA');
  });
});
