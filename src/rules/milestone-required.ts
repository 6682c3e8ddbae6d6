import { z } from 'zod';
import { describeOwnedIssue } from './describe.js';
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
  check(issue, _env, options) {
    if (issue.ownerRole === null || issue.milestone !== null) return [];
    if (!options.roles.includes(issue.ownerRole)) return [];
    return [{ message: `${describeOwnedIssue(issue)} and has no milestone` }];
  },
};
