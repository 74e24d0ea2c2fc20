// Tubes (one imported FCS file attached to a sample) and the content-addressed originals table.
import type { Db } from '../connection';
import type { Tube, TubeParameter } from '../../../../shared/api/contract';

interface TubeRow {
  id: number; sample_id: number; sha256: string; file_name: string; fcs_version: string; event_count: number;
  parameter_count: number; cytometer: string | null; tube_name: string | null; has_spillover: 0 | 1;
  parameters_json: string; imported_at: string; imported_by: number | null; size_bytes: number;
}

const SELECT = `SELECT t.*, f.size_bytes FROM tubes t JOIN fcs_files f ON f.sha256 = t.sha256`;

const toTube = (r: TubeRow): Tube => ({
  id: r.id, sampleId: r.sample_id, fileName: r.file_name, sha256: r.sha256, sizeBytes: r.size_bytes,
  eventCount: r.event_count, parameterCount: r.parameter_count, cytometer: r.cytometer, tubeName: r.tube_name,
  fcsVersion: r.fcs_version, parameters: JSON.parse(r.parameters_json) as TubeParameter[], hasSpillover: r.has_spillover === 1,
  importedAt: r.imported_at, importedBy: r.imported_by,
});

export interface NewTube {
  sampleId: number; sha256: string; fileName: string; fcsVersion: string; eventCount: number; parameterCount: number;
  cytometer: string | null; tubeName: string | null; hasSpillover: boolean; parameters: TubeParameter[];
  now: string; importedBy: number | null;
}

export function tubesRepository(db: Db) {
  return {
    /** Records an original by content; returns true if it was new. */
    addOriginal(sha256: string, sizeBytes: number, now: string): boolean {
      return db.prepare('INSERT OR IGNORE INTO fcs_files (sha256, size_bytes, stored_at) VALUES (?, ?, ?)').run(sha256, sizeBytes, now).changes === 1;
    },
    insert(t: NewTube): number {
      return Number(db.prepare(
        `INSERT INTO tubes (sample_id, sha256, file_name, fcs_version, event_count, parameter_count, cytometer, tube_name,
                            has_spillover, parameters_json, imported_at, imported_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(t.sampleId, t.sha256, t.fileName, t.fcsVersion, t.eventCount, t.parameterCount, t.cytometer, t.tubeName,
        t.hasSpillover ? 1 : 0, JSON.stringify(t.parameters), t.now, t.importedBy).lastInsertRowid);
    },
    get: (id: number) => { const r = db.prepare<[number], TubeRow>(`${SELECT} WHERE t.id = ?`).get(id); return r && toTube(r); },
    findBySampleAndHash: (sampleId: number, sha256: string) => {
      const r = db.prepare<[number, string], TubeRow>(`${SELECT} WHERE t.sample_id = ? AND t.sha256 = ?`).get(sampleId, sha256);
      return r && toTube(r);
    },
    listBySample: (sampleId: number) => db.prepare<[number], TubeRow>(`${SELECT} WHERE t.sample_id = ? ORDER BY t.id`).all(sampleId).map(toTube),
  };
}
