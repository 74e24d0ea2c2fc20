import { describe, expect, it } from 'vitest';
import { classifyDataset } from '../../../shared/clinical/pipeline';
import { parseFcs } from '../../../shared/fcs/parse';
import { generateAlotTube, tubeToFcs } from '../../../shared/synthetic';

// A tube with too few events must never be reported as "no leukemia": that is a lack of data,
// not a finding (review finding: a 61 % blast tube of 150 events was called NO_LEUKEMIA).
describe('insufficient events', () => {
  it('calls a leukemic tube of 150 events UNDETERMINED by rule L0c, not NO_LEUKEMIA', () => {
    const tube = generateAlotTube({ seed: 3, category: 'T_ALL', blastPercent: 60, events: 150, instrument: 'canto' });
    const s = classifyDataset(parseFcs(tubeToFcs(tube))).suggestion;
    expect(s.category).toBe('UNDETERMINED');
    expect(s.rule.id).toBe('L0c');
    expect(s.explanation[0]).toMatch(/nucleated events/);
  });

  it('still calls a normal marrow of adequate size NO_LEUKEMIA by rule L1', () => {
    const tube = generateAlotTube({ seed: 3, category: 'NO_LEUKEMIA', blastPercent: 0, events: 30_000, instrument: 'canto' });
    const s = classifyDataset(parseFcs(tubeToFcs(tube))).suggestion;
    expect(s.category).toBe('NO_LEUKEMIA');
    expect(s.rule.id).toBe('L1');
  });
});
