// From a parsed FCS data set to the clinical analyses — the same path for the CLI, the backend
// and the tests: marker mapping (markers.ts) → compensation with the file's spillover
// (shared/compensation) → canonical float64 columns → ALOT template → lineage suggestion.
import { compensateDataset } from '../compensation/compensate';
import { scaledColumn } from '../fcs/scale';
import type { FcsDataset, Spillover } from '../fcs/types';
import { CURRENT_RULE_SET } from './rules';
import type { RuleSet } from './rules';
import { mapMarkers, type MarkerMapping } from './markers';
import { applyAlotTemplate, excludeDebrisAndDoublets, type AlotColumns, type ScatterExclusion, type TemplateOptions, type TemplateResult } from './alot-template';
import { suggestLineage, type Suggestion } from './lineage';

export interface PreparedTube {
  eventCount: number;
  /** Canonical name → compensated (fluorescence) or scaled (scatter) linear values. */
  columns: Record<string, Float64Array>;
  mapping: MarkerMapping[];
  compensated: boolean;
  /** Why fluorescence is not compensated (null when it is): a code for programs, a sentence for people. */
  uncompensated: UncompensatedReason | null;
  notes: string[];
}

export interface UncompensatedReason {
  code: 'UNCOMPENSATED' | 'SPILLOVER_REJECTED' | 'INSTRUMENT_COMPENSATED';
  message: string;
}

/**
 * Why a data set's fluorescence was not compensated: no matrix, a matrix the reader REJECTED (the
 * analyst must know compensation was dropped), or Beckman FCS 2.0 list mode whose $DFCiTOj values
 * the instrument already applied (shared/fcs/README.md, "Spillover").
 */
export function uncompensatedReason(ds: FcsDataset): UncompensatedReason {
  if (ds.warnings.some((w) => w.code === 'DFC_COMPENSATION_APPLIED'))
    return { code: 'INSTRUMENT_COMPENSATED', message: 'fluorescence already compensated by the instrument (Beckman $DFC keywords)' };
  const rejected = ds.warnings.find((w) => w.code === 'SPILLOVER_INVALID');
  if (rejected)
    return { code: 'SPILLOVER_REJECTED', message: `the file's spillover matrix was REJECTED (${rejected.message}): fluorescence used uncompensated; review before reporting` };
  return { code: 'UNCOMPENSATED', message: 'the file carries no spillover matrix: fluorescence used uncompensated' };
}

export interface PrepareOptions {
  /** Analyst corrections, $PnN → canonical marker. */
  markerOverrides?: Record<string, string>;
  /** Replace the file's spillover (null = do not compensate). */
  spillover?: Spillover | null;
}

export function prepareTube(ds: FcsDataset, opts: PrepareOptions = {}): PreparedTube {
  const mapping = mapMarkers(ds.parameters, opts.markerOverrides);
  const comp = compensateDataset(ds, opts.spillover);
  const compensatedByIndex = new Map<number, Float64Array>();
  comp.channels.forEach((p, i) => compensatedByIndex.set(p, comp.columns[i]!));
  const columns: Record<string, Float64Array> = {};
  const seen = new Set<string>();
  for (const m of mapping) {
    if (!m.canonical || seen.has(m.canonical)) continue; // duplicates: first wins, mapping shows the ambiguity
    seen.add(m.canonical);
    const compensated = compensatedByIndex.get(m.parameterIndex);
    if (compensated) { columns[m.canonical] = compensated; continue; }
    // Scaled (scatter, Time) columns on first use: classification never reads Time or FSC-W/SSC-H,
    // and scaling a 10⁶-event column costs ≈ 10 ms. Replaced by a plain value once computed.
    const name = m.canonical, index = m.parameterIndex;
    Object.defineProperty(columns, name, {
      enumerable: true, configurable: true,
      get() {
        const v = scaledColumn(ds, index);
        Object.defineProperty(columns, name, { value: v, enumerable: true, configurable: true, writable: true });
        return v;
      },
      set(v: Float64Array) { Object.defineProperty(columns, name, { value: v, enumerable: true, configurable: true, writable: true }); },
    });
  }
  const notes: string[] = [];
  const uncompensated = comp.channels.length ? null : uncompensatedReason(ds);
  if (uncompensated) notes.push(uncompensated.message);
  const ambiguous = mapping.filter((m) => m.ambiguous);
  if (ambiguous.length) notes.push(`marker mapping needs confirmation for: ${ambiguous.map((m) => m.name).join(', ')}`);
  return { eventCount: ds.eventCount, columns, mapping, compensated: uncompensated === null, uncompensated, notes };
}

export interface ClassifyResult { suggestion: Suggestion; template: TemplateResult; prepared: PreparedTube }

/** Apply the ALOT template and the lineage rules to one parsed tube. */
export function classifyDataset(ds: FcsDataset, opts: PrepareOptions & { rules?: RuleSet; template?: TemplateOptions } = {}): ClassifyResult {
  const rules = opts.rules ?? CURRENT_RULE_SET;
  const prepared = prepareTube(ds, opts);
  const template = applyAlotTemplate(prepared.columns, { minControlEvents: rules.lineage.minControlEvents, ...opts.template });
  const suggestion = suggestLineage(prepared.columns, template, rules, prepared.mapping);
  suggestion.explanation.push(...prepared.notes);
  return { suggestion, template, prepared };
}

/** Nucleated events by the template's debris + doublet exclusion (default MRD denominator). */
export function nucleatedByTemplate(columns: AlotColumns, eventCount: number): { nucleated: number; labels: Uint8Array; exclusion: ScatterExclusion } {
  const labels = new Uint8Array(eventCount);
  const exclusion = excludeDebrisAndDoublets(columns, labels);
  return { nucleated: exclusion.nucleated, labels, exclusion };
}
