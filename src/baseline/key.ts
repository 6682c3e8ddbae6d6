// What makes a finding that finding, independent of its message's wording: the issue, the
// rule and, where the rule can say different things about one issue, its subject. Baselines
// store these keys and config previews compare findings by them.
import type { Finding, FindingIdentity, IssueResult, RuleId } from '../types.js';

export type { FindingIdentity };

/**
 * Rules checked over the whole backlog: their finding sits on one issue chosen at run time
 * (owner-capacity: the member's newest issue), so they are matched by subject alone and only
 * backlog runs can tell whether they still occur.
 */
export const BACKLOG_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['owner-capacity']);

/**
 * The subject of a finding: the rule's own (a login, a role) when it set one, else the
 * owner role the issue is expected to have for rules about that role (a type now owned by
 * another role makes it a different finding), else ''.
 */
export function subjectOf(finding: Finding, issue: IssueResult | undefined): string {
  if (finding.subject !== undefined) return finding.subject;
  switch (finding.rule) {
    case 'owner-required':
    case 'owner-role':
    case 'milestone-required':
      return issue?.ownerRole ?? '';
    default:
      return '';
  }
}

export function identityOf(finding: Finding, issue: IssueResult | undefined): FindingIdentity {
  return { issue: finding.issue, rule: finding.rule, subject: subjectOf(finding, issue) };
}

/** The string two identities share when they are the same finding. */
export function matchKey(id: FindingIdentity): string {
  // Logins and role names hold no NUL; JSON would be as good, only slower.
  return BACKLOG_RULES.has(id.rule)
    ? `${id.rule}\u0000${id.subject}`
    : `${id.issue}\u0000${id.rule}\u0000${id.subject}`;
}

/**
 * A set of finding identities, matched as `matchKey` says, without building a string per
 * finding: rule → subject → issue numbers (0 for backlog-level rules). A baseline of a
 * 100,000-issue backlog holds 100,000s of entries but only a few rules and subjects.
 */
export class IdentitySet {
  private readonly byRule = new Map<RuleId, Map<string, Set<number>>>();

  add(issue: number, rule: RuleId, subject: string): void {
    let bySubject = this.byRule.get(rule);
    if (!bySubject) this.byRule.set(rule, (bySubject = new Map()));
    let issues = bySubject.get(subject);
    if (!issues) bySubject.set(subject, (issues = new Set()));
    issues.add(BACKLOG_RULES.has(rule) ? 0 : issue);
  }

  has(issue: number, rule: RuleId, subject: string): boolean {
    const issues = this.byRule.get(rule)?.get(subject);
    return issues !== undefined && issues.has(BACKLOG_RULES.has(rule) ? 0 : issue);
  }
}

/** Orders identities by issue, rule, subject: the baseline file's order. */
export function compareIdentities(a: FindingIdentity, b: FindingIdentity): number {
  return (
    a.issue - b.issue ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0)
  );
}
