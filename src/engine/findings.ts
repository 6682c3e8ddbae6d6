// Ordering of findings as LintResult promises them: most severe first (the engine keeps
// them by severity), then by issue number, then by rule id, otherwise in the order found.
import { ruleIds } from '../rules/index.js';
import type { Finding, RuleId } from '../types.js';

const RULE_RANK = new Map<RuleId, number>([...ruleIds()].sort().map((id, rank) => [id, rank]));

/** What findings are ordered by. */
type Sortable = Pick<Finding, 'issue' | 'rule'>;

/**
 * Findings of one severity, kept in order as they are found. They arrive issue by issue,
 * usually in ascending order (the backlog is fetched oldest first), so keeping them in
 * order takes moving a new finding past the few of its own issue, which were just added:
 * no sorting pass at the end over 100,000s of findings long out of the processor's caches.
 * Findings out of order otherwise are sorted at the end.
 */
export class LevelFindings {
  readonly findings: Finding[] = [];
  /**
   * The findings (a subsequence) that wait for an assignee suggestion, in the same order,
   * and the role to suggest a member of for each (two arrays: no object per finding).
   */
  readonly pending: Finding[] = [];
  readonly pendingRoles: string[] = [];
  /** False once a finding came out of order: `sort()` then sorts them all. */
  private ordered = true;

  /** Adds a finding of the issue being checked. */
  add(finding: Finding, suggestFrom?: string): void {
    if (this.ordered) {
      const at = placeWithinIssue(this.findings, finding);
      if (at < 0) this.ordered = false;
      else insertAt(this.findings, at, finding);
    }
    if (!this.ordered) this.findings.push(finding);
    if (suggestFrom === undefined) return;
    if (this.ordered) {
      const at = placeWithinIssue(this.pending, finding);
      if (at < 0) {
        this.ordered = false;
      } else {
        insertAt(this.pending, at, finding);
        insertAt(this.pendingRoles, at, suggestFrom);
      }
    }
    if (!this.ordered) {
      this.pending.push(finding);
      this.pendingRoles.push(suggestFrom);
    }
  }

  /** Adds a finding of any issue (backlog-level findings, once every issue is checked). */
  insert(finding: Finding): void {
    const { findings } = this;
    if (!this.ordered) {
      findings.push(finding);
      return;
    }
    // After every finding that does not come after it (stable).
    let low = 0;
    let high = findings.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareIssueAndRule(findings[middle] as Finding, finding) <= 0) low = middle + 1;
      else high = middle;
    }
    findings.splice(low, 0, finding);
  }

  /** Puts the findings, and the pending ones, in order: by issue, then rule id, stably. */
  sort(): void {
    if (this.ordered) return;
    this.findings.sort(compareIssueAndRule);
    const { pending, pendingRoles } = this;
    const pairs = pending.map((finding, i) => ({ finding, role: pendingRoles[i] as string }));
    pairs.sort((a, b) => compareIssueAndRule(a.finding, b.finding));
    pairs.forEach(({ finding, role }, i) => {
      pending[i] = finding;
      pendingRoles[i] = role;
    });
  }
}

/**
 * Where the item belongs among the last ones, of its own issue; -1 when it belongs before
 * an item of another issue.
 */
function placeWithinIssue(items: readonly Sortable[], item: Sortable): number {
  let at = items.length;
  for (; at > 0; at--) {
    const previous = items[at - 1] as Sortable;
    if (compareIssueAndRule(previous, item) <= 0) break;
    if (previous.issue !== item.issue) return -1;
  }
  return at;
}

function insertAt<T>(items: T[], at: number, item: T): void {
  if (at === items.length) items.push(item);
  else items.splice(at, 0, item);
}

function compareIssueAndRule(a: Sortable, b: Sortable): number {
  return a.issue - b.issue || rank(a) - rank(b);
}

function rank(finding: Sortable): number {
  return RULE_RANK.get(finding.rule) ?? 0;
}
