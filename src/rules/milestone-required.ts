import { z } from '../zod.js';
import { ownership } from './describe.js';
import { ignoreLabels, nonEmptyText } from './options.js';
import { NO_REPORTS, type RuleModule } from './rule.js';

export const milestoneRequired: RuleModule<
  { 'ignore-labels': string[]; roles: string[] },
  'noMilestone'
> = {
  id: 'milestone-required',
  defaultSeverity: 'warning',
  docs: 'An issue owned by one of `roles` (default `[project]`) has no milestone.',
  fixable: false,
  messages: {
    noMilestone: '{{issue}} is {{article}} {{type}} issue owned by {{owner}} and has no milestone',
  },
  options: z.strictObject({
    'ignore-labels': ignoreLabels,
    roles: z._default(z.array(nonEmptyText), ['project']),
  }),
  check(issue, _env, options) {
    if (issue.ownerRole === null || issue.milestone !== null) return NO_REPORTS;
    if (!options.roles.includes(issue.ownerRole)) return NO_REPORTS;
    return [{ messageId: 'noMilestone', data: ownership(issue) }];
  },
};
