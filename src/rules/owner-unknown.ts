import { z } from 'zod';
import { ignoreLabels } from './options.js';
import { NO_REPORTS, type RuleEnv, type RuleModule, type RuleReport } from './rule.js';

export const ownerUnknown: RuleModule<{ 'ignore-labels': string[] }> = {
  id: 'owner-unknown',
  defaultSeverity: 'notice',
  docs: 'An assignee belongs to no configured role.',
  fixable: false,
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
  check(issue, env) {
    let reports: RuleReport[] | undefined;
    for (const login of issue.assignees) {
      if ((issue.assigneeRoles[login] ?? []).length > 0) continue;
      if (reports === undefined && !everyRoleKnown(env)) return NO_REPORTS;
      const text =
        env.texts.get(login) ??
        env.texts.keep(login, ` is assigned to ${login}, who belongs to no configured role`);
      (reports ??= []).push({ message: issue.ref + text, subject: login });
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
  const roles = Object.keys(env.config.roles);
  if (roles.length === 0) return env.requireAnyMembers();
  let known = true;
  for (const role of roles) if (!env.requireMembers(role)) known = false;
  return known;
}
