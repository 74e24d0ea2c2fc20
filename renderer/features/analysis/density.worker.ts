// Bins events off the main thread so the page stays responsive on million-event tubes.
import { binDensity } from './density';

self.onmessage = (e: MessageEvent<{ x: Float32Array; y: Float32Array; bins: number }>) => {
  const grid = binDensity(e.data.x, e.data.y, e.data.bins);
  (self as unknown as Worker).postMessage(grid, [grid.counts.buffer]);
};
