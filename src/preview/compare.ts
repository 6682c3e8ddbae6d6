// What a config change does to the backlog: the same issues linted with the base and the
// head config, compared issue by issue. Pure: two results in, the difference out.
import { IdentitySet, subjectOf } from '../baseline/index.js';
import {
  LEVELS,
  RULE_IDS,
  type Finding,
  type IssueResult,
  type Level,
  type LintResult,
  type ResolvedConfig,
  type RuleId,
  type Severity,
} from '../types.js';

export interface PreviewSide {
  /** Where this config came from (path, `api:<path>@<ref>`). */
  source: string;
  counts: Record<Level, number>;
  issuesChecked: number;
  /** Issues with a finding at or above the threshold. */
  failingIssues: number;
}

export interface PreviewFinding {
  rule: RuleId;
  severity: Level;
  message: string;
}

export interface PreviewIssue {
  issue: number;
  title: string;
  url: string;
  /** Newly failing: the head's findings at or above the threshold; newly passing: the base's. */
  findings: PreviewFinding[];
}

export interface Ownership {
  type: string | null;
  ownerRole: string | null;
}

export interface OwnerChange {
  issue: number;
  title: string;
  url: string;
  before: Ownership;
  after: Ownership;
}

export interface RuleChange {
  rule: RuleId;
  before: { severity: Severity; count: number };
  after: { severity: Severity; count: number };
}

export interface ConfigPreview {
  /** Findings at or above this level make an issue fail (from fail-on; `never` → error). */
  threshold: Level;
  base: PreviewSide;
  head: PreviewSide;
  newlyFailing: PreviewIssue[];
  newlyPassing: PreviewIssue[];
  /** Issues whose type or owner role differs. */
  ownerChanged: OwnerChange[];
  /** Rules whose severity or number of findings differs. */
  rules: RuleChange[];
  /** Head findings at or above the threshold that the base config does not report. */
  addedFindings: number;
}

export interface PreviewInput {
  source: string;
  config: ResolvedConfig;
  result: LintResult;
}

const atOrAbove = (threshold: Level) => (f: Finding) =>
  LEVELS.indexOf(f.severity) <= LEVELS.indexOf(threshold);

function failingByIssue(result: LintResult, threshold: Level): Map<number, Finding[]> {
  const out = new Map<number, Finding[]>();
  for (const f of result.findings.filter(atOrAbove(threshold))) {
    const list = out.get(f.issue);
    if (list) list.push(f);
    else out.set(f.issue, [f]);
  }
  return out;
}

function side(input: PreviewInput, failing: Map<number, Finding[]>): PreviewSide {
  return {
    source: input.source,
    counts: { ...input.result.counts },
    issuesChecked: input.result.issues.filter((i) => i.status === 'checked').length,
    failingIssues: failing.size,
  };
}

function ownership(issue: IssueResult | undefined): Ownership {
  return issue?.status === 'checked'
    ? { type: issue.type, ownerRole: issue.ownerRole }
    : { type: null, ownerRole: null };
}

function countByRule(result: LintResult): Map<RuleId, number> {
  const out = new Map<RuleId, number>();
  for (const f of result.findings) out.set(f.rule, (out.get(f.rule) ?? 0) + 1);
  return out;
}

function severityOf(config: ResolvedConfig, rule: RuleId): Severity {
  return config.rules[rule]?.severity ?? 'off';
}

export function compareConfigs(
  base: PreviewInput,
  head: PreviewInput,
  opts: { threshold: Level },
): ConfigPreview {
  const { threshold } = opts;
  const baseFailing = failingByIssue(base.result, threshold);
  const headFailing = failingByIssue(head.result, threshold);
  const baseIssues = new Map(base.result.issues.map((i) => [i.number, i]));
  const headIssues = new Map(head.result.issues.map((i) => [i.number, i]));
  const describe = (n: number): { title: string; url: string } => {
    const i = headIssues.get(n) ?? baseIssues.get(n);
    return { title: i?.title ?? '', url: i?.url ?? '' };
  };
  const listed = (n: number, findings: Finding[]): PreviewIssue => ({
    issue: n,
    ...describe(n),
    findings: findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message })),
  });
  const byNumber = (a: { issue: number }, b: { issue: number }) => a.issue - b.issue;

  const newlyFailing = [...headFailing]
    .filter(([n]) => !baseFailing.has(n))
    .map(([n, f]) => listed(n, f))
    .sort(byNumber);
  const newlyPassing = [...baseFailing]
    .filter(([n]) => !headFailing.has(n))
    .map(([n, f]) => listed(n, f))
    .sort(byNumber);

  const ownerChanged: OwnerChange[] = [];
  const numbers = new Set([...baseIssues.keys(), ...headIssues.keys()]);
  for (const n of [...numbers].sort((a, b) => a - b)) {
    const before = ownership(baseIssues.get(n));
    const after = ownership(headIssues.get(n));
    if (before.type === after.type && before.ownerRole === after.ownerRole) continue;
    ownerChanged.push({ issue: n, ...describe(n), before, after });
  }

  const baseCounts = countByRule(base.result);
  const headCounts = countByRule(head.result);
  const rules: RuleChange[] = [];
  for (const rule of RULE_IDS) {
    const before = { severity: severityOf(base.config, rule), count: baseCounts.get(rule) ?? 0 };
    const after = { severity: severityOf(head.config, rule), count: headCounts.get(rule) ?? 0 };
    if (before.severity !== after.severity || before.count !== after.count) {
      rules.push({ rule, before, after });
    }
  }

  const baseFindings = new IdentitySet();
  for (const f of base.result.findings.filter(atOrAbove(threshold))) {
    baseFindings.add(f.issue, f.rule, subjectOf(f, baseIssues.get(f.issue)));
  }
  const addedFindings = head.result.findings
    .filter(atOrAbove(threshold))
    .filter(
      (f) => !baseFindings.has(f.issue, f.rule, subjectOf(f, headIssues.get(f.issue))),
    ).length;

  return {
    threshold,
    base: side(base, baseFailing),
    head: side(head, headFailing),
    newlyFailing,
    newlyPassing,
    ownerChanged,
    rules,
    addedFindings,
  };
}
