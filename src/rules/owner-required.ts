import { z } from 'zod';
import { describeOwnedIssue } from './describe.js';
import { ignoreLabels } from './options.js';
import type { RuleModule } from './rule.js';

export const ownerRequired: RuleModule<{ 'ignore-labels': string[] }> = {
  id: 'owner-required',
  defaultSeverity: 'warning',
  docs: 'A typed issue has no assignee.',
  fixable: true,
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
  // Not a membership rule: "nobody is assigned" holds whatever the role's members are.
  check(issue) {
    if (issue.ownerRole === null || issue.assignees.length > 0) return [];
    return [
      {
        message: `${describeOwnedIssue(issue)} and has no assignee`,
        suggestAssigneeFrom: issue.ownerRole,
      },
    ];
  },
};
