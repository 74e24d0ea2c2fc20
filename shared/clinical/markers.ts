// The ONE place where $PnN/$PnS spellings become canonical marker names (domain.md "EuroFlow
// immunophenotyping": exports vary — FACSLyric names detectors after fluorochromes, labs spell
// markers in $PnS many ways — and the software must cope without retyping). Each mapping carries
// a confidence and its evidence so the UI can show it and the analyst can correct ambiguous ones
// (pass the correction back as `overrides`).

/** Canonical names of the ALOT markers (van Dongen et al., Leukemia 2012;26:1908–75) and scatter. */
export const ALOT_MARKERS = ['cyCD3', 'CD45', 'cyMPO', 'cyCD79a', 'CD34', 'CD19', 'CD7', 'smCD3'] as const;
export type AlotMarker = (typeof ALOT_MARKERS)[number];
export const SCATTER_CHANNELS = ['FSC-A', 'FSC-H', 'FSC-W', 'SSC-A', 'SSC-H', 'SSC-W', 'Time'] as const;
export type ScatterChannel = (typeof SCATTER_CHANNELS)[number];
export type Canonical = AlotMarker | ScatterChannel | (string & {});

/** Cytoplasmic (intracellular) markers: the lower positivity threshold applies (domain.md). */
export const CYTOPLASMIC_MARKERS: ReadonlySet<string> = new Set(['cyCD3', 'cyMPO', 'cyCD79a']);

export type MappingSource = 'override' | 'scatter' | 'marker-text' | 'marker+fluorochrome' | 'detector-default' | 'none';

export interface MarkerMapping {
  parameterIndex: number;
  /** $PnN as in the file. */
  name: string;
  /** $PnS as in the file (null when blank). */
  marker: string | null;
  canonical: Canonical | null;
  /** 0..1; below AMBIGUOUS_BELOW the analyst should confirm it. */
  confidence: number;
  source: MappingSource;
  ambiguous: boolean;
  /** Why: the evidence used, in plain words. */
  reason: string;
  /** Alternatives when ambiguous. */
  candidates?: Canonical[];
}

export const AMBIGUOUS_BELOW = 0.7;

// ALOT default detector assignment on a FACSCanto II (FACSDiva names) and a FACSLyric (FACSuite
// names), used only when $PnS says nothing: it is the panel's design, not proof (confidence 0.5).
const DETECTOR_DEFAULT: ReadonlyArray<[RegExp, AlotMarker]> = [
  [/^(V450|BV421|PACIFIC[ -]?BLUE|PB|HV450)(-A)?$/i, 'cyCD3'],
  [/^(V500(-C)?|BV510|PACIFIC[ -]?ORANGE|PO|OC515|HV500(-C)?)(-A)?$/i, 'CD45'],
  [/^(FITC|BB515|AF488)(-A)?$/i, 'cyMPO'],
  [/^PE(-A)?$/i, 'cyCD79a'],
  [/^PERCP[ -]?CY5[-.]?5(-A)?$/i, 'CD34'],
  [/^PE[ -]?CY7(-A)?$/i, 'CD19'],
  [/^APC(-A)?$/i, 'CD7'],
  [/^APC[ -]?(H7|CY7|C750|FIRE[ -]?750)(-A)?$/i, 'smCD3'],
];

// Fluorochromes that carry CD3 in ALOT: surface CD3 on APC-H7, cytoplasmic CD3 on PB/BV421.
const SURFACE_CD3_FLUOR = /APC[ -]?(H7|CY7|C750|FIRE)/i;
const CYTO_CD3_FLUOR = /(V450|BV421|PACIFIC[ -]?BLUE|\bPB\b|HV450)/i;

const SCATTER: ReadonlyArray<[RegExp, ScatterChannel]> = [
  [/^FSC[ -]?A$/i, 'FSC-A'], [/^FSC[ -]?H$/i, 'FSC-H'], [/^FSC[ -]?W$/i, 'FSC-W'],
  [/^SSC[ -]?A$/i, 'SSC-A'], [/^SSC[ -]?H$/i, 'SSC-H'], [/^SSC[ -]?W$/i, 'SSC-W'], [/^TIME$/i, 'Time'],
];

interface TextHit { canonical: Canonical; confidence: number; reason: string; candidates?: Canonical[] }

