// Shared wording for rule messages' data, so every rule names issues, types and people alike.
// Logins stay bare: messages end up in bot comments, which must not mention anyone.
import type { IssueView } from './rule.js';

/**
 * Data for "is {{article}} {{type}} issue owned by {{owner}}" ("is a budget issue owned by
 * project"), for an issue with an owner role.
 */
export function ownership(issue: IssueView): { article: string; type: string; owner: string } {
  const type = issue.type ?? 'typed';
  return { article: article(type), type, owner: issue.ownerRole ?? 'no role' };
}

/** "an" before a vowel, else "a". */
export function article(word: string): string {
  return VOWELS.includes(word.charAt(0)) ? 'an' : 'a';
}

const VOWELS = 'aeiouAEIOU';

/** "alice (product), zed (no role)". */
export function describeAssignees(issue: IssueView): string {
  return issue.assignees
    .map((login) => `${login} (${describeRoles(issue.assigneeRoles[login] ?? [])})`)
    .join(', ');
}

/** "product, project", or "no role". */
export function describeRoles(roles: readonly string[]): string {
  if (roles.length === 1) return roles[0] as string;
  return roles.length > 0 ? roles.join(', ') : 'no role';
}

/** "#3, #5, #9 and 4 more": issue numbers ascending, at most `limit` of them spelled out. */
export function listIssues(numbers: readonly number[], limit = 20): string {
  const sorted = [...numbers].sort((a, b) => a - b);
  const shown = sorted.slice(0, limit).map((n) => `#${n}`);
  const rest = sorted.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}
