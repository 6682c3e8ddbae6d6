// The ratchet: findings in the baseline are known (reported apart, never failing the run),
// findings not in it are new, and baseline entries that no longer occur are fixed.
import type { Finding, Level, LintResult } from '../types.js';
import type { Baseline } from './file.js';
import { BACKLOG_RULES, IdentitySet, subjectOf, type FindingIdentity } from './key.js';

export interface BaselineOutcome {
  /** The result with only the new findings: counts, fail-on and annotations see these. */
  result: LintResult;
  /** Findings the baseline accepts, in the result's order. */
  known: Finding[];
  knownCounts: Record<Level, number>;
  /** Entries in scope that no longer occur: the file can shrink by these. */
  fixed: FindingIdentity[];
}

export interface BaselineScope {
  /**
   * Whether every open issue was read (a complete backlog run). Otherwise only entries of
   * the issues that were read can be judged, and backlog-level rules cannot be at all.
   */
  wholeBacklog: boolean;
}

export function applyBaseline(
  result: LintResult,
  baseline: Baseline,
  scope: BaselineScope,
): BaselineOutcome {
  const issues = new Map(result.issues.map((i) => [i.number, i]));
  const accepted = new IdentitySet();
  for (const e of baseline.entries) accepted.add(e.issue, e.rule, e.subject);
  const seen = new IdentitySet();
  const fresh: Finding[] = [];
  const known: Finding[] = [];
  for (const f of result.findings) {
    const subject = subjectOf(f, issues.get(f.issue));
    seen.add(f.issue, f.rule, subject);
    (accepted.has(f.issue, f.rule, subject) ? known : fresh).push(f);
  }
  const inScope = (e: FindingIdentity): boolean =>
    scope.wholeBacklog || (!BACKLOG_RULES.has(e.rule) && issues.has(e.issue));
  const fixed = baseline.entries.filter((e) => inScope(e) && !seen.has(e.issue, e.rule, e.subject));
  return {
    result: { ...result, findings: fresh, counts: countLevels(fresh) },
    known,
    knownCounts: countLevels(known),
    fixed,
  };
}

export function countLevels(findings: readonly Finding[]): Record<Level, number> {
  const counts = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
