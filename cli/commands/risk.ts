// `oncoflow risk --json-input FILE [--json]`: provisional and final risk group from the lab inputs,
// by the versioned network rules (domain.md "Risk groups"), with the row that decided.
import fs from 'node:fs';
import { InputError, UsageError, parseArgs, type CliCommand } from '../command';
import { assignRiskGroup, parseRiskInput, type RiskStageDecision } from '../../shared/clinical/risk';
import { ruleSet } from '../../shared/clinical/rules';
import { DECISION_LABELS, RISK_GROUP_LABELS } from '../../shared/clinical/labels';

const usage = `Usage: oncoflow risk --json-input FILE [--json] [--rules VERSION]

FILE holds the inputs known so far, e.g.
  { "dnaIndex": 1.2, "etv6Runx1": false, "bcrAbl1": false,
    "mrdDay19Percent": 0.5, "mrdEndInductionPercent": 0.005 }
Fields: dnaIndex, etv6Runx1, bcrAbl1, mrdDay19Percent, mrdEndInductionPercent (MRD in %),
ageYears, wbcPer1e9L, cnsStatus (CNS1|CNS2|CNS3), lineage (B|T). Missing inputs leave a stage pending.`;

function stageLine(d: RiskStageDecision): string {
  const g = d.group ? `${d.group} (${RISK_GROUP_LABELS[d.group].en} / ${RISK_GROUP_LABELS[d.group].es})` : `pending (${DECISION_LABELS.pending.en}): needs ${d.missing.join(', ')}`;
  const used = Object.entries(d.inputsUsed).map(([k, v]) => `${k}=${String(v)}`).join(', ') || 'none';
  return `${d.stage.padEnd(11)} ${g}\n            rule ${d.ruleId}: ${d.ruleText}\n            inputs: ${used}`;
}

export const command: CliCommand = {
  name: 'risk',
  summary: 'risk group (provisional at diagnosis, final from MRD) by the network rules',
  usage,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { strings: ['json-input', 'rules'], booleans: ['json'] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const file = flags['json-input'];
    if (typeof file !== 'string') throw new UsageError('--json-input FILE is required');
    const rules = ruleSet(typeof flags.rules === 'string' ? flags.rules : undefined);
    let text: string;
    try { text = fs.readFileSync(file, 'utf8'); }
    catch (e) { throw new InputError('RISK_INPUT_IO', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`); }
    let value: unknown;
    try { value = JSON.parse(text); }
    catch (e) { throw new InputError('RISK_INPUT_JSON', `${file} is not valid JSON: ${(e as Error).message}`); }
    const input = parseRiskInput(value); // RiskInputError (code RISK_INPUT_INVALID) names the field
    const d = assignRiskGroup(input, rules);
    if (flags.json) { io.stdout(JSON.stringify(d, null, 2) + '\n'); return 0; }
    io.stdout(`Rule set ${d.ruleSetVersion}\n${stageLine(d.provisional)}\n${stageLine(d.final)}\n`);
    return 0;
  },
};
