// Registry of rule-set versions. A stored decision names its version; look it up here to re-read it.
import type { RuleSet } from './types';
import { ONCOCREAN_2025_1, ONCOCREAN_2025_2, ONCOCREAN_2025_3 } from './oncocrean-2025';

export type * from './types';
export { ONCOCREAN_2025_1, ONCOCREAN_2025_2, ONCOCREAN_2025_3 } from './oncocrean-2025';

export const RULE_SETS: Readonly<Record<string, RuleSet>> = {
  [ONCOCREAN_2025_1.version]: ONCOCREAN_2025_1,
  [ONCOCREAN_2025_2.version]: ONCOCREAN_2025_2,
  [ONCOCREAN_2025_3.version]: ONCOCREAN_2025_3,
};

/** The rule set applied to new decisions. */
export const CURRENT_RULE_SET: RuleSet = ONCOCREAN_2025_3;

export function ruleSet(version?: string): RuleSet {
  if (!version) return CURRENT_RULE_SET;
  const rs = RULE_SETS[version];
  if (!rs) throw Object.assign(new Error(`unknown rule set version '${version}' (known: ${Object.keys(RULE_SETS).join(', ')})`), { code: 'RULESET_UNKNOWN' });
  return rs;
}
