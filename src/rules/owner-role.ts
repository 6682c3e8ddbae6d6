import { z } from 'zod';
import { describeAssignees, describeOwnedIssue } from './describe.js';
import { ignoreLabels } from './options.js';
import type { RuleModule } from './rule.js';

export const ownerRole: RuleModule<{ 'ignore-labels': string[] }> = {
  id: 'owner-role',
  defaultSeverity: 'error',
  docs: 'A typed issue has assignees but none is a member of the role that owns its type.',
  fixable: true,
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
  check(issue, env) {
    const role = issue.ownerRole;
    if (role === null || issue.assignees.length === 0) return [];
    if (issue.assignees.some((login) => issue.assigneeRoles[login]?.includes(role))) return [];
    // Nobody is a known member: only a finding when the role's membership is fully known.
    if (!env.requireMembers(role)) return [];
    const assignees = issue.assignees.length === 1 ? 'its assignee is' : 'its assignees are';
    return [
      {
        message: `${describeOwnedIssue(issue)}, but ${assignees} ${describeAssignees(issue)}`,
        suggestAssigneeFrom: role,
      },
    ];
  },
};
