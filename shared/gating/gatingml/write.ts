// Gating-ML 2.0 export: GatingStrategy → XML with the standard's three namespaces. Numbers are
// written with JavaScript's shortest round-trip form, so readGatingML(writeGatingML(s)) holds the
// same doubles and evaluates identically. Built as text: the document shape is fixed and small,
// and escaping is the only subtlety.
import type { Dimension } from '../dimension';
import { UNCOMPENSATED } from '../dimension';
import { BooleanGate } from '../gates/boolean';
import { EllipsoidGate } from '../gates/ellipsoid';
import type { Gate } from '../gates/gate';
import { PolygonGate } from '../gates/polygon';
import { QuadrantGate } from '../gates/quadrant';
import { RectangleGate } from '../gates/rectangle';
import { GatingError } from '../errors';
import type { GatingStrategy, SpilloverDef, TransformDef } from '../strategy';
import { NS_DATATYPES, NS_GATING, NS_TRANSFORMS } from './namespaces';

const ELEMENT_OF: Record<TransformDef['kind'], string> = {
  linear: 'flin', log: 'flog', arcsinh: 'fasinh', logicle: 'logicle', hyperlog: 'hyperlog', ratio: 'fratio',
};

export function writeGatingML(s: GatingStrategy): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<gating:Gating-ML xmlns:gating="${NS_GATING}" xmlns:transforms="${NS_TRANSFORMS}" xmlns:data-type="${NS_DATATYPES}">`,
  ];
  for (const t of s.transforms.values()) writeTransform(out, t);
  for (const m of s.spillovers.values()) writeMatrix(out, m);
  for (const g of s.gates.values()) writeGate(out, g);
  out.push('</gating:Gating-ML>', '');
  return out.join('\n');
}

function writeTransform(out: string[], t: TransformDef): void {
  const el = ELEMENT_OF[t.kind];
  const params = Object.entries(t.params).map(([k, v]) => ` transforms:${k}="${n(v)}"`).join('');
  out.push(`  <transforms:transformation transforms:id="${esc(t.id)}">`);
  if (t.kind === 'ratio' && t.channels) {
    out.push(`    <transforms:${el}${params}>`);
    for (const c of t.channels) out.push(`      <data-type:fcs-dimension data-type:name="${esc(c)}" />`);
    out.push(`    </transforms:${el}>`);
  } else {
    out.push(`    <transforms:${el}${params} />`);
  }
  out.push('  </transforms:transformation>');
}

function writeMatrix(out: string[], m: SpilloverDef): void {
  const F = m.fluorochromes.length, D = m.detectors.length;
  if (m.kind === 'spillover') {
    out.push(`  <transforms:spilloverMatrix transforms:id="${esc(m.id)}">`);
    out.push('    <data-type:parameters>');
    for (const p of m.detectors) out.push(`      <data-type:parameter data-type:name="${esc(p)}" />`);
    out.push('    </data-type:parameters>');
    for (let i = 0; i < F; i++) {
      out.push(`    <transforms:spillover data-type:parameter="${esc(m.fluorochromes[i]!)}">`);
      for (let j = 0; j < D; j++)
        out.push(`      <transforms:coefficient data-type:parameter="${esc(m.detectors[j]!)}" transforms:value="${n(m.matrix[i * D + j]!)}" />`);
      out.push('    </transforms:spillover>');
    }
    out.push('  </transforms:spilloverMatrix>');
    return;
  }
  out.push(`  <transforms:spectrumMatrix transforms:id="${esc(m.id)}">`);
  out.push('    <transforms:fluorochromes>');
  for (const f of m.fluorochromes) out.push(`      <data-type:fcs-dimension data-type:name="${esc(f)}" />`);
  out.push('    </transforms:fluorochromes>');
  out.push('    <transforms:detectors>');
  for (const d of m.detectors) out.push(`      <data-type:fcs-dimension data-type:name="${esc(d)}" />`);
  out.push('    </transforms:detectors>');
  for (let i = 0; i < F; i++) {
    out.push('    <transforms:spectrum>');
    for (let j = 0; j < D; j++) out.push(`      <transforms:coefficient transforms:value="${n(m.matrix[i * D + j]!)}" />`);
    out.push('    </transforms:spectrum>');
  }
  out.push('  </transforms:spectrumMatrix>');
}

function gateOpen(g: Gate, element: string): string {
  const parent = g.parentId !== null ? ` gating:parent_id="${esc(g.parentId)}"` : '';
  const name = g.name !== undefined ? ` gating:name="${esc(g.name)}"` : '';
  return `  <gating:${element} gating:id="${esc(g.id)}"${parent}${name}>`;
}

function refAttrs(d: Dimension): string {
  const t = d.transform !== undefined ? ` gating:transformation-ref="${esc(d.transform)}"` : '';
  return ` gating:compensation-ref="${esc(d.compensation ?? UNCOMPENSATED)}"${t}`;
}

function target(d: Dimension): string {
  return d.ratio !== undefined
    ? `<data-type:new-dimension data-type:transformation-ref="${esc(d.ratio)}" />`
    : `<data-type:fcs-dimension data-type:name="${esc(d.channel ?? '')}" />`;
}

function dimension(out: string[], d: Dimension, extra = ''): void {
  out.push(`    <gating:dimension${refAttrs(d)}${extra}>`, `      ${target(d)}`, '    </gating:dimension>');
}

function writeGate(out: string[], g: Gate): void {
  if (g instanceof RectangleGate) {
    out.push(gateOpen(g, 'RectangleGate'));
    for (const d of g.dimensions) {
      const min = d.min !== undefined ? ` gating:min="${n(d.min)}"` : '';
      const max = d.max !== undefined ? ` gating:max="${n(d.max)}"` : '';
      dimension(out, d, min + max);
    }
    out.push('  </gating:RectangleGate>');
  } else if (g instanceof PolygonGate) {
    out.push(gateOpen(g, 'PolygonGate'));
    for (const d of g.dimensions) dimension(out, d);
    for (const [x, y] of g.vertices)
      out.push('    <gating:vertex>', `      <gating:coordinate data-type:value="${n(x)}" />`, `      <gating:coordinate data-type:value="${n(y)}" />`, '    </gating:vertex>');
    out.push('  </gating:PolygonGate>');
  } else if (g instanceof EllipsoidGate) {
    out.push(gateOpen(g, 'EllipsoidGate'));
    for (const d of g.dimensions) dimension(out, d);
    out.push('    <gating:mean>');
    for (const m of g.mean) out.push(`      <gating:coordinate data-type:value="${n(m)}" />`);
    out.push('    </gating:mean>', '    <gating:covarianceMatrix>');
    for (const row of g.covariance) {
      out.push('      <gating:row>');
      for (const v of row) out.push(`        <gating:entry data-type:value="${n(v)}" />`);
      out.push('      </gating:row>');
    }
    out.push('    </gating:covarianceMatrix>', `    <gating:distanceSquare data-type:value="${n(g.distanceSquare)}" />`, '  </gating:EllipsoidGate>');
  } else if (g instanceof QuadrantGate) {
    out.push(gateOpen(g, 'QuadrantGate'));
    for (const d of g.dividers) {
      out.push(`    <gating:divider gating:id="${esc(d.id)}"${refAttrs(d.dimension)}>`, `      ${target(d.dimension)}`);
      for (const v of d.values) out.push(`      <gating:value>${n(v)}</gating:value>`);
      out.push('    </gating:divider>');
    }
    for (const q of g.quadrants) {
      out.push(`    <gating:Quadrant gating:id="${esc(q.id)}">`);
      for (const p of q.positions) out.push(`      <gating:position gating:divider_ref="${esc(p.divider)}" gating:location="${n(p.location)}" />`);
      out.push('    </gating:Quadrant>');
    }
    out.push('  </gating:QuadrantGate>');
  } else if (g instanceof BooleanGate) {
    out.push(gateOpen(g, 'BooleanGate'), `    <gating:${g.op}>`);
    for (const r of g.operands) {
      const c = r.complement ? ' gating:use-as-complement="true"' : '';
      out.push(`      <gating:gateReference gating:ref="${esc(r.ref)}"${c} />`);
    }
    out.push(`    </gating:${g.op}>`, '  </gating:BooleanGate>');
  } else {
    throw new GatingError('GATE_INVALID', `cannot export gate type '${g.type}'`, g.id);
  }
}

/** Shortest string that reads back as the same double. */
function n(x: number): string {
  return Object.is(x, -0) ? '0' : String(x);
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
