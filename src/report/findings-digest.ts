// What the end of a run reads from a result's findings — counts per rule, the first of each
// level for the annotations, the issues `fail-on` fails, the issues table's groups — found in
// one pass over them, once per result. A 10,000-issue backlog has ~17,000 findings, and each
// pass over them runs once per run in code that has not warmed up: this pass and the issue
// lookups' one (format.ts) replaced seven, and such a run took ~14 ms less CPU on Node 24.
//
// Its pass is a `forEach` callback, not a loop: see "One-shot passes" in docs/architecture.md.
import { compareText } from '../names.js';
import { LEVELS, type Finding, type Level, type LintResult, type RuleId } from '../types.js';
import { FirstIssueGroups } from './format.js';

// The renderers' two caps live here, re-exported by annotations.ts and sections.ts, so the
// renderers import the digest and not each other.

/** GitHub shows at most this many annotations of each level for one step. */
export const ANNOTATIONS_PER_LEVEL = 10;

/**
 * Rows of the issues table in the job summary and the report issue. A longer markdown table is
 * unreadable on GitHub's page (and 5,000 rows took a 10,000-issue run ~40 ms of CPU to render):
 * the rest are counted in the "… and N more" line, and the JSON report lists every one.
 */
export const MAX_ISSUE_ROWS = 1000;

export interface RuleCount {
  rule: RuleId;
  level: Level;
  n: number;
}

export interface FindingsDigest {
  /** Findings of each level. */
  count: Record<Level, number>;
  /** The first ANNOTATIONS_PER_LEVEL findings of each level, in the result's order. */
  first: Record<Level, Finding[]>;
  /** Findings per rule and level: errors first, then most findings, then by rule id. */
  perRule: readonly RuleCount[];
  /** Issues with an error finding, ascending. */
  failingOnError: readonly number[];
  /** Issues with an error or warning finding, ascending. */
  failingOnWarning: readonly number[];
  /**
   * Findings grouped by issue for the first MAX_ISSUE_ROWS issues (in order of their first
   * finding), as `findingsOfFirstIssues(findings, MAX_ISSUE_ROWS)` gives them.
   */
  groups: ReadonlyMap<number, readonly Finding[]>;
  /** How many issues have findings, listed in `groups` or not. */
  issues: number;
}

const digests = new WeakMap<LintResult, FindingsDigest>();

/** The digest of `result.findings`, built on first use. A result never changes after finish(). */
export function findingsDigest(result: LintResult): FindingsDigest {
  let d = digests.get(result);
  if (d === undefined) digests.set(result, (d = digest(result.findings)));
  return d;
}

function digest(findings: readonly Finding[]): FindingsDigest {
  const count: Record<Level, number> = { error: 0, warning: 0, notice: 0 };
  const first: Record<Level, Finding[]> = { error: [], warning: [], notice: [] };
  // Per rule, the count of each level (no key string built per finding).
  const byRule = new Map<RuleId, Partial<Record<Level, RuleCount>>>();
  const perRule: RuleCount[] = [];
  const onError = new Set<number>();
  const onWarning = new Set<number>();
  const table = new FirstIssueGroups(MAX_ISSUE_ROWS);
  findings.forEach((f) => {
    const level = f.severity;
    if (count[level]++ < ANNOTATIONS_PER_LEVEL) first[level].push(f);
    let levels = byRule.get(f.rule);
    if (levels === undefined) byRule.set(f.rule, (levels = {}));
    let entry = levels[level];
    if (entry === undefined) {
      entry = levels[level] = { rule: f.rule, level, n: 0 };
      perRule.push(entry);
    }
    entry.n += 1;
    if (level !== 'notice') {
      onWarning.add(f.issue);
      if (level === 'error') onError.add(f.issue);
    }
    table.add(f);
  });
  perRule.sort(
    (a, b) =>
      LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || b.n - a.n || compareText(a.rule, b.rule),
  );
  const ascending = (s: Set<number>) => [...s].sort((a, b) => a - b);
  return {
    count,
    first,
    perRule,
    failingOnError: ascending(onError),
    failingOnWarning: ascending(onWarning),
    groups: table.groups,
    issues: table.issues,
  };
}
