// Stands in for `@actions/exec` in the bundles (tsconfig.json "paths", which ncc follows). Its
// only importer is @actions/core's `platform.getDetails()` (OS name and version), which
// backlog-lint never calls; the real module (with @actions/io) would make every start load
// node:child_process, which loads node:dgram, node:net and more (~3–5 ms of CPU on each issue
// event). tests/bundle.test.ts checks that @actions/core uses nothing else of the package.
const leftOut = (): never => {
  throw new Error(
    'backlog-lint: @actions/exec is left out of this bundle (only core.platform.getDetails() uses it, which backlog-lint does not call).',
  );
};

export const exec = leftOut;
export const getExecOutput = leftOut;
