// Engine notices, and the per-rule environment whose skip notices appear once per run
// (not once per issue) however many issues a memberless role owns.
import type { RuleEnv } from '../rules/rule.js';
import type { EngineNotice, Membership, ResolvedConfig, RuleId } from '../types.js';

export class NoticeLog {
  readonly notices: EngineNotice[] = [];
  private readonly keys = new Set<string>();

  add(notice: EngineNotice): void {
    this.notices.push(notice);
  }

  /** Adds the notice unless one with the same key was already added. */
  once(key: string, notice: EngineNotice): void {
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.notices.push(notice);
  }
}

export function createRuleEnv(
  rule: RuleId,
  config: ResolvedConfig,
  membership: Membership,
  log: NoticeLog,
): RuleEnv {
  const roleNames: readonly string[] = Object.freeze(Object.keys(config.roles));
  return {
    config,
    membership,
    roleNames,
    requireMembers(role) {
      const status = membership.status(role);
      if (status.kind === 'complete') return true;
      const key = `${rule}\u0000${role}`;
      if (status.kind === 'unresolved') {
        const teams = status.teams.join(', ');
        log.once(key, {
          kind: 'team-unresolved',
          rule,
          role,
          message: `${rule} is not checked against role ${role}: team ${teams} could not be resolved, so its members are unknown`,
        });
      } else {
        const why = Object.hasOwn(config.roles, role)
          ? 'the role has no members configured'
          : 'the role is not configured';
        log.once(key, {
          kind: 'rule-skipped',
          rule,
          role,
          message: `${rule} is not checked against role ${role}: ${why}`,
        });
      }
      return false;
    },
    requireAnyMembers() {
      if (membership.allMembers().length > 0) return true;
      log.once(`${rule}\u0000*`, {
        kind: 'rule-skipped',
        rule,
        message: `${rule} is not checked: no role has members configured`,
      });
      return false;
    },
  };
}
