// What the action does to its process and runner: the @actions/core calls it uses, behind one
// interface so that `run()` can be driven in process (tests/action/in-process.ts records the
// same workflow-command text the runner would read). `coreIo()` is the real one.
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
   * writes at once has none; `run()` calls it once the run's first request has left.
   */
  ready?(): Promise<void>;
}

/**
 * The process's own: @actions/core over process.env and stdout, loaded late. Loading it costs
 * an issue event ~4 ms of CPU on Node 24 before its first request (it loads node:crypto, for
 * the delimiters of GITHUB_OUTPUT), and nothing is written before that request anyway: until
 * `ready()` the calls that write are kept, in order (the token's `::add-mask::` first), and
 * inputs and the debug flag are read from the environment as @actions/core reads them.
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
      for (const f of kept.splice(0)) f(c);
      return (core = c);
    }));
  return {
    getInput: (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
    isDebug: () => env.RUNNER_DEBUG === '1',
    setSecret: (secret) => write((c) => c.setSecret(secret)),
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
    setFailed: (message) => write((c) => c.setFailed(message)),
    markFailed: () =>
      write((c) => {
        process.exitCode = c.ExitCode.Failure;
      }),
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
