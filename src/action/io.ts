// What the action does to its process and runner, behind one interface so that `run()` can be
// driven in process (tests/action/in-process.ts records the same workflow-command text the
// runner would read). `coreIo()` is the real one.
//
// It writes what @actions/core writes, without loading @actions/core's index: that imports
// node:crypto for a random GITHUB_OUTPUT delimiter, ~4 ms of CPU on Node 24 (all of
// node:crypto's modules load) that every issue event paid for a few small writes. The
// commands on stdout are @actions/core's own (lib/command.js, lib/utils.js: its escaping);
// an output entry (GITHUB_OUTPUT) and the job summary (GITHUB_STEP_SUMMARY), both files, are
// written here. tests/action/io.test.ts compares each with @actions/core's on the same
// arguments.
import { accessSync, appendFileSync, constants, existsSync } from 'node:fs';
import { EOL } from 'node:os';
import { issueCommand } from '../../node_modules/@actions/core/lib/command.js';
import { toCommandProperties, toCommandValue } from '../../node_modules/@actions/core/lib/utils.js';
import type { Level } from '../types.js';

/** Where an annotation points (@actions/core's AnnotationProperties). */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

export interface ActionIo {
  /** An input's value (`INPUT_<NAME>`), trimmed; '' when not given. */
  getInput(name: string): string;
  /** Masks `secret` in the log (`::add-mask::`). */
  setSecret(secret: string): void;
  info(message: string): void;
  debug(message: string): void;
  /** Step debug logging is on (RUNNER_DEBUG=1). */
  isDebug(): boolean;
  startGroup(name: string): void;
  endGroup(): void;
  annotate(level: Level, message: string, props?: AnnotationProperties): void;
  /** An error annotation without properties, and the step fails (exit code 1). */
  setFailed(message: string): void;
  /** The step fails (exit code 1) without a message. */
  markFailed(): void;
  setOutput(name: string, value: string | number): void;
  /** Appends to the job summary; nothing when the step has none (outside a runner). */
  writeSummary(markdown: string): Promise<void>;
}

/**
 * The process's own: workflow commands on stdout, outputs and the summary in the runner's
 * files, the exit code in `process.exitCode`. Inputs and the debug flag are read from the
 * environment as @actions/core reads them.
 */
export function coreIo(env: NodeJS.ProcessEnv = process.env): ActionIo {
  return {
    getInput: (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
    isDebug: () => env.RUNNER_DEBUG === '1',
    setSecret: (secret) => issueCommand('add-mask', {}, secret),
    info: (message) => process.stdout.write(message + EOL),
    debug: (message) => issueCommand('debug', {}, message),
    startGroup: (name) => issueCommand('group', {}, name),
    endGroup: () => issueCommand('endgroup', {}, ''),
    annotate: (level, message, props = {}) =>
      issueCommand(level, toCommandProperties(props), message),
    setFailed: (message) => {
      process.exitCode = 1; // ExitCode.Failure
      issueCommand('error', {}, message);
    },
    markFailed: () => {
      process.exitCode = 1;
    },
    setOutput: (name, value) => setOutput(env, name, value),
    writeSummary: async (markdown) => {
      // Outside a runner (local runs, tests) there is no summary file: skipped.
      const file = env.GITHUB_STEP_SUMMARY;
      if (!file) return;
      try {
        accessSync(file, constants.R_OK | constants.W_OK);
      } catch {
        throw new Error(
          `Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`,
        );
      }
      appendFileSync(file, markdown + EOL, { encoding: 'utf8' });
    },
  };
}

/**
 * `name<<DELIMITER`, the value, `DELIMITER`, appended to GITHUB_OUTPUT (without it, the old
 * `::set-output::` command), as @actions/core's setOutput writes it. The delimiter is chosen
 * to occur in neither the name nor the value (@actions/core draws a random UUID and throws
 * when it does occur): a value cannot end its entry early, whatever text it holds, and no
 * random source is needed.
 */
function setOutput(env: NodeJS.ProcessEnv, name: string, value: string | number): void {
  const text = toCommandValue(value);
  const file = env.GITHUB_OUTPUT;
  if (!file) {
    process.stdout.write(EOL);
    issueCommand('set-output', { name }, text);
    return;
  }
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  let delimiter = 'ghadelimiter_backlog-lint';
  for (let n = 1; name.includes(delimiter) || text.includes(delimiter); n++)
    delimiter = `ghadelimiter_backlog-lint_${n}`;
  appendFileSync(file, `${name}<<${delimiter}${EOL}${text}${EOL}${delimiter}${EOL}`, {
    encoding: 'utf8',
  });
}
