import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores, so keep parallelism modest.
    maxWorkers: 2,
    // @actions/workflow-parser imports its JSON schemas without `with { type: 'json' }`, which
    // Node refuses: Vite transforms it instead of Node loading it (tests/release.test.ts).
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'tests/action/**'],
        },
      },
      {
        // The action scenarios run in process against the emulator (tests/action/in-process.ts):
        // each file would import the emulator (OpenAPI and GraphQL descriptions) and the action
        // again, ~3 s a file. They share no module state a test relies on (no mocks, each run
        // its own io, client and repository), so a worker keeps its modules between files.
        extends: true,
        test: { name: 'action', include: ['tests/action/**/*.test.ts'], isolate: false },
      },
    ],
  },
});
