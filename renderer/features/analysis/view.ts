// The zoomed view of a dot plot, read from plotly's relayout events (pure, unit-tested).
import type { Extent } from './density';

export interface View {
  x: Extent;
  y: Extent;
}

/**
 * plotly_relayout payloads: a box zoom sends 'xaxis.range[0]' … 'yaxis.range[1]'; a pan or a zoom
 * along one axis may send 'xaxis.range' arrays or only one axis; reset / double-click sends
 * 'xaxis.autorange': true. Returns the new view, null for "back to full view", or undefined when
 * the event does not change the axes (e.g. a resize or the drag mode).
 */
export function viewFromRelayout(u: Record<string, unknown>, current?: View | null): View | null | undefined {
  if (u['xaxis.autorange'] === true || u['yaxis.autorange'] === true) return null;
  const axis = (name: 'xaxis' | 'yaxis'): Extent | undefined => {
    const a = u[`${name}.range[0]`];
    const b = u[`${name}.range[1]`];
    const arr = u[`${name}.range`];
    const [lo, hi] = Array.isArray(arr) ? arr : [a, b];
    if (typeof lo !== 'number' || typeof hi !== 'number' || !Number.isFinite(lo) || !Number.isFinite(hi) || lo === hi) return undefined;
    return { min: Math.min(lo, hi), max: Math.max(lo, hi) };
  };
  const x = axis('xaxis');
  const y = axis('yaxis');
  if (!x && !y) return undefined;
  const base = current ?? null;
  if (x && y) return { x, y };
  if (!base) return undefined; // one axis only and no earlier view to take the other from
  return { x: x ?? base.x, y: y ?? base.y };
}
