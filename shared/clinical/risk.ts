// Risk-group assignment (domain.md "Risk groups"; network paper, adapted from St. Jude Total XV).
// The rows are data in the rule set (rules/oncocrean-2025.ts); this engine only evaluates them in
// order. Missing inputs are "unknown": a row whose outcome depends on an unknown input stops the
// evaluation as `pending` instead of being skipped, so a later row can never decide by accident.
import { z } from 'zod';
import { CURRENT_RULE_SET } from './rules';
import type { RiskCondition, RiskField, RiskGroup, RiskRuleRow, RiskStage, RuleSet } from './rules';

/** Lab inputs; every field optional because they arrive over weeks (diagnosis, day 19, day 46). */
export const RiskInputSchema = z.object({
  dnaIndex: z.number().positive().max(3).optional(),
  etv6Runx1: z.boolean().optional(),
  bcrAbl1: z.boolean().optional(),
  mrdDay19Percent: z.number().min(0).max(100).optional(),
  mrdEndInductionPercent: z.number().min(0).max(100).optional(),
  ageYears: z.number().min(0).max(18).optional(),
  wbcPer1e9L: z.number().min(0).optional(),
  cnsStatus: z.enum(['CNS1', 'CNS2', 'CNS3']).optional(),
  lineage: z.enum(['B', 'T']).optional(),
}).strict();

export type RiskInput = z.infer<typeof RiskInputSchema>;

export interface RiskStageDecision {
  stage: RiskStage;
  /** null when pending. */
  group: RiskGroup | null;
  status: 'decided' | 'pending';
  /** The row that decided, or the row that is waiting for inputs. */
  ruleId: string;
  ruleText: string;
  ruleSource: string;
  /** Inputs the row read (as given; missing ones listed in `missing`). */
  inputsUsed: Partial<Record<RiskField, number | string | boolean>>;
  missing: RiskField[];
}

export interface RiskDecision {
  ruleSetVersion: string;
  provisional: RiskStageDecision;
  final: RiskStageDecision;
  inputs: RiskInput;
}

type Facts = Partial<Record<RiskField, number | string | boolean>>;
type Tri = true | false | null; // null = unknown

function fieldsOf(c: RiskCondition, out: Set<RiskField>): Set<RiskField> {
  if ('all' in c) c.all.forEach((x) => fieldsOf(x, out));
  else if ('any' in c) c.any.forEach((x) => fieldsOf(x, out));
  else if ('field' in c) out.add(c.field);
  return out;
}

function evalCondition(c: RiskCondition, facts: Facts): Tri {
  if ('always' in c) return true;
  if ('all' in c) {
    let unknown = false;
    for (const x of c.all) {
      const v = evalCondition(x, facts);
      if (v === false) return false;
      if (v === null) unknown = true;
    }
    return unknown ? null : true;
  }
  if ('any' in c) {
    let unknown = false;
    for (const x of c.any) {
      const v = evalCondition(x, facts);
      if (v === true) return true;
      if (v === null) unknown = true;
    }
    return unknown ? null : false;
  }
  const v = facts[c.field];
  if (v === undefined) return null;
  switch (c.op) {
    case '==': return v === c.value;
    case '>=': return (v as number) >= (c.value as number);
    case '>': return (v as number) > (c.value as number);
    case '<=': return (v as number) <= (c.value as number);
    case '<': return (v as number) < (c.value as number);
  }
}

function decideStage(stage: RiskStage, rows: RiskRuleRow[], facts: Facts): RiskStageDecision {
  const stageRows = rows.filter((r) => r.stage === stage);
  for (const row of stageRows) {
    const used = fieldsOf(row.when, new Set());
    const inputsUsed: Facts = {};
    const missing: RiskField[] = [];
    for (const f of used) {
      if (facts[f] === undefined) missing.push(f);
      else inputsUsed[f] = facts[f];
    }
    const v = evalCondition(row.when, facts);
    if (v === false) continue;
    return {
      stage, group: v ? row.group : null, status: v ? 'decided' : 'pending',
      ruleId: row.id, ruleText: row.text, ruleSource: row.source,
      inputsUsed, missing: v ? [] : missing,
    };
  }
  // A well-formed rule set ends each stage with a catch-all; reaching here is a rule-set defect.
  throw Object.assign(new Error(`rule set has no row that applies at stage ${stage}`), { code: 'RULESET_INCOMPLETE' });
}

/** Provisional group at diagnosis, then final group from MRD, with the rows that decided. */
export function assignRiskGroup(input: RiskInput, rules: RuleSet = CURRENT_RULE_SET): RiskDecision {
  const facts: Facts = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined) facts[k as RiskField] = v;
  const provisional = decideStage('provisional', rules.risk.rows, facts);
  // The final stage reads the provisional group as an input.
  const finalFacts: Facts = { ...facts };
  if (provisional.group) finalFacts.provisionalGroup = provisional.group;
  const final = decideStage('final', rules.risk.rows, finalFacts);
  return { ruleSetVersion: rules.version, provisional, final, inputs: input };
}

/** Validation failure with the offending field path, for the CLI and the API edge. */
export class RiskInputError extends Error {
  code = 'RISK_INPUT_INVALID';
  constructor(public field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

/** Parse untrusted JSON-shaped input; throws RiskInputError naming the first bad field. */
export function parseRiskInput(value: unknown): RiskInput {
  const r = RiskInputSchema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  let field = issue.path.join('.') || '(root)';
  // Unknown keys are reported by zod at the root; name the key itself.
  if (issue.code === 'unrecognized_keys') field = (issue as { keys: string[] }).keys.join(',');
  throw new RiskInputError(field, issue.message);
}
