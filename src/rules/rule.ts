// The shape of one rule module. Each rule lives in its own file under src/rules/ with its
// id, default severity, one docs line, its option schema and its check.
import type { z } from 'zod';
import type { RuleId, Severity } from '../types.js';

export interface RuleModule<O extends Record<string, unknown> = Record<string, unknown>> {
  id: RuleId;
  defaultSeverity: Severity;
  /** One line for the README, `--help` and annotations' docs. */
  docs: string;
  /** Whether `fix` can resolve the finding (adds labels / assignees only). */
  fixable: boolean;
  /** Strict zod object schema of the options, with defaults; validated at config load. */
  options: z.ZodType<O>;
  // TODO(engine): check / checkBacklog signatures are added by the engine work.
}
