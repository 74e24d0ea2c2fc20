// `oncoflow classify FILE.fcs [--json]`: apply the ALOT template to a tube and print the lineage
// suggestion (issue #7). The suggestion is advice: the analyst confirms or overrides it in the app.
import { InputError, UsageError, parseArgs, type CliCommand } from '../command';
import { readFcsFile } from '../../electron/backend/fcs/file';
import { classifyDataset } from '../../shared/clinical/pipeline';
import { ruleSet } from '../../shared/clinical/rules';
import { CATEGORY_LABELS } from '../../shared/clinical/labels';
import type { MarkerFinding, Suggestion } from '../../shared/clinical/lineage';

const usage = `Usage: oncoflow classify FILE.fcs [--json] [--markers PnN=marker,...] [--rules VERSION]

Applies the EuroFlow ALOT template (debris/doublet exclusion, CD45/SSC blast gate fitted to the
data, internal T/B/granulocyte controls) and suggests a category:
PRO_B_ALL, PRO_B_PRE_B_ALL, PRE_B_ALL, T_ALL, AML, MPAL, NO_LEUKEMIA or UNDETERMINED.

  --json            print { category, blastPercent, markers, rule, ... } as JSON
  --markers LIST    correct the marker mapping, e.g. --markers "APC-A=CD7,V450-A=cyCD3"
  --rules VERSION   rule-set version (default: the current one)`;

/** "A=B,C=D" → { A: 'B', C: 'D' }. */
export function parseMarkerOverrides(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) throw new UsageError(`--markers expects PnN=marker pairs separated by commas (got '${part}')`);
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

const num = (x: number, d = 1): number | null => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);

function markerJson(m: MarkerFinding) {
  return {
    percentPositive: num(m.percentPositive), median: num(m.median, 0), medianOfPositive: num(m.medianOfPositive, 0), upperLimitOfNegative: num(m.upperLimitOfNegative, 0),
    call: m.call, cytoplasmic: m.cytoplasmic, thresholdPercent: m.thresholdPercent,
    negativeControl: m.negativeControl ? { population: m.negativeControl.population, events: m.negativeControl.events, median: num(m.negativeControl.median, 0) } : null,
    positiveControl: m.positiveControl ? { population: m.positiveControl.population, events: m.positiveControl.events, median: num(m.positiveControl.median, 0) } : null,
  };
}

export function suggestionJson(s: Suggestion, file?: string) {
  return {
    ...(file ? { file } : {}),
    category: s.category,
    label: CATEGORY_LABELS[s.category],
    blastPercent: num(s.blastPercent, 2),
    blastEvents: s.blastEvents,
    // The CD45-dim/SSC-low gate, and (rule sets from oncocrean-2025.3) the abnormal population the
    // threshold is applied to, with what was subtracted from the gate and why.
    blastGatePercent: num(s.blastGatePercent ?? s.blastPercent, 2),
    blastGateEvents: s.blastGateEvents ?? s.blastEvents,
    abnormalBlasts: s.abnormalBlasts ? {
      percent: num(s.abnormalBlasts.percent, 2), events: s.abnormalBlasts.events, arithmetic: s.abnormalBlasts.arithmetic,
      subtracted: s.abnormalBlasts.subtracted.map((x) => ({ population: x.population, events: x.events, percentNucleated: num(x.percentNucleated, 2), reason: x.reason })),
      added: s.abnormalBlasts.added.map((x) => ({ population: x.population, events: x.events, percentNucleated: num(x.percentNucleated, 2), reason: x.reason })),
    } : null,
    nucleatedEvents: s.nucleatedEvents,
    acquiredEvents: s.acquiredEvents,
    borderline: s.borderline,
    markers: Object.fromEntries(Object.entries(s.markers).map(([k, m]) => [k, markerJson(m)])),
    rule: `${s.rule.id}: ${s.rule.text}`,
    ruleId: s.rule.id,
    ruleSource: s.rule.source,
    explanation: s.explanation,
    populations: Object.fromEntries(Object.entries(s.populations).map(([k, p]) => [k, { events: p.events, percentNucleated: num(p.percentNucleated, 2) }])),
    ruleSetVersion: s.ruleSetVersion,
    templateVersion: s.templateVersion,
    // CD19+ blast-gate maturation pattern behind the hematogone rules L10/L11 (null: not measured).
    maturation: s.maturation ? { events: s.maturation.events, cd19VsCd45: num(s.maturation.cd19VsCd45, 2), cd34VsCd45: num(s.maturation.cd34VsCd45, 2) } : null,
    markerMapping: (s.markerMapping ?? []).map((m) => ({ parameter: m.name, marker: m.marker, canonical: m.canonical, confidence: m.confidence, source: m.source, ambiguous: m.ambiguous, reason: m.reason })),
  };
}

