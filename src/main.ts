// Entry point of the bundled action (dist/index.js): the run with the process's own io and
// environment.
import { coreIo } from './action/io.js';
import { crashMessage, run } from './action/run.js';

const io = coreIo();
run({ io, env: process.env }).catch((err: unknown) => io.setFailed(crashMessage(err)));
