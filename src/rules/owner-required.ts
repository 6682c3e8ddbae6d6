import { z } from '../zod.js';
import { ownership } from './describe.js';
import { ignoreLabels } from './options.js';
import { NO_REPORTS, type RuleModule } from './rule.js';

export const ownerRequired: RuleModule<{ 'ignore-labels': string[] }, 'noAssignee'> = {
  id: 'owner-required',
  defaultSeverity: 'warning',
  docs: 'A typed issue has no assignee.',
  fixable: true,
  messages: {
    noAssignee: '{{issue}} is {{article}} {{type}} issue owned by {{owner}} and has no assignee',
  },
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
  // Not a membership rule: "nobody is assigned" holds whatever the role's members are.
  check(issue) {
    if (issue.ownerRole === null || issue.assignees.length > 0) return NO_REPORTS;
    return [
      { messageId: 'noAssignee', data: ownership(issue), suggestAssigneeFrom: issue.ownerRole },
    ];
  },
};
