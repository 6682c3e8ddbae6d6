// Who holds how many open issues of their own roles, and how many issues each role owns.
// Kept as issue numbers per member (compact) so capacity findings can name them.
import type { BacklogView } from '../rules/rule.js';
import type { LintResult, MemberLoad, Membership, ResolvedConfig } from '../types.js';
import { CappedMap, compareText, normalizeLogin } from '../names.js';

interface MemberEntry {
  login: string;
  roles: readonly string[];
  issues: number[];
}

export class LoadTracker {
  private readonly members = new Map<string, MemberEntry>();
  private readonly byLogin = new CappedMap<string, MemberEntry | null>();
  private readonly roles = new Map<string, { issues: number; unassigned: number }>();

  constructor(config: ResolvedConfig, membership: Membership) {
    for (const login of membership.allMembers()) {
      this.members.set(normalizeLogin(login), {
        login,
        roles: membership.rolesOf(login),
        issues: [],
      });
    }
    for (const role of Object.keys(config.roles))
      this.roles.set(role, { issues: 0, unassigned: 0 });
  }

  /** Counts one checked issue with a single owner role. */
  record(number: number, ownerRole: string, assignees: readonly string[]): void {
    let role = this.roles.get(ownerRole);
    if (!role) {
      // A type owned by a role missing from config (reported in role health).
      role = { issues: 0, unassigned: 0 };
      this.roles.set(ownerRole, role);
    }
    role.issues++;
    if (assignees.length === 0) role.unassigned++;
    for (let i = 0; i < assignees.length; i++) {
      const member = this.memberOf(assignees[i] as string);
      if (member?.roles.includes(ownerRole)) member.issues.push(number);
    }
  }

  /** The member entry of a login as an issue spells it (cached: logins repeat). */
  private memberOf(login: string): MemberEntry | undefined {
    let member = this.byLogin.get(login);
    if (member === undefined) {
      member = this.members.get(normalizeLogin(login)) ?? null;
      this.byLogin.set(login, member);
    }
    return member ?? undefined;
  }

  /** Open issue count per member key (lower-cased login), for least-loaded suggestions. */
  openByLogin(): Map<string, number> {
    return new Map([...this.members].map(([key, m]) => [key, m.issues.length]));
  }

  backlogView(): BacklogView {
    return { members: [...this.members.values()] };
  }

  /** Members most loaded first (ties by login), roles in config order. */
  result(): LintResult['load'] {
    const members: MemberLoad[] = [...this.members.values()]
      .map((m) => ({ login: m.login, roles: [...m.roles], open: m.issues.length }))
      .sort((a, b) => b.open - a.open || compareText(a.login, b.login));
    return { members, roles: Object.fromEntries([...this.roles].map(([r, c]) => [r, { ...c }])) };
  }
}
