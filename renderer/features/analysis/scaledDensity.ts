// One dot-plot raster from the raw channel values: resolve each axis's scale, transform the events
// to display positions with the shared transform, and bin them in display space. Runs in the
// density worker (density.worker.ts) so million-event tubes never transform on the UI thread.
import { binDensity, extent, type DensityGrid, type Extent } from './density';
import { fixedWindow, resolveScale, toDisplay, type ResolvedScale, type ScaleKind } from './scales';

export interface AxisRequest {
  /** Stored (scaled) values of the channel, one per event. */
  values: Float32Array;
  kind: ScaleKind;
  /** $PnR of the channel (top of scale). */
  range: number;
}

export interface ScaledDensityRequest {
  x: AxisRequest;
  y: AxisRequest;
  bins: number;
  /** Zoomed window in display units; absent for the full view. */
  view?: { x: Extent; y: Extent };
}

export interface ScaledDensity {
  grid: DensityGrid;
  /** The scales actually applied (e.g. logicle W estimated from the data), for the axis ticks. */
  x: ResolvedScale;
  y: ResolvedScale;
}

export function binScaled(req: ScaledDensityRequest): ScaledDensity {
  const xs = resolveScale(req.x.kind, req.x.range, req.x.values);
  const ys = resolveScale(req.y.kind, req.y.range, req.y.values);
  const dx = toDisplay(req.x.values, xs);
  const dy = toDisplay(req.y.values, ys);
  const range = req.view ?? { x: fixedWindow(xs.kind) ?? extent(dx), y: fixedWindow(ys.kind) ?? extent(dy) };
  return { grid: binDensity(dx, dy, req.bins, range), x: xs, y: ys };
}
