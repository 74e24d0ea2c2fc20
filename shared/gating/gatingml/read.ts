// Gating-ML 2.0 import: XML → GatingStrategy. Parsed with @xmldom/xmldom; every element and
// attribute is looked up by namespace URI + local name. Anything the standard does not define in
// the gating/transformations namespaces is refused with the element and line named, so a file
// never half-loads silently. `data-type:custom_info` (free content) is ignored.
import { DOMParser, type Element } from '@xmldom/xmldom';
import type { Dimension } from '../dimension';
import { GatingError } from '../errors';
import { BooleanGate, type BooleanOp } from '../gates/boolean';
import { EllipsoidGate } from '../gates/ellipsoid';
import type { Gate } from '../gates/gate';
import { PolygonGate } from '../gates/polygon';
import { QuadrantGate, type Quadrant, type QuadrantDivider } from '../gates/quadrant';
import { RectangleGate, type RectangleDimension } from '../gates/rectangle';
import { GatingStrategy, type TransformDef, type TransformKind } from '../strategy';
import { NS_DATATYPES as D, NS_GATING as G, NS_TRANSFORMS as T } from './namespaces';

export function readGatingML(xml: string): GatingStrategy {
  if (typeof xml !== 'string' || xml.trim() === '') throw new GatingError('GATINGML_XML', 'empty Gating-ML document');
  let doc;
  try {
    doc = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') throw new GatingError('GATINGML_XML', `not well-formed XML: ${String(msg).split('\n')[0]}`);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (e) {
    if (e instanceof GatingError) throw e;
    const cause = (e as { cause?: unknown }).cause;
    if (cause instanceof GatingError) throw cause;
    throw new GatingError('GATINGML_XML', `not well-formed XML: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
  }
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== G || root.localName !== 'Gating-ML')
    throw new GatingError('GATINGML_XML', `root element is ${root ? `{${root.namespaceURI ?? ''}}${root.localName}` : 'missing'}, expected Gating-ML in namespace ${G}`);

  const strategy = new GatingStrategy();
  const gates: Gate[] = [];
  for (const el of elementChildren(root)) {
    if (isCustomInfo(el)) continue;
    if (el.namespaceURI === G) {
      switch (el.localName) {
        case 'RectangleGate': gates.push(readRectangle(el)); continue;
        case 'PolygonGate': gates.push(readPolygon(el)); continue;
        case 'EllipsoidGate': gates.push(readEllipsoid(el)); continue;
        case 'QuadrantGate': gates.push(readQuadrant(el)); continue;
        case 'BooleanGate': gates.push(readBoolean(el)); continue;
      }
    } else if (el.namespaceURI === T) {
      switch (el.localName) {
        case 'transformation': strategy.addTransform(readTransformation(el)); continue;
        case 'spectrumMatrix': readSpectrumMatrix(el, strategy); continue;
        case 'spilloverMatrix': readSpilloverMatrix(el, strategy); continue;
      }
    }
    throw unknown(el);
  }
  for (const g of gates) strategy.addGate(g);
  strategy.validate();
  return strategy;
}

// ---------------------------------------------------------------- gates

function gateBase(el: Element): { id: string; parentId: string | null; name?: string } {
  const id = attr(el, G, 'id');
  if (!id) throw new GatingError('GATINGML_INVALID', `${where(el)}: ${el.localName} without gating:id`);
  const parentId = attr(el, G, 'parent_id') ?? null;
  const name = attr(el, G, 'name');
  return { id, parentId, ...(name !== undefined ? { name } : {}) };
}

function readRectangle(el: Element): Gate {
  const base = gateBase(el);
  const dims: RectangleDimension[] = [];
  for (const c of gateChildren(el)) {
    if (c.namespaceURI === G && c.localName === 'dimension') {
      const d: RectangleDimension = readDimension(c, base.id);
      const min = attr(c, G, 'min'), max = attr(c, G, 'max');
      if (min !== undefined) d.min = num(min, c, base.id, 'min');
      if (max !== undefined) d.max = num(max, c, base.id, 'max');
      dims.push(d);
    } else throw unknown(c, base.id);
  }
  return new RectangleGate({ ...base, dimensions: dims });
}

function readPolygon(el: Element): Gate {
  const base = gateBase(el);
  const dims: Dimension[] = [];
  const vertices: number[][] = [];
  for (const c of gateChildren(el)) {
    if (c.namespaceURI === G && c.localName === 'dimension') dims.push(readDimension(c, base.id));
    else if (c.namespaceURI === G && c.localName === 'vertex') vertices.push(coordinates(c, base.id));
    else throw unknown(c, base.id);
  }
  return new PolygonGate({ ...base, dimensions: dims, vertices });
}

function readEllipsoid(el: Element): Gate {
  const base = gateBase(el);
  const dims: Dimension[] = [];
  let mean: number[] | undefined;
  const covariance: number[][] = [];
  let distanceSquare: number | undefined;
  for (const c of gateChildren(el)) {
    if (c.namespaceURI !== G) throw unknown(c, base.id);
    switch (c.localName) {
      case 'dimension': dims.push(readDimension(c, base.id)); break;
      case 'mean': mean = coordinates(c, base.id); break;
      case 'covarianceMatrix':
        for (const row of gateChildren(c)) {
          if (row.namespaceURI !== G || row.localName !== 'row') throw unknown(row, base.id);
          covariance.push(gateChildren(row).map((entry) => {
            if (entry.namespaceURI !== G || entry.localName !== 'entry') throw unknown(entry, base.id);
            return num(attr(entry, D, 'value'), entry, base.id, 'data-type:value');
          }));
        }
        break;
      case 'distanceSquare': distanceSquare = num(attr(c, D, 'value'), c, base.id, 'data-type:value'); break;
      default: throw unknown(c, base.id);
    }
  }
  if (!mean) throw invalid(el, base.id, 'ellipsoid gate without gating:mean');
  if (distanceSquare === undefined) throw invalid(el, base.id, 'ellipsoid gate without gating:distanceSquare');
  return new EllipsoidGate({ ...base, dimensions: dims, mean, covariance, distanceSquare });
}

function readQuadrant(el: Element): Gate {
  const base = gateBase(el);
  const dividers: QuadrantDivider[] = [];
  const quadrants: Quadrant[] = [];
  for (const c of gateChildren(el)) {
    if (c.namespaceURI === G && c.localName === 'divider') {
      const id = attr(c, G, 'id');
      if (!id) throw invalid(c, base.id, 'divider without gating:id');
      const values: number[] = [];
      let dimension: Dimension | undefined;
      for (const k of gateChildren(c)) {
        if (k.namespaceURI === G && k.localName === 'value') values.push(num(k.textContent ?? '', k, base.id, 'gating:value'));
        else if (k.namespaceURI === D && (k.localName === 'fcs-dimension' || k.localName === 'new-dimension')) {
          if (dimension) throw invalid(k, base.id, `divider '${id}' names more than one dimension`);
          dimension = dimensionTarget(k, base.id);
        } else throw unknown(k, base.id);
      }
      if (!dimension) throw invalid(c, base.id, `divider '${id}' names no dimension`);
      dividers.push({ id, dimension: { ...dimension, ...refs(c) }, values });
    } else if (c.namespaceURI === G && c.localName === 'Quadrant') {
      const id = attr(c, G, 'id');
      if (!id) throw invalid(c, base.id, 'Quadrant without gating:id');
      const positions = gateChildren(c).map((p) => {
        if (p.namespaceURI !== G || p.localName !== 'position') throw unknown(p, base.id);
        const divider = attr(p, G, 'divider_ref');
        if (!divider) throw invalid(p, base.id, 'position without gating:divider_ref');
        return { divider, location: num(attr(p, G, 'location'), p, base.id, 'gating:location') };
      });
      quadrants.push({ id, positions });
    } else throw unknown(c, base.id);
  }
  return new QuadrantGate({ ...base, dividers, quadrants });
}

function readBoolean(el: Element): Gate {
  const base = gateBase(el);
  const ops = gateChildren(el);
  if (ops.length !== 1) throw invalid(el, base.id, `boolean gate needs exactly one of gating:and, gating:or, gating:not (has ${ops.length} elements)`);
  const op = ops[0]!;
  if (op.namespaceURI !== G || !['and', 'or', 'not'].includes(op.localName!)) throw unknown(op, base.id);
  const operands = gateChildren(op).map((r) => {
    if (r.namespaceURI !== G || r.localName !== 'gateReference') throw unknown(r, base.id);
    const ref = attr(r, G, 'ref');
    if (!ref) throw invalid(r, base.id, 'gateReference without gating:ref');
    const complement = bool(attr(r, G, 'use-as-complement'), r, base.id);
    return { ref, complement };
  });
  return new BooleanGate({ ...base, op: op.localName as BooleanOp, operands });
}

/** A gating:dimension: its compensation/transformation refs plus the one fcs- or new-dimension inside. */
function readDimension(el: Element, gateId: string): Dimension {
  const inner = gateChildren(el);
  if (inner.length !== 1) throw invalid(el, gateId, `gating:dimension needs exactly one data-type:fcs-dimension or data-type:new-dimension (has ${inner.length})`);
  const k = inner[0]!;
  if (k.namespaceURI !== D || (k.localName !== 'fcs-dimension' && k.localName !== 'new-dimension')) throw unknown(k, gateId);
  return { ...dimensionTarget(k, gateId), ...refs(el) };
}

function dimensionTarget(k: Element, gateId: string): Dimension {
  if (k.localName === 'fcs-dimension') {
    const name = attr(k, D, 'name');
    if (!name) throw invalid(k, gateId, 'fcs-dimension without data-type:name');
    return { channel: name };
  }
  const ratio = attr(k, D, 'transformation-ref');
  if (!ratio) throw invalid(k, gateId, 'new-dimension without data-type:transformation-ref');
  return { ratio };
}

function refs(el: Element): Pick<Dimension, 'compensation' | 'transform'> {
  const compensation = attr(el, G, 'compensation-ref');
  const transform = attr(el, G, 'transformation-ref');
  return { compensation: compensation ?? 'uncompensated', ...(transform !== undefined ? { transform } : {}) };
}

function coordinates(el: Element, gateId: string): number[] {
  return gateChildren(el).map((c) => {
    if (c.namespaceURI !== G || c.localName !== 'coordinate') throw unknown(c, gateId);
    return num(attr(c, D, 'value'), c, gateId, 'data-type:value');
  });
}

// ---------------------------------------------------------------- transformations and matrices

const SCALE_ELEMENTS: Record<string, TransformKind> = {
  flin: 'linear', flog: 'log', fasinh: 'arcsinh', logicle: 'logicle', hyperlog: 'hyperlog', fratio: 'ratio',
};
const SCALE_PARAMS: Record<TransformKind, string[]> = {
  linear: ['T', 'A'], log: ['T', 'M'], arcsinh: ['T', 'M', 'A'], logicle: ['T', 'W', 'M', 'A'], hyperlog: ['T', 'W', 'M', 'A'], ratio: ['A', 'B', 'C'],
};

function readTransformation(el: Element): TransformDef {
  const id = attr(el, T, 'id');
  if (!id) throw new GatingError('GATINGML_INVALID', `${where(el)}: transformation without transforms:id`);
  const inner = elementChildren(el).filter((c) => !isCustomInfo(c));
  if (inner.length !== 1) throw new GatingError('GATINGML_INVALID', `${where(el)}: transformation '${id}' needs exactly one function element (has ${inner.length})`);
  const f = inner[0]!;
  const kind = f.namespaceURI === T ? SCALE_ELEMENTS[f.localName!] : undefined;
  if (!kind) throw unknown(f);
  const params: Record<string, number> = {};
  for (const p of SCALE_PARAMS[kind]) {
    const v = attr(f, T, p);
    if (v === undefined) throw new GatingError('GATINGML_INVALID', `${where(f)}: transformation '${id}' (${f.localName}) lacks transforms:${p}`);
    params[p] = numOr(v, () => new GatingError('GATINGML_INVALID', `${where(f)}: transformation '${id}' parameter ${p}="${v}" is not a number`));
  }
  const def: TransformDef = { id, kind, params };
  if (kind === 'ratio') {
    const dims = elementChildren(f).filter((c) => !isCustomInfo(c));
    const names = dims.map((c) => {
      if (c.namespaceURI !== D || c.localName !== 'fcs-dimension') throw unknown(c);
      const n = attr(c, D, 'name');
      if (!n) throw new GatingError('GATINGML_INVALID', `${where(c)}: fcs-dimension without data-type:name`);
      return n;
    });
    if (names.length !== 2) throw new GatingError('GATINGML_INVALID', `${where(f)}: fratio '${id}' needs exactly two fcs-dimensions (has ${names.length})`);
    def.channels = [names[0]!, names[1]!];
  }
  return def;
}

function readSpectrumMatrix(el: Element, strategy: GatingStrategy): void {
  const id = attr(el, T, 'id');
  if (!id) throw new GatingError('GATINGML_INVALID', `${where(el)}: spectrumMatrix without transforms:id`);
  if (bool(attr(el, T, 'matrix-inverted-already'), el))
    throw new GatingError('GATINGML_UNKNOWN', `${where(el)}: spectrumMatrix '${id}' with matrix-inverted-already="true" is not supported`);
  let fluorochromes: string[] | undefined, detectors: string[] | undefined;
  const rows: number[][] = [];
  for (const c of elementChildren(el)) {
    if (isCustomInfo(c)) continue;
    if (c.namespaceURI === T && (c.localName === 'fluorochromes' || c.localName === 'detectors')) {
      const names = elementChildren(c).filter((k) => !isCustomInfo(k)).map((k) => {
        if (k.namespaceURI !== D || k.localName !== 'fcs-dimension') throw unknown(k);
        const n = attr(k, D, 'name');
        if (!n) throw new GatingError('GATINGML_INVALID', `${where(k)}: fcs-dimension without data-type:name`);
        return n;
      });
      if (c.localName === 'fluorochromes') fluorochromes = names; else detectors = names;
    } else if (c.namespaceURI === T && c.localName === 'spectrum') {
      rows.push(elementChildren(c).filter((k) => !isCustomInfo(k)).map((k) => {
        if (k.namespaceURI !== T || k.localName !== 'coefficient') throw unknown(k);
        const v = attr(k, T, 'value');
        return numOr(v, () => new GatingError('GATINGML_INVALID', `${where(k)}: matrix '${id}' coefficient "${v ?? ''}" is not a number`));
      }));
    } else throw unknown(c);
  }
  if (!fluorochromes || !detectors) throw new GatingError('GATINGML_INVALID', `${where(el)}: spectrumMatrix '${id}' needs fluorochromes and detectors`);
  if (rows.length !== fluorochromes.length || rows.some((r) => r.length !== detectors!.length))
    throw new GatingError('GATINGML_INVALID', `${where(el)}: spectrumMatrix '${id}' needs ${fluorochromes.length} spectra of ${detectors.length} coefficients`);
  strategy.addSpillover({ id, kind: 'spectrum', fluorochromes, detectors, matrix: Float64Array.from(rows.flat()) });
}

/** Gating-ML 2.0 spilloverMatrix: one transforms:spillover per parameter, coefficients by parameter name. */
function readSpilloverMatrix(el: Element, strategy: GatingStrategy): void {
  const id = attr(el, T, 'id');
  if (!id) throw new GatingError('GATINGML_INVALID', `${where(el)}: spilloverMatrix without transforms:id`);
  if (bool(attr(el, T, 'matrix-inverted-already'), el))
    throw new GatingError('GATINGML_UNKNOWN', `${where(el)}: spilloverMatrix '${id}' with matrix-inverted-already="true" is not supported`);
  const rows: Array<{ name: string; coefficients: Map<string, number> }> = [];
  for (const c of elementChildren(el)) {
    if (isCustomInfo(c)) continue;
    if (c.namespaceURI === D && c.localName === 'parameters') continue; // the list is implied by the rows
    if (c.namespaceURI !== T || c.localName !== 'spillover') throw unknown(c);
    const name = attr(c, D, 'parameter');
    if (!name) throw new GatingError('GATINGML_INVALID', `${where(c)}: spillover without data-type:parameter`);
    const coefficients = new Map<string, number>();
    for (const k of elementChildren(c)) {
      if (isCustomInfo(k)) continue;
      if (k.namespaceURI !== T || k.localName !== 'coefficient') throw unknown(k);
      const p = attr(k, D, 'parameter');
      const v = attr(k, T, 'value');
      if (!p) throw new GatingError('GATINGML_INVALID', `${where(k)}: coefficient without data-type:parameter`);
      coefficients.set(p, numOr(v, () => new GatingError('GATINGML_INVALID', `${where(k)}: matrix '${id}' coefficient "${v ?? ''}" is not a number`)));
    }
    rows.push({ name, coefficients });
  }
  const names = rows.map((r) => r.name);
  const n = names.length;
  const matrix = new Float64Array(n * n);
  rows.forEach((r, i) => {
    for (const [p, v] of r.coefficients) {
      const j = names.indexOf(p);
      if (j < 0) throw new GatingError('GATINGML_INVALID', `${where(el)}: matrix '${id}' has a coefficient for '${p}', which has no spillover row`);
      matrix[i * n + j] = v;
    }
  });
  strategy.addSpillover({ id, kind: 'spillover', fluorochromes: names, detectors: [...names], matrix });
}

// ---------------------------------------------------------------- helpers

function elementChildren(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

/** Element children of a gate (or part of one), custom_info dropped. */
function gateChildren(el: Element): Element[] {
  return elementChildren(el).filter((c) => !isCustomInfo(c));
}

function isCustomInfo(el: Element): boolean {
  return el.localName === 'custom_info' && (el.namespaceURI === D || el.namespaceURI === G || el.namespaceURI === T);
}

/** Attribute by namespace; an unprefixed attribute of the same local name is accepted too (no namespace). */
function attr(el: Element, ns: string, local: string): string | undefined {
  if (el.hasAttributeNS(ns, local)) return el.getAttributeNS(ns, local) ?? undefined;
  if (el.hasAttributeNS(null, local)) return el.getAttributeNS(null, local) ?? undefined;
  return undefined;
}

function where(el: Element): string {
  const line = (el as unknown as { lineNumber?: number }).lineNumber;
  return `${el.tagName}${line ? ` (line ${line})` : ''}`;
}

function unknown(el: Element, gateId?: string): GatingError {
  return new GatingError('GATINGML_UNKNOWN', `unexpected element ${where(el)} in namespace ${el.namespaceURI ?? '(none)'}`, gateId);
}

function invalid(el: Element, gateId: string, message: string): GatingError {
  return new GatingError('GATINGML_INVALID', `${where(el)}: ${message}`, gateId);
}

function num(v: string | undefined, el: Element, gateId: string, what: string): number {
  return numOr(v, () => invalid(el, gateId, `${what}="${v ?? ''}" is not a number`));
}

function numOr(v: string | undefined, fail: () => GatingError): number {
  const s = (v ?? '').trim();
  const x = s === '' ? Number.NaN : Number(s);
  if (!Number.isFinite(x)) throw fail();
  return x;
}

function bool(v: string | undefined, el: Element, gateId?: string): boolean {
  if (v === undefined) return false;
  const s = v.trim();
  if (s === 'true' || s === '1') return true;
  if (s === 'false' || s === '0') return false;
  throw new GatingError('GATINGML_INVALID', `${where(el)}: "${v}" is not an xs:boolean`, gateId);
}