function human(s: Suggestion, file: string): string {
  const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
  const lines = [
    `${file}`,
    `Suggestion: ${s.category} (${CATEGORY_LABELS[s.category].en} / ${CATEGORY_LABELS[s.category].es})${s.borderline ? '  [borderline blast %: review]' : ''}`,
    `Rule ${s.rule.id}: ${s.rule.text}`,
    s.abnormalBlasts
      ? `Abnormal blasts: ${f(s.blastPercent, 2)} % (${s.blastEvents} of ${s.nucleatedEvents} nucleated; ${s.acquiredEvents} acquired); CD45-dim/SSC-low gate ${f(s.abnormalBlasts.gatePercent, 2)} % (${s.abnormalBlasts.gateEvents} events)`
      : `Blasts: ${f(s.blastPercent, 2)} % (${s.blastEvents} of ${s.nucleatedEvents} nucleated; ${s.acquiredEvents} acquired)`,
    ...(s.abnormalBlasts?.added ?? []).map((x) => `  + ${x.population} ${f(x.percentNucleated, 2)} % (${x.events} events): ${x.reason}`),
    ...(s.abnormalBlasts?.subtracted ?? []).map((x) => `  − ${x.population} ${f(x.percentNucleated, 2)} % (${x.events} events): ${x.reason}`),
    '',
    'Marker    % pos   blast median   ULN (neg ctrl)        pos ctrl median   call',
    ...Object.values(s.markers).map((m) =>
      `${m.marker.padEnd(8)} ${f(m.percentPositive).padStart(6)}  ${f(m.median, 0).padStart(13)}   ${f(m.upperLimitOfNegative, 0).padStart(7)} ${(m.negativeControl?.population ?? '-').padEnd(14)} ${(m.positiveControl ? f(m.positiveControl.median, 0) + ' ' + m.positiveControl.population : '-').padEnd(18)} ${m.call}`),
    '',
    ...s.explanation.map((e) => `- ${e}`),
    `Rule set ${s.ruleSetVersion}, template ${s.templateVersion}. A suggestion: the analyst confirms or overrides it.`,
  ];
  const amb = (s.markerMapping ?? []).filter((m) => m.ambiguous);
  if (amb.length) lines.push(`Marker mapping to confirm: ${amb.map((m) => `${m.name} → ${m.canonical ?? '?'} (${m.reason})`).join('; ')}`);
  return lines.join('\n') + '\n';
}

export const command: CliCommand = {
  name: 'classify',
  summary: 'suggest the leukemia category of an ALOT tube (lineage, blast %, markers vs internal controls)',
  usage,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { strings: ['markers', 'rules'], booleans: ['json'] });
    if (positionals.length !== 1) throw new UsageError('give exactly one FCS file');
    const file = positionals[0]!;
    const rules = ruleSet(typeof flags.rules === 'string' ? flags.rules : undefined);
    const overrides = typeof flags.markers === 'string' ? parseMarkerOverrides(flags.markers) : {};
    const ds = readFcsFile(file);
    if (ds.eventCount === 0) throw new InputError('CLASSIFY_EMPTY', `${file} holds no events`);
    const { suggestion } = classifyDataset(ds, { markerOverrides: overrides, rules });
    io.stdout(flags.json ? JSON.stringify(suggestionJson(suggestion, file), null, 2) + '\n' : human(suggestion, file));
    return 0;
  },
};
