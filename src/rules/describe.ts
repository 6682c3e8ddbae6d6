// Shared wording for rule messages, so every rule names issues, types and people alike.
// Logins stay bare: messages end up in bot comments, which must not mention anyone.
import type { IssueView, RuleEnv } from './rule.js';

/**
 * The message `#<number> is a budget issue owned by project<rest>`, for an issue with an
 * owner role. The text after the number is cached by type, which decides the owner role.
 */
export function ownedIssueMessage(issue: IssueView, env: RuleEnv, rest: string): string {
  const text =
    env.texts.get(issue.type) ?? env.texts.keep(issue.type, ` ${describeOwnership(issue)}${rest}`);
  return issue.ref + text;
}

/** "is a budget issue owned by project" (the issue must have an owner role). */
export function describeOwnership(issue: IssueView): string {
  const type = issue.type ?? 'typed';
  return `is ${/^[aeiou]/i.test(type) ? 'an' : 'a'} ${type} issue owned by ${issue.ownerRole ?? 'no role'}`;
}

/** "alice (product), zed (no role)". */
export function describeAssignees(issue: IssueView): string {
  return issue.assignees
    .map((login) => {
      const roles = issue.assigneeRoles[login] ?? [];
      return `${login} (${roles.length > 0 ? roles.join(', ') : 'no role'})`;
    })
    .join(', ');
}

/** "#3, #5, #9 and 4 more": issue numbers ascending, at most `limit` of them spelled out. */
export function listIssues(numbers: readonly number[], limit = 20): string {
  const sorted = [...numbers].sort((a, b) => a - b);
  const shown = sorted.slice(0, limit).map((n) => `#${n}`);
  const rest = sorted.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}
