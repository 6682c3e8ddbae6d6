// Ordering and counting of findings as LintResult promises them.
import { RULE_IDS, type Finding, type Level, type RuleId } from '../types.js';

const SEVERITY_RANK: Record<Level, number> = { error: 0, warning: 1, notice: 2 };
const RULE_RANK = new Map<RuleId, number>([...RULE_IDS].sort().map((id, rank) => [id, rank]));

/** Most severe first, then by issue number, then by rule id; otherwise input order (stable). */
export function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || compareWithinLevel(a, b);
}

/**
 * Sorts as `compareFindings` does. Findings arrive issue by issue, so each severity taken
 * apart is nearly in order already, which the (stable, run-aware) sort makes cheap.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const byLevel: Record<Level, Finding[]> = { error: [], warning: [], notice: [] };
  for (const finding of findings) byLevel[finding.severity].push(finding);
  return [
    ...byLevel.error.sort(compareWithinLevel),
    ...byLevel.warning.sort(compareWithinLevel),
    ...byLevel.notice.sort(compareWithinLevel),
  ];
}

export function countFindings(findings: readonly Finding[]): Record<Level, number> {
  const counts: Record<Level, number> = { error: 0, warning: 0, notice: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

function compareWithinLevel(a: Finding, b: Finding): number {
  return a.issue - b.issue || (RULE_RANK.get(a.rule) ?? 0) - (RULE_RANK.get(b.rule) ?? 0);
}
