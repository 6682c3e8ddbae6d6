// Who belongs to which role: config member entries (logins and `@org/team` slugs) expanded
// through the resolved teams. Comparison is case-insensitive; display keeps the spelling of
// the first place a login was seen (config, then team listing).
import type { Membership, ResolvedConfig } from '../types.js';
import { displayLogin, isTeamSlug, normalizeLogin, normalizeTeamSlug } from '../names.js';

const NO_ROLES: readonly string[] = [];
/** Shared: rules ask for a role's status once per report. */
const COMPLETE = Object.freeze({ kind: 'complete' as const });
const EMPTY = Object.freeze({ kind: 'empty' as const });

export function createMembership(
  config: ResolvedConfig,
  teams: Record<string, string[]> = {},
): Membership {
  const teamsByKey = new Map(Object.entries(teams).map(([k, v]) => [normalizeTeamSlug(k), v]));
  const rolesByLogin = new Map<string, string[]>();
  const membersByRole = new Map<string, string[]>();
  const unresolvedByRole = new Map<string, string[]>();
  const display = new Map<string, string>();

  for (const [role, roleConfig] of Object.entries(config.roles)) {
    const seen = new Set<string>();
    const members: string[] = [];
    const unresolved: string[] = [];
    const addLogin = (login: string): void => {
      const key = normalizeLogin(login);
      if (key === '' || seen.has(key)) return;
      seen.add(key);
      if (!display.has(key)) display.set(key, displayLogin(login));
      members.push(display.get(key) ?? key);
      const roles = rolesByLogin.get(key);
      if (roles) roles.push(role);
      else rolesByLogin.set(key, [role]);
    };
    for (const entry of roleConfig.members) {
      if (!isTeamSlug(entry)) {
        addLogin(entry);
        continue;
      }
      const slug = normalizeTeamSlug(entry);
      const logins = teamsByKey.get(slug);
      if (logins) logins.forEach(addLogin);
      else if (!unresolved.includes(slug)) unresolved.push(slug);
    }
    membersByRole.set(role, members);
    unresolvedByRole.set(role, unresolved);
  }

  const allMembers = [...new Set([...membersByRole.values()].flat())];

  return {
    rolesOf: (login) => rolesByLogin.get(normalizeLogin(login)) ?? NO_ROLES,
    membersOf: (role) => membersByRole.get(role) ?? NO_ROLES,
    allMembers: () => allMembers,
    status(role) {
      const unresolved = unresolvedByRole.get(role) ?? [];
      if (unresolved.length > 0) return { kind: 'unresolved', teams: unresolved };
      return (membersByRole.get(role) ?? NO_ROLES).length > 0 ? COMPLETE : EMPTY;
    },
  };
}
