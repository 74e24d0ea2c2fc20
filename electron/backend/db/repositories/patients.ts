// Patients, found again by CURP or temporary id so repeat samples (MRD, relapse) share one record.
import type { Db } from '../connection';
import type { Patient } from '../../../../shared/api/contract';

interface PatientRow {
  id: number; name: string; curp: string | null; nss: string | null; temp_id: string | null;
  birth_date: string | null; sex: 'F' | 'M' | 'X' | null; is_demo: 0 | 1;
}

const toPatient = (r: PatientRow): Patient => ({
  id: r.id, name: r.name, curp: r.curp, nss: r.nss, tempId: r.temp_id, birthDate: r.birth_date, sex: r.sex, isDemo: r.is_demo === 1,
});

export interface NewPatient {
  name: string; curp: string | null; nss: string | null; tempId: string | null; birthDate: string | null;
  sex: 'F' | 'M' | 'X' | null; isDemo: boolean; now: string; createdBy: number | null;
}

export function patientsRepository(db: Db) {
  const get = db.prepare<[number], PatientRow>('SELECT * FROM patients WHERE id = ?');
  return {
    get: (id: number) => { const r = get.get(id); return r && toPatient(r); },
    findByCurp: (curp: string) => { const r = db.prepare<[string], PatientRow>('SELECT * FROM patients WHERE curp = ?').get(curp); return r && toPatient(r); },
    findByTempId: (tempId: string) => { const r = db.prepare<[string], PatientRow>('SELECT * FROM patients WHERE temp_id = ?').get(tempId); return r && toPatient(r); },
    insert(p: NewPatient): number {
      return Number(db.prepare(
        `INSERT INTO patients (name, curp, nss, temp_id, birth_date, sex, is_demo, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(p.name, p.curp, p.nss, p.tempId, p.birthDate, p.sex, p.isDemo ? 1 : 0, p.now, p.createdBy).lastInsertRowid);
    },
  };
}
