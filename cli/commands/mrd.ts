// `oncoflow mrd FILE.fcs --gates GATES.xml --leukemic ID [--nucleated ID] [--json]`: MRD % with its
// LOD/LLOQ status and the events behind it (domain.md "MRD"; Flores-Montero et al., Leukemia 2017).
import fs from 'node:fs';
import { InputError, UsageError, parseArgs, type CliCommand } from '../command';
import { readFcsFile } from '../../electron/backend/fcs/file';
import { readGatingML } from '../../shared/gating/gatingml/read';
import { mrdFromGating, type MrdGatingResult } from '../../shared/clinical/mrd-gating';
import { ruleSet } from '../../shared/clinical/rules';
import { MRD_STATUS_LABELS } from '../../shared/clinical/labels';

const usage = `Usage: oncoflow mrd FILE.fcs --gates GATES.xml --leukemic ID [--nucleated ID] [--json] [--rules VERSION]

MRD % = leukemic events / nucleated events × 100, reported as a value (≥ LLOQ = 50 events),
"detected, below LLOQ" (20–49 events) or "not detected (< LOD)" (< 20 events), with the
sensitivity the acquired events allow.

  --gates FILE      Gating-ML 2.0 file with the analyst's gates
  --leukemic ID     population id of the leukemic cells
  --nucleated ID    population id of the denominator. Default: all events after the ALOT
                    template's debris (FSC-A density valley) and doublet (FSC-H/FSC-A) exclusion,
                    i.e. viable CD45+ and CD45− nucleated events. The leukemic count is always
                    taken inside the denominator population.
  --json            machine-readable output`;

export function mrdJson(r: MrdGatingResult, file: string) {
  return {
    file, status: r.status, label: MRD_STATUS_LABELS[r.status], mrdPercent: r.mrdPercent,
    reportedValue: r.status === 'quantified' ? r.mrdPercent : null,
    leukemicEvents: r.leukemicEvents, nucleatedEvents: r.nucleatedEvents, acquiredEvents: r.acquiredEvents,
    leukemicGateEvents: r.leukemicGateEvents, leukemicGateId: r.leukemicGateId,
    lodEvents: r.lodEvents, lloqEvents: r.lloqEvents, lodPercent: r.lodPercent, lloqPercent: r.lloqPercent,
    sensitivity: r.sensitivity, denominator: r.denominator, statement: r.statement, ruleSetVersion: r.ruleSetVersion,
  };
}

export const command: CliCommand = {
  name: 'mrd',
  summary: 'measurable residual disease % with LOD/LLOQ status from a gated tube',
  usage,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { strings: ['gates', 'leukemic', 'nucleated', 'rules'], booleans: ['json'] });
    if (positionals.length !== 1) throw new UsageError('give exactly one FCS file');
    if (typeof flags.gates !== 'string') throw new UsageError('--gates GATES.xml is required');
    if (typeof flags.leukemic !== 'string') throw new UsageError('--leukemic ID is required');
    const file = positionals[0]!;
    const rules = ruleSet(typeof flags.rules === 'string' ? flags.rules : undefined);
    let xml: string;
    try { xml = fs.readFileSync(flags.gates, 'utf8'); }
    catch (e) { throw new InputError('MRD_GATES_IO', `cannot read ${flags.gates}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`); }
    const strategy = readGatingML(xml);
    const ds = readFcsFile(file);
    const r = mrdFromGating(ds, strategy, {
      leukemicId: flags.leukemic, rules,
      ...(typeof flags.nucleated === 'string' ? { nucleatedId: flags.nucleated } : {}),
    });
    if (flags.json) { io.stdout(JSON.stringify(mrdJson(r, file), null, 2) + '\n'); return 0; }
    const den = r.denominator.source === 'gate' ? `gate '${r.denominator.gateId}'` : r.denominator.description;
    io.stdout([
      file,
      r.statement,
      `Status: ${MRD_STATUS_LABELS[r.status].en} / ${MRD_STATUS_LABELS[r.status].es}`,
      `Leukemic gate '${r.leukemicGateId}': ${r.leukemicGateEvents} events, ${r.leukemicEvents} inside the denominator`,
      `Denominator: ${r.nucleatedEvents} nucleated events (${den})`,
      `LOD ${r.lodEvents} events = ${r.lodPercent.toPrecision(2)} %, LLOQ ${r.lloqEvents} events = ${r.lloqPercent.toPrecision(2)} %, sensitivity ${r.sensitivity.toExponential(1)}`,
      `Rule set ${r.ruleSetVersion}`,
      '',
    ].join('\n'));
    return 0;
  },
};
