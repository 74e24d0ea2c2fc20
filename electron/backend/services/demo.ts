// Demo data for a first run: a few fictitious patients with generated ALOT tubes (shared/synthetic),
// written as FCS files (shared/fcs/write) and imported like any upload, so the demo exercises the
// real import path. Clearly marked: patients and samples is_demo=1, names start with "DEMO", CURPs
// start with "DEMO" (valid check digit, impossible for a real person: RENAPO takes positions 1–4
// from the surnames and given name).
import type { SampleType, StudyType } from '../../../shared/api/contract';
import { curpCheckDigit } from '../../../shared/clinical/identifiers';
import { writeFcs } from '../../../shared/fcs/write';
import { generateAlotTube, type Instrument, type SyntheticCategory } from '../../../shared/synthetic/alot';
import type { Actor, BackendContext } from './context';
import type { SamplesService } from './samples';
import type { TubesService } from './tubes';
import type { UploadStore } from './uploads';

interface DemoCase {
  name: string;
  birth: string; // YYMMDD, born 2000 or later (homoclave is a letter)
  sex: 'F' | 'M';
  state: string;
  centerCode: string;
  sampleType: SampleType;
  studyType: StudyType;
  category: SyntheticCategory;
  blastPercent: number;
  instrument: Instrument;
  seed: number;
}

const CASES: DemoCase[] = [
  { name: 'DEMO Paciente Uno (B-ALL)', birth: '170412', sex: 'M', state: 'DF', centerCode: 'UMAE01', sampleType: 'bone_marrow', studyType: 'diagnosis', category: 'PRE_B_ALL', blastPercent: 72, instrument: 'canto', seed: 101 },
  { name: 'DEMO Paciente Dos (T-ALL)', birth: '120903', sex: 'F', state: 'NL', centerCode: 'UMAE03', sampleType: 'bone_marrow', studyType: 'diagnosis', category: 'T_ALL', blastPercent: 45, instrument: 'lyric', seed: 202 },
  { name: 'DEMO Paciente Tres (AML)', birth: '150120', sex: 'M', state: 'JC', centerCode: 'UMAE04', sampleType: 'peripheral_blood', studyType: 'diagnosis', category: 'AML', blastPercent: 30, instrument: 'canto', seed: 303 },
  { name: 'DEMO Paciente Cuatro (sin leucemia)', birth: '190615', sex: 'F', state: 'YN', centerCode: 'OCYN', sampleType: 'bone_marrow', studyType: 'diagnosis', category: 'NO_LEUKEMIA', blastPercent: 0, instrument: 'lyric', seed: 404 },
];

/** Events per demo tube: enough for a convincing plot, small enough to load in a few seconds. */
export const DEMO_EVENTS = 20_000;

export function demoCurp(c: DemoCase, i: number): string {
  const first17 = `DEMO${c.birth}${c.sex === 'M' ? 'H' : 'M'}${c.state}XXX${String.fromCharCode(65 + i)}`;
  return first17 + String(curpCheckDigit(first17));
}

export function demoService(ctx: BackendContext, samples: SamplesService, tubes: TubesService, uploads: UploadStore) {
  return {
    available: () => true,

    /** Loads the demo set once; a second call finds it and creates nothing. */
    async load(actor: Actor | null): Promise<{ samplesCreated: number }> {
      if (ctx.repos.samples.countDemo() > 0) return { samplesCreated: 0 };
      const now = ctx.now();
      let created = 0;
      for (const [i, c] of CASES.entries()) {
        const receivedAt = new Date(now.getTime() - (CASES.length - i) * 6 * 3600_000);
        const collectedAt = new Date(receivedAt.getTime() - 18 * 3600_000);
        const sample = samples.create(actor, {
          patient: { name: c.name, curp: demoCurp(c, i), birthDate: `20${c.birth.slice(0, 2)}-${c.birth.slice(2, 4)}-${c.birth.slice(4, 6)}`, sex: c.sex },
          centerCode: c.centerCode, sampleType: c.sampleType, studyType: c.studyType,
          collectedAt: collectedAt.toISOString(), receivedAt: receivedAt.toISOString(), temperatureC: 21, condition: 'DEMO: synthetic data',
        }, { isDemo: true });
        const tube = generateAlotTube({ seed: c.seed, category: c.category, blastPercent: c.blastPercent, events: DEMO_EVENTS, instrument: c.instrument });
        const bytes = writeFcs({
          parameters: tube.parameters, events: tube.events, spillover: tube.spillover,
          keywords: { ...tube.keywords, '$FIL': `DEMO_${sample.accession}_ALOT.fcs`, 'ONCOFLOW DEMO': 'synthetic data, not a patient' },
        });
        const upload = uploads.fromBytes(bytes, `DEMO_${sample.accession}_ALOT.fcs`, actor?.user.id ?? 0);
        await tubes.importUpload(actor, sample.id, upload);
        created++;
      }
      ctx.repos.audit.append({ at: now.toISOString(), userId: actor?.user.id ?? null, action: 'demo.load', entity: 'system', entityId: null, newValue: { samplesCreated: created } });
      return { samplesCreated: created };
    },
  };
}

export type DemoService = ReturnType<typeof demoService>;
