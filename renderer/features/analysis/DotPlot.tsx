// Two-parameter dot plot of one tube with EVERY event: scattergl points up to SCATTER_MAX_EVENTS,
// above that a density image binned from all events (plotData.ts). The container carries
// data-testid="plot" and data-point-count (events plotted) once drawing has finished.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Tube } from '../../../shared/api/contract';
import { useTransport } from '../../app/context';
import { formatCount } from '../../app/format';
import { ErrorMessage, toApiError } from '../../components/ErrorMessage';
import { binInWorker } from './binInWorker';
import { binCentres, type DensityGrid } from './density';
import {
  channelLabel,
  choosePlotMode,
  defaultChannels,
  DENSITY_BINS,
  DISPLAY_SCALES,
  splitChannels,
  toDisplayScale,
  type DisplayScale,
  type PlotMode,
} from './plotData';

let webglAvailable: boolean | null = null;
function hasWebGL(): boolean {
  if (webglAvailable === null) {
    try {
      const c = document.createElement('canvas');
      webglAvailable = !!(c.getContext('webgl2') ?? c.getContext('webgl'));
    } catch {
      webglAvailable = false;
    }
  }
  return webglAvailable;
}

interface Events {
  key: string;
  x: Float32Array;
  y: Float32Array;
}

interface Plotted {
  key: string;
  count: number;
  mode: PlotMode;
}

// Pseudo-colour from low (blue) to high (red) density, as cytometrists read density plots.
const DENSITY_COLORS = [
  [0, '#2c3e9e'],
  [0.25, '#1e88e5'],
  [0.5, '#2fa44f'],
  [0.75, '#f2c12e'],
  [1, '#d7301f'],
];

export function DotPlot({ tube }: { tube: Tube }) {
  const { t, i18n } = useTranslation();
  const transport = useTransport();
  const initial = useMemo(() => defaultChannels(tube.parameters), [tube.parameters]);
  const [xName, setXName] = useState(initial?.[0] ?? '');
  const [yName, setYName] = useState(initial?.[1] ?? '');
  const [scale, setScale] = useState<DisplayScale>('linear');
  const [events, setEvents] = useState<Events | null>(null);
  const [plotted, setPlotted] = useState<Plotted | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const plotRef = useRef<HTMLDivElement>(null);

  const eventsKey = `${tube.id}|${xName}|${yName}`;
  const plotKey = `${eventsKey}|${scale}`;
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

  useEffect(() => {
    const root = plotRef.current;
    if (!root || !events || events.key !== eventsKey) return;
    let cancelled = false;
    void (async () => {
      try {
        const { default: Plotly } = await import('plotly.js-dist-min');
        const x = toDisplayScale(events.x, scale);
        const y = toDisplayScale(events.y, scale);
        const n = x.length;
        const mode = choosePlotMode(n, hasWebGL());
        const axisSuffix = scale === 'linear' ? '' : ` (${scale})`;
        const layout = {
          margin: { l: 72, r: 24, t: 16, b: 60 },
          paper_bgcolor: '#ffffff',
          plot_bgcolor: '#ffffff',
          font: { family: 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif', size: 12, color: '#1f2933' },
          xaxis: { title: { text: labelOf(xName) + axisSuffix }, zeroline: false, showline: true, linecolor: '#9aa5b1', gridcolor: '#eef1f4', ticks: 'outside' },
          yaxis: { title: { text: labelOf(yName) + axisSuffix }, zeroline: false, showline: true, linecolor: '#9aa5b1', gridcolor: '#eef1f4', ticks: 'outside' },
          hovermode: false,
          dragmode: 'zoom',
          uirevision: eventsKey,
        };
        const config = { displaylogo: false, responsive: true, scrollZoom: false, modeBarButtonsToRemove: ['select2d', 'lasso2d', 'toImage'] };
        let drawn: number;
        if (mode === 'scatter') {
          await Plotly.react(
            root,
            [{ type: 'scattergl', mode: 'markers', x, y, marker: { size: n > 50_000 ? 2 : 3, color: '#1b4f8a', opacity: n > 50_000 ? 0.45 : 0.6 } }],
            layout,
            config,
          );
          drawn = n;
        } else {
          const grid: DensityGrid = await binInWorker(x, y, DENSITY_BINS);
          if (cancelled) return;
          await Plotly.react(root, [densityTrace(grid, t('plot.density'))], layout, config);
          drawn = grid.counted;
        }
        if (!cancelled) setPlotted({ key: plotKey, count: drawn, mode });
      } catch (err) {
        if (!cancelled) setError(toApiError(err));
      }
    })();
    return () => {
      cancelled = true;
    };
    // labelOf and t only change the axis titles, which follow xName/yName and the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [events, scale, eventsKey, plotKey, i18n.language]);

  useEffect(() => {
    const root = plotRef.current;
    return () => {
      if (root) void import('plotly.js-dist-min').then(({ default: Plotly }) => Plotly.purge(root));
    };
  }, []);

  const ready = plotted?.key === plotKey;
  const loading = !ready && !error;
  return (
    <section className="card plot-card" aria-labelledby="plot-title">
      <div className="card__head">
        <h2 id="plot-title">{t('plot.title')}</h2>
        <p className="plot-count" aria-live="polite">
          {ready ? t('plot.events', { count: plotted.count, formatted: formatCount(plotted.count, i18n.language) }) : t(events ? 'plot.rendering' : 'plot.loading')}
        </p>
      </div>
      <div className="plot-controls">
        <label>
          <span>{t('plot.xChannel')}</span>
          <select value={xName} onChange={(e) => setXName(e.target.value)}>
            {tube.parameters.map((p) => (
              <option key={p.index} value={p.name}>
                {channelLabel(p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('plot.yChannel')}</span>
          <select value={yName} onChange={(e) => setYName(e.target.value)}>
            {tube.parameters.map((p) => (
              <option key={p.index} value={p.name}>
                {channelLabel(p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('plot.scale')}</span>
          <select value={scale} onChange={(e) => setScale(e.target.value as DisplayScale)}>
            {DISPLAY_SCALES.map((s) => (
              <option key={s} value={s}>
                {t(`plot.scales.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorMessage error={error} />
      <div
        ref={plotRef}
        className={loading ? 'plot plot--busy' : 'plot'}
        data-testid="plot"
        data-state={ready ? 'ready' : error ? 'error' : 'loading'}
        data-mode={ready ? plotted.mode : undefined}
        data-point-count={ready ? plotted.count : undefined}
        role="figure"
        aria-label={`${labelOf(xName)} × ${labelOf(yName)}`}
        aria-busy={loading}
      />
      {ready ? <p className="muted plot-mode">{plotted.mode === 'scatter' ? t('plot.modeScatter') : t('plot.modeDensity', { bins: DENSITY_BINS })}</p> : null}
    </section>
  );
}

/** Heatmap trace of a density grid; colour on log10(count) so sparse cells stay visible. */
function densityTrace(grid: DensityGrid, colorbarTitle: string): Record<string, unknown> {
  const { bins, counts, maxCount } = grid;
  const z: Float32Array[] = [];
  for (let r = 0; r < bins; r++) {
    const row = new Float32Array(bins);
    for (let c = 0; c < bins; c++) {
      const v = counts[r * bins + c];
      row[c] = v > 0 ? Math.log10(v) : NaN; // NaN cells are left blank (white)
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
    colorscale: DENSITY_COLORS,
    colorbar: { title: { text: colorbarTitle, side: 'right' }, tickvals, ticktext, thickness: 12 },
    hoverinfo: 'skip',
  };
}
