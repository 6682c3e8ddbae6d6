import { z } from '../zod.js';
import { article, describeAssignees, describeRoles } from './describe.js';
import { ignoreLabels } from './options.js';
import { NO_REPORTS, type RuleModule } from './rule.js';

export const ownerRole: RuleModule<
  { 'ignore-labels': string[] },
  'wrongAssignee' | 'wrongAssignees'
> = {
  id: 'owner-role',
  defaultSeverity: 'error',
  docs: 'A typed issue has assignees but none is a member of the role that owns its type.',
  fixable: true,
  messages: {
    wrongAssignee:
      '{{issue}} is {{article}} {{type}} issue owned by {{owner}}, but its assignee is {{login}} ({{roles}})',
    wrongAssignees:
      '{{issue}} is {{article}} {{type}} issue owned by {{owner}}, but its assignees are {{assignees}}',
  },
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
  check(issue, env) {
    const role = issue.ownerRole;
    if (role === null || issue.assignees.length === 0) return NO_REPORTS;
    const { assignees, assigneeRoles } = issue;
    for (let i = 0; i < assignees.length; i++) {
      if (assigneeRoles[assignees[i] as string]?.includes(role)) return NO_REPORTS;
    }
    // Nobody is a known member: only a finding when the role's membership is fully known.
    if (!env.requireMembers(role)) return NO_REPORTS;
    // The data built here, not as `{ ...ownership(issue), ... }`: that spread made the engine
    // bench (100,000 issues) ~30% slower (2026-12-03: 293 → 384 ms).
    const type = issue.type ?? 'typed';
    const a = article(type);
    if (issue.assignees.length > 1) {
      const assignees = describeAssignees(issue);
      const data = { article: a, type, owner: role, assignees };
      return [{ messageId: 'wrongAssignees', data, suggestAssigneeFrom: role }];
    }
    const login = issue.assignees[0] as string;
    const roles = describeRoles(issue.assigneeRoles[login] ?? []);
    const data = { article: a, type, owner: role, login, roles };
    return [{ messageId: 'wrongAssignee', data, suggestAssigneeFrom: role }];
  },
};
