// Runs the action's `run()` from src/ IN THIS PROCESS, for the scenario tests: the same
// `runAction` / `runConcurrently` and result as tests/action/harness.ts (same step
// preparation: workspace, event file, GITHUB_OUTPUT and summary files, runner environment;
// same parsing of what the step left), but instead of spawning `node dist/index.js` it calls
// `run({ io, env, timing })` with
// - `env`: the step's environment, handed in (process.env is never read nor changed);
// - `io`: a recording io that writes what @actions/core would: workflow commands and log
//   lines to a stdout string; outputs and the summary through the action's own io
//   (src/action/io.ts `coreIo`, which writes them to the step's files); the exit code is its
//   own (process.exitCode untouched);
// - `timing`: waitScale 0 (every wait taken in clock time only, never slept), plus a
//   test's BACKLOG_LINT_TEST_TIMING, translated here rather than read by run() from env;
// - `clock`, when the test gives one (a fake clock that fires a hung request's timeout).
// Each run has its own io, budget and GitHub client, so two runs at once share nothing.
//
// What stays with the bundle (harness.ts): e2e.test.ts (one run per mode), proxy.test.ts,
// incremental.test.ts (@actions/cache reads its service from the process environment),
// bundle-chunks.test.ts, examples.test.ts (the job-summary example), one hung-API test of
// trust.test.ts, tests/bundle.test.ts (size and imports), and whatever depends on the process
// itself (its stderr, exit on a crash, the environment it inherits).
import os from 'node:os';
import { toCommandProperties } from '../../node_modules/@actions/core/lib/utils.js';
import { coreIo, type ActionIo } from '../../src/action/io.js';
import { crashMessage, run } from '../../src/action/run.js';
import { clientTiming } from '../../src/action/timing.js';
import { actionRunner, type PreparedStep, type StepExit } from './harness.js';

export * from './harness.js';

// @actions/core's escaping (lib/command.js escapeData / escapeProperty).
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return s
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/:/g, '%3A')
    .replace(/,/g, '%2C');
}

/** `::command key=value,...::message` as @actions/core writes it (falsy properties left out). */
export function workflowCommand(
  command: string,
  properties: Record<string, string | number | undefined>,
  message: string,
): string {
  let text = `::${command}`;
  const pairs = Object.entries(properties)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  if (Object.keys(properties).length > 0) text += ` ${pairs.join(',')}`;
  return `${text}::${escapeData(message)}`;
}

export interface RecordingIo extends ActionIo {
  /** Everything written to the step's stdout, as @actions/core would have written it. */
  readonly stdout: string;
  /** 1 once the step failed, else null (exit code 0). */
  readonly exitCode: number | null;
}

/** An io over the step's environment `env`, recording its stdout and exit code. */
export function recordingIo(env: Readonly<Record<string, string | undefined>>): RecordingIo {
  let stdout = '';
  let exitCode: number | null = null;
  const write = (line: string) => (stdout += line + os.EOL);
  const command = (name: string, props: Record<string, string | number | undefined>, m: string) =>
    write(workflowCommand(name, props, m));
  // The runner's files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) are written by the action's own io:
  // only what goes to stdout is recorded here instead.
  const files = coreIo(env);
  return {
    get stdout() {
      return stdout;
    },
    get exitCode() {
      return exitCode;
    },
    getInput: (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim(),
    setSecret: (secret) => command('add-mask', {}, secret),
    info: (message) => write(message),
    debug: (message) => command('debug', {}, message),
    isDebug: () => env.RUNNER_DEBUG === '1',
    startGroup: (name) => command('group', {}, name),
    endGroup: () => command('endgroup', {}, ''),
    annotate: (level, message, props = {}) => command(level, toCommandProperties(props), message),
    setFailed: (message) => {
      exitCode = 1;
      command('error', {}, message);
    },
    markFailed: () => {
      exitCode = 1;
    },
    setOutput: (name, value) => {
      if (env.GITHUB_OUTPUT) return files.setOutput(name, value);
      stdout += os.EOL;
      command('set-output', { name }, typeof value === 'string' ? value : JSON.stringify(value));
    },
    writeSummary: (markdown) => files.writeSummary(markdown),
  };
}

/** The step through run() of src/, in this process. */
async function runInProcess(step: PreparedStep): Promise<StepExit> {
  const started = Date.now();
  const { BACKLOG_LINT_TEST_TIMING: knob, ...env } = step.env;
  const timing = { waitScale: 0, ...clientTiming({ BACKLOG_LINT_TEST_TIMING: knob }) };
  const io = recordingIo(env);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), step.timeoutMs);
  });
  try {
    const ended = await Promise.race([
      run({ io, env, timing, ...(step.clock && { clock: step.clock }) }).catch((err: unknown) =>
        io.setFailed(crashMessage(err)),
      ),
      timedOut,
    ]);
    // The child process would be killed; here the run is left behind, the test fails on it.
    if (ended === 'timeout')
      return {
        code: null,
        signal: 'SIGKILL',
        stdout: io.stdout,
        stderr: '',
        wallMs: step.timeoutMs,
      };
  } finally {
    clearTimeout(timer);
  }
  // No stderr in process: nothing of run() writes there (its log is the io's stdout).
  return {
    code: io.exitCode ?? 0,
    signal: null,
    stdout: io.stdout,
    stderr: '',
    wallMs: Date.now() - started,
  };
}

/** run() of src/ in this process (see the top of this file). */
export const { runAction, runConcurrently } = actionRunner(runInProcess);
