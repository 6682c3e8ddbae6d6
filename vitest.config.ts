import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The action tests spawn dist/index.js; two cores, so keep parallelism modest.
    maxWorkers: 2,
    // @actions/workflow-parser imports its JSON schemas without `with { type: 'json' }`, which
    // Node refuses: Vite transforms it instead of Node loading it (tests/release.test.ts).
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