/** Read a marker from free text ($PnS), e.g. "CyCD3 BV421", "cCD3", "MPO FITC", "CD3 APC-H7". */
function markerFromText(text: string, detector: string): TextHit | null {
  const t = text.toUpperCase().replace(/[;_/,|]+/g, ' ');
  const tok = (re: string) => new RegExp(`(^|[^A-Z0-9])${re}($|[^A-Z0-9])`);
  if (tok('(CY|C|I|INTRA|CYT|CYTO)[ .-]?CD3').test(t)) return { canonical: 'cyCD3', confidence: 0.95, reason: `'${text}' names cytoplasmic CD3` };
  if (tok('(SM|S|M|SURF|SURFACE)[ .-]?CD3').test(t)) return { canonical: 'smCD3', confidence: 0.95, reason: `'${text}' names surface CD3` };
  if (tok('CD3').test(t)) {
    const both = `${text} ${detector}`;
    if (SURFACE_CD3_FLUOR.test(both)) return { canonical: 'smCD3', confidence: 0.8, reason: `'${text}': plain CD3 on APC-H7, the ALOT surface-CD3 channel` };
    if (CYTO_CD3_FLUOR.test(both)) return { canonical: 'cyCD3', confidence: 0.8, reason: `'${text}': plain CD3 on the violet channel, the ALOT cytoplasmic-CD3 channel` };
    return { canonical: 'smCD3', confidence: 0.4, reason: `'${text}': CD3 without cy/sm prefix on an unexpected channel`, candidates: ['smCD3', 'cyCD3'] };
  }
  if (tok('(CY|C)?[ .-]?MPO').test(t)) return { canonical: 'cyMPO', confidence: 0.95, reason: `'${text}' names MPO (intracellular)` };
  // Also "cy79a"/"79a": labs drop the CD prefix of CD79a, a name no other antigen shares.
  if (tok('(CY|C)?[ .-]?(CD)?79A').test(t)) return { canonical: 'cyCD79a', confidence: 0.95, reason: `'${text}' names CD79a (cytoplasmic in ALOT)` };
  const cd = /(^|[^A-Z0-9])CD(\d{1,3}[A-Z]?)($|[^A-Z0-9])/.exec(t);
  if (cd) {
    const name = `CD${cd[2]!.replace(/[A-Z]$/, (s) => s.toLowerCase())}`;
    return { canonical: name, confidence: 0.95, reason: `'${text}' names ${name}` };
  }
  return null;
}

/**
 * Map each parameter to a canonical name. `overrides` (PnN → canonical) come from the analyst and
 * win. Two parameters claiming the same ALOT marker are both marked ambiguous.
 */
export function mapMarkers(
  parameters: ReadonlyArray<{ name: string; marker: string | null }>,
  overrides: Readonly<Record<string, string>> = {},
): MarkerMapping[] {
  // The ALOT detector design is a fallback only for tubes that look like ALOT: ≥ 4 ALOT markers
  // named in $PnS, or no $PnS at all. Otherwise a blank $PnS stays unmapped (another panel).
  const alotSet = new Set<string>(ALOT_MARKERS);
  let named = 0, alotNamed = 0;
  for (const p of parameters) {
    const hit = p.marker?.trim() ? markerFromText(p.marker.trim(), p.name) : null;
    if (p.marker?.trim()) named++;
    if (hit && alotSet.has(hit.canonical)) alotNamed++;
  }
  const useDetectorDefaults = named === 0 || alotNamed >= 4;
  const out: MarkerMapping[] = parameters.map((p, i) => {
    const base = { parameterIndex: i, name: p.name, marker: p.marker };
    const o = overrides[p.name];
    if (o !== undefined) return { ...base, canonical: o, confidence: 1, source: 'override' as const, ambiguous: false, reason: 'set by the analyst' };
    for (const [re, c] of SCATTER) if (re.test(p.name.trim())) return { ...base, canonical: c, confidence: 1, source: 'scatter' as const, ambiguous: false, reason: `$PnN ${p.name}` };
    const marker = p.marker?.trim() || null;
    if (marker) {
      const hit = markerFromText(marker, p.name);
      if (hit) {
        const source: MappingSource = hit.confidence < 0.95 ? 'marker+fluorochrome' : 'marker-text';
        return { ...base, canonical: hit.canonical, confidence: hit.confidence, source, ambiguous: hit.confidence < AMBIGUOUS_BELOW, reason: hit.reason, ...(hit.candidates ? { candidates: hit.candidates } : {}) };
      }
    }
    if (!marker && useDetectorDefaults) for (const [re, c] of DETECTOR_DEFAULT) {
      if (re.test(p.name.trim())) {
        return { ...base, canonical: c, confidence: 0.5, source: 'detector-default' as const, ambiguous: true, reason: `no marker in $PnS; ${p.name} carries ${c} in the ALOT design`, candidates: [c] };
      }
    }
    return { ...base, canonical: null, confidence: 0, source: 'none' as const, ambiguous: marker !== null, reason: marker ? `'${marker}' is not a known marker` : 'no marker name' };
  });
  // Duplicates: keep the more confident, flag both when tied.
  const byCanonical = new Map<string, MarkerMapping[]>();
  for (const m of out) if (m.canonical && m.source !== 'override') {
    const list = byCanonical.get(m.canonical) ?? [];
    list.push(m);
    byCanonical.set(m.canonical, list);
  }
  for (const [c, list] of byCanonical) {
    if (list.length < 2) continue;
    for (const m of list) {
      m.ambiguous = true;
      m.confidence = Math.min(m.confidence, 0.4);
      m.reason += `; ${c} is also claimed by ${list.filter((x) => x !== m).map((x) => x.name).join(', ')}`;
    }
  }
  return out;
}

/** Canonical → parameter index for the mapped, non-duplicated parameters. */
export function markerIndex(mappings: ReadonlyArray<MarkerMapping>): Map<string, number> {
  const idx = new Map<string, number>();
  const dup = new Set<string>();
  for (const m of mappings) {
    if (!m.canonical) continue;
    if (idx.has(m.canonical)) dup.add(m.canonical);
    else idx.set(m.canonical, m.parameterIndex);
  }
  for (const d of dup) idx.delete(d);
  return idx;
}
