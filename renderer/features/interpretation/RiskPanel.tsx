// "Grupo de riesgo": the laboratory enters what is known (genetics at diagnosis, MRD on day 19 and
// at the end of induction, …) and reads the provisional and final group with the rule that decided
// and the rule-set version (domain.md "Risk groups"; network paper, adapted from St. Jude Total XV).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, RiskRecord } from '../../../shared/api/contract';
import { useTransport } from '../../app/context';
import { formatDateTime } from '../../app/format';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { emptyRiskForm, toRiskInput, type RiskFormValues } from './riskForm';
import { riskGroupLabel } from './view';
import './interpretation.css';

export function RiskPanel({ sampleId }: { sampleId: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const transport = useTransport();
  const [values, setValues] = useState<RiskFormValues>(emptyRiskForm);
  const [records, setRecords] = useState<RiskRecord[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async () => {
    const r = await transport.call('interpretation.list', { sampleId });
    if (r.ok) setRecords(r.value.risk);
    else setError(r.error);
  }, [transport, sampleId]);
  useEffect(() => { void load(); }, [load]);

  const set = (k: keyof RiskFormValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const fieldError = (k: string) => (error?.field === `inputs.${k}` ? error.message : null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await transport.call('interpretation.assessRisk', { sampleId, inputs: toRiskInput(values) });
    setBusy(false);
    if (!r.ok) { setError(r.error); return; }
    await load();
  }

  const latest = records?.[0];
  return (
    <section className="card risk" aria-labelledby="risk-title" data-testid="risk-panel">
      <h2 id="risk-title">{t('risk.title')}</h2>
      <p className="muted">{t('risk.intro')}</p>
      <form className="form risk__form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('risk.genetics')}</legend>
          <div className="grid">
            <Field id="risk-dnaIndex" label={t('risk.dnaIndex')} hint={t('risk.dnaIndexHint')} error={fieldError('dnaIndex')}>
              {(p) => <input {...p} inputMode="decimal" value={values.dnaIndex} onChange={set('dnaIndex')} />}
            </Field>
            <Field id="risk-etv6Runx1" label={t('risk.etv6Runx1')}>
              {(p) => (
                <select {...p} value={values.etv6Runx1} onChange={set('etv6Runx1')}>
                  <option value="">{t('risk.unknown')}</option>
                  <option value="yes">{t('risk.present')}</option>
                  <option value="no">{t('risk.absent')}</option>
                </select>
              )}
            </Field>
            <Field id="risk-bcrAbl1" label={t('risk.bcrAbl1')}>
              {(p) => (
                <select {...p} value={values.bcrAbl1} onChange={set('bcrAbl1')}>
                  <option value="">{t('risk.unknown')}</option>
                  <option value="yes">{t('risk.present')}</option>
                  <option value="no">{t('risk.absent')}</option>
                </select>
              )}
            </Field>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('risk.mrd')}</legend>
          <div className="grid">
            <Field id="risk-mrdDay19" label={t('risk.mrdDay19')} hint={t('risk.percentHint')} error={fieldError('mrdDay19Percent')}>
              {(p) => <input {...p} inputMode="decimal" value={values.mrdDay19Percent} onChange={set('mrdDay19Percent')} />}
            </Field>
            <Field id="risk-mrdEoi" label={t('risk.mrdEndInduction')} hint={t('risk.percentHint')} error={fieldError('mrdEndInductionPercent')}>
              {(p) => <input {...p} inputMode="decimal" value={values.mrdEndInductionPercent} onChange={set('mrdEndInductionPercent')} />}
            </Field>
          </div>
        </fieldset>
        <details className="interp__details">
          <summary>{t('risk.clinical')}</summary>
          <fieldset>
            <div className="grid">
              <Field id="risk-age" label={t('risk.age')} error={fieldError('ageYears')}>
                {(p) => <input {...p} inputMode="decimal" value={values.ageYears} onChange={set('ageYears')} />}
              </Field>
              <Field id="risk-wbc" label={t('risk.wbc')} error={fieldError('wbcPer1e9L')}>
                {(p) => <input {...p} inputMode="decimal" value={values.wbcPer1e9L} onChange={set('wbcPer1e9L')} />}
              </Field>
              <Field id="risk-cns" label={t('risk.cns')}>
                {(p) => (
                  <select {...p} value={values.cnsStatus} onChange={set('cnsStatus')}>
                    <option value="">{t('risk.unknown')}</option>
                    <option value="CNS1">CNS1</option>
                    <option value="CNS2">CNS2</option>
                    <option value="CNS3">CNS3</option>
                  </select>
                )}
              </Field>
              <Field id="risk-lineage" label={t('risk.lineage')}>
                {(p) => (
                  <select {...p} value={values.lineage} onChange={set('lineage')}>
                    <option value="">{t('risk.unknown')}</option>
                    <option value="B">{t('risk.lineageOptions.B')}</option>
                    <option value="T">{t('risk.lineageOptions.T')}</option>
                  </select>
                )}
              </Field>
            </div>
          </fieldset>
        </details>
        {error && !error.field?.startsWith('inputs.') ? <ErrorMessage error={error} /> : null}
        <div className="form__actions form__actions--start">
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('risk.submitting') : t('risk.submit')}</button>
        </div>
      </form>
      {records && !latest ? <p className="muted">{t('risk.none')}</p> : null}
      {latest ? <RiskResult r={latest} lang={lang} /> : null}
      {records && records.length > 1 ? (
        <details className="interp__details">
          <summary>{t('risk.history')}</summary>
          <ol className="timeline">
            {records.slice(1).map((r) => (
              <li key={r.id} className="timeline__item timeline__item--old">
                <span className="timeline__when">{formatDateTime(r.createdAt, lang)}</span>
                <span>
                  {t('risk.provisional')}: {r.provisional.group ? riskGroupLabel(r.provisional.group, lang) : '—'} ({r.provisional.ruleId}) ·{' '}
                  {t('risk.final')}: {r.final.group ? riskGroupLabel(r.final.group, lang) : '—'} ({r.final.ruleId})
                  <span className="muted"> — {r.createdByName ?? '—'}</span>
                </span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

function RiskResult({ r, lang }: { r: RiskRecord; lang: string }) {
  const { t } = useTranslation();
  const shown = (field: string, v: number | string | boolean): string =>
    typeof v === 'boolean' ? t(v ? 'risk.present' : 'risk.absent')
    : field === 'provisionalGroup' ? riskGroupLabel(String(v), lang)
    : typeof v === 'number' ? new Intl.NumberFormat(lang, { maximumFractionDigits: 4 }).format(v)
    : String(v);
  const stage = (s: RiskRecord['provisional'], title: string) => (
    <div className="risk__group" data-testid={`risk-${s.stage}`}>
      <h4>{title}</h4>
      <div className={`risk__value risk__value--${s.group ?? 'pending'}`}>
        {s.group ? riskGroupLabel(s.group, lang) : t('risk.pending', { fields: s.missing.map((f) => t(`risk.fields.${f}`, { defaultValue: f })).join(', ') })}
      </div>
      <p className="interp__small">{t('risk.ruleLine', { id: s.ruleId, text: t(`risk.rules.${s.ruleId}`, { defaultValue: s.ruleText }) })}</p>
      {Object.keys(s.inputsUsed).length ? (
        <p className="muted interp__small">
          {t('risk.inputsUsed', { inputs: Object.entries(s.inputsUsed).map(([k, v]) => `${t(`risk.fields.${k}`, { defaultValue: k })} = ${shown(k, v)}`).join('; ') })}
        </p>
      ) : null}
    </div>
  );
  return (
    <div aria-live="polite">
      <div className="risk__groups">
        {stage(r.provisional, t('risk.provisional'))}
        {stage(r.final, t('risk.final'))}
      </div>
      <p className="muted interp__small">{t('risk.assessed', { who: r.createdByName ?? '—', when: formatDateTime(r.createdAt, lang), version: r.ruleSetVersion })}</p>
    </div>
  );
}
