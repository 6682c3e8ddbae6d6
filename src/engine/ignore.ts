// Which issues are not checked at all, and why (the reason is shown in the summary).
import type { IssueFacts, ResolvedConfig } from '../types.js';
import { LabelPatternSet } from '../label-patterns.js';
import { normalizeLogin } from '../names.js';

/** The reason an issue is skipped, or null when it is checked. */
export type IgnoreCheck = (issue: IssueFacts) => string | null;

export function compileIgnore(config: ResolvedConfig): IgnoreCheck {
  const numbers = new Set(config.ignore.issues);
  // Authors are literal logins, not globs: `dependabot[bot]` would be a character class.
  const authors = new Set(config.ignore.authors.map(normalizeLogin));
  const labels = new LabelPatternSet(config.ignore.labels);
  const issueTypes = new Set((config.ignore.issueTypes ?? []).map((t) => t.trim().toLowerCase()));

  return (issue) => {
    if (numbers.size > 0 && numbers.has(issue.number) && issue.repository === undefined) {
      return 'listed in ignore.issues';
    }
    // The backlog is the open issues; a closed one only arrives through an issue event.
    if (issue.state === 'closed') return 'closed';
    if (issue.author !== null && authors.size > 0 && authors.has(normalizeLogin(issue.author))) {
      return `author ${issue.author} is in ignore.authors`;
    }
    const label = labels.firstMatch(issue.labels);
    if (label !== undefined) return `label "${label}" matches ignore.labels`;
    if (issue.issueType !== null && issueTypes.has(issue.issueType.trim().toLowerCase())) {
      return `issue type ${issue.issueType} is in ignore.issue-types`;
    }
    return null;
  };
}
