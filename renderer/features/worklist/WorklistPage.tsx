// The worklist: every registered sample, newest first. An empty database shows a clear empty
// state with the way forward (register a sample, or load the demonstration data).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, SampleSummary } from '../../../shared/api/contract';
import { useSession, useTransport } from '../../app/context';
import { formatDateTime } from '../../app/format';
import { routeHref } from '../../app/routes';
import { ErrorMessage } from '../../components/ErrorMessage';

const DEMO_ROLES = new Set(['admin', 'supervisor']);

export function WorklistPage() {
  const { t, i18n } = useTranslation();
  const transport = useTransport();
  const { user } = useSession();
  const [samples, setSamples] = useState<SampleSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [demoBusy, setDemoBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await transport.call('samples.list', {});
    if (r.ok) {
      setSamples(r.value);
      setError(null);
    } else setError(r.error);
  }, [transport]);

  useEffect(() => {
    void load();
  }, [load]);

  async function loadDemo() {
    setDemoBusy(true);
    setError(null);
    const r = await transport.call('demo.load', {});
    setDemoBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setNotice(t('worklist.demoLoaded'));
    await load();
  }

  return (
    <section aria-labelledby="worklist-title">
      <div className="page-head">
        <div>
          <h1 id="worklist-title">{t('worklist.title')}</h1>
          {samples && samples.length > 0 ? <p className="muted">{t('worklist.count', { count: samples.length })}</p> : null}
        </div>
        {samples && samples.length > 0 ? (
          <a className="button button--primary" href={routeHref({ name: 'intake' })}>
            {t('worklist.newSample')}
          </a>
        ) : null}
      </div>
      {notice ? (
        <div className="alert alert--success" role="status">
          {notice}
        </div>
      ) : null}
      <ErrorMessage error={error} />
      {samples === null && !error ? <p className="muted" role="status">{t('app.loading')}</p> : null}
      {samples && samples.length === 0 ? (
        <div className="empty-state">
          <svg className="empty-state__icon" viewBox="0 0 48 48" aria-hidden="true">
            <rect x="15" y="4" width="18" height="40" rx="4" />
            <line x1="15" y1="16" x2="33" y2="16" />
            <line x1="15" y1="28" x2="33" y2="28" />
          </svg>
          <h2>{t('worklist.emptyTitle')}</h2>
          <p>{t('worklist.emptyBody')}</p>
          <div className="empty-state__actions">
            <a className="button button--primary" href={routeHref({ name: 'intake' })}>
              {t('worklist.newSample')}
            </a>
            {DEMO_ROLES.has(user.role) ? (
              <button type="button" className="button" onClick={loadDemo} disabled={demoBusy}>
                {demoBusy ? t('worklist.loadingDemo') : t('worklist.loadDemo')}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      {samples && samples.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('worklist.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('worklist.col.accession')}</th>
                <th scope="col">{t('worklist.col.patient')}</th>
                <th scope="col">{t('worklist.col.identifier')}</th>
                <th scope="col">{t('worklist.col.center')}</th>
                <th scope="col">{t('worklist.col.sampleType')}</th>
                <th scope="col">{t('worklist.col.studyType')}</th>
                <th scope="col">{t('worklist.col.receivedAt')}</th>
                <th scope="col" className="num">{t('worklist.col.tubes')}</th>
                <th scope="col">{t('worklist.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {samples.map((s) => (
                <tr key={s.id}>
                  <td className="nowrap">
                    <a className="mono" href={routeHref({ name: 'sample', id: s.id })} aria-label={t('worklist.open', { accession: s.accession })}>
                      {s.accession}
                    </a>
                  </td>
                  <td>{s.patientName}</td>
                  <td className="mono">{s.curp ?? '—'}</td>
                  <td title={s.centerName}>{s.centerName}</td>
                  <td>{t(`codes.sampleType.${s.sampleType}`, { defaultValue: s.sampleType })}</td>
                  <td>{t(`codes.studyType.${s.studyType}`, { defaultValue: s.studyType })}</td>
                  <td className="nowrap">{formatDateTime(s.receivedAt, i18n.language)}</td>
                  <td className="num">{s.tubeCount}</td>
                  <td className="nowrap">
                    <span className={`badge badge--${s.status}`}>{t(`codes.status.${s.status}`, { defaultValue: s.status })}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
