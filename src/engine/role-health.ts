// Problems in the roles themselves, reported once per run whatever the issues are.
import type { Membership, ResolvedConfig, RoleHealth } from '../types.js';

export function checkRoleHealth(config: ResolvedConfig, membership: Membership): RoleHealth[] {
  const health: RoleHealth[] = [];
  for (const role of Object.keys(config.roles)) {
    const status = membership.status(role);
    if (status.kind === 'empty') {
      health.push({
        kind: 'empty-role',
        role,
        message: `role ${role} has no members: rules that compare assignees with it are skipped`,
      });
    } else if (status.kind === 'unresolved') {
      for (const team of status.teams) {
        health.push({
          kind: 'unresolved-team',
          role,
          member: team,
          message: `team ${team} of role ${role} could not be resolved: its members are unknown`,
        });
      }
    }
  }
  for (const login of membership.allMembers()) {
    const roles = membership.rolesOf(login);
    if (roles.length > 1) {
      health.push({
        kind: 'member-in-several-roles',
        member: login,
        message: `${login} is a member of several roles: ${roles.join(', ')}`,
      });
    }
  }
  for (const [type, typeConfig] of Object.entries(config.types)) {
    if (!Object.hasOwn(config.roles, typeConfig.owner)) {
      health.push({
        kind: 'missing-owner-role',
        type,
        role: typeConfig.owner,
        message: `type ${type} is owned by role ${typeConfig.owner}, which is not configured`,
      });
    }
  }
  return health;
}
