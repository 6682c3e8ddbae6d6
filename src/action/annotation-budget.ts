// GitHub shows at most 10 annotations of each level per step (SPEC "Reports"). The step's
// failure message (core.setFailed) is an error annotation too: when ten errors were already
// shown it would be an eleventh, hidden one, so it goes to the log instead and the step
// fails through its exit code. Every annotation and failure of a run goes through its budget,
// redacted (src/github/redact.ts).
import { redact } from '../github/redact.js';
import type { Level } from '../types.js';
import type { ActionIo, AnnotationProperties } from './io.js';

export const ANNOTATIONS_SHOWN_PER_LEVEL = 10;

export class AnnotationBudget {
  readonly emitted: Record<Level, number> = { error: 0, warning: 0, notice: 0 };

  constructor(private readonly io: ActionIo) {}

  /** One annotation, redacted and counted. */
  annotate = (level: Level, message: string, props: AnnotationProperties = {}): void => {
    this.emitted[level]++;
    this.io.annotate(level, redact(message), props);
  };

  /** Fails the step with `message` (redacted): an error annotation while one can still be shown. */
  fail = (message: string): void => {
    const text = redact(message);
    if (this.emitted.error < ANNOTATIONS_SHOWN_PER_LEVEL) {
      this.emitted.error++;
      this.io.setFailed(text);
    } else {
      this.io.info(`Error: ${text}`);
      this.io.markFailed();
    }
  };
}
