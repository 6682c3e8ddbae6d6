import { z } from 'zod';
import { ownedIssueMessage } from './describe.js';
import { ignoreLabels } from './options.js';
import { NO_REPORTS, type RuleModule } from './rule.js';

export const milestoneRequired: RuleModule<{ 'ignore-labels': string[]; roles: string[] }> = {
  id: 'milestone-required',
  defaultSeverity: 'warning',
  docs: 'An issue owned by one of `roles` (default `[project]`) has no milestone.',
  fixable: false,
  options: z.strictObject({
    'ignore-labels': ignoreLabels,
    roles: z.array(z.string().min(1)).default(['project']),
  }),
  check(issue, env, options) {
    if (issue.ownerRole === null || issue.milestone !== null) return NO_REPORTS;
    if (!options.roles.includes(issue.ownerRole)) return NO_REPORTS;
    return [{ message: ownedIssueMessage(issue, env, ' and has no milestone') }];
  },
};
