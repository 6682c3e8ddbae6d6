// Hand-built engine results for the reporter tests (the reporters depend only on the shapes
// in src/types.ts, not on the engine).
import type {
  Finding,
  FixSuggestion,
  IssueResult,
  Level,
  LintResult,
  ReportModel,
  RuleId,
} from '../../src/types.js';

export const REPO = 'acme/widgets';

export function issue(number: number, over: Partial<IssueResult> = {}): IssueResult {
  return {
    number,
    title: `Issue ${number}`,
    url: `https://github.com/${REPO}/issues/${number}`,
    labels: [],
    assignees: [],
    milestone: null,
    issueType: null,
    types: ['feature'],
    type: 'feature',
    ownerRole: 'product',
    signal: 'label "feature"',
    assigneeRoles: {},
    status: 'checked',
    ...over,
  };
}

export function finding(
  issue: number,
  rule: RuleId,
  severity: Level,
  message = `${rule} problem on #${issue}`,
  fix?: FixSuggestion,
): Finding {
  return { issue, rule, severity, message, ...(fix ? { fix } : {}) };
}

/** A LintResult whose counts are derived from its findings unless given. */
export function result(over: Partial<LintResult> = {}): LintResult {
  const findings = over.findings ?? [];
  const count = (level: Level) => findings.filter((f) => f.severity === level).length;
  return {
    findings,
    issues: [],
    counts: { error: count('error'), warning: count('warning'), notice: count('notice') },
    notices: [],
    roleHealth: [],
    skipped: [],
    waivers: [],
    load: { members: [], roles: {} },
    classification: { byRole: {}, untyped: 0, ambiguous: 0 },
    ...over,
  };
}

export function model(
  over: Partial<Omit<ReportModel, 'result'>> & { result?: Partial<LintResult> } = {},
): ReportModel {
  const { result: resultOver, ...rest } = over;
  return {
    repository: REPO,
    serverUrl: 'https://github.com',
    mode: 'backlog',
    complete: true,
    result: result(resultOver),
    configSource: '.github/backlog-lint.yml',
    dryRun: false,
    writes: [],
    skipped: [],
    ...rest,
  };
}

/** A realistic small backlog: two issues with findings, one clean, one ignored. */
export function sampleModel(over: Parameters<typeof model>[0] = {}): ReportModel {
  return model({
    ...over,
    result: {
      issues: [
        issue(12, {
          title: 'Budget for Q3',
          type: 'budget',
          types: ['budget'],
          ownerRole: 'project',
          assignees: ['alice'],
          assigneeRoles: { alice: ['product'] },
        }),
        issue(15, { title: 'Roadmap 2026', assignees: [] }),
        issue(20, {
          title: 'Pricing page',
          assignees: ['alice'],
          assigneeRoles: { alice: ['product'] },
        }),
        issue(30, {
          title: 'Duplicate of #12',
          status: 'ignored',
          ignoredReason: 'label duplicate is ignored',
        }),
      ],
      findings: [
        finding(12, 'owner-role', 'error', 'Owned by role project, assigned to product only', {
          addLabels: [],
          addAssignees: ['bob'],
        }),
        finding(12, 'owner-label', 'warning', 'Label "owner: project" is missing', {
          addLabels: ['owner: project'],
          addAssignees: [],
        }),
        finding(15, 'owner-required', 'warning', 'No assignee'),
      ],
      notices: [
        {
          kind: 'rule-skipped',
          rule: 'owner-capacity',
          message: 'owner-capacity skipped: only runs in backlog mode',
        },
      ],
      roleHealth: [{ kind: 'empty-role', role: 'design', message: 'Role design has no members' }],
      waivers: [
        {
          issue: 20,
          rules: ['milestone-required'],
          until: '2099-01-01',
          reason: 'Q4',
          active: true,
        },
        { issue: 15, rules: [], until: '2020-01-01', reason: null, active: false },
      ],
      load: {
        members: [
          { login: 'alice', roles: ['product'], open: 2 },
          { login: 'bob', roles: ['project'], open: 0 },
        ],
        roles: { product: { issues: 2, unassigned: 1 }, project: { issues: 1, unassigned: 0 } },
      },
      classification: { byRole: { product: 2, project: 1, design: 0 }, untyped: 1, ambiguous: 0 },
      ...over.result,
    },
  });
}
