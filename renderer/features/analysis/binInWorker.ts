// Transform + density binning in a Web Worker, falling back to the main thread where workers
// cannot start (e.g. a file:// page whose worker URL the browser refuses). Same result either way.
import { binScaled, type ScaledDensity, type ScaledDensityRequest } from './scaledDensity';

export function binInWorker(req: ScaledDensityRequest): Promise<ScaledDensity> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./density.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return Promise.resolve(binScaled(req));
  }
  return new Promise((resolve) => {
    worker.onmessage = (e: MessageEvent<ScaledDensity>) => {
      worker.terminate();
      resolve(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      resolve(binScaled(req));
    };
    // Copies (not transfers) the raw columns: they stay here for the next scale or zoom.
    worker.postMessage(req);
  });
}
