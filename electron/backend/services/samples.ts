// Intake: registering received samples (and their patients) and the worklist.
// Identifier rules: CURP and NSS check digits (domain.md "Patients and identifiers", validated by
// shared/clinical/identifiers); a documented temporary id when an infant has no CURP yet.
import type { SampleDetail, Sample, SamplesCreateInput, SampleStatus, SampleSummary } from '../../../shared/api/contract';
import { validateCurp, validateNss, validateTemporaryId } from '../../../shared/clinical/identifiers';
import { ServiceError, notFound } from './errors';
import { iso, type Actor, type BackendContext } from './context';

/** Names compared without case, accents or extra spaces ("José  Pérez" = "JOSE PEREZ"). */
export function comparableName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/\s+/g, ' ').trim();
}

export interface CreateOptions {
  /** Demo data: patient and sample flagged is_demo=1. */
  isDemo?: boolean;
}

export function samplesService(ctx: BackendContext) {
  const { repos } = ctx;

  function get(id: number): Sample {
    const s = repos.samples.get(id);
    if (!s) throw notFound(`sample ${id}`, 'id');
    const patient = repos.patients.get(s.patientId)!;
    return { ...s.summary, patient, temperatureC: s.temperatureC, condition: s.condition, createdBy: s.createdBy };
  }

  return {
    list: (q: { status?: SampleStatus; search?: string }): SampleSummary[] => repos.samples.list(q),

    get,

    detail(id: number): SampleDetail {
      return { ...get(id), tubes: repos.tubes.listBySample(id) };
    },

    create(actor: Actor | null, input: SamplesCreateInput, opts: CreateOptions = {}): Sample {
      const p = input.patient;
      const curp = p.curp ? p.curp : null;
      const nss = p.nss ? p.nss.replace(/[\s-]/g, '') : null;
      const tempId = p.tempId ? p.tempId : null;
      if (curp) {
        const c = validateCurp(curp);
        if (!c.ok) throw new ServiceError('VALIDATION', `CURP: ${c.message}`, 'patient.curp', { code: c.code, position: c.position });
      }
      if (nss) {
        const c = validateNss(nss);
        if (!c.ok) throw new ServiceError('VALIDATION', `NSS: ${c.message}`, 'patient.nss', { code: c.code, position: c.position });
      }
      if (tempId) {
        const c = validateTemporaryId(tempId);
        if (!c.ok) throw new ServiceError('VALIDATION', c.message, 'patient.tempId', { code: c.code });
      }
      if (!curp && !tempId) throw new ServiceError('VALIDATION', 'a CURP or a documented temporary identifier is required', 'patient.curp');
      if (!repos.centers.get(input.centerCode)) throw new ServiceError('VALIDATION', `unknown center "${input.centerCode}"`, 'centerCode');

      const now = ctx.now();
      const at = iso(now);
      const userId = actor?.user.id ?? null;
      const isDemo = opts.isDemo === true;
      const id = repos.transaction(() => {
        let patient = curp ? repos.patients.findByCurp(curp) : repos.patients.findByTempId(tempId!);
        let patientId: number;
        if (patient) {
          // Same identifier, different name: a typing error in the CURP or a mislabeled tube
          // (domain.md, sample acceptance) — stop rather than attach the sample to someone else.
          if (comparableName(patient.name) !== comparableName(p.name)) {
            throw new ServiceError('CONFLICT', `${curp ? 'CURP' : 'temporary id'} ${curp ?? tempId} already belongs to patient "${patient.name}"`,
              curp ? 'patient.curp' : 'patient.tempId', { patientId: patient.id, existingName: patient.name });
          }
          patientId = patient.id;
        } else {
          const newPatient = { name: p.name, curp, nss, tempId, birthDate: p.birthDate ?? null, sex: p.sex ?? null, isDemo };
          patientId = repos.patients.insert({ ...newPatient, now: at, createdBy: userId });
          repos.audit.append({ at, userId, action: 'patient.create', entity: 'patient', entityId: patientId, newValue: newPatient });
        }
        const accession = repos.samples.nextAccession(now.getUTCFullYear());
        const record = {
          patientId, centerCode: input.centerCode, sampleType: input.sampleType, studyType: input.studyType,
          collectedAt: input.collectedAt, receivedAt: input.receivedAt, temperatureC: input.temperatureC ?? null,
          condition: input.condition ?? null, isDemo,
        };
        const sampleId = repos.samples.insert({ ...record, accession, now: at, createdBy: userId });
        repos.audit.append({ at, userId, action: 'sample.create', entity: 'sample', entityId: sampleId, newValue: { accession, ...record } });
        return sampleId;
      });
      return get(id);
    },
  };
}

export type SamplesService = ReturnType<typeof samplesService>;
