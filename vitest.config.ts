import { defineConfig } from 'vitest/config';

// Three suites, one runner: unit (pure shared/ code), integration (database, services, CLI, HTTP),
// e2e (the built app driven in Chromium). scripts/test.mjs runs them all and prints one total line.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], testTimeout: 120_000, fileParallelism: false } },
      { test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
