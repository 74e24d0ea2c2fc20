// Every risk row of domain.md ("Risk groups", network paper adapted from Total XV) has a test here;
// the last test checks that no row of the current rule set is left without one.
import { describe, expect, it } from 'vitest';
import { assignRiskGroup, parseRiskInput, RiskInputError, type RiskInput } from '../../../shared/clinical/risk';
import { CURRENT_RULE_SET, ruleSet, type RuleSet } from '../../../shared/clinical/rules';

const covered = new Set<string>();
function decide(input: RiskInput, rules?: RuleSet) {
  const d = assignRiskGroup(input, rules);
  covered.add(d.provisional.ruleId);
  covered.add(d.final.ruleId);
  return d;
}

describe('provisional risk at diagnosis', () => {
  it('P1: t(9;22) BCR-ABL1 is high risk', () => {
    const d = decide({ bcrAbl1: true, dnaIndex: 1.0, etv6Runx1: false });
    expect(d.provisional).toMatchObject({ group: 'HIGH', ruleId: 'P1', status: 'decided' });
  });
  it('P1: BCR-ABL1 wins over a favourable DNA index', () => {
    expect(decide({ bcrAbl1: true, dnaIndex: 1.3 }).provisional.group).toBe('HIGH');
  });
  it('P2: a DNA index of exactly 1.16 is provisionally low risk', () => {
    const d = decide({ bcrAbl1: false, dnaIndex: 1.16 });
    expect(d.provisional).toMatchObject({ group: 'LOW', ruleId: 'P2' });
  });
  it('P2: t(12;21) ETV6-RUNX1 is provisionally low risk', () => {
    expect(decide({ bcrAbl1: false, etv6Runx1: true, dnaIndex: 1.0 }).provisional).toMatchObject({ group: 'LOW', ruleId: 'P2' });
  });
  it('P3: a DNA index of 1.15 without ETV6-RUNX1 or BCR-ABL1 is provisionally standard risk', () => {
    expect(decide({ bcrAbl1: false, etv6Runx1: false, dnaIndex: 1.15 }).provisional).toMatchObject({ group: 'STANDARD', ruleId: 'P3' });
  });
  it('stays pending while BCR-ABL1 is unknown, naming the missing input', () => {
    const d = decide({ dnaIndex: 1.0, etv6Runx1: false });
    expect(d.provisional).toMatchObject({ status: 'pending', group: null, ruleId: 'P1', missing: ['bcrAbl1'] });
    expect(d.final.status).toBe('pending');
  });
  it('stays pending when neither DNA index nor ETV6-RUNX1 is known', () => {
    expect(decide({ bcrAbl1: false }).provisional).toMatchObject({ status: 'pending', ruleId: 'P2' });
  });
});

