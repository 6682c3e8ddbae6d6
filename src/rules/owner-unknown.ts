import { z } from '../zod.js';
import { ignoreLabels } from './options.js';
import { NO_REPORTS, type RuleEnv, type RuleModule, type RuleReport } from './rule.js';

export const ownerUnknown: RuleModule<{ 'ignore-labels': string[] }, 'noRole'> = {
  id: 'owner-unknown',
  defaultSeverity: 'notice',
  docs: 'An assignee belongs to no configured role.',
  fixable: false,
  messages: { noRole: '{{issue}} is assigned to {{login}}, who belongs to no configured role' },
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
  check(issue, env) {
    let reports: RuleReport<'noRole'>[] | undefined;
    const { assignees, assigneeRoles } = issue;
    for (let i = 0; i < assignees.length; i++) {
      const login = assignees[i] as string;
      const roles = assigneeRoles[login];
      if (roles !== undefined && roles.length > 0) continue;
      if (reports === undefined && !everyRoleKnown(env)) return NO_REPORTS;
      const report: RuleReport<'noRole'> = { messageId: 'noRole', data: { login }, subject: login };
      // A literal of one: `[]` and push would allocate room for 16.
      if (reports === undefined) reports = [report];
      else reports.push(report);
    }
    return reports ?? NO_REPORTS;
  },
};

/**
 * "Belongs to no role" is only certain when every role's members are known: an empty role
 * or an unresolved team could be exactly where the assignee belongs. Asks about every role
 * (not stopping at the first gap) so each gap gets its notice.
 */
function everyRoleKnown(env: RuleEnv): boolean {
  const roles = env.roleNames;
  if (roles.length === 0) return env.requireAnyMembers();
  let known = true;
  for (let i = 0; i < roles.length; i++) if (!env.requireMembers(roles[i] as string)) known = false;
  return known;
}
