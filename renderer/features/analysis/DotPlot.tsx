// Two-parameter dot plot of one tube with EVERY event (see plotData.ts for why it is a pixel-grid
// raster rather than scattergl). Each axis has its own display scale (scales.ts); the worker
// transforms and bins in display space, and the ticks sit at display positions labelled in the
// channel's original units (10², 10³ … on logicle). Zooming re-bins the visible range.
// The container carries data-testid="plot" and data-point-count (events plotted) once drawn.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Tube } from '../../../shared/api/contract';
import { useTransport } from '../../app/context';
import { formatCount } from '../../app/format';
import { ErrorMessage, toApiError } from '../../components/ErrorMessage';
import { binInWorker } from './binInWorker';
import { binCentres, type DensityGrid, type Extent } from './density';
import { channelLabel, defaultChannels, RASTER_BINS, splitChannels } from './plotData';
import { axisTickSet, defaultScale, SCALE_KINDS, type ResolvedScale, type ScaleKind } from './scales';
import { viewFromRelayout, type View } from './view';

interface Events {
  key: string;
  x: Float32Array;
  y: Float32Array;
}

interface Plotted {
  key: string;
  /** Events drawn at full view (all with finite coordinates). */
  count: number;
  /** Events inside the zoomed view, null at full view. */
  inView: number | null;
}

// Pseudo-colour from one event per cell (blue) to the densest cells (red), as cytometrists read
// pseudocolour dot plots; empty cells stay white.
const COLORS = [
  [0, '#1f3c9c'],
  [0.3, '#1e88e5'],
  [0.55, '#2fa44f'],
  [0.8, '#f2c12e'],
  [1, '#d7301f'],
];

