// Bins events off the main thread so the page stays responsive on million-event tubes.
import { binDensity, type Extent } from './density';

self.onmessage = (e: MessageEvent<{ x: Float32Array; y: Float32Array; bins: number; range?: { x: Extent; y: Extent } }>) => {
  const grid = binDensity(e.data.x, e.data.y, e.data.bins, e.data.range);
  (self as unknown as Worker).postMessage(grid, [grid.counts.buffer]);
};
