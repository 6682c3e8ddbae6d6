// What the action does to its process and runner: the @actions/core calls it uses, behind one
// interface so that `run()` can be driven in process (tests/action/in-process.ts records the
// same workflow-command text the runner would read). `coreIo()` is the real one.
import * as core from '@actions/core';
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

/** The process's own: @actions/core over process.env and stdout. */
export function coreIo(): ActionIo {
  return {
    getInput: (name) => core.getInput(name),
    setSecret: (secret) => core.setSecret(secret),
    info: (message) => core.info(message),
    debug: (message) => core.debug(message),
    isDebug: () => core.isDebug(),
    startGroup: (name) => core.startGroup(name),
    endGroup: () => core.endGroup(),
    annotate: (level, message, props = {}) => {
      if (level === 'error') core.error(message, props);
      else if (level === 'warning') core.warning(message, props);
      else core.notice(message, props);
    },
    setFailed: (message) => core.setFailed(message),
    markFailed: () => {
      process.exitCode = core.ExitCode.Failure;
    },
    setOutput: (name, value) => core.setOutput(name, value),
    writeSummary: async (markdown) => {
      // core.summary needs GITHUB_STEP_SUMMARY; outside a runner (local tests) it is skipped.
      if (!process.env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown, true).write();
    },
  };
}
