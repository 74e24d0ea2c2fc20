// Regenerating / hematogone-rich marrow (normal B-cell precursors 5–30 %) must not be called B-ALL
// from the ALOT tube (issue #7 follow-up): rules L10/L11 of rule set oncocrean-2025.2.
import { describe, expect, it } from 'vitest';
import { generateAlotTube, tubeToFcs, type AlotTubeOptions } from '../../../shared/synthetic';
import { parseFcs } from '../../../shared/fcs/parse';
import { classifyDataset } from '../../../shared/clinical/pipeline';
import { ONCOCREAN_2025_1, ONCOCREAN_2025_2, type RuleSet } from '../../../shared/clinical/rules';

const regenerating: AlotTubeOptions = { seed: 1, category: 'NO_LEUKEMIA', hematogonePercent: 28, difficulty: 'realistic', events: 30_000 };
const classify = (o: AlotTubeOptions, rules?: RuleSet) => classifyDataset(parseFcs(tubeToFcs(generateAlotTube(o))), rules ? { rules } : {}).suggestion;

describe('hematogone-rich marrow', () => {
  it('a regenerating marrow with 28 % hematogones is NO_LEUKEMIA by rule L10 although its CD45-dim gate exceeds 20 %', () => {
    const s = classify(regenerating);
    expect(s.blastPercent).toBeGreaterThan(20);
    expect(s).toMatchObject({ category: 'NO_LEUKEMIA', rule: { id: 'L10' } });
  });
  it('says why and what to do: the maturation pattern and "confirm with BCP-ALL panel"', () => {
    const s = classify(regenerating);
    expect(s.explanation[0]).toMatch(/CD19 rises with CD45/);
    expect(s.explanation[0]).toMatch(/possible regenerating marrow \/ hematogones: confirm with BCP-ALL panel/);
  });
  it('measures CD19 rising and CD34 falling with CD45 on hematogones, and neither on a B-ALL cluster', () => {
    const hem = classify(regenerating).maturation!;
    const all = classify({ seed: 1, category: 'PRE_B_ALL', blastPercent: 25, difficulty: 'realistic', events: 30_000 }).maturation!;
    expect(hem.cd19VsCd45).toBeGreaterThan(0.5);
    expect(hem.cd34VsCd45).toBeLessThan(-0.4);
    expect(Math.abs(all.cd19VsCd45)).toBeLessThan(0.2);
  });
  it('still calls a realistic Pre B-ALL at 25 % blasts', () => {
    expect(classify({ seed: 2, category: 'PRE_B_ALL', blastPercent: 25, difficulty: 'realistic', events: 30_000 }).category).toBe('PRE_B_ALL');
  });
  it('returns UNDETERMINED (L11) when the pattern passes only the "possible" limits', () => {
    const strictClear: RuleSet = {
      ...ONCOCREAN_2025_2,
      lineage: { ...ONCOCREAN_2025_2.lineage, hematogonePattern: { ...ONCOCREAN_2025_2.lineage.hematogonePattern!, clearMinCd19VsCd45: 0.99 } },
    };
    const s = classify(regenerating, strictClear);
    expect(s).toMatchObject({ category: 'UNDETERMINED', rule: { id: 'L11' } });
    expect(s.explanation[0]).toMatch(/confirm with BCP-ALL panel/);
  });
  it('rule set 2025.1 has no hematogone check, so a decision re-read against it keeps its B-ALL call', () => {
    expect(ONCOCREAN_2025_1.lineage.hematogonePattern).toBeUndefined();
    expect(['PRE_B_ALL', 'PRO_B_PRE_B_ALL', 'PRO_B_ALL']).toContain(classify(regenerating, ONCOCREAN_2025_1).category);
  });
  it('flags the hematogone pattern on a NO_LEUKEMIA tube below 20 % too', () => {
    const s = classify({ seed: 3, category: 'NO_LEUKEMIA', hematogonePercent: 15, difficulty: 'realistic', events: 30_000 });
    expect(s).toMatchObject({ category: 'NO_LEUKEMIA', rule: { id: 'L1' } });
    expect(s.explanation.join(' ')).toMatch(/hematogones: confirm with BCP-ALL panel/);
  });
});
