// What a config change does to the backlog: the same issues linted with the base and the
// head config, compared issue by issue. Pure: two results in, the difference out.
import { IdentitySet, subjectOf } from '../baseline/index.js';
import { ruleIds } from '../rules/index.js';
import {
  LEVELS,
  type Finding,
  type IssueResult,
  type Level,
  type LintResult,
  type ResolvedConfig,
  type RuleId,
  type Severity,
  type ConfigPreview,
  type OwnerChange,
  type Ownership,
  type PreviewIssue,
  type PreviewSide,
  type RuleChange,
} from '../types.js';

// The preview's shapes live in src/types.ts (the report model carries them).
export type {
  ConfigPreview,
  OwnerChange,
  Ownership,
  PreviewFinding,
  PreviewIssue,
  PreviewSide,
  RuleChange,
} from '../types.js';

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
  for (const rule of ruleIds()) {
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
