// Ordering of findings as LintResult promises them (the engine keeps them by severity).
import { RULE_IDS, type Finding, type RuleId } from '../types.js';

const RULE_RANK = new Map<RuleId, number>([...RULE_IDS].sort().map((id, rank) => [id, rank]));

/** What findings are ordered by. */
type Sortable = Pick<Finding, 'issue' | 'rule'>;

/**
 * Sorts findings (of one severity) by issue number, then rule id, otherwise keeping their
 * order; in place. They arrive issue by issue, usually in ascending order (the backlog is
 * fetched oldest first): then only each issue's few findings, and the few backlog-level
 * ones added last, need moving, which a stable insertion sort does in about one pass.
 */
export function sortByIssueAndRule<T extends Sortable>(findings: T[]): T[] {
  let moves = 0;
  for (let i = 1; i < findings.length; i++) {
    const current = findings[i] as T;
    let j = i;
    for (; j > 0 && compareIssueAndRule(findings[j - 1] as T, current) > 0; j--) {
      findings[j] = findings[j - 1] as T;
    }
    findings[j] = current;
    moves += i - j;
    // Far from ascending after all: the (stable, run-aware) general sort.
    if (moves > findings.length) return findings.sort(compareIssueAndRule);
  }
  return findings;
}

function compareIssueAndRule(a: Sortable, b: Sortable): number {
  return a.issue - b.issue || rank(a) - rank(b);
}

function rank(finding: Sortable): number {
  return RULE_RANK.get(finding.rule) ?? 0;
}
