// Two-parameter dot plot of one tube with EVERY event (see plotData.ts for why it is a pixel-grid
// raster rather than scattergl). Zooming re-bins the visible range, so the picture stays sharp.
// The container carries data-testid="plot" and data-point-count (events plotted) once drawn.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Tube } from '../../../shared/api/contract';
import { useTransport } from '../../app/context';
import { formatCount } from '../../app/format';
import { ErrorMessage, toApiError } from '../../components/ErrorMessage';
import { binInWorker } from './binInWorker';
import { binCentres, type DensityGrid, type Extent } from './density';
import { channelLabel, defaultChannels, DISPLAY_SCALES, RASTER_BINS, splitChannels, toDisplayScale, type DisplayScale } from './plotData';
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
  const [scale, setScale] = useState<DisplayScale>('linear');
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
  const plotKey = `${eventsKey}|${scale}`;
  const view = zoom?.key === plotKey ? zoom.view : null;
  const labelOf = (name: string) => {
    const p = tube.parameters.find((q) => q.name === name);
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

  const displayed = useMemo(
    () => (events && events.key === eventsKey ? { x: toDisplayScale(events.x, scale), y: toDisplayScale(events.y, scale) } : null),
    [events, eventsKey, scale],
  );

  useEffect(() => {
    const root = plotRef.current;
    if (!root || !displayed) return;
    let cancelled = false;
    void (async () => {
      try {
        const [{ default: Plotly }, grid] = await Promise.all([
          import('plotly.js-dist-min'),
          binInWorker(displayed.x, displayed.y, RASTER_BINS, view ?? undefined),
        ]);
        if (cancelled) return;
        if (!view) fullCount.current = grid.counted;
        const axisSuffix = scale === 'linear' ? '' : ` (${scale})`;
        const axis = (title: string, e: Extent) => ({
          title: { text: title + axisSuffix, standoff: 8 },
          range: [e.min, e.max],
          autorange: false,
          zeroline: false,
          showline: true,
          mirror: true,
          linecolor: '#9aa5b1',
          showgrid: false,
          ticks: 'outside',
          tickcolor: '#9aa5b1',
          // 50k, 100k … as cytometry software labels wide linear axes; plain numbers on small
          // ranges (arcsinh, zoomed), where SI prefixes would read "500m".
          tickformat: Math.max(Math.abs(e.min), Math.abs(e.max)) >= 1e4 ? '~s' : '',
        });
        const layout = {
          margin: { l: 64, r: 12, t: 12, b: 52 },
          paper_bgcolor: '#ffffff',
          plot_bgcolor: '#ffffff',
          font: { family: 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif', size: 12, color: '#1f2933' },
          xaxis: axis(labelOf(xName), grid.x),
          yaxis: axis(labelOf(yName), grid.y),
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
    // labelOf and t only feed the axis titles, which follow xName/yName and the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [displayed, view, plotKey, i18n.language]);

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
            <select value={xName} onChange={(e) => setXName(e.target.value)}>
              {channelOptions}
            </select>
          </label>
          <label className="plot-control">
            <span>{t('plot.yChannel')}</span>
            <select value={yName} onChange={(e) => setYName(e.target.value)}>
              {channelOptions}
            </select>
          </label>
          <label className="plot-control">
            <span>{t('plot.scale')}</span>
            <select value={scale} onChange={(e) => setScale(e.target.value as DisplayScale)}>
              {DISPLAY_SCALES.map((s) => (
                <option key={s} value={s}>
                  {t(`plot.scales.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <ErrorMessage error={error} />
          <p className="muted plot-note">{t('plot.howDrawn', { bins: RASTER_BINS })}</p>
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
