// The engine's driver: takes issues page by page, keeps only compact per-issue results and
// draft findings, and on finish() runs backlog-level checks and settles suggestions.
import { RULES } from '../rules/index.js';
import type { IssueView, RuleEnv, RuleModule, RuleReport } from '../rules/rule.js';
import type {
  EngineOptions,
  Finding,
  IssueFacts,
  IssueResult,
  Level,
  LintResult,
  ResolvedConfig,
  RoleHealth,
  RuleId,
  Waiver,
} from '../types.js';
import { compileClassifier, type Classifier } from './classify.js';
import { parseDirectives } from './directives.js';
import { compareFindings, countFindings, sortFindings } from './findings.js';
import { compileIgnore, type IgnoreCheck } from './ignore.js';
import { LabelPatternSet } from './label-patterns.js';
import { LoadTracker } from './load.js';
import { createMembership, type Membership } from './membership.js';
import { normalizeLabel } from './normalize.js';
import { createRuleEnv, NoticeLog } from './notices.js';
import { checkRoleHealth } from './role-health.js';
import { AssigneeSuggester } from './suggestions.js';

/** A rule that runs: severity not `off`, options parsed once. */
interface ActiveRule {
  module: RuleModule;
  severity: Level;
  options: Record<string, unknown>;
  /** The rule's `ignore-labels` option, when it has one. */
  ignore: LabelPatternSet | null;
  env: RuleEnv;
}

/** Rule ids an issue's active waivers cover; 'all' for a waiver without rule ids. */
type WaivedRules = ReadonlySet<RuleId> | 'all';

export class Linter {
  private readonly config: ResolvedConfig;
  private readonly scope: EngineOptions['scope'];
  private readonly today: string;
  private readonly membership: Membership;
  private readonly classifier: Classifier;
  private readonly ignore: IgnoreCheck;
  private readonly rules: ActiveRule[];
  private readonly noticeLog = new NoticeLog();
  private readonly roleHealth: RoleHealth[];
  private readonly load: LoadTracker;

  private readonly issues: IssueResult[] = [];
  /** Issue numbers already taken, per repository ('' = this one). */
  private readonly seen = new Map<string, Set<number>>();
  private readonly skipped: LintResult['skipped'] = [];
  private readonly waivers: Waiver[] = [];
  private readonly waived = new Map<number, WaivedRules>();
  private readonly drafts: Finding[] = [];
  /** Findings whose assignee suggestion waits for the whole backlog's load. */
  private readonly pendingSuggestions: { finding: Finding; role: string }[] = [];
  private result: LintResult | undefined;
  private readonly classification: LintResult['classification'];

  constructor(opts: EngineOptions) {
    this.config = opts.config;
    this.scope = opts.scope;
    this.today = opts.today;
    this.membership = createMembership(opts.config, opts.teams);
    this.classifier = compileClassifier(opts.config);
    this.ignore = compileIgnore(opts.config);
    this.roleHealth = checkRoleHealth(opts.config, this.membership);
    this.load = new LoadTracker(opts.config, this.membership);
    this.rules = RULES.flatMap((module) => {
      const setting = opts.config.rules[module.id];
      const severity = setting?.severity ?? module.defaultSeverity;
      if (severity === 'off') return [];
      // The loader validated the options already; parsing again applies defaults for
      // configs built by hand (tests, library users).
      const options = module.options.parse(setting?.options ?? {});
      const ignore = options['ignore-labels'];
      return [
        {
          module,
          severity,
          options,
          ignore: Array.isArray(ignore) && ignore.length > 0 ? new LabelPatternSet(ignore) : null,
          env: createRuleEnv(module.id, opts.config, this.membership, this.noticeLog),
        },
      ];
    });
    this.classification = {
      byRole: Object.fromEntries(Object.keys(opts.config.roles).map((role) => [role, 0])),
      untyped: 0,
      ambiguous: 0,
    };
  }

  /** Lints one page of issues; only compact results are kept, never the facts themselves. */
  add(issues: IssueFacts[]): void {
    if (this.result) throw new Error('Linter.add() called after finish()');
    for (const issue of issues) this.addIssue(issue);
  }

  /** Runs backlog-level checks, settles suggestions, sorts and counts; ends the run. */
  finish(): LintResult {
    this.result ??= this.conclude();
    return this.result;
  }

  private conclude(): LintResult {
    const findings = sortFindings([...this.drafts, ...this.backlogFindings()]);
    this.settleSuggestions();
    return {
      findings,
      issues: this.issues,
      counts: countFindings(findings),
      notices: this.noticeLog.notices,
      roleHealth: this.roleHealth,
      skipped: this.skipped,
      waivers: this.waivers,
      load: this.load.result(),
      classification: this.classification,
    };
  }

  /**
   * Names the suggested assignee in each pending finding's message and fix. Done in
   * finding order, so how least-loaded suggestions spread does not depend on paging.
   */
  private settleSuggestions(): void {
    const suggester = new AssigneeSuggester(
      this.config,
      this.membership,
      this.scope,
      this.load.openByLogin(),
    );
    this.pendingSuggestions.sort((a, b) => compareFindings(a.finding, b.finding));
    for (const { finding, role } of this.pendingSuggestions) {
      const login = suggester.pick(role);
      if (login === null) continue;
      finding.message = `${finding.message}; suggested assignee: ${login}`;
      finding.fix = { addLabels: finding.fix?.addLabels ?? [], addAssignees: [login] };
    }
  }

