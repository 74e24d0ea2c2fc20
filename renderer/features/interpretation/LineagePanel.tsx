// "Interpretación ALOT": OncoFlow suggests a category for the chosen tube and shows why (blast %,
// and from rule set oncocrean-2025.3 how the abnormal blast % came from the CD45-dim gate, each
// marker against its internal controls, the rule that fired, the rule-set version, warnings);
// the analyst confirms or corrects it with a reason. Nothing is overwritten: every suggestion and
// decision stays in the history below.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LINEAGE_CATEGORY_CODES, type ApiError, type LineageSuggestion, type Tube } from '../../../shared/api/contract';
import { ALOT_MARKERS } from '../../../shared/clinical/markers';
import { useTransport } from '../../app/context';
import { formatCount, formatDateTime } from '../../app/format';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { abnormalBlastParams, blastGateSplit, blastThresholdPercent, categoryLabel, decisionLabel, formatIntensity, formatPercent, lineageRuleParams, nothingSubtractedReason, orderedPopulations, positivityLabel } from './view';
import './interpretation.css';

export function LineagePanel({ tube, onDecided }: { tube: Tube; onDecided?: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const transport = useTransport();
  const [history, setHistory] = useState<LineageSuggestion[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async () => {
    const r = await transport.call('interpretation.list', { sampleId: tube.sampleId });
    if (!r.ok) { setError(r.error); return; }
    setHistory(r.value.suggestions.filter((s) => s.tubeId === tube.id));
  }, [transport, tube.id, tube.sampleId]);

  useEffect(() => { void load(); }, [load]);

  async function suggest(markerOverrides?: Record<string, string>) {
    setBusy(true);
    setError(null);
    const r = await transport.call('interpretation.suggestLineage', { tubeId: tube.id, ...(markerOverrides ? { markerOverrides } : {}) });
    setBusy(false);
    if (!r.ok) { setError(r.error); return; }
    await load();
  }

  const latest = history?.[0];
  return (
    <section className="card interp" aria-labelledby="interp-title" data-testid="lineage-panel">
      <div className="card__head">
        <h2 id="interp-title">{t('interp.title')}</h2>
        <button type="button" className={latest ? 'button' : 'button button--primary'} onClick={() => void suggest()} disabled={busy}>
          {latest ? t('interp.suggestAgain') : t('interp.suggest')}
        </button>
      </div>
      <p className="muted interp__intro">{t('interp.intro')} {t('interp.tube', { name: tube.tubeName ?? tube.fileName })}</p>
      {busy ? <p role="status" className="muted">{t('interp.suggesting')}</p> : null}
      <ErrorMessage error={error} />
      {history && !latest && !busy ? <p className="muted">{t('interp.noSuggestion')}</p> : null}
      {latest ? (
        <SuggestionView key={latest.id} s={latest} lang={lang} busy={busy} onResuggest={(o) => void suggest(o)} onDecided={async () => { await load(); onDecided?.(); }} />
      ) : null}
      {history && history.length > 0 ? <History items={history} lang={lang} /> : null}
    </section>
  );
}

function SuggestionView({ s, lang, busy, onResuggest, onDecided }: {
  s: LineageSuggestion; lang: string; busy: boolean; onResuggest: (overrides: Record<string, string>) => void; onDecided: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const ruleText = t(`interp.lineageRules.${s.rule.id}`, { ...lineageRuleParams(s.ruleSetVersion), defaultValue: s.rule.text });
  const current = s.decisions[0];
  const split = blastGateSplit(s);
  // A borderline flag that comes from the gate and the abnormal count straddling the threshold
  // says so with both numbers: the category then depends on what was subtracted.
  const warningText = (w: LineageSuggestion['warnings'][number]) =>
    w.code === 'BORDERLINE_BLASTS' && split
      ? t('interp.warnings.BORDERLINE_SPLIT', { gate: formatPercent(split.gate, lang), abnormal: formatPercent(split.abnormal, lang), threshold: split.threshold })
      : t(`interp.warnings.${w.code}`, { subject: w.subject ?? '', defaultValue: w.message });
  return (
    <div className="interp__suggestion" aria-labelledby={`sugg-${s.id}`}>
      <h3 id={`sugg-${s.id}`}>{t('interp.suggestionHeading')}</h3>
      <dl className="facts interp__facts">
        <dt>{t('interp.category')}</dt>
        <dd>
          <strong className="interp__category" data-testid="suggested-category">{categoryLabel(s.category, lang)}</strong>{' '}
          <span className="mono muted">{s.category}</span>
        </dd>
        {s.abnormalBlasts ? (
          <>
            <dt>{t('interp.abnormalBlasts')}</dt>
            <dd data-testid="abnormal-blasts">
              <strong>{t('interp.blastsValue', { percent: formatPercent(s.blastPercent, lang) })}</strong>
              {s.borderline ? <span className="badge badge--warn interp__flag">{t('interp.borderline')}</span> : null}
              <br />
              <span className="muted">
                {t('interp.abnormalBlastsEvents', { blasts: formatCount(s.blastEvents, lang), nucleated: formatCount(s.nucleatedEvents, lang), acquired: formatCount(s.acquiredEvents, lang) })}
              </span>
            </dd>
            <dt>{t('interp.blastGate')}</dt>
            <dd data-testid="blast-gate">
              {t('interp.gateValue', { percent: formatPercent(s.abnormalBlasts.gatePercent, lang), events: formatCount(s.abnormalBlasts.gateEvents, lang) })}
            </dd>
          </>
        ) : (
          <>
            <dt>{t('interp.blasts')}</dt>
            <dd>
              <strong>{t('interp.blastsValue', { percent: formatPercent(s.blastPercent, lang) })}</strong>
              {s.borderline ? <span className="badge badge--warn interp__flag">{t('interp.borderline')}</span> : null}
              <br />
              <span className="muted">
                {t('interp.blastsEvents', { blasts: formatCount(s.blastEvents, lang), nucleated: formatCount(s.nucleatedEvents, lang), acquired: formatCount(s.acquiredEvents, lang) })}
              </span>
            </dd>
          </>
        )}
        <dt>{t('interp.rule')}</dt>
        <dd>
          {t('interp.ruleLine', { id: s.rule.id, text: ruleText })}
          <br />
          <span className="muted interp__small">{t('interp.ruleSource', { source: s.rule.source })}</span>
        </dd>
        <dt>{t('interp.ruleSet')}</dt>
        <dd className="mono">{t('interp.versions', { ruleSet: s.ruleSetVersion, template: s.templateVersion, engine: s.engineVersion })}</dd>
        {Object.keys(s.markerOverrides).length ? (
          <>
            <dt>{t('interp.overrides')}</dt>
            <dd className="mono interp__small">{Object.entries(s.markerOverrides).map(([k, v]) => `${k} → ${v}`).join(', ')}</dd>
          </>
        ) : null}
        <dt>{t('interp.file')}</dt>
        <dd className="mono interp__small" title={s.tubeSha256}>{s.tubeFileName} · {s.tubeSha256.slice(0, 16)}…</dd>
      </dl>
      <p className="muted interp__small">{t('interp.suggestedAt', { who: s.createdByName ?? '—', when: formatDateTime(s.createdAt, lang) })}</p>

      {s.warnings.length > 0 ? (
        <div className="alert alert--warn" role="note" aria-label={t('interp.warningsTitle')}>
          <strong className="alert__title">{t('interp.warningsTitle')}</strong>
          <ul className="interp__warnings">
            {s.warnings.map((w, i) => (
              <li key={i}>{warningText(w)}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {s.abnormalBlasts ? <BlastCalculation s={s} a={s.abnormalBlasts} lang={lang} /> : null}

      <MarkerTable s={s} lang={lang} />

      <details className="interp__details">
        <summary>{t('interp.evidence')}</summary>
        <ul className="interp__small">
          {s.explanation.map((line, i) => <li key={i}>{line}</li>)}
        </ul>
        <PopulationTable s={s} lang={lang} />
      </details>
      <MappingEditor s={s} busy={busy} onApply={onResuggest} />

      <Decision s={s} current={current} lang={lang} onDecided={onDecided} />
    </div>
  );
}

/**
 * "Cómo se calculó": the CD45-dim/SSC-low gate, each normal population subtracted (or T blasts
 * added from the monocyte gate) with its % and the phenotype that identified it, = the abnormal
 * blast % the threshold was applied to (shared/clinical/abnormal-blasts.ts). Known population
 * kinds are translated; others show the engine's recorded text.
 */
function BlastCalculation({ s, a, lang }: { s: LineageSuggestion; a: NonNullable<LineageSuggestion['abnormalBlasts']>; lang: string }) {
  const { t } = useTranslation();
  const params = abnormalBlastParams(s.ruleSetVersion);
  const reason = (p: { population: string; reason: string }) =>
    // The NK reason names the rule set's CD45 percentile: without it, keep the engine's words.
    p.population === 'NK' && params.percentile === undefined ? p.reason : t(`interp.calc.reasons.${p.population}`, { ...params, defaultValue: p.reason });
  const name = (population: string) => t(`interp.calc.kinds.${population}`, { defaultValue: population });
  const lineages = [a.lineages.b ? 'B' : null, a.lineages.t ? 'T' : null, a.lineages.myeloid ? t('interp.calc.myeloid') : null].filter(Boolean).join(', ');
  const why = nothingSubtractedReason(a);
  const nothingText = why?.code === 'NO_CONTROL' ? t('interp.calc.nothingNoControl', { markers: why.markers })
    : why?.code === 'NO_LINEAGE' ? t('interp.calc.nothingNoLineage')
    : t('interp.calc.nothingSubtracted', { text: a.arithmetic });
  const rows = [
    ...a.added.map((p) => ({ sign: '+', p })),
    ...a.subtracted.map((p) => ({ sign: '−', p })),
  ];
  return (
    <div className="table-wrap interp__table interp__calc" data-testid="blast-calculation">
      <table className="table">
        <caption className="interp__caption">{t('interp.calc.title')}</caption>
        <thead>
          <tr>
            <th scope="col" className="interp__sign"><span className="visually-hidden">{t('interp.calc.col.operation')}</span></th>
            <th scope="col">{t('interp.calc.col.population')}</th>
            <th scope="col" className="num">{t('interp.populationCol.percent')}</th>
            <th scope="col" className="num">{t('interp.populationCol.events')}</th>
            <th scope="col">{t('interp.calc.col.reason')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td className="interp__sign" />
            <th scope="row">{t('interp.blastGate')}</th>
            <td className="num">{formatPercent(a.gatePercent, lang)}</td>
            <td className="num">{formatCount(a.gateEvents, lang)}</td>
            <td className="interp__small">{t('interp.calc.gateReason')}</td>
          </tr>
          {rows.map(({ sign, p }, i) => (
            <tr key={i}>
              <td className="interp__sign" aria-label={sign === '+' ? t('interp.calc.plus') : t('interp.calc.minus')}>{sign}</td>
              <th scope="row">{name(p.population)}</th>
              <td className="num">{formatPercent(p.percentNucleated, lang)}</td>
              <td className="num">{formatCount(p.events, lang)}</td>
              <td className="interp__small" title={p.reason}>{reason(p)}</td>
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr>
              <td className="interp__sign" />
              <td colSpan={4} className="interp__small muted">{nothingText}</td>
            </tr>
          ) : null}
          <tr className="interp__total">
            <td className="interp__sign" aria-label={t('interp.calc.equals')}>=</td>
            <th scope="row">{t('interp.abnormalBlasts')}</th>
            <td className="num"><strong>{formatPercent(a.percent, lang)}</strong></td>
            <td className="num">{formatCount(a.events, lang)}</td>
            <td className="interp__small">{t('interp.calc.totalReason', { threshold: blastThresholdPercent(s.ruleSetVersion) })}</td>
          </tr>
        </tbody>
      </table>
      {rows.length > 0 ? (
        <p className="muted interp__small interp__calc-note">{t('interp.calc.lineages', { lineages })}</p>
      ) : null}
    </div>
  );
}

function MarkerTable({ s, lang }: { s: LineageSuggestion; lang: string }) {
  const { t } = useTranslation();
  const control = (c: LineageSuggestion['markers'][number]['negativeControl']) =>
    c ? (
      <>
        <span className="interp__median">{formatIntensity(c.median, lang)}</span>
        <span className="interp__control">{t('interp.controlValue', { population: t(`interp.populations.${c.population}`, { defaultValue: c.population }), events: formatCount(c.events, lang) })}</span>
      </>
    ) : t('interp.noValue');
  return (
    <div className="table-wrap interp__table">
      <table className="table" data-testid="marker-table">
        <caption className="interp__caption">{t('interp.markersCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('interp.col.marker')}</th>
            <th scope="col">{t('interp.col.detector')}</th>
            <th scope="col" className="num">{t('interp.col.positive')}</th>
            <th scope="col" className="num">{t('interp.col.threshold')}</th>
            <th scope="col" className="num">{t('interp.col.medianBlasts')}</th>
            <th scope="col" className="num">{t('interp.col.negControl')}</th>
            <th scope="col" className="num">{t('interp.col.posControl')}</th>
            <th scope="col">{t('interp.col.call')}</th>
          </tr>
        </thead>
        <tbody>
          {s.markers.map((m) => (
            <tr key={m.marker}>
              <th scope="row" className="nowrap">
                {m.marker}
                {m.cytoplasmic ? <span className="muted interp__small"> ({t('interp.cytoplasmic')})</span> : null}
              </th>
              <td className="mono nowrap">{m.detector ?? '—'}</td>
              <td className="num">{formatPercent(m.percentPositive, lang)}</td>
              <td className="num muted">≥ {formatPercent(m.thresholdPercent, lang)}</td>
              <td className="num">{formatIntensity(m.median, lang)}</td>
              <td className="num">{control(m.negativeControl)}</td>
              <td className="num">{control(m.positiveControl)}</td>
              <td>
                <span className={`call call--${m.call}`}>{positivityLabel(m.call, lang)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PopulationTable({ s, lang }: { s: LineageSuggestion; lang: string }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap interp__table">
      <table className="table">
        <caption className="interp__caption">{t('interp.populationsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('interp.populationCol.name')}</th>
            <th scope="col" className="num">{t('interp.populationCol.events')}</th>
            <th scope="col" className="num">{t('interp.populationCol.percent')}</th>
          </tr>
        </thead>
        <tbody>
          {orderedPopulations(s.populations).map((p) => (
            <tr key={p.name}>
              {/* 2025.3 on, BLAST counts the abnormal blasts and BLAST_GATE the whole gate. */}
              <th scope="row">{p.name === 'BLAST' && s.abnormalBlasts ? t('interp.abnormalBlasts') : t(`interp.populations.${p.name}`, { defaultValue: p.name })}</th>
              <td className="num">{formatCount(p.events, lang)}</td>
              <td className="num">{formatPercent(p.percentNucleated, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The marker mapping ($PnN → canonical marker) the engine used, with the evidence; the analyst can
 * correct a channel and ask again (domain.md: show the mapping, let the analyst correct it). Opens
 * by itself when a mapping is ambiguous.
 */
function MappingEditor({ s, busy, onApply }: { s: LineageSuggestion; busy: boolean; onApply: (overrides: Record<string, string>) => void }) {
  const { t } = useTranslation();
  const ids = useId();
  const rows = s.markerMapping.filter((m) => m.source !== 'scatter');
  const [chosen, setChosen] = useState<Record<string, string>>(() => Object.fromEntries(rows.map((m) => [m.name, m.canonical ?? ''])));
  const changed = rows.filter((m) => (chosen[m.name] ?? '') !== (m.canonical ?? '') && chosen[m.name]);
  const ambiguous = rows.some((m) => m.ambiguous);
  const options = (m: (typeof rows)[number]) => {
    const set = new Set<string>([...ALOT_MARKERS, ...(m.candidates ?? [])]);
    if (m.canonical) set.add(m.canonical);
    return [...set];
  };
  function apply() {
    const overrides: Record<string, string> = { ...s.markerOverrides };
    for (const m of changed) overrides[m.name] = chosen[m.name]!;
    onApply(overrides);
  }
  return (
    <details className="interp__details" open={ambiguous}>
      <summary>{t('interp.mapping')}{ambiguous ? <span className="badge badge--warn interp__flag">{t('interp.mappingAmbiguous')}</span> : null}</summary>
      <p className="muted interp__small">{t('interp.mappingHint')}</p>
      <div className="table-wrap interp__table">
        <table className="table" data-testid="mapping-table">
          <thead>
            <tr>
              <th scope="col">{t('interp.mappingCol.parameter')}</th>
              <th scope="col">{t('interp.mappingCol.stain')}</th>
              <th scope="col">{t('interp.mappingCol.canonical')}</th>
              <th scope="col" className="num">{t('interp.mappingCol.confidence')}</th>
              <th scope="col">{t('interp.mappingCol.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.parameterIndex} className={m.ambiguous ? 'interp__row--warn' : undefined}>
                <th scope="row" className="mono">{m.name}</th>
                <td>{m.marker ?? '—'}</td>
                <td>
                  <label className="visually-hidden" htmlFor={`${ids}-${m.parameterIndex}`}>{t('interp.mappingFor', { name: m.name })}</label>
                  <select id={`${ids}-${m.parameterIndex}`} value={chosen[m.name] ?? ''} onChange={(e) => setChosen((c) => ({ ...c, [m.name]: e.target.value }))}>
                    {!m.canonical ? <option value="">—</option> : null}
                    {options(m).map((o) => <option key={o} value={o}>{o}</option>)}
                  </select>
                </td>
                <td className="num">{Math.round(m.confidence * 100)} %</td>
                <td className="interp__small">{m.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="form__actions form__actions--start">
        <button type="button" className="button" disabled={busy || changed.length === 0} onClick={apply}>{t('interp.mappingApply')}</button>
      </div>
    </details>
  );
}

function Decision({ s, current, lang, onDecided }: {
  s: LineageSuggestion; current: LineageSuggestion['decisions'][number] | undefined; lang: string; onDecided: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const transport = useTransport();
  const ids = useId();
  const [correcting, setCorrecting] = useState(false);
  const others = LINEAGE_CATEGORY_CODES.filter((c) => c !== s.category);
  const [finalCategory, setFinalCategory] = useState<string>(others[0] ?? '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);

  async function send(input: { decision: 'confirmed' | 'overridden'; finalCategory: string; reason?: string }) {
    setBusy(true);
    setError(null);
    const r = await transport.call('interpretation.decideLineage', { suggestionId: s.id, ...input } as never);
    setBusy(false);
    if (!r.ok) {
      if (r.error.field === 'reason') setReasonError(r.error.message);
      else setError(r.error);
      return;
    }
    setCorrecting(false);
    setReason('');
    setReasonError(null);
    await onDecided();
  }

  function submitCorrection(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 10) {
      setReasonError(t('interp.reasonShort'));
      document.getElementById(`${ids}-reason`)?.focus();
      return;
    }
    void send({ decision: 'overridden', finalCategory, reason: reason.trim() });
  }

  return (
    <div className="interp__decision" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('interp.decisionTitle')}</h3>
      {current ? (
        <div className={`decision decision--${current.decision}`} data-testid="current-decision">
          <strong>{t('interp.current')}: </strong>
          {t('interp.decisionLine', { decision: decisionLabel(current.decision, lang), category: categoryLabel(current.finalCategory, lang) })}
          <span className="muted"> — {t('interp.byWhen', { who: current.decidedByName ?? '—', when: formatDateTime(current.decidedAt, lang) })}</span>
          {current.reason ? <div>{t('interp.reasonLine', { reason: current.reason })}</div> : null}
        </div>
      ) : (
        <p className="muted">{t('interp.notDecided')}</p>
      )}
      <ErrorMessage error={error} />
      {!correcting ? (
        <div className="form__actions form__actions--start">
          <button
            type="button"
            className="button button--primary"
            // Confirming twice would only add a duplicate row to the record.
            disabled={busy || (current?.decision === 'confirmed' && current.finalCategory === s.category)}
            onClick={() => void send({ decision: 'confirmed', finalCategory: s.category })}
          >
            {t('interp.confirm')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => setCorrecting(true)}>
            {t('interp.correct')}
          </button>
        </div>
      ) : (
        <form className="form interp__correct" onSubmit={submitCorrection} noValidate>
          <Field id={`${ids}-category`} label={t('interp.finalCategory')} required>
            {(p) => (
              <select {...p} value={finalCategory} onChange={(e) => setFinalCategory(e.target.value)}>
                {others.map((c) => <option key={c} value={c}>{categoryLabel(c, lang)}</option>)}
              </select>
            )}
          </Field>
          <Field id={`${ids}-reason`} label={t('interp.reason')} hint={t('interp.reasonHint')} error={reasonError} required>
            {(p) => <textarea {...p} rows={3} value={reason} onChange={(e) => { setReason(e.target.value); setReasonError(null); }} />}
          </Field>
          <div className="form__actions form__actions--start">
            <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('interp.saving') : t('interp.saveCorrection')}</button>
            <button type="button" className="button" disabled={busy} onClick={() => { setCorrecting(false); setReasonError(null); }}>{t('interp.cancel')}</button>
          </div>
        </form>
      )}
    </div>
  );
}

function History({ items, lang }: { items: LineageSuggestion[]; lang: string }) {
  const { t } = useTranslation();
  // The decision in force for the tube is the newest one on any of its suggestions; every other
  // decision was superseded (kept, never rewritten).
  const inForce = Math.max(0, ...items.flatMap((s) => s.decisions.map((d) => d.id)));
  return (
    <div className="interp__history">
      <h3>{t('interp.history')}</h3>
      <ol className="timeline" data-testid="lineage-history">
        {items.flatMap((s) => [
          ...s.decisions.map((d) => (
            <li key={`d${d.id}`} className={d.id === inForce ? 'timeline__item' : 'timeline__item timeline__item--old'}>
              <span className="timeline__when">{formatDateTime(d.decidedAt, lang)}</span>
              <span>
                {t('interp.historyDecision', { decision: decisionLabel(d.decision, lang), category: categoryLabel(d.finalCategory, lang) })}
                {' '}<span className="badge">{d.id === inForce ? t('interp.inForce') : t('interp.superseded')}</span>
                <span className="muted"> — {d.decidedByName ?? '—'}</span>
                {d.reason ? <span className="timeline__reason">{t('interp.reasonLine', { reason: d.reason })}</span> : null}
              </span>
            </li>
          )),
          <li key={`s${s.id}`} className="timeline__item timeline__item--suggestion">
            <span className="timeline__when">{formatDateTime(s.createdAt, lang)}</span>
            <span>
              {t(s.abnormalBlasts ? 'interp.historySuggestionAbnormal' : 'interp.historySuggestion', { category: categoryLabel(s.category, lang), rule: s.rule.id, blasts: formatPercent(s.blastPercent, lang) })}
              <span className="muted"> — {s.createdByName ?? '—'} · {s.ruleSetVersion}</span>
            </span>
          </li>,
        ])}
      </ol>
    </div>
  );
}
