import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is one static bundle served two ways: from file:// inside Electron and by the
// web-mode server over loopback HTTP. A relative base ('./') makes the same build work for both.
// Nothing is loaded from the network at run time (CSP is 'self' only).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // plotly.js-dist-min alone is ~4.6 MB; the warning would only repeat that.
    chunkSizeWarningLimit: 6000,
    sourcemap: false,
  },
  worker: { format: 'es' },
});
