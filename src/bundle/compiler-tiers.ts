// The action's process is one run: an event's few requests, or a backlog read, then it exits.
// V8's optimising compiler (TurboFan) compiles the functions that get hot, on background
// threads, and in a run of a few seconds those compiles cost more CPU than the optimised code
// saves. (Node 24's cheaper mid-tier compiler, Maglev, stays on: set at run time, `--no-opt`
// stops TurboFan only there.) Measured (child CPU, medians, scripts/bench.ts --only cpu-page and
// A/B runs of the same bundle): a 10,000-issue backlog run ~565 → ~465 ms on Node 20 and
// ~515 → ~460 ms on Node 24; 30,000 issues ~1,120 → ~1,050 ms; an issue event does not get
// hot enough to notice. The price is paid by very large backlogs: 100,000 issues ~2.8 → ~3.07 s
// of CPU (wall time +3%, peak RSS −7%). The interpreter and the baseline compiler (Sparkplug)
// still run everything. Only the action's entry calls this: the CLI and the library leave
// their host process alone.

/**
 * Issue and pull-request events: runs of a few requests, too short for the optimising
 * compiler to start, and loading node:v8 (~0.5–1 ms) would be their only effect.
 */
const SHORT_RUN_EVENTS = new Set([
  'issues',
  'issue_comment',
  'pull_request',
  'pull_request_target',
]);

/**
 * Turns off V8's optimising compiler for the rest of this process's life, unless the event is
 * one of an issue or pull request. Asynchronous (node:v8 is imported), done long before the
 * backlog's first page arrives; should it fail, the compilers simply stay on.
 */
export function skipOptimizingCompilers(eventName: string | undefined): void {
  if (SHORT_RUN_EVENTS.has(eventName ?? '')) return;
  import('node:v8').then(
    (v8) => v8.setFlagsFromString('--no-opt'),
    () => undefined,
  );
}
