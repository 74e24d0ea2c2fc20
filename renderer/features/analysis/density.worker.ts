// Transforms and bins events off the main thread so the page stays responsive on million-event tubes.
import { binScaled, type ScaledDensityRequest } from './scaledDensity';

// A worker's CSP violations fire on the worker, not on the page's document: report them on the
// console so they are seen (and asserted on by the e2e tests) like the page's own.
self.addEventListener('securitypolicyviolation', (e) => {
  console.error(`Content Security Policy violation in the density worker: ${e.violatedDirective} blocked ${e.blockedURI}`);
});

self.onmessage = (e: MessageEvent<ScaledDensityRequest>) => {
  const result = binScaled(e.data);
  (self as unknown as Worker).postMessage(result, [result.grid.counts.buffer]);
};
