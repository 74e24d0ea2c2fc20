// Pure display helpers of the lineage panel (renderer/features/interpretation/view.ts): the split
// between blast gate and abnormal blasts, why nothing was subtracted, and the population order.
import { describe, expect, it } from 'vitest';
import { blastGateSplit, nothingSubtractedReason, orderedPopulations } from '../../../renderer/features/interpretation/view';

describe('blastGateSplit', () => {
  const v = 'oncocrean-2025.3'; // WHO threshold 20 %

  it('reports the split when the gate is over the threshold and the abnormal blasts under it', () => {
    expect(blastGateSplit({ blastGatePercent: 21.4, blastPercent: 15.3, ruleSetVersion: v })).toEqual({ gate: 21.4, abnormal: 15.3, threshold: 20 });
  });

  it('reports the split when the abnormal blasts are over the threshold and the gate under it', () => {
    expect(blastGateSplit({ blastGatePercent: 19.9, blastPercent: 20.2, ruleSetVersion: v })).toEqual({ gate: 19.9, abnormal: 20.2, threshold: 20 });
  });

  it('returns null when both are on the same side of the threshold', () => {
    expect(blastGateSplit({ blastGatePercent: 45, blastPercent: 40, ruleSetVersion: v })).toBeNull();
    expect(blastGateSplit({ blastGatePercent: 12, blastPercent: 8, ruleSetVersion: v })).toBeNull();
  });

  it('counts a value equal to the threshold as reaching it (≥ 20 %)', () => {
    expect(blastGateSplit({ blastGatePercent: 20, blastPercent: 19.99, ruleSetVersion: v })).toEqual({ gate: 20, abnormal: 19.99, threshold: 20 });
    expect(blastGateSplit({ blastGatePercent: 22, blastPercent: 20, ruleSetVersion: v })).toBeNull();
  });

  it('returns null for a suggestion stored before the gate % was recorded', () => {
    expect(blastGateSplit({ blastPercent: 25, ruleSetVersion: 'oncocrean-2025.2' })).toBeNull();
  });

  it('returns null when the recorded gate % is not a finite number', () => {
    expect(blastGateSplit({ blastGatePercent: NaN, blastPercent: 25, ruleSetVersion: v })).toBeNull();
  });

  it('uses the WHO 20 % threshold when the rule set is unknown', () => {
    expect(blastGateSplit({ blastGatePercent: 20.5, blastPercent: 19.5, ruleSetVersion: 'unknown-rules' })).toEqual({ gate: 20.5, abnormal: 19.5, threshold: 20 });
  });
});

