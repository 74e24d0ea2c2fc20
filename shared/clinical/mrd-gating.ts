// MRD from a gated tube: the numerator is the analyst's leukemic population (a Gating-ML gate id),
// the denominator the nucleated events (domain.md "MRD": all nucleated cells after removing
// debris and doublets). Denominator: a gate id given by the caller, or by default the ALOT
// template's scatter exclusion (debris + doublets) over all acquired events. In both cases the
// numerator is counted inside the denominator population, so a leukemic gate drawn without its
// own singlet/debris parents cannot count doublets or debris.
import type { FcsDataset } from '../fcs/types';
import { evaluate } from '../gating/evaluate';
import type { GatingStrategy } from '../gating/strategy';
import { CURRENT_RULE_SET } from './rules';
import type { RuleSet } from './rules';
import { mrdFromCounts, type MrdResult } from './mrd';
import { nucleatedByTemplate, prepareTube } from './pipeline';
import { TPL } from './alot-template';

export interface MrdGatingResult extends MrdResult {
  leukemicGateId: string;
  denominator: { source: 'gate'; gateId: string } | { source: 'template'; debrisFscA: number; doubletRatio: number; description: string };
  /** Events in the leukemic gate before intersecting with the denominator population. */
  leukemicGateEvents: number;
}

export class MrdGateError extends Error {
  constructor(public code: string, message: string, public gateId?: string) { super(message); }
}

export function mrdFromGating(
  ds: FcsDataset,
  strategy: GatingStrategy,
  opts: { leukemicId: string; nucleatedId?: string; rules?: RuleSet },
): MrdGatingResult {
  const rules = opts.rules ?? CURRENT_RULE_SET;
  for (const id of [opts.leukemicId, opts.nucleatedId]) {
    if (id !== undefined && !strategy.hasPopulation(id))
      throw new MrdGateError('MRD_GATE_UNKNOWN', `gate '${id}' is not in the gating file (populations: ${strategy.populationIds().join(', ')})`, id);
  }
  const result = evaluate(strategy, ds);
  const leuk = result.populations.get(opts.leukemicId)!;
  if (opts.nucleatedId !== undefined) {
    const nuc = result.populations.get(opts.nucleatedId)!;
    const inside = leuk.members.and(nuc.members).count;
    return {
      ...mrdFromCounts({ leukemicEvents: inside, nucleatedEvents: nuc.count, acquiredEvents: ds.eventCount }, rules),
      leukemicGateId: opts.leukemicId, leukemicGateEvents: leuk.count,
      denominator: { source: 'gate', gateId: opts.nucleatedId },
    };
  }
  const prepared = prepareTube(ds);
  const { nucleated, labels, exclusion } = nucleatedByTemplate(prepared.columns, ds.eventCount);
  let inside = 0;
  leuk.members.forEach((e) => { if (labels[e] === TPL.UNASSIGNED) inside++; });
  return {
    ...mrdFromCounts({ leukemicEvents: inside, nucleatedEvents: nucleated, acquiredEvents: ds.eventCount }, rules),
    leukemicGateId: opts.leukemicId, leukemicGateEvents: leuk.count,
    denominator: { source: 'template', debrisFscA: exclusion.debrisFsc, doubletRatio: exclusion.doubletRatio, description: Number.isFinite(exclusion.doubletRatio)
      ? 'all events after the ALOT template\'s debris (FSC-A valley) and doublet (FSC-H/FSC-A) exclusion'
      : 'all events after the ALOT template\'s debris (FSC-A valley) exclusion; doublets NOT excluded (no usable FSC-H/FSC-A or FSC-W values)' },
  };
}
