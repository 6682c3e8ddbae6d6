// Entry point of the bundled action (dist/index.js): the run with the process's own io and
// environment.
import { coreIo } from './action/io.js';
import { crashMessage, run } from './action/run.js';
import { skipOptimizingCompilers } from './bundle/compiler-tiers.js';

// A one-shot process: see compiler-tiers.ts.
skipOptimizingCompilers(process.env.GITHUB_EVENT_NAME);

const io = coreIo();
run({ io, env: process.env }).catch((err: unknown) => io.setFailed(crashMessage(err)));
