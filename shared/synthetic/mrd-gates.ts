// Gating-ML 2.0 (Spidlen et al., Cytometry A 2015) gates for the synthetic MRD tubes: what an
// analyst would draw for the residual BCP-ALL population's phenotype (Theunissen et al., Blood
// 2017). Population ids: "Nucleated" (FSC-A above debris), "Singlets" (FSC-H/FSC-A), "Leukemic"
// (inside Singlets). Fluorescence gates use the file's own spillover (compensation-ref="FCS"),
// scatter is uncompensated.
// Realistic tubes: the leukemic gate is a polygon on CD45 vs CD19. In a regenerating marrow the
// stage-I hematogones are CD34+ like the blasts and overlap them on CD45 alone and on CD19 alone;
// what separates them is CD19 high FOR its CD45 (CD45 under- and CD19 over-expression: CD19 ≥
// 5 × CD45, the diagonal), the way an analyst draws the gate between the two clouds; CD45 is
// capped at 1200 (dim at most). CD34 is not required: residual blasts are often partly CD34−.
import type { Difficulty, Instrument } from './alot';

const DETECTOR = {
  canto: { cd45: 'V500-C-A', cd34: 'PerCP-Cy5-5-A', cd19: 'PE-Cy7-A' },
  lyric: { cd45: 'BV510-A', cd34: 'PerCP-Cy5.5-A', cd19: 'PE-Cy7-A' },
} as const;

export const MRD_GATE_IDS = { nucleated: 'Nucleated', singlets: 'Singlets', leukemic: 'Leukemic' } as const;

/**
 * The analyst's gates for the synthetic MRD tube of `difficulty` (the gate follows the patient's
 * leukemia-associated phenotype, as in practice): 'easy' — CD45− CD34++ CD19++ blasts, a
 * rectangle (CD45 < 700, CD34 > 2000, CD19 > 1500); 'realistic' — CD45 −/dim blasts in a
 * regenerating marrow, the CD45 vs CD19 diagonal polygon described above.
 */
export function mrdGatingML(instrument: Instrument = 'canto', difficulty: Difficulty = 'easy'): string {
  const d = DETECTOR[instrument];
  const dim = (name: string, comp: string, attrs = '') =>
    `    <gating:dimension gating:compensation-ref="${comp}"${attrs}>\n      <data-type:fcs-dimension data-type:name="${name}" />\n    </gating:dimension>`;
  const vertex = (x: number, y: number) =>
    `    <gating:vertex><gating:coordinate data-type:value="${x}" /><gating:coordinate data-type:value="${y}" /></gating:vertex>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<gating:Gating-ML
  xmlns:gating="http://www.isac-net.org/std/Gating-ML/v2.0/gating"
  xmlns:data-type="http://www.isac-net.org/std/Gating-ML/v2.0/datatypes">
  <gating:RectangleGate gating:id="${MRD_GATE_IDS.nucleated}">
${dim('FSC-A', 'uncompensated', ' gating:min="20000"')}
  </gating:RectangleGate>
  <gating:PolygonGate gating:id="${MRD_GATE_IDS.singlets}" gating:parent_id="${MRD_GATE_IDS.nucleated}">
${dim('FSC-A', 'uncompensated')}
${dim('FSC-H', 'uncompensated')}
${vertex(0, 0)}
${vertex(262144, 183500)}
${vertex(262144, 262144)}
${vertex(0, 262144)}
  </gating:PolygonGate>
${difficulty === 'easy' ? `  <gating:RectangleGate gating:id="${MRD_GATE_IDS.leukemic}" gating:parent_id="${MRD_GATE_IDS.singlets}">
${dim(d.cd45, 'FCS', ' gating:max="700"')}
${dim(d.cd34, 'FCS', ' gating:min="2000"')}
${dim(d.cd19, 'FCS', ' gating:min="1500"')}
  </gating:RectangleGate>` : `  <gating:PolygonGate gating:id="${MRD_GATE_IDS.leukemic}" gating:parent_id="${MRD_GATE_IDS.singlets}">
${dim(d.cd45, 'FCS')}
${dim(d.cd19, 'FCS')}
${vertex(-5000, 2500)}
${vertex(500, 2500)}
${vertex(1200, 6030)}
${vertex(1200, 262144)}
${vertex(-5000, 262144)}
  </gating:PolygonGate>`}
</gating:Gating-ML>
`;
}
