// $Pn* keywords → FcsParameter (name, marker, bits, range, amplification, gain, kind).
import { FcsError } from './errors';
import { kwInt, parseDecimal, quote, type KeywordReader } from './keywords';
import type { FcsParameter, ParameterKind } from './types';

/** Hard cap on $PAR: real instruments stay far below; guards against garbage allocating memory. */
export const MAX_PARAMETERS = 10_000;

export function buildParameters(r: KeywordReader, version: string): FcsParameter[] {
  const par = kwInt(r, '$PAR', true);
  if (par < 1 || par > MAX_PARAMETERS) {
    throw new FcsError('FCS_BAD_KEYWORD', `FCS TEXT: $PAR = ${par} is out of range (1 to ${MAX_PARAMETERS})`, { keyword: '$PAR', offset: r.valueOffsets['$PAR'], ...r.ctx });
  }
  const dataType = (r.keywords['$DATATYPE'] ?? '').trim().toUpperCase();
  const params: FcsParameter[] = [];
  const missingNames: number[] = [];
  let floatWithLog = 0;
  let badGain = 0;
  for (let n = 1; n <= par; n++) {
    const key = (x: string) => `$P${n}${x}`;
    const nameRaw = r.keywords[key('N')];
    let name = nameRaw?.trim() ?? '';
    if (name === '') {
      // $PnN is required in 3.x, optional in 2.0; a placeholder keeps the channel addressable.
      missingNames.push(n);
      name = `P${n}`;
    }
    const markerRaw = r.keywords[key('S')]?.trim() ?? '';
    const marker = markerRaw === '' ? null : markerRaw;

    const bitsRaw = r.keywords[key('B')];
    if (bitsRaw === undefined || bitsRaw.trim() === '') {
      throw new FcsError('FCS_MISSING_KEYWORD', `FCS TEXT: required keyword ${key('B')} (bits of parameter ${n}, ${name}) is missing`, { keyword: key('B'), ...r.ctx });
    }
    let bits: number;
    if (bitsRaw.trim() === '*') bits = 0; // delimited ASCII
    else bits = kwInt(r, key('B'), true);

    let range = 0;
    const rangeRaw = r.keywords[key('R')];
    if (rangeRaw === undefined || rangeRaw.trim() === '') {
      if (version !== 'FCS2.0') r.warnings.push({ code: 'RANGE_MISSING', message: `${key('R')} is missing for ${name}; range 0 (unknown) used`, keyword: key('R') });
    } else {
      range = parseDecimal(rangeRaw);
      if (!Number.isFinite(range) || range < 0) {
        throw new FcsError('FCS_BAD_KEYWORD', `FCS TEXT: keyword ${key('R')} = ${quote(rangeRaw)} is not a number (byte ${r.valueOffsets[key('R')]})`, { keyword: key('R'), offset: r.valueOffsets[key('R')], ...r.ctx });
      }
    }

    let amplification = { decades: 0, offset: 0 };
    const ampRaw = r.keywords[key('E')];
    if (ampRaw !== undefined && ampRaw.trim() !== '') {
      // " 4.0,0.1024" (Navios, leading space) and "4,0" are both f1,f2 (FCS 3.1 §3.2.20).
      const parts = ampRaw.split(',').map((x) => Number(x.trim()));
      if (parts.length === 2 && parts.every((x) => Number.isFinite(x) && x >= 0)) {
        amplification = { decades: parts[0]!, offset: parts[1]! };
      } else {
        r.warnings.push({ code: 'AMPLIFICATION_INVALID', message: `${key('E')} = ${quote(ampRaw)} is not "f1,f2"; ${name} treated as linear`, keyword: key('E') });
      }
    }
    const pType = (r.keywords[key('DATATYPE')] ?? dataType).trim().toUpperCase();
    if (amplification.decades > 0 && pType !== 'I') floatWithLog++;

    let gain = 1;
    const gainRaw = r.keywords[key('G')];
    if (gainRaw !== undefined && gainRaw.trim() !== '') {
      const g = parseDecimal(gainRaw);
      if (Number.isFinite(g) && g > 0) gain = g;
      else badGain++;
    }
    params.push({ index: n - 1, name, marker, bits, range, amplification, gain, kind: 'other' });
  }
  if (missingNames.length) {
    r.warnings.push({ code: 'NAME_MISSING', message: `$PnN missing for parameter(s) ${missingNames.join(', ')}; named P<n>` });
  }
  if (floatWithLog) {
    // Old FlowJo exports carry $PnE on float channels (flowCore #99): values are already linear.
    r.warnings.push({ code: 'FLOAT_WITH_LOG_AMPLIFICATION', message: `${floatWithLog} floating-point parameter(s) declare log amplification ($PnE); values are used as stored (not log-decoded)` });
  }
  if (badGain) {
    r.warnings.push({ code: 'GAIN_INVALID', message: `${badGain} parameter(s) have $PnG of 0 or not a number; gain 1 used` });
  }
  const timestep = r.keywords['$TIMESTEP'];
  for (const p of params) {
    const declared = kindFromType(r.keywords[`$P${p.index + 1}TYPE`]);
    p.kind = declared ?? classifyParameter(p.name, p.marker, timestep !== undefined);
  }
  return params;
}

/**
 * Kind from the detector name. Time: "Time"/"TIME"/"HDR-T" (FCS 3.1 §3.2.18 names the time
 * parameter by $TIMESTEP; instruments call it Time). Scatter: FSC/SSC/FS/SS prefixes (BD, Beckman
 * "FS INT", Cytek "FSCW"), including width/height/area and BD "FSC PMT". Fluorescence: everything
 * else that looks like a detector; instrument bookkeeping (event count, index-sort wells) is other.
 */
export function classifyParameter(name: string, marker: string | null, _hasTimestep: boolean): ParameterKind {
  const n = name.trim().toUpperCase();
  if (/^(TIME|HDR-T|TIME[\s_-]?(LSW|MSW|\d+)?|TIME\s*\(.*\))$/.test(n)) return 'time';
  if (/^(FSC|SSC|FS|SS|FALS|SALS|LALS|WALS)(\b|[-_ A-Z0-9]|$)/.test(n) && !/^(FSC|SSC)?-?FL/.test(n)) return 'scatter';
  if (/^(EVENT|EVENT ?COUNT|EVENT ?NUMBER|HDR-|SAMPLEID|SORT|WELL|TRAY|INDEX|X-?POS|Y-?POS|CLASSIFICATION|PULSE|WIDTH$|TRIGGER)/.test(n)) return 'other';
  if (marker && /^(FSC|SSC)/i.test(marker)) return 'scatter';
  return 'fluorescence';
}

/** FCS 3.2 §3.2.20 $PnTYPE ("Forward_Scatter", "Side_Scatter", "Raw_Fluorescence", "Unmixed_Fluorescence", "Time", …). */
function kindFromType(value: string | undefined): ParameterKind | null {
  if (value === undefined || value.trim() === '') return null;
  const v = value.trim().toLowerCase();
  if (v === 'time') return 'time';
  if (v.endsWith('_scatter')) return 'scatter';
  if (v.endsWith('fluorescence')) return 'fluorescence';
  return 'other';
}
