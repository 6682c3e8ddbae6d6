// Checks that need the merged config, because the pieces may come from different files:
// a type's owner must be a defined role, a default assignee must be a member, and rule
// options naming roles must name defined ones. Each problem points at the layer and line
// that set the offending value.
import { suggest } from './did-you-mean.js';
import { originKey, type Merged, type Origin } from './merge.js';
import type { Path, Target } from './yaml-source.js';

export interface PlacedProblem {
  origin: Origin;
  at: Target;
  /** The data path the problem is about (to stay quiet about entries already reported). */
  subject: Path;
  message: string;
  hint: string;
}

export function crossCheckProblems(merged: Merged): PlacedProblem[] {
  return [
    ...typeOwnerProblems(merged),
    ...defaultAssigneeProblems(merged),
    ...ruleRoleProblems(merged),
  ];
}

function typeOwnerProblems(merged: Merged): PlacedProblem[] {
  const roles = [...merged.roles.keys()];
  const problems: PlacedProblem[] = [];
  for (const [name, type] of merged.types) {
    if (type.owner === null) {
      const origin = merged.origins.get(originKey(['types', name]));
      if (origin) {
        problems.push({
          origin,
          at: 'key',
          subject: ['types', name, 'owner'],
          message: `type \`${name}\` has no owner`,
          hint: `add \`owner: <role>\`; ${roles.length ? `roles: ${roles.join(', ')}` : 'define a role under `roles:` first'}`,
        });
      }
    } else if (!merged.roles.has(type.owner)) {
      const origin = merged.origins.get(originKey(['types', name, 'owner']));
      if (origin) {
        problems.push({
          origin,
          at: 'value',
          subject: origin.path,
          message: `type \`${name}\` is owned by role \`${type.owner}\`, which is not defined`,
          hint: `${suggest(type.owner, roles, 'defined roles')}; or add it under \`roles:\``,
        });
      }
    }
  }
  return problems;
}

function defaultAssigneeProblems(merged: Merged): PlacedProblem[] {
  const problems: PlacedProblem[] = [];
  for (const [name, role] of merged.roles) {
    const assignee = role.defaultAssignee;
    // A team may contain the assignee; team membership is only known at run time.
    if (assignee === null || role.members.some((m) => m.startsWith('@'))) continue;
    if (role.members.some((m) => m.toLowerCase() === assignee.toLowerCase())) continue;
    const origin = merged.origins.get(originKey(['roles', name, 'default-assignee']));
    if (!origin) continue;
    const others = role.members.length ? `, or choose one of: ${role.members.join(', ')}` : '';
    problems.push({
      origin,
      at: 'value',
      subject: origin.path,
      message: `default-assignee \`${assignee}\` is not a member of role \`${name}\``,
      hint: `add \`${assignee}\` to roles.${name}.members${others}`,
    });
  }
  return problems;
}

/**
 * Options called `roles` (milestone-required) list role names; `from` and `to`
 * (handoff-required) name one each.
 */
function ruleRoleProblems(merged: Merged): PlacedProblem[] {
  const roles = [...merged.roles.keys()];
  const problems: PlacedProblem[] = [];
  for (const [id, setting] of merged.rules) {
    for (const key of ['from', 'to']) {
      const role = setting.options[key];
      const origin = merged.origins.get(originKey(['rules', id, 1, key]));
      if (typeof role !== 'string' || merged.roles.has(role) || !origin) continue;
      problems.push({
        origin,
        at: 'value',
        subject: origin.path,
        message: `rule \`${id}\` names role \`${role}\`, which is not defined`,
        hint: suggest(role, roles, 'defined roles'),
      });
    }
    const listed = setting.options.roles;
    const origin = merged.origins.get(originKey(['rules', id, 1, 'roles']));
    if (!Array.isArray(listed) || !origin) continue;
    listed.forEach((role: unknown, i) => {
      if (typeof role !== 'string' || merged.roles.has(role)) return;
      const path: Path = [...origin.path, i];
      problems.push({
        origin: { layer: origin.layer, path },
        at: 'value',
        subject: path,
        message: `rule \`${id}\` names role \`${role}\`, which is not defined`,
        hint: suggest(role, roles, 'defined roles'),
      });
    });
  }
  return problems;
}
