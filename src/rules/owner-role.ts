import { z } from 'zod';
import { ignoreLabels } from './options.js';
import type { RuleModule } from './rule.js';

export const ownerRole: RuleModule<{ 'ignore-labels': string[] }> = {
  id: 'owner-role',
  defaultSeverity: 'error',
  docs: 'A typed issue has assignees but none is a member of the role that owns its type.',
  fixable: true,
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
};