describe('nothingSubtractedReason', () => {
  describe('from the recorded reason code', () => {
    it('reads CONTROL_FAILED as NO_CONTROL with the markers joined', () => {
      expect(nothingSubtractedReason({ arithmetic: 'anything', nothingSubtracted: { reasonCode: 'CONTROL_FAILED', markers: ['CD19', 'CD7'] } }))
        .toEqual({ code: 'NO_CONTROL', markers: 'CD19, CD7' });
    });

    it('reads a missing control (NO_CONTROL) the same way as a failed one', () => {
      expect(nothingSubtractedReason({ arithmetic: 'anything', nothingSubtracted: { reasonCode: 'NO_CONTROL', markers: ['CD34'] } }))
        .toEqual({ code: 'NO_CONTROL', markers: 'CD34' });
    });

    it('reads NO_LINEAGE', () => {
      expect(nothingSubtractedReason({ arithmetic: 'anything', nothingSubtracted: { reasonCode: 'NO_LINEAGE', markers: [] } })).toEqual({ code: 'NO_LINEAGE' });
    });

    it('prefers the code over a differently worded arithmetic line', () => {
      const arithmetic = 'blast gate 30.0 %: no valid internal control for cyMPO, nothing subtracted';
      expect(nothingSubtractedReason({ arithmetic, nothingSubtracted: { reasonCode: 'NO_LINEAGE', markers: [] } })).toEqual({ code: 'NO_LINEAGE' });
    });

    it('falls back to the arithmetic line for a code it does not know', () => {
      const arithmetic = 'blast gate 30.0 %: no lineage called on the gate, nothing subtracted';
      expect(nothingSubtractedReason({ arithmetic, nothingSubtracted: { reasonCode: 'SOMETHING_NEWER', markers: [] } })).toEqual({ code: 'NO_LINEAGE' });
      expect(nothingSubtractedReason({ arithmetic: 'newer wording', nothingSubtracted: { reasonCode: 'SOMETHING_NEWER', markers: [] } })).toBeNull();
    });

    it('does not report a control reason that names no marker', () => {
      expect(nothingSubtractedReason({ arithmetic: 'newer wording', nothingSubtracted: { reasonCode: 'CONTROL_FAILED', markers: [] } })).toBeNull();
    });
  });

  describe('from the arithmetic line of a suggestion stored before the code', () => {
    it('reads a failed control with its markers', () => {
      expect(nothingSubtractedReason('blast gate 52.1 %: no valid internal control for cyMPO, CD7, nothing subtracted')).toEqual({ code: 'NO_CONTROL', markers: 'cyMPO, CD7' });
    });

    it('reads a missing control (worded without "valid")', () => {
      expect(nothingSubtractedReason('blast gate 52.1 %: no internal control for CD34, nothing subtracted')).toEqual({ code: 'NO_CONTROL', markers: 'CD34' });
    });

    it('reads no lineage called on the gate', () => {
      expect(nothingSubtractedReason('blast gate 3.2 %: no lineage called on the gate, nothing subtracted')).toEqual({ code: 'NO_LINEAGE' });
    });

    it('parses the line of a stored object without the code field', () => {
      expect(nothingSubtractedReason({ arithmetic: 'blast gate 3.2 %: no lineage called on the gate, nothing subtracted' })).toEqual({ code: 'NO_LINEAGE' });
    });

    it('returns null for a subtraction arithmetic line', () => {
      expect(nothingSubtractedReason('blast gate (CD45 dim, SSC low) 22.4 % − NK cells 1.8 % = abnormal blasts 20.6 % of 50000 nucleated events')).toBeNull();
    });
  });
});

describe('orderedPopulations', () => {
  const pops = (...names: string[]) => names.map((name, i) => ({ name, events: i, percentNucleated: i }));

  it('moves the blast gate right before the abnormal blasts', () => {
    expect(orderedPopulations(pops('LYMPHOCYTE', 'BLAST', 'MONOCYTE', 'BLAST_GATE')).map((p) => p.name)).toEqual(['LYMPHOCYTE', 'BLAST_GATE', 'BLAST', 'MONOCYTE']);
  });

  it('keeps the same population objects, each once', () => {
    const input = pops('BLAST_GATE', 'LYMPHOCYTE', 'BLAST');
    const out = orderedPopulations(input);
    expect(out).toHaveLength(3);
    expect(out[1]).toBe(input[0]);
    expect(out[2]).toBe(input[2]);
  });

  it('leaves populations without a blast gate in their order (suggestions before 2025.3)', () => {
    expect(orderedPopulations(pops('BLAST', 'LYMPHOCYTE', 'MONOCYTE')).map((p) => p.name)).toEqual(['BLAST', 'LYMPHOCYTE', 'MONOCYTE']);
  });

  it('leaves the blast gate where it is when there is no abnormal blast row', () => {
    expect(orderedPopulations(pops('LYMPHOCYTE', 'BLAST_GATE')).map((p) => p.name)).toEqual(['LYMPHOCYTE', 'BLAST_GATE']);
  });

  it('returns a new array and does not reorder the input', () => {
    const input = pops('BLAST', 'BLAST_GATE');
    const out = orderedPopulations(input);
    expect(out).not.toBe(input);
    expect(input.map((p) => p.name)).toEqual(['BLAST', 'BLAST_GATE']);
  });
});
