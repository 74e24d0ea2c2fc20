// Pure helpers behind the dot plot (tested in tests/unit/renderer): decoding the tubes.events
// bytes, the raster resolution and channel labels. No per-event objects: every
// loop runs over typed arrays.
import type { TubeParameter } from '../../../shared/api/contract';

/**
 * How the dot plot draws: every event is binned (in a worker) on a grid of about one cell per
 * screen pixel and the grid is drawn as a plotly heatmap, coloured by events per cell. Each event
 * is in exactly one cell, so nothing is dropped or sampled, at any event count.
 *
 * Why not plotly's scattergl: it needs regl, which compiles shaders' glue code with `new Function`,
 * and the app's Content-Security-Policy (script-src 'self', no 'unsafe-eval') refuses that; plotly
 * then shows "WebGL is not supported". SVG `scatter` makes one DOM node per event. A pixel grid
 * costs one typed-array pass (≈14 ms per million events in Node on this 2-core machine) and draws
 * in constant time; end to end, a 1M-event tube replots in well under a second (tests/e2e/large-tube).
 */
export const RASTER_BINS = 512;

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * tubes.events layout (shared/api/contract.ts): little-endian float32, all events of channel 0,
 * then channel 1, ... Returns one view per channel (no copy on little-endian hosts).
 */
export function splitChannels(bytes: ArrayBuffer, channelCount: number): Float32Array[] {
  if (channelCount < 1) throw new RangeError('channelCount must be ≥ 1');
  if (bytes.byteLength % (4 * channelCount) !== 0)
    throw new RangeError(`${bytes.byteLength} bytes is not a whole number of float32 × ${channelCount} channels`);
  const n = bytes.byteLength / 4 / channelCount;
  const out: Float32Array[] = [];
  for (let c = 0; c < channelCount; c++) {
    if (HOST_IS_LITTLE_ENDIAN) out.push(new Float32Array(bytes, c * n * 4, n));
    else {
      const view = new DataView(bytes, c * n * 4, n * 4);
      const col = new Float32Array(n);
      for (let i = 0; i < n; i++) col[i] = view.getFloat32(i * 4, true);
      out.push(col);
    }
  }
  return out;
}

// Display scales (linear, logicle, arcsinh, log) live in scales.ts.

/** "PnN — marker" (e.g. "PE-A — CD3"), or just PnN when $PnS is blank. */
export function channelLabel(p: Pick<TubeParameter, 'name' | 'marker'>): string {
  const marker = p.marker?.trim();
  return marker ? `${p.name} — ${marker}` : p.name;
}

/** The usual first look: FSC-A × SSC-A when present, else the first two non-time channels. */
export function defaultChannels(params: readonly Pick<TubeParameter, 'name' | 'kind'>[]): [string, string] | null {
  if (params.length === 0) return null;
  const find = (re: RegExp) => params.find((p) => re.test(p.name))?.name;
  const fsc = find(/^FSC[-_ ]?A$/i) ?? find(/^FSC/i);
  const ssc = find(/^SSC[-_ ]?A$/i) ?? find(/^SSC/i);
  if (fsc && ssc) return [fsc, ssc];
  const usable = params.filter((p) => p.kind !== 'time');
  const pool = usable.length >= 2 ? usable : params;
  return [pool[0].name, (pool[1] ?? pool[0]).name];
}
