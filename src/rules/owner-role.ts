import { z } from 'zod';
import { describeAssignees, describeOwnership } from './describe.js';
import { ignoreLabels } from './options.js';
import { NO_REPORTS, type IssueView, type RuleModule } from './rule.js';

export const ownerRole: RuleModule<{ 'ignore-labels': string[] }> = {
  id: 'owner-role',
  defaultSeverity: 'error',
  docs: 'A typed issue has assignees but none is a member of the role that owns its type.',
  fixable: true,
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
  check(issue, env) {
    const role = issue.ownerRole;
    if (role === null || issue.assignees.length === 0) return NO_REPORTS;
    if (issue.assignees.some((login) => issue.assigneeRoles[login]?.includes(role))) {
      return NO_REPORTS;
    }
    // Nobody is a known member: only a finding when the role's membership is fully known.
    if (!env.requireMembers(role)) return NO_REPORTS;
    // The type decides the owner role, a login its roles. The text for several assignees,
    // rarer, is built each time.
    const login = issue.assignees.length === 1 ? issue.assignees[0] : undefined;
    const text =
      login === undefined
        ? describeMismatch(issue)
        : (env.texts.getPair(issue.type, login) ??
          env.texts.keepPair(issue.type, login, describeMismatch(issue)));
    return [{ message: issue.ref + text, suggestAssigneeFrom: role }];
  },
};

/** " is a budget issue owned by project, but its assignee is dana (product)". */
function describeMismatch(issue: IssueView): string {
  const assignees = issue.assignees.length === 1 ? 'its assignee is' : 'its assignees are';
  return ` ${describeOwnership(issue)}, but ${assignees} ${describeAssignees(issue)}`;
}
