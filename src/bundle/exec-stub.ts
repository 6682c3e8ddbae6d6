// Stands in for `@actions/exec` in the bundles (tsconfig.json "paths", which ncc follows). Its
// importers: @actions/core's `platform.getDetails()` (OS name and version), which backlog-lint
// never calls, and @actions/cache's tar handling (incremental backlog runs), itself imported on
// first use. The real module (with @actions/io) at the top of the bundle would make every start
// load node:child_process, which loads node:dgram, node:net and more (~3–5 ms of CPU on each
// issue event); so each name here imports the real module when it is first called (a chunk of
// its own). Both functions answer promises, so the delegation is invisible to the callers.
// tests/bundle.test.ts checks that every name @actions/core and @actions/cache use is here.
import type * as Real from '../../node_modules/@actions/exec/lib/exec.js';

let real: Promise<typeof Real> | undefined;
const load = (): Promise<typeof Real> =>
  (real ??= import('../../node_modules/@actions/exec/lib/exec.js'));

export const exec: typeof Real.exec = async (...args) => (await load()).exec(...args);
export const getExecOutput: typeof Real.getExecOutput = async (...args) =>
  (await load()).getExecOutput(...args);
