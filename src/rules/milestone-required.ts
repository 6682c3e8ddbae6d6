import { z } from 'zod';
import { ignoreLabels } from './options.js';
import type { RuleModule } from './rule.js';

export const milestoneRequired: RuleModule<{ 'ignore-labels': string[]; roles: string[] }> = {
  id: 'milestone-required',
  defaultSeverity: 'warning',
  docs: 'An issue owned by one of `roles` (default `[project]`) has no milestone.',
  fixable: false,
  options: z.strictObject({
    'ignore-labels': ignoreLabels,
    roles: z.array(z.string().min(1)).default(['project']),
  }),
};
