// GitHub shows at most 10 annotations of each level per step (SPEC "Reports"). The step's
// failure message (core.setFailed) is an error annotation too: when ten errors were already
// shown it would be an eleventh, hidden one, so it goes to the log instead and the step
// fails through its exit code.
import * as core from '@actions/core';
import type { Level } from '../types.js';

export const ANNOTATIONS_SHOWN_PER_LEVEL = 10;

export class AnnotationBudget {
  readonly emitted: Record<Level, number> = { error: 0, warning: 0, notice: 0 };

  emit(level: Level, message: string, props: core.AnnotationProperties = {}): void {
    this.emitted[level]++;
    if (level === 'error') core.error(message, props);
    else if (level === 'warning') core.warning(message, props);
    else core.notice(message, props);
  }

  /** Fails the step with `message`: an error annotation while one can still be shown. */
  fail(message: string): void {
    if (this.emitted.error < ANNOTATIONS_SHOWN_PER_LEVEL) {
      this.emitted.error++;
      core.setFailed(message);
    } else {
      core.info(`Error: ${message}`);
      process.exitCode = core.ExitCode.Failure;
    }
  }
}
