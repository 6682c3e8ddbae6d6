// What the action does to its process and runner: the @actions/core calls it uses, behind one
// interface so that `run()` can be driven in process (tests/action/in-process.ts records the
// same workflow-command text the runner would read). `coreIo()` is the real one.
import { EOL } from 'node:os';
import type * as Core from '@actions/core';
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
  /**
   * Loads what the io writes with, and writes what it kept meanwhile (in order). An io that
   * writes at once has none; `run()` calls it once the run has started (an issue event's
   * first request has left by then), and src/main.ts whatever happened.
   */
  ready?(): Promise<void>;
}

/**
 * The process's own: @actions/core over process.env and stdout, loaded late. Loaded at once it
 * would cost an issue event ~4 ms of CPU on Node 24 before its first request (it loads
 * node:crypto, for the delimiters of GITHUB_OUTPUT). Until `ready()` what is written is kept,
 * in order, and written then; the token's mask and the exit code do not wait (see below).
 * Inputs and the debug flag are read from the environment as @actions/core reads them.
 */
export function coreIo(
  env: NodeJS.ProcessEnv = process.env,
): ActionIo & { ready(): Promise<void> } {
  let core: typeof Core | undefined;
  let loading: Promise<typeof Core> | undefined;
  const kept: ((c: typeof Core) => void)[] = [];
  const write = (f: (c: typeof Core) => void) => {
    if (core) f(core);
    else kept.push(f);
  };
  const load = () =>
    (loading ??= import('@actions/core').then((c) => {
      core = c;
      for (const f of kept.splice(0)) f(c);
      return c;
    }));
  return {
    getInput: (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
    isDebug: () => env.RUNNER_DEBUG === '1',
    // The mask goes out at once, before anything else is written, whatever happens next.
    setSecret: (secret) => (core ? core.setSecret(secret) : addMask(secret)),
    info: (message) => write((c) => c.info(message)),
    debug: (message) => write((c) => c.debug(message)),
    startGroup: (name) => write((c) => c.startGroup(name)),
    endGroup: () => write((c) => c.endGroup()),
    annotate: (level, message, props = {}) =>
      write((c) => {
        if (level === 'error') c.error(message, props);
        else if (level === 'warning') c.warning(message, props);
        else c.notice(message, props);
      }),
    // The step fails whether or not the message is written yet (ExitCode.Failure is 1).
    setFailed: (message) => {
      process.exitCode = 1;
      write((c) => c.setFailed(message));
    },
    markFailed: () => {
      process.exitCode = 1;
    },
    setOutput: (name, value) => write((c) => c.setOutput(name, value)),
    writeSummary: async (markdown) => {
      // core.summary needs GITHUB_STEP_SUMMARY; outside a runner (local tests) it is skipped.
      if (!env.GITHUB_STEP_SUMMARY) return;
      await (await load()).summary.addRaw(markdown, true).write();
    },
    ready: async () => {
      await load();
    },
  };
}

/**
 * `::add-mask::` as @actions/core's setSecret writes it (its escaping of a command's data:
 * `%`, CR, LF), without loading it (tests/action/io.test.ts compares the two).
 */
function addMask(secret: string): void {
  const data = secret.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  process.stdout.write(`::add-mask::${data}${EOL}`);
}
