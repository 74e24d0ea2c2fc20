// Register a received sample and its patient. Server validation errors appear next to the field
// they concern (ApiError.field), anything else above the buttons.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REGIONS, SAMPLE_TYPES, SEXES, STUDY_TYPES, type ApiError, type Center } from '../../../shared/api/contract';
import { useTransport } from '../../app/context';
import { dateToLocalInput } from '../../app/format';
import { navigate } from '../../app/useRoute';
import { routeHref } from '../../app/routes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { emptyIntake, fieldForErrorPath, identifierErrorCode, toCreateInput, type IntakeField, type IntakeValues } from './intakeForm';

export function IntakePage() {
  const { t } = useTranslation();
  const transport = useTransport();
  const [values, setValues] = useState<IntakeValues>(() => emptyIntake(dateToLocalInput(new Date())));
  const [centers, setCenters] = useState<Center[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void transport.call('centers.list', {}).then((r) => (r.ok ? setCenters(r.value) : setError(r.error)));
  }, [transport]);

  const set = (k: IntakeField) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const errorField = fieldForErrorPath(error?.field);
  // A known identifier rule is shown in the user's language; anything else as the server said it.
  const identifierCode = identifierErrorCode(error?.details);
  const errorText = error
    ? identifierCode
      ? t(`intake.identifierErrors.${identifierCode}`, { defaultValue: error.message })
      : error.message
    : null;
  const errFor = (k: IntakeField) => (errorField === k ? errorText : null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await transport.call('samples.create', toCreateInput(values));
    setBusy(false);
    if (r.ok) navigate({ name: 'sample', id: r.value.id });
    else {
      setError(r.error);
      const f = fieldForErrorPath(r.error.field);
      if (f) document.getElementById(`intake-${f}`)?.focus();
    }
  }

  return (
    <section aria-labelledby="intake-title" className="narrow">
      <h1 id="intake-title">{t('intake.title')}</h1>
      <form onSubmit={submit} noValidate className="form">
        <fieldset>
          <legend>{t('intake.patientSection')}</legend>
          <div className="grid grid--2">
            <Field id="intake-name" label={t('intake.name')} error={errFor('name')} required>
              {(p) => <input {...p} autoComplete="off" value={values.name} onChange={set('name')} />}
            </Field>
            <Field id="intake-birthDate" label={t('intake.birthDate')} error={errFor('birthDate')}>
              {(p) => <input {...p} type="date" value={values.birthDate} onChange={set('birthDate')} />}
            </Field>
            <Field id="intake-curp" label={t('intake.curp')} hint={t('intake.curpHint')} error={errFor('curp')}>
              {(p) => <input {...p} className="mono upper" maxLength={18} autoComplete="off" spellCheck={false} value={values.curp} onChange={set('curp')} />}
            </Field>
            <Field id="intake-tempId" label={t('intake.tempId')} hint={t('intake.tempIdHint')} error={errFor('tempId')}>
              {(p) => <input {...p} className="mono" autoComplete="off" value={values.tempId} onChange={set('tempId')} />}
            </Field>
            <Field id="intake-nss" label={t('intake.nss')} hint={t('intake.nssHint')} error={errFor('nss')}>
              {(p) => <input {...p} className="mono" inputMode="numeric" maxLength={11} autoComplete="off" value={values.nss} onChange={set('nss')} />}
            </Field>
            <Field id="intake-sex" label={t('intake.sex')} error={errFor('sex')}>
              {(p) => (
                <select {...p} value={values.sex} onChange={set('sex')}>
                  <option value="">{t('intake.choose')}</option>
                  {SEXES.map((s) => (
                    <option key={s} value={s}>
                      {t(`intake.sexOptions.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('intake.sampleSection')}</legend>
          <div className="grid grid--2">
            <Field id="intake-centerCode" label={t('intake.center')} error={errFor('centerCode')} required>
              {(p) => (
                <select {...p} value={values.centerCode} onChange={set('centerCode')}>
                  <option value="">{t('intake.chooseCenter')}</option>
                  {/* Grouped by the network's logistic regions (domain.md), as couriers are organised. */}
                  {REGIONS.map((region) => (
                    <optgroup key={region} label={t(`codes.region.${region}`)}>
                      {centers
                        .filter((c) => c.region === region)
                        .map((c) => (
                          <option key={c.code} value={c.code}>
                            {c.name} — {c.state}
                          </option>
                        ))}
                    </optgroup>
                  ))}
                </select>
              )}
            </Field>
            <Field id="intake-sampleType" label={t('intake.sampleType')} error={errFor('sampleType')} required>
              {(p) => (
                <select {...p} value={values.sampleType} onChange={set('sampleType')}>
                  <option value="">{t('intake.choose')}</option>
                  {SAMPLE_TYPES.map((s) => (
                    <option key={s} value={s}>
                      {t(`codes.sampleType.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="intake-studyType" label={t('intake.studyType')} error={errFor('studyType')} required>
              {(p) => (
                <select {...p} value={values.studyType} onChange={set('studyType')}>
                  <option value="">{t('intake.choose')}</option>
                  {STUDY_TYPES.map((s) => (
                    <option key={s} value={s}>
                      {t(`codes.studyType.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="intake-temperatureC" label={t('intake.temperature')} error={errFor('temperatureC')}>
              {(p) => <input {...p} inputMode="decimal" value={values.temperatureC} onChange={set('temperatureC')} />}
            </Field>
            <Field id="intake-collectedAt" label={t('intake.collectedAt')} error={errFor('collectedAt')} required>
              {(p) => <input {...p} type="datetime-local" value={values.collectedAt} onChange={set('collectedAt')} />}
            </Field>
            <Field id="intake-receivedAt" label={t('intake.receivedAt')} error={errFor('receivedAt')} required>
              {(p) => <input {...p} type="datetime-local" value={values.receivedAt} onChange={set('receivedAt')} />}
            </Field>
          </div>
          <Field id="intake-condition" label={t('intake.condition')} error={errFor('condition')}>
            {(p) => <input {...p} value={values.condition} onChange={set('condition')} />}
          </Field>
        </fieldset>
        {error && !errorField ? <ErrorMessage error={error} /> : null}
        {error && errorField ? (
          <p className="form__summary" role="alert">
            {t('intake.fixErrors')}
          </p>
        ) : null}
        <div className="form__actions">
          <a className="button button--ghost" href={routeHref({ name: 'worklist' })}>
            {t('intake.cancel')}
          </a>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('intake.submitting') : t('intake.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
