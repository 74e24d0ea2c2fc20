// Samples: accession numbers, worklist queries, status.
import type { Db } from '../connection';
import type { SampleStatus, SampleSummary, SampleType, StudyType } from '../../../../shared/api/contract';

interface SummaryRow {
  id: number; accession: string; patient_id: number; patient_name: string; curp: string | null; nss: string | null;
  center_code: string; center_name: string; sample_type: SampleType; study_type: StudyType; collected_at: string;
  received_at: string; status: SampleStatus; tube_count: number; is_demo: 0 | 1; created_at: string;
  temperature_c: number | null; condition: string | null; created_by: number | null;
}

const SELECT_SUMMARY = `
  SELECT s.id, s.accession, s.patient_id, p.name AS patient_name, p.curp, p.nss, s.center_code, c.name AS center_name,
         s.sample_type, s.study_type, s.collected_at, s.received_at, s.status, s.is_demo, s.created_at,
         s.temperature_c, s.condition, s.created_by,
         (SELECT count(*) FROM tubes t WHERE t.sample_id = s.id) AS tube_count
  FROM samples s JOIN patients p ON p.id = s.patient_id JOIN centers c ON c.code = s.center_code`;

const toSummary = (r: SummaryRow): SampleSummary => ({
  id: r.id, accession: r.accession, patientName: r.patient_name, curp: r.curp, nss: r.nss, centerCode: r.center_code,
  centerName: r.center_name, sampleType: r.sample_type, studyType: r.study_type, collectedAt: r.collected_at,
  receivedAt: r.received_at, status: r.status, tubeCount: r.tube_count, isDemo: r.is_demo === 1, createdAt: r.created_at,
});

export interface NewSample {
  patientId: number; centerCode: string; sampleType: SampleType; studyType: StudyType; collectedAt: string;
  receivedAt: string; temperatureC: number | null; condition: string | null; isDemo: boolean; now: string; createdBy: number | null;
}

export function samplesRepository(db: Db) {
  return {
    /** Next "OF-YYYY-NNNNNN" for the year; call inside the insert's transaction. */
    nextAccession(year: number): string {
      const r = db.prepare(
        `INSERT INTO accession_counters (year, last) VALUES (?, 1)
         ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last`,
      ).get(year) as { last: number };
      return `OF-${year}-${String(r.last).padStart(6, '0')}`;
    },
    insert(s: NewSample & { accession: string }): number {
      return Number(db.prepare(
        `INSERT INTO samples (accession, patient_id, center_code, sample_type, study_type, collected_at, received_at,
                              temperature_c, condition, is_demo, created_at, created_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(s.accession, s.patientId, s.centerCode, s.sampleType, s.studyType, s.collectedAt, s.receivedAt,
        s.temperatureC, s.condition, s.isDemo ? 1 : 0, s.now, s.createdBy, s.now).lastInsertRowid);
    },
    get(id: number) {
      const r = db.prepare<[number], SummaryRow>(`${SELECT_SUMMARY} WHERE s.id = ?`).get(id);
      return r && { summary: toSummary(r), patientId: r.patient_id, temperatureC: r.temperature_c, condition: r.condition, createdBy: r.created_by };
    },
    exists: (id: number) => db.prepare('SELECT 1 FROM samples WHERE id = ?').get(id) !== undefined,
    list(q: { status?: SampleStatus; search?: string; limit?: number }): SampleSummary[] {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (q.status) { where.push('s.status = ?'); args.push(q.status); }
      if (q.search) {
        // LIKE with escaped wildcards: the user's % and _ are literal.
        const like = `%${q.search.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
        where.push(`(s.accession LIKE ? ESCAPE '\\' OR p.name LIKE ? ESCAPE '\\' OR p.curp LIKE ? ESCAPE '\\'
                    OR p.nss LIKE ? ESCAPE '\\' OR p.temp_id LIKE ? ESCAPE '\\')`);
        args.push(like, like, like, like, like);
      }
      args.push(q.limit ?? 1000);
      return db.prepare<(string | number)[], SummaryRow>(
        `${SELECT_SUMMARY} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY s.received_at DESC, s.id DESC LIMIT ?`,
      ).all(...args).map(toSummary);
    },
    count: () => (db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n,
    countDemo: () => (db.prepare('SELECT count(*) AS n FROM samples WHERE is_demo = 1').get() as { n: number }).n,
    setStatus(id: number, status: SampleStatus, now: string): void {
      db.prepare('UPDATE samples SET status = ?, updated_at = ? WHERE id = ?').run(status, now, id);
    },
  };
}