  private addIssue(issue: IssueFacts): void {
    // Paging can return an issue twice when the backlog changes under it; count it once.
    const repository = issue.repository ?? '';
    let seen = this.seen.get(repository);
    if (!seen) this.seen.set(repository, (seen = new Set()));
    if (seen.has(issue.number)) {
      this.skipped.push({ issue: issue.number, reason: 'given twice; checked once' });
      return;
    }
    seen.add(issue.number);

    const { types, roles } = this.classifier.classify(issue);
    const ownerRole = roles.length === 1 ? (roles[0] ?? null) : null;
    const ignoredReason = this.ignore(issue);
    const result: IssueResult = {
      number: issue.number,
      title: issue.title,
      url: issue.url,
      labels: issue.labels,
      assignees: issue.assignees,
      milestone: issue.milestone,
      types,
      type: ownerRole === null ? null : (types[0] ?? null),
      ownerRole,
      assigneeRoles: this.assigneeRoles(issue.assignees),
      status: ignoredReason === null ? 'checked' : 'ignored',
    };
    this.issues.push(result);
    if (ignoredReason !== null) {
      result.ignoredReason = ignoredReason;
      this.skipped.push({ issue: issue.number, reason: ignoredReason });
      return;
    }

    this.tally(result, roles.length);
    const waived = this.recordWaivers(issue);
    const view = new CheckedIssue(result);
    for (const rule of this.rules) {
      if (!rule.module.check || waived === 'all' || waived?.has(rule.module.id)) continue;
      if (rule.ignore?.firstMatch(issue.labels) !== undefined) continue;
      for (const report of rule.module.check(view, rule.env, rule.options)) {
        this.addDraft(issue.number, rule, report);
      }
    }
  }

  private assigneeRoles(assignees: readonly string[]): Record<string, string[]> {
    const roles: Record<string, string[]> = {};
    for (const login of assignees) roles[login] = [...this.membership.rolesOf(login)];
    return roles;
  }

  private addDraft(issue: number, rule: ActiveRule, report: RuleReport): void {
    const finding: Finding = {
      issue,
      rule: rule.module.id,
      severity: rule.severity,
      message: report.message,
    };
    if (report.addLabels && report.addLabels.length > 0) {
      finding.fix = { addLabels: [...report.addLabels], addAssignees: [] };
    }
    if (report.suggestAssigneeFrom !== undefined) {
      this.pendingSuggestions.push({ finding, role: report.suggestAssigneeFrom });
    }
    this.drafts.push(finding);
  }

  private tally(result: IssueResult, roleCount: number): void {
    if (result.ownerRole !== null) {
      this.load.record(result.number, result.ownerRole, result.assignees);
      this.classification.byRole[result.ownerRole] =
        (this.classification.byRole[result.ownerRole] ?? 0) + 1;
    } else if (roleCount === 0) {
      this.classification.untyped++;
    } else {
      this.classification.ambiguous++;
    }
  }

  /** Keeps every waiver for the report; returns what the active ones cover. */
  private recordWaivers(issue: IssueFacts): WaivedRules | undefined {
    if (issue.directives.length === 0) return undefined;
    let covered: Set<RuleId> | 'all' | undefined;
    for (const waiver of parseDirectives(issue.number, issue.directives, this.today)) {
      this.waivers.push(waiver);
      if (waiver.problem !== undefined) {
        this.noticeLog.add({
          kind: 'waiver',
          message: `#${issue.number}: a backlog-lint-disable comment waives nothing: ${waiver.problem}`,
        });
      }
      if (!waiver.active || covered === 'all') continue;
      if (waiver.rules.length === 0) covered = 'all';
      else covered = new Set([...(covered ?? []), ...waiver.rules]);
    }
    if (covered !== undefined) this.waived.set(issue.number, covered);
    return covered;
  }

  /** Backlog-level findings; they carry no assignee suggestion. */
  private backlogFindings(): Finding[] {
    if (this.scope !== 'backlog') return [];
    const backlog = this.load.backlogView();
    return this.rules.flatMap((rule) => {
      if (!rule.module.checkBacklog) return [];
      return rule.module
        .checkBacklog(backlog, rule.env, rule.options)
        .filter((report) => !isWaived(this.waived.get(report.issue), rule.module.id))
        .map((report) => ({
          issue: report.issue,
          rule: rule.module.id,
          severity: rule.severity,
          message: report.message,
        }));
    });
  }
}

/** Lints a complete list of issues in one go. */
export function lint(issues: IssueFacts[], opts: EngineOptions): LintResult {
  const linter = new Linter(opts);
  linter.add(issues);
  return linter.finish();
}

function isWaived(waived: WaivedRules | undefined, rule: RuleId): boolean {
  return waived === 'all' || (waived?.has(rule) ?? false);
}

/** The rules' view of a checked issue; a class so 100,000 of them stay cheap. */
class CheckedIssue implements IssueView {
  readonly number: number;
  readonly labels: string[];
  readonly assignees: string[];
  readonly milestone: string | null;
  readonly types: string[];
  readonly type: string | null;
  readonly ownerRole: string | null;
  readonly assigneeRoles: Record<string, string[]>;
  private normalLabels: Set<string> | undefined;

  constructor(result: IssueResult) {
    this.number = result.number;
    this.labels = result.labels;
    this.assignees = result.assignees;
    this.milestone = result.milestone;
    this.types = result.types;
    this.type = result.type;
    this.ownerRole = result.ownerRole;
    this.assigneeRoles = result.assigneeRoles;
  }

  hasLabel(label: string): boolean {
    this.normalLabels ??= new Set(this.labels.map(normalizeLabel));
    return this.normalLabels.has(normalizeLabel(label));
  }
}
