import { z } from 'zod';
import { ignoreLabels } from './options.js';
import type { RuleModule, RuleEnv } from './rule.js';

export const ownerUnknown: RuleModule<{ 'ignore-labels': string[] }> = {
  id: 'owner-unknown',
  defaultSeverity: 'notice',
  docs: 'An assignee belongs to no configured role.',
  fixable: false,
  options: z.strictObject({ 'ignore-labels': ignoreLabels }),
  check(issue, env) {
    const unknown = issue.assignees.filter(
      (login) => (issue.assigneeRoles[login] ?? []).length === 0,
    );
    if (unknown.length === 0 || !everyRoleKnown(env)) return [];
    return unknown.map((login) => ({
      message: `#${issue.number} is assigned to ${login}, who belongs to no configured role`,
    }));
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
  return roles.map((role) => env.requireMembers(role)).every(Boolean);
}
