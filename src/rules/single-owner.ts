import { z } from 'zod';
import { ignoreLabels } from './options.js';
import type { RuleModule } from './rule.js';

export const singleOwner: RuleModule<{ 'ignore-labels': string[]; max: number }> = {
  id: 'single-owner',
  defaultSeverity: 'warning',
  docs: 'More than `max` (default 1) assignees come from managed roles.',
  fixable: false,
  options: z.strictObject({ 'ignore-labels': ignoreLabels, max: z.number().int().min(1).default(1) }),
};
