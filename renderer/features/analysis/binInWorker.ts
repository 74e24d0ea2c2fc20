// Density binning in a Web Worker, falling back to the main thread where workers cannot start
// (e.g. a file:// page whose worker URL the browser refuses). Same result either way.
import { binDensity, type DensityGrid, type Extent } from './density';

export function binInWorker(x: Float32Array, y: Float32Array, bins: number, range?: { x: Extent; y: Extent }): Promise<DensityGrid> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./density.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return Promise.resolve(binDensity(x, y, bins, range));
  }
  return new Promise((resolve) => {
    worker.onmessage = (e: MessageEvent<DensityGrid>) => {
      worker.terminate();
      resolve(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      resolve(binDensity(x, y, bins, range));
    };
    // Copies (not transfers) x and y: they stay usable here if the user switches the scale.
    worker.postMessage({ x, y, bins, range });
  });
}
