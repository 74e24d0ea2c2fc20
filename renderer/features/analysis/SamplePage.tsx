// One sample: who and what it is, its tubes, FCS import, and the dot plot of the chosen tube.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, SampleDetail, Tube } from '../../../shared/api/contract';
import { useTransport } from '../../app/context';
import { formatCount, formatDateTime } from '../../app/format';
import { routeHref } from '../../app/routes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DotPlot } from './DotPlot';
import { FcsImport } from './FcsImport';
import { InterpretationSection } from '../interpretation/InterpretationSection';

export function SamplePage({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const transport = useTransport();
  const [sample, setSample] = useState<SampleDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [tubeId, setTubeId] = useState<number | null>(null);

  const load = useCallback(
    async (selectTube?: number) => {
      const r = await transport.call('samples.get', { id });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setSample(r.value);
      setError(null);
      const tubes = r.value.tubes;
      setTubeId((cur) => selectTube ?? cur ?? (tubes.length ? tubes[tubes.length - 1].id : null));
    },
    [transport, id],
  );

  useEffect(() => {
    setSample(null);
    setTubeId(null);
    void load();
  }, [load]);

  if (error && !sample)
    return (
      <section>
        <p>
          <a href={routeHref({ name: 'worklist' })}>← {t('sample.back')}</a>
        </p>
        <ErrorMessage error={error} />
      </section>
    );
  if (!sample) return <p className="muted" role="status">{t('app.loading')}</p>;

  const tube: Tube | undefined = sample.tubes.find((x) => x.id === tubeId);
  const p = sample.patient;
  const lang = i18n.language;
  return (
    <section aria-labelledby="sample-title">
      <p className="breadcrumb">
        <a href={routeHref({ name: 'worklist' })}>← {t('sample.back')}</a>
      </p>
      <div className="page-head">
        <h1 id="sample-title">
          {t('sample.title', { accession: sample.accession })}{' '}
          <span className={`badge badge--${sample.status}`}>{t(`codes.status.${sample.status}`, { defaultValue: sample.status })}</span>
        </h1>
      </div>
      <div className="grid grid--2 sample-info">
        <div className="card">
          <h2>{t('sample.patient')}</h2>
          <dl className="facts">
            <dt>{t('intake.name')}</dt>
            <dd>{p.name}</dd>
            <dt>{p.curp ? t('intake.curp') : t('intake.tempId')}</dt>
            <dd className="mono">{p.curp ?? p.tempId ?? '—'}</dd>
            <dt>{t('intake.nss')}</dt>
            <dd className="mono">{p.nss ?? '—'}</dd>
            <dt>{t('intake.birthDate')}</dt>
            <dd>{p.birthDate ?? '—'}</dd>
            <dt>{t('intake.sex')}</dt>
            <dd>{p.sex ? t(`intake.sexOptions.${p.sex}`) : '—'}</dd>
          </dl>
        </div>
        <div className="card">
          <h2>{t('sample.details')}</h2>
          <dl className="facts">
            <dt>{t('intake.center')}</dt>
            <dd>{sample.centerName}</dd>
            <dt>{t('intake.sampleType')}</dt>
            <dd>{t(`codes.sampleType.${sample.sampleType}`, { defaultValue: sample.sampleType })}</dd>
            <dt>{t('intake.studyType')}</dt>
            <dd>{t(`codes.studyType.${sample.studyType}`, { defaultValue: sample.studyType })}</dd>
            <dt>{t('intake.collectedAt')}</dt>
            <dd>{formatDateTime(sample.collectedAt, lang)}</dd>
            <dt>{t('intake.receivedAt')}</dt>
            <dd>{formatDateTime(sample.receivedAt, lang)}</dd>
            {sample.temperatureC !== null ? (
              <>
                <dt>{t('intake.temperature')}</dt>
                <dd>{sample.temperatureC}</dd>
              </>
            ) : null}
          </dl>
        </div>
      </div>
      <div className="card">
        <h2>{t('sample.tubes')}</h2>
        {sample.tubes.length === 0 ? <p className="muted">{t('sample.noTubes')}</p> : null}
        {sample.tubes.length > 0 ? (
          <ul className="tube-list">
            {sample.tubes.map((tb) => (
              <li key={tb.id}>
                <button
                  type="button"
                  className={tb.id === tubeId ? 'tube tube--selected' : 'tube'}
                  aria-pressed={tb.id === tubeId}
                  aria-label={t('sample.selectTube', { name: tb.tubeName ?? tb.fileName })}
                  onClick={() => setTubeId(tb.id)}
                >
                  <span className="tube__name">{tb.tubeName ?? tb.fileName}</span>
                  <span className="tube__meta">
                    {tb.fileName} · {tb.cytometer ?? '—'} · {tb.fcsVersion}
                  </span>
                  <span className="tube__meta">{t('sample.tubeEvents', { events: formatCount(tb.eventCount, lang), parameters: tb.parameterCount })}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <h3>{t('fcsImport.title')}</h3>
        <FcsImport sampleId={sample.id} onImported={(tb) => void load(tb.id)} />
      </div>
      {tube ? <DotPlot key={tube.id} tube={tube} /> : null}
      <InterpretationSection sampleId={sample.id} studyType={sample.studyType} tube={tube ?? null} onChanged={() => void load()} />
    </section>
  );
}
