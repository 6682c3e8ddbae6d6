import { z } from 'zod';
import { ownedIssueMessage } from './describe.js';
import { ignoreLabels } from './options.js';
import { NO_REPORTS, type RuleModule } from './rule.js';

export const ownerRequired: RuleModule<{ 'ignore-labels': string[] }> = {
  id: 'owner-required',
  defaultSeverity: 'warning',
  docs: 'A typed issue has no assignee.',
  fixable: true,
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
  // Not a membership rule: "nobody is assigned" holds whatever the role's members are.
  check(issue, env) {
    if (issue.ownerRole === null || issue.assignees.length > 0) return NO_REPORTS;
    return [
      {
        message: ownedIssueMessage(issue, env, ' and has no assignee'),
        suggestAssigneeFrom: issue.ownerRole,
      },
    ];
  },
};