export function DotPlot({ tube }: { tube: Tube }) {
  const { t, i18n } = useTranslation();
  const transport = useTransport();
  const initial = useMemo(() => defaultChannels(tube.parameters), [tube.parameters]);
  const [xName, setXName] = useState(initial?.[0] ?? '');
  const [yName, setYName] = useState(initial?.[1] ?? '');
  const paramOf = (name: string) => tube.parameters.find((q) => q.name === name);
  const [xScale, setXScale] = useState<ScaleKind>(() => defaultScale(paramOf(initial?.[0] ?? '')));
  const [yScale, setYScale] = useState<ScaleKind>(() => defaultScale(paramOf(initial?.[1] ?? '')));
  // The zoomed view belongs to one channel pair and scale: another pair starts at full view.
  const [zoom, setZoom] = useState<{ key: string; view: View } | null>(null);
  const [events, setEvents] = useState<Events | null>(null);
  const [plotted, setPlotted] = useState<Plotted | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const fullCount = useRef(0);
  /** Axis ranges on screen, for relayout events that move only one axis. */
  const shown = useRef<View | null>(null);
  /** Ranges of the full view, to recognise plotly's "reset axes" as a return to it. */
  const full = useRef<View | null>(null);

  const eventsKey = `${tube.id}|${xName}|${yName}`;
  const plotKey = `${eventsKey}|${xScale}|${yScale}`;
  const view = zoom?.key === plotKey ? zoom.view : null;
  const labelOf = (name: string) => {
    const p = paramOf(name);
    return p ? channelLabel(p) : name;
  };

  useEffect(() => {
    if (!xName || !yName) return;
    let cancelled = false;
    setError(null);
    transport
      .callBinary('tubes.events', { tubeId: tube.id, channels: [xName, yName] })
      .then((bytes) => {
        if (cancelled) return;
        const [x, y] = splitChannels(bytes, 2);
        setEvents({ key: eventsKey, x, y });
      })
      .catch((err: unknown) => {
        if (!cancelled) setError(toApiError(err));
      });
    return () => {
      cancelled = true;
    };
  }, [transport, tube.id, xName, yName, eventsKey]);

  const current = events && events.key === eventsKey ? events : null;

  useEffect(() => {
    const root = plotRef.current;
    if (!root || !current) return;
    let cancelled = false;
    void (async () => {
      try {
        const [{ default: Plotly }, { grid, x: xResolved, y: yResolved }] = await Promise.all([
          import('plotly.js-dist-min'),
          binInWorker({
            x: { values: current.x, kind: xScale, range: paramOf(xName)?.range ?? 0 },
            y: { values: current.y, kind: yScale, range: paramOf(yName)?.range ?? 0 },
            bins: RASTER_BINS,
            view: view ?? undefined,
          }),
        ]);
        if (cancelled) return;
        if (!view) fullCount.current = grid.counted;
        const axis = (title: string, scale: ResolvedScale, e: Extent) => {
          // Ticks in the channel's own units at their display positions (10³ on logicle, 50K linear).
          const ticks = axisTickSet(scale, e);
          return {
            title: { text: title + (scale.kind === 'linear' ? '' : ` (${t(`plot.scales.${scale.kind}`)})`), standoff: 8 },
            range: [e.min, e.max],
            autorange: false,
            zeroline: false,
            showline: true,
            mirror: true,
            linecolor: '#9aa5b1',
            showgrid: false,
            ticks: 'outside',
            ticklen: 6,
            tickcolor: '#52606d',
            tickmode: 'array',
            tickvals: ticks.tickvals,
            ticktext: ticks.ticktext,
            minor: { tickmode: 'array', tickvals: ticks.minorvals, ticks: 'outside', ticklen: 3, tickcolor: '#52606d', showgrid: false },
          };
        };
        const layout = {
          margin: { l: 64, r: 12, t: 12, b: 52 },
          paper_bgcolor: '#ffffff',
          plot_bgcolor: '#ffffff',
          font: { family: 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif', size: 12, color: '#1f2933' },
          xaxis: axis(labelOf(xName), xResolved, grid.x),
          yaxis: axis(labelOf(yName), yResolved, grid.y),
          hovermode: false,
          dragmode: 'zoom',
        };
        // showTips off: plotly's own hints are English-only pop-ups.
        const config = { displaylogo: false, responsive: true, scrollZoom: false, showTips: false, modeBarButtonsToRemove: ['select2d', 'lasso2d', 'toImage', 'autoScale2d'] };
        const el = await Plotly.react(root, [rasterTrace(grid, t('plot.density'))], layout, config);
        if (cancelled) return;
        shown.current = { x: grid.x, y: grid.y };
        if (!view) full.current = shown.current;
        el.removeAllListeners?.('plotly_relayout');
        el.on('plotly_relayout', (update) => {
          const next = viewFromRelayout(update, shown.current);
          if (next === undefined) return;
          setZoom(next && !(full.current && sameView(next, full.current)) ? { key: plotKey, view: next } : null);
        });
        setPlotted({ key: plotKey, count: fullCount.current, inView: view ? grid.counted : null });
      } catch (err) {
        if (!cancelled) setError(toApiError(err));
      }
    })();
    return () => {
      cancelled = true;
    };
    // labelOf, paramOf and t follow xName/yName (in plotKey) and the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current, view, plotKey, i18n.language]);

  useEffect(() => {
    const root = plotRef.current;
    return () => {
      if (root) void import('plotly.js-dist-min').then(({ default: Plotly }) => Plotly.purge(root));
    };
  }, []);

  const ready = plotted?.key === plotKey;
  const loading = !ready && !error;
  const lang = i18n.language;
  const channelOptions = tube.parameters.map((p) => (
    <option key={p.index} value={p.name}>
      {channelLabel(p)}
    </option>
  ));
  const scaleOptions = SCALE_KINDS.map((s) => (
    <option key={s} value={s}>
      {t(`plot.scaleOptions.${s}`)}
    </option>
  ));
  return (
    <section className="card plot-card" aria-labelledby="plot-title">
      <div className="card__head">
        <h2 id="plot-title">{t('plot.title')}</h2>
        <span className="muted">{tube.tubeName ?? tube.fileName}</span>
      </div>
      <div className="plot-layout">
        <div
          className={loading ? 'plot plot--busy' : 'plot'}
          data-testid="plot"
          data-state={ready ? 'ready' : error ? 'error' : 'loading'}
          data-point-count={ready ? plotted.count : undefined}
          role="figure"
          aria-label={`${labelOf(xName)} × ${labelOf(yName)}`}
          aria-busy={loading}
        >
          {/* Plotly owns this element (it adds classes and children): React sets nothing on it. */}
          <div ref={plotRef} className="plot__canvas" />
        </div>
        <div className="plot-side">
          <p className="plot-count" aria-live="polite">
            {ready ? t('plot.events', { count: plotted.count, formatted: formatCount(plotted.count, lang) }) : t(events ? 'plot.rendering' : 'plot.loading')}
          </p>
          {ready && plotted.inView !== null ? (
            <div className="plot-inview">
              <span>{t('plot.inView', { formatted: formatCount(plotted.inView, lang) })}</span>
              <button type="button" className="button button--small" onClick={() => setZoom(null)}>
                {t('plot.fullView')}
              </button>
            </div>
          ) : null}
          <label className="plot-control">
            <span>{t('plot.xChannel')}</span>
            <select
              value={xName}
              onChange={(e) => {
                // A new channel starts on its usual scale (logicle for fluorescence, linear for scatter).
                setXName(e.target.value);
                setXScale(defaultScale(paramOf(e.target.value)));
              }}
            >
              {channelOptions}
            </select>
          </label>
          <label className="plot-control">
            <span>{t('plot.xScale')}</span>
            <select value={xScale} onChange={(e) => setXScale(e.target.value as ScaleKind)}>
              {scaleOptions}
            </select>
          </label>
          <label className="plot-control">
            <span>{t('plot.yChannel')}</span>
            <select
              value={yName}
              onChange={(e) => {
                setYName(e.target.value);
                setYScale(defaultScale(paramOf(e.target.value)));
              }}
            >
              {channelOptions}
            </select>
          </label>
          <label className="plot-control">
            <span>{t('plot.yScale')}</span>
            <select value={yScale} onChange={(e) => setYScale(e.target.value as ScaleKind)}>
              {scaleOptions}
            </select>
          </label>
          <ErrorMessage error={error} />
          <p className="muted plot-note" data-testid="plot-compensation">{t(tube.hasSpillover ? 'plot.compensated' : 'plot.uncompensated')}</p>
          <p className="muted plot-note">{t('plot.howDrawn', { bins: RASTER_BINS })}</p>
          <p className="muted plot-note">{t('plot.scalesNote')}</p>
          <p className="muted plot-note">{t('plot.zoomHint')}</p>
        </div>
      </div>
    </section>
  );
}

function sameView(a: View, b: View): boolean {
  const close = (p: number, q: number, span: number) => Math.abs(p - q) <= span * 1e-6;
  const sx = b.x.max - b.x.min;
  const sy = b.y.max - b.y.min;
  return close(a.x.min, b.x.min, sx) && close(a.x.max, b.x.max, sx) && close(a.y.min, b.y.min, sy) && close(a.y.max, b.y.max, sy);
}

/** Heatmap trace of the grid; colour on log10(events per cell) so single events stay visible. */
function rasterTrace(grid: DensityGrid, colorbarTitle: string): Record<string, unknown> {
  const { bins, counts, maxCount } = grid;
  const z: Float32Array[] = [];
  for (let r = 0; r < bins; r++) {
    const row = new Float32Array(bins);
    for (let c = 0; c < bins; c++) {
      const v = counts[r * bins + c];
      row[c] = v > 0 ? Math.log10(v) : NaN; // NaN: empty cell, drawn as background
    }
    z.push(row);
  }
  const decades = Math.max(1, Math.ceil(Math.log10(Math.max(1, maxCount))));
  const tickvals: number[] = [];
  const ticktext: string[] = [];
  for (let d = 0; d <= decades; d++) {
    tickvals.push(d);
    ticktext.push(String(10 ** d));
  }
  return {
    type: 'heatmap',
    x: binCentres(grid.x, bins),
    y: binCentres(grid.y, bins),
    z,
    zmin: 0,
    zmax: decades,
    zsmooth: false,
    colorscale: COLORS,
    colorbar: { title: { text: colorbarTitle, side: 'right' }, tickvals, ticktext, thickness: 10, len: 0.6, outlinewidth: 0 },
    hoverinfo: 'skip',
  };
}
