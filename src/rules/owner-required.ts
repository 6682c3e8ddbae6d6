import { z } from 'zod';
import { ignoreLabels } from './options.js';
import type { RuleModule } from './rule.js';

export const ownerRequired: RuleModule<{ 'ignore-labels': string[] }> = {
  id: 'owner-required',
  defaultSeverity: 'warning',
  docs: 'A typed issue has no assignee.',
  fixable: true,
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
};