describe('final risk from MRD', () => {
  const low = { bcrAbl1: false, etv6Runx1: true } as const;
  const std = { bcrAbl1: false, etv6Runx1: false, dnaIndex: 1.0 } as const;
  it('F1: BCR-ABL1 remains high risk even with negative MRD', () => {
    const d = decide({ bcrAbl1: true, mrdDay19Percent: 0, mrdEndInductionPercent: 0 });
    expect(d.final).toMatchObject({ group: 'HIGH', ruleId: 'F1' });
  });
  it('F2: MRD ≥ 1 % after induction is high risk', () => {
    expect(decide({ ...low, mrdDay19Percent: 5, mrdEndInductionPercent: 1 }).final).toMatchObject({ group: 'HIGH', ruleId: 'F2' });
  });
  it('F2: decides high risk even before the day-19 value is entered', () => {
    expect(decide({ ...std, mrdEndInductionPercent: 2.5 }).final).toMatchObject({ group: 'HIGH', ruleId: 'F2', status: 'decided' });
  });
  it('F3: MRD ≥ 1 % on day 19 is standard risk (provisionally low becomes standard)', () => {
    expect(decide({ ...low, mrdDay19Percent: 1, mrdEndInductionPercent: 0.01 }).final).toMatchObject({ group: 'STANDARD', ruleId: 'F3' });
  });
  it('F4: end-of-induction MRD of 0.10 % is standard risk', () => {
    expect(decide({ ...low, mrdDay19Percent: 0.5, mrdEndInductionPercent: 0.1 }).final).toMatchObject({ group: 'STANDARD', ruleId: 'F4' });
  });
  it('F4: end-of-induction MRD of 0.99 % is standard risk', () => {
    expect(decide({ ...low, mrdDay19Percent: 0.5, mrdEndInductionPercent: 0.99 }).final).toMatchObject({ group: 'STANDARD', ruleId: 'F4' });
  });
  it('F5: provisionally low risk stays low with day-19 MRD < 1 % and end-of-induction MRD < 0.10 %', () => {
    const d = decide({ ...low, mrdDay19Percent: 0.99, mrdEndInductionPercent: 0.099 });
    expect(d.final).toMatchObject({ group: 'LOW', ruleId: 'F5' });
    expect(d.final.inputsUsed).toEqual({ provisionalGroup: 'LOW', mrdDay19Percent: 0.99, mrdEndInductionPercent: 0.099 });
  });
  it('F5: provisionally low risk waits for the day-19 MRD before staying low', () => {
    expect(decide({ ...low, mrdEndInductionPercent: 0.01 }).final).toMatchObject({ status: 'pending', ruleId: 'F3', missing: ['mrdDay19Percent'] });
  });
  it('F6: provisionally standard risk with low MRD stays standard (no row lowers it)', () => {
    expect(decide({ ...std, mrdDay19Percent: 0.2, mrdEndInductionPercent: 0.001 }).final).toMatchObject({ group: 'STANDARD', ruleId: 'F6' });
  });
});

describe('decisions and rule sets', () => {
  it('records the rule-set version, the inputs and the deciding row text', () => {
    const d = decide({ bcrAbl1: false, dnaIndex: 1.2, mrdDay19Percent: 0.1, mrdEndInductionPercent: 0.01 });
    expect(d.ruleSetVersion).toBe('oncocrean-2025.3');
    expect(d.inputs.dnaIndex).toBe(1.2);
    expect(d.provisional.ruleText).toMatch(/DNA index ≥ 1.16/);
    expect(d.provisional.ruleSource).toMatch(/10\.3389\/fonc\.2024\.1304640/);
  });
  it('a new rule-set version can add a criterion (Total XV end-of-induction MRD ≥ 0.01 %) without touching the engine', () => {
    const v2: RuleSet = {
      ...CURRENT_RULE_SET, version: 'test-total-xv',
      risk: { rows: CURRENT_RULE_SET.risk.rows.flatMap((r) => r.id === 'F4'
        ? [r, { id: 'X1', stage: 'final' as const, group: 'STANDARD' as const, when: { field: 'mrdEndInductionPercent' as const, op: '>=' as const, value: 0.01 }, text: 'EOI MRD ≥ 0.01 % → standard', source: 'Pui et al., NEJM 2009' }]
        : [r]) },
    };
    const d = assignRiskGroup({ bcrAbl1: false, etv6Runx1: true, mrdDay19Percent: 0.1, mrdEndInductionPercent: 0.05 }, v2);
    expect(d.final).toMatchObject({ group: 'STANDARD', ruleId: 'X1' });
    expect(d.ruleSetVersion).toBe('test-total-xv');
  });
  it('an unknown rule-set version is refused with a code', () => {
    expect(() => ruleSet('nope')).toThrow(expect.objectContaining({ code: 'RULESET_UNKNOWN' }));
  });
  it('bad input names the offending field', () => {
    expect(() => parseRiskInput({ dnaIndex: 'high' })).toThrow(RiskInputError);
    expect(() => parseRiskInput({ dnaIndex: 'high' })).toThrow(/^dnaIndex:/);
    expect(() => parseRiskInput({ mrdDay19Percent: -1 })).toThrow(/^mrdDay19Percent:/);
  });
  it('unknown input keys are refused by name', () => {
    expect(() => parseRiskInput({ bcrabl: true })).toThrow(/^bcrabl:/);
  });
  it('every risk row of the current rule set is exercised by a test above', () => {
    const ids = CURRENT_RULE_SET.risk.rows.map((r) => r.id);
    expect(ids.filter((id) => !covered.has(id))).toEqual([]);
  });
});
