#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is bundled by scripts/build.mjs into dist/cli.cjs.
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('oncoflow: not built yet; run `npm run build` (npm start and npm test build it too)\n');
  process.exit(2);
}
require(bundle).run();
