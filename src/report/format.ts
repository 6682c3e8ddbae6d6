// Wording and lookups shared by the reporters, so every report words things the same way.
import type {
  Finding,
  FixSuggestion,
  IssueResult,
  Level,
  LintResult,
  ReportModel,
} from '../types.js';
import { safeUrl } from './escape.js';

export const LEVEL_ICON: Record<Level, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };

/** "1 error", "3 errors". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * "add label "owner: project" and assign alice", or null when the fix adds nothing.
 * `esc` escapes each label and login for the output format.
 */
export function describeFix(
  fix: FixSuggestion | undefined,
  esc: (s: string) => string,
): string | null {
  if (!fix) return null;
  const parts: string[] = [];
  if (fix.addLabels.length > 0) {
    const labels = fix.addLabels.map((l) => `"${esc(l)}"`).join(', ');
    parts.push(`add ${fix.addLabels.length === 1 ? 'label' : 'labels'} ${labels}`);
  }
  if (fix.addAssignees.length > 0) parts.push(`assign ${fix.addAssignees.map(esc).join(', ')}`);
  return parts.length > 0 ? parts.join(' and ') : null;
}

/**
 * Lookups over a result's issues, all built in one pass on first use: the job summary,
 * report.json and the report issue of one run each read them. A run makes its passes over
 * 10,000 issues once each, in code that has not warmed up (each pass cost a 10,000-issue run
 * ~2–3 ms of CPU on Node 24), so one pass serves them all. A result must not change after
 * `Linter.finish()` (none does: fixes applied make a new result).
 */
interface IssueLookups {
  byNumber: ReadonlyMap<number, IssueResult>;
  skipped: readonly { issue: number; reason: string }[];
  checked: number;
}

const lookups = new WeakMap<LintResult, IssueLookups>();

function lookupsOf(model: ReportModel): IssueLookups {
  const { result } = model;
  let l = lookups.get(result);
  if (l !== undefined) return l;
  const byNumber = new Map<number, IssueResult>();
  // Issues the engine skipped: `result.skipped` first, then ignored issues, once each.
  const skipped = new Map<number, string>();
  for (const s of result.skipped) skipped.set(s.issue, s.reason);
  let checked = 0;
  // A callback, not a loop: see "One-shot passes" in docs/architecture.md.
  result.issues.forEach((issue) => {
    byNumber.set(issue.number, issue);
    if (issue.status === 'checked') checked += 1;
    else if (issue.status === 'ignored' && !skipped.has(issue.number))
      skipped.set(issue.number, issue.ignoredReason ?? 'ignored');
  });
  l = {
    byNumber,
    skipped: [...skipped].map(([issue, reason]) => ({ issue, reason })),
    checked,
  };
  lookups.set(result, l);
  return l;
}

export function issuesByNumber(model: ReportModel): ReadonlyMap<number, IssueResult> {
  return lookupsOf(model).byNumber;
}

/**
 * `findingsByIssue` for the first `max` issues only, and how many issues have findings in
 * all: the issues past `max` are only counted (no group built for each).
 */
export function findingsOfFirstIssues(
  findings: readonly Finding[],
  max: number,
): { groups: Map<number, Finding[]>; issues: number } {
  const first = new FirstIssueGroups(max);
  for (const f of findings) first.add(f);
  return { groups: first.groups, issues: first.issues };
}

/**
 * `findingsOfFirstIssues` fed one finding at a time, in order (the findings digest's one pass
 * builds the issues table's groups with it).
 */
export class FirstIssueGroups {
  readonly groups = new Map<number, Finding[]>();
  private readonly others = new Set<number>();
  constructor(private readonly max: number) {}

  add(f: Finding): void {
    const group = this.groups.get(f.issue);
    if (group) group.push(f);
    else if (this.groups.size < this.max) this.groups.set(f.issue, [f]);
    else this.others.add(f.issue);
  }

  /** Issues with findings, listed in `groups` or not. */
  get issues(): number {
    return this.groups.size + this.others.size;
  }
}

/** Findings grouped by issue, issues in order of their first finding (most severe first). */
export function findingsByIssue(findings: readonly Finding[]): Map<number, Finding[]> {
  return findingsOfFirstIssues(findings, Infinity).groups;
}

/**
 * `[#12](url)` when a safe http(s) URL is known (the issue's own, or else one built from
 * the server and repository: CLI input may have none), else plain `#12`.
 */
export function issueLink(model: ReportModel, number: number, issue?: IssueResult): string {
  const url =
    (issue?.url ? safeUrl(issue.url) : null) ?? safeUrl(repositoryIssueUrl(model, number));
  return url ? `[#${number}](${url})` : `#${number}`;
}

/** The issue's URL built from the server and repository; '' when the repository is no `owner/name`. */
function repositoryIssueUrl(model: ReportModel, number: number): string {
  return /^[\w.-]+\/[\w.-]+$/.test(model.repository)
    ? `${model.serverUrl.replace(/\/+$/, '')}/${model.repository}/issues/${number}`
    : '';
}

/** Issues the engine skipped: ignored issues plus `result.skipped`, once each. */
export function engineSkipped(model: ReportModel): readonly { issue: number; reason: string }[] {
  return lookupsOf(model).skipped;
}

export function issuesChecked(model: ReportModel): number {
  return lookupsOf(model).checked;
}
