// "Enfermedad residual medible": MRD % from event counts or from the analyst's Gating-ML gates on the
// chosen tube, reported as the rule set says (domain.md "MRD"; Flores-Montero et al., Leukemia 2017):
// a value when ≥ LLOQ, "detected, below LLOQ" between LOD and LLOQ, "not detected (< LOD)" below,
// always with the events behind it and the sensitivity reached.
import { useCallback, useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, MrdRecord, Tube } from '../../../shared/api/contract';
import { CURRENT_RULE_SET } from '../../../shared/clinical/rules';
import { MRD_STATUS_LABELS } from '../../../shared/clinical/labels';
import { useTransport } from '../../app/context';
import { formatCount, formatDateTime } from '../../app/format';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { formatMrdPercent, formatSensitivity, gatingMlPopulationIds } from './view';
import './interpretation.css';

type Mode = 'counts' | 'gates';

const int = (s: string): number | undefined => {
  const v = s.trim().replace(/[\s,]/g, '');
  return v === '' ? undefined : Number(v);
};

export function MrdPanel({ sampleId, tube }: { sampleId: number; tube: Tube | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const transport = useTransport();
  const ids = useId();
  const [mode, setMode] = useState<Mode>('counts');
  const [leukemic, setLeukemic] = useState('');
  const [nucleated, setNucleated] = useState('');
  const [acquired, setAcquired] = useState('');
  const [xml, setXml] = useState<{ name: string; text: string; populations: string[] } | null>(null);
  const [leukemicGate, setLeukemicGate] = useState('');
  const [nucleatedGate, setNucleatedGate] = useState('');
  const [records, setRecords] = useState<MrdRecord[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async () => {
    const r = await transport.call('interpretation.list', { sampleId });
    if (r.ok) setRecords(r.value.mrd);
    else setError(r.error);
  }, [transport, sampleId]);
  useEffect(() => { void load(); }, [load]);

  async function readXml(e: ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    if (!f) return;
    const text = await f.text();
    const populations = gatingMlPopulationIds(text);
    setXml({ name: f.name, text, populations });
    setLeukemicGate(populations.find((p) => /leuk|mrd|blast/i.test(p)) ?? populations[populations.length - 1] ?? '');
    setNucleatedGate('');
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const input = mode === 'counts'
      ? {
        sampleId, leukemicEvents: int(leukemic), nucleatedEvents: int(nucleated),
        ...(int(acquired) !== undefined ? { acquiredEvents: int(acquired) } : {}),
      }
      : {
        tubeId: tube?.id, gatingMlXml: xml?.text, leukemicGateId: leukemicGate || undefined,
        ...(nucleatedGate ? { nucleatedGateId: nucleatedGate } : {}),
      };
    const r = await transport.call('interpretation.computeMrd', input as never);
    setBusy(false);
    if (!r.ok) { setError(r.error); return; }
    await load();
  }

  const errFor = (f: string) => (error?.field === f ? error.message : null);
  const fieldErrors = ['leukemicEvents', 'nucleatedEvents', 'acquiredEvents', 'leukemicGateId', 'nucleatedGateId', 'gatingMlXml'];
  const latest = records?.[0];
  return (
    <section className="card" aria-labelledby={`${ids}-title`} data-testid="mrd-panel">
      <h2 id={`${ids}-title`}>{t('mrd.title')}</h2>
      <p className="muted">{t('mrd.intro', { lod: CURRENT_RULE_SET.mrd.lodEvents, lloq: CURRENT_RULE_SET.mrd.lloqEvents, version: CURRENT_RULE_SET.version })}</p>
      <form className="form risk__form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('mrd.source')}</legend>
          <div className="mrd__modes">
            <label><input type="radio" name={`${ids}-mode`} checked={mode === 'counts'} onChange={() => setMode('counts')} /> {t('mrd.modeCounts')}</label>
            <label>
              <input type="radio" name={`${ids}-mode`} checked={mode === 'gates'} disabled={!tube} onChange={() => setMode('gates')} />{' '}
              {tube ? t('mrd.modeGates', { name: tube.tubeName ?? tube.fileName }) : t('mrd.modeGatesNoTube')}
            </label>
          </div>
          {mode === 'counts' ? (
            <div className="grid">
              <Field id={`${ids}-leuk`} label={t('mrd.leukemic')} error={errFor('leukemicEvents')} required>
                {(p) => <input {...p} inputMode="numeric" value={leukemic} onChange={(e) => setLeukemic(e.target.value)} />}
              </Field>
              <Field id={`${ids}-nuc`} label={t('mrd.nucleated')} error={errFor('nucleatedEvents')} required>
                {(p) => <input {...p} inputMode="numeric" value={nucleated} onChange={(e) => setNucleated(e.target.value)} />}
              </Field>
              <Field id={`${ids}-acq`} label={t('mrd.acquired')} error={errFor('acquiredEvents')}>
                {(p) => <input {...p} inputMode="numeric" value={acquired} onChange={(e) => setAcquired(e.target.value)} />}
              </Field>
            </div>
          ) : (
            <div className="grid">
              <Field id={`${ids}-xml`} label={t('mrd.gatesFile')} error={errFor('gatingMlXml')} required>
                {(p) => <input {...p} type="file" accept=".xml,application/xml,text/xml" onChange={(e) => void readXml(e)} />}
              </Field>
              <Field id={`${ids}-lgate`} label={t('mrd.leukemicGate')} error={errFor('leukemicGateId')} required>
                {(p) => (
                  <select {...p} value={leukemicGate} disabled={!xml} onChange={(e) => setLeukemicGate(e.target.value)}>
                    {(xml?.populations ?? []).map((g) => <option key={g} value={g}>{g}</option>)}
                  </select>
                )}
              </Field>
              <Field id={`${ids}-ngate`} label={t('mrd.nucleatedGate')} error={errFor('nucleatedGateId')}>
                {(p) => (
                  <select {...p} value={nucleatedGate} disabled={!xml} onChange={(e) => setNucleatedGate(e.target.value)}>
                    <option value="">{t('mrd.nucleatedGateDefault')}</option>
                    {(xml?.populations ?? []).map((g) => <option key={g} value={g}>{g}</option>)}
                  </select>
                )}
              </Field>
              {xml && xml.populations.length === 0 ? <p className="field__error">{t('mrd.noGates')}</p> : null}
            </div>
          )}
        </fieldset>
        {error && !fieldErrors.includes(error.field ?? '') ? <ErrorMessage error={error} /> : null}
        <div className="form__actions form__actions--start">
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('mrd.submitting') : t('mrd.submit')}</button>
        </div>
      </form>
      {records && !latest ? <p className="muted">{t('mrd.none')}</p> : null}
      {latest ? <MrdResult r={latest} lang={lang} /> : null}
      {records && records.length > 1 ? (
        <details className="interp__details">
          <summary>{t('mrd.history')}</summary>
          <ol className="timeline">
            {records.slice(1).map((r) => (
              <li key={r.id} className="timeline__item timeline__item--old">
                <span className="timeline__when">{formatDateTime(r.createdAt, lang)}</span>
                <span>{headline(r, lang, t)} <span className="muted">— {r.createdByName ?? '—'}</span></span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function headline(r: MrdRecord, lang: string, t: T): string {
  if (r.status === 'quantified') return t('mrd.value', { percent: formatMrdPercent(r.mrdPercent, lang) });
  if (r.status === 'detected_below_lloq') return t('mrd.belowLloq', { lloq: formatMrdPercent(r.lloqPercent, lang) });
  return t('mrd.notDetected', { lod: formatMrdPercent(r.lodPercent, lang) });
}

function MrdResult({ r, lang }: { r: MrdRecord; lang: string }) {
  const { t } = useTranslation();
  const label = MRD_STATUS_LABELS[r.status];
  return (
    <div className={`decision mrd__result mrd__result--${r.status}`} data-testid="mrd-result" aria-live="polite">
      <div className="risk__value">{headline(r, lang, t)}</div>
      <div className="muted interp__small">{lang.startsWith('es') ? label.es : label.en}</div>
      <p className="interp__small">
        {t('mrd.events', { leukemic: formatCount(r.leukemicEvents, lang), nucleated: formatCount(r.nucleatedEvents, lang) })}
        {r.acquiredEvents !== null ? ` · ${t('mrd.acquiredLine', { acquired: formatCount(r.acquiredEvents, lang) })}` : ''}
        <br />
        {t('mrd.limits', { lod: r.lodEvents, lodPercent: formatMrdPercent(r.lodPercent, lang), lloq: r.lloqEvents, lloqPercent: formatMrdPercent(r.lloqPercent, lang) })}
        {' · '}
        {t('mrd.sensitivity', { value: formatSensitivity(r.sensitivity, lang) })}
        {r.leukemicGateId ? (
          <>
            <br />
            {t('mrd.gate', { gate: r.leukemicGateId, denominator: r.denominatorSource === 'gate' ? t('mrd.denominatorGate', { gate: r.denominator }) : t('mrd.denominatorTemplate') })}
          </>
        ) : null}
      </p>
      <p className="muted interp__small">{t('mrd.recorded', { who: r.createdByName ?? '—', when: formatDateTime(r.createdAt, lang), version: r.ruleSetVersion })}</p>
    </div>
  );
}
