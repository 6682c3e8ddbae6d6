// Entry point of the bundled action (dist/index.js).
import * as core from '@actions/core';
import { run } from './action/run.js';

run().catch((err: unknown) => {
  core.setFailed(
    `backlog-lint crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  );
});
