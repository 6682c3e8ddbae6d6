import { z } from 'zod';
import { ignoreLabels } from './options.js';
import type { RuleModule } from './rule.js';

export const ownerUnknown: RuleModule<{ 'ignore-labels': string[] }> = {
  id: 'owner-unknown',
  defaultSeverity: 'notice',
  docs: 'An assignee belongs to no configured role.',
  fixable: false,
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
};
