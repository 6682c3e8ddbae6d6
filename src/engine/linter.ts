// The engine's driver: takes issues page by page, keeps only compact per-issue results and
// draft findings, and on finish() runs backlog-level checks and settles suggestions.
import { RULES } from '../rules/index.js';
import {
  checkFixable,
  type BacklogReport,
  type IssueView,
  type RuleEnv,
  type RuleModule,
  type RuleReport,
} from '../rules/rule.js';
import type {
  EngineOptions,
  Finding,
  IssueFacts,
  IssueResult,
  Level,
  LintResult,
  Membership,
  ResolvedConfig,
  RoleHealth,
  RuleId,
  Waiver,
} from '../types.js';
import { compileMatcher, type Matcher } from './classify.js';
import { DirectiveParser } from './waivers.js';
import { LevelFindings } from './findings.js';
import { compileIgnore, type IgnoreCheck } from './ignore.js';
import { IssueNumbers } from './issue-numbers.js';
import { LabelPatternSet } from '../label-patterns.js';
import { LoadTracker } from './member-load.js';
import { createMembership } from './membership.js';
import { IssueRefs, RuleMessages } from './messages.js';
import { CappedMap, normalizeLabel } from '../names.js';
import { createRuleEnv, NoticeLog } from './notices.js';
import { checkRoleHealth } from './role-health.js';
import { NO_STRINGS, SharedValues } from './shared.js';
import { SubIssueRelations } from './sub-issues.js';
import { AssigneeSuggester } from './suggestions.js';

/** A rule that runs: severity not `off`, options parsed once. */
interface ActiveRule {
  module: RuleModule;
  severity: Level;
  options: Record<string, unknown>;
  /** The rule's `ignore-labels` option, when it has one. */
  ignore: LabelPatternSet | null;
  env: RuleEnv;
  /** Formats the messages of its reports. */
  messages: RuleMessages;
  /** The run's findings of this rule's severity. */
  found: LevelFindings;
  /** Issues its `keep` kept for `checkRelated`. */
  kept: IssueView[];
}

/** Rule ids an issue's active waivers cover; 'all' for a waiver without rule ids. */
type WaivedRules = ReadonlySet<RuleId> | 'all';

/** What an issue without assignees has as `assigneeRoles`. */
const NO_ASSIGNEE_ROLES: Readonly<Record<string, readonly string[]>> = Object.freeze({});

export class Linter {
  private readonly config: ResolvedConfig;
  private readonly scope: EngineOptions['scope'];
  private readonly directives: DirectiveParser;
  private readonly membership: Membership;
  private readonly matcher: Matcher;
  private readonly ignore: IgnoreCheck;
  private readonly rules: ActiveRule[];
  /** The active rules with a per-issue check. */
  private readonly issueRules: ActiveRule[];
  private readonly noticeLog = new NoticeLog();
  private readonly roleHealth: RoleHealth[];
  private readonly load: LoadTracker;
  private readonly relations = new SubIssueRelations();

  /** Values results share (see shared.ts): lists, roles by login, `assigneeRoles` by login. */
  private readonly shared = new SharedValues();
  private readonly rolesByLogin = new Map<string, readonly string[]>();
  private readonly rolesOfAssignee = new CappedMap<
    string,
    Readonly<Record<string, readonly string[]>>
  >();
  private readonly issues: IssueResult[] = [];
  /** Issue numbers already taken in this repository, and per other repository. */
  private readonly seenHere = new IssueNumbers();
  private readonly seenElsewhere = new Map<string, IssueNumbers>();
  private readonly skipped: LintResult['skipped'] = [];
  private readonly waivers: Waiver[] = [];
  private readonly waived = new Map<number, WaivedRules>();
  /** Findings so far, by severity. */
  private readonly found: Record<Level, LevelFindings> = {
    error: new LevelFindings(),
    warning: new LevelFindings(),
    notice: new LevelFindings(),
  };
  /** "; suggested assignee: <login>" by login, shared by the messages that end with it. */
  private readonly suggestionTexts = new Map<string, string>();
  /** `#<number>` of the issue being checked, shared by its findings' messages. */
  private readonly refs = new IssueRefs();
  /** The rules' view of the issue being checked. */
  private readonly view = new CheckedIssue();
  private result: LintResult | undefined;
  private readonly classification: LintResult['classification'];

  /** `rules` is the registry; tests hand in others to check the engine's side of the contract. */
  constructor(opts: EngineOptions, rules: readonly RuleModule[] = RULES) {
    this.config = opts.config;
    this.scope = opts.scope;
    this.directives = new DirectiveParser(opts.today);
    this.membership = createMembership(opts.config, opts.teams);
    this.matcher = compileMatcher(opts.config);
    this.ignore = compileIgnore(opts.config);
    this.roleHealth = checkRoleHealth(opts.config, this.membership);
    this.load = new LoadTracker(opts.config, this.membership);
    this.rules = rules.flatMap((module) => {
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
          messages: new RuleMessages(module, this.refs),
          found: this.found[severity],
          kept: [],
        },
      ];
    });
    this.issueRules = this.rules.filter(
      (rule) => rule.module.check !== undefined || rule.module.keep !== undefined,
    );
    this.classification = {
      byRole: Object.fromEntries(Object.keys(opts.config.roles).map((role) => [role, 0])),
      untyped: 0,
      ambiguous: 0,
    };
  }

  /** Lints one page of issues; only compact results are kept, never the facts themselves. */
  add(issues: IssueFacts[]): void {
    if (this.result) throw new Error('Linter.add() called after finish()');
    for (let i = 0; i < issues.length; i++) this.addIssue(issues[i] as IssueFacts);
  }

  /** Runs backlog-level checks, settles suggestions, sorts and counts; ends the run. */
  finish(): LintResult {
    this.result ??= this.conclude();
    return this.result;
  }

  private conclude(): LintResult {
    for (const finding of this.backlogFindings()) this.found[finding.severity].insert(finding);
    for (const finding of this.relatedFindings()) this.found[finding.severity].insert(finding);
    const { error, warning, notice } = this.found;
    for (const found of [error, warning, notice]) found.sort();
    this.settleSuggestions([error, warning, notice]);
    for (const rule of this.rules) rule.messages.clear();
    return {
      findings: error.findings.concat(warning.findings, notice.findings),
      issues: this.issues,
      counts: {
        error: error.findings.length,
        warning: warning.findings.length,
        notice: notice.findings.length,
      },
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
  private settleSuggestions(levels: readonly LevelFindings[]): void {
    const suggester = new AssigneeSuggester(
      this.config,
      this.membership,
      this.scope,
      this.load.openByLogin(),
    );
    for (const { pending, pendingRoles } of levels) {
      // A callback, not a loop: see "One-shot passes" in docs/architecture.md.
      pending.forEach((finding, i) => {
        const login = suggester.pick(pendingRoles[i] as string);
        if (login === null) {
          // The slot kept for it (see addDraft): the finding has no fix after all.
          if (finding.fix === undefined) delete finding.fix;
          return;
        }
        finding.message += this.suggestionText(login);
        finding.fix = this.shared.fix(finding.fix?.addLabels ?? NO_STRINGS, this.shared.one(login));
      });
    }
  }

  private suggestionText(login: string): string {
    let text = this.suggestionTexts.get(login);
    if (text === undefined) {
      text = `; suggested assignee: ${login}`;
      this.suggestionTexts.set(login, text);
    }
    return text;
  }

  private addIssue(issue: IssueFacts): void {
    // Paging can return an issue twice when the backlog changes under it; count it once.
    if (!this.seenIn(issue.repository ?? '').add(issue.number)) {
      this.skipped.push({ issue: issue.number, reason: 'given twice; checked once' });
      return;
    }

    const match = this.matcher.match(issue);
    const signal = this.matcher.lastSignal;
    const ignoredReason = this.ignore(issue);
    // Built in one go (an ignored issue with its reason) so every result has its final shape.
    const result: IssueResult =
      ignoredReason === null
        ? {
            number: issue.number,
            title: issue.title,
            url: issue.url,
            labels: issue.labels,
            assignees: issue.assignees,
            milestone: issue.milestone,
            issueType: issue.issueType,
            types: match.types,
            type: match.type,
            ownerRole: match.ownerRole,
            signal,
            assigneeRoles: this.assigneeRoles(issue.assignees),
            status: 'checked',
          }
        : {
            number: issue.number,
            title: issue.title,
            url: issue.url,
            labels: issue.labels,
            assignees: issue.assignees,
            milestone: issue.milestone,
            issueType: issue.issueType,
            types: match.types,
            type: match.type,
            ownerRole: match.ownerRole,
            signal,
            assigneeRoles: this.assigneeRoles(issue.assignees),
            status: 'ignored',
            ignoredReason,
          };
    this.issues.push(result);
    this.relations.record(issue, match.ownerRole);
    if (ignoredReason !== null) {
      this.skipped.push({ issue: issue.number, reason: ignoredReason });
      return;
    }

    this.tally(result, match.roles.length);
    const waived = this.recordWaivers(issue);
    if (waived === 'all') return;
    // One view for every issue: a rule sees it only during its call (`keep` has a copy kept).
    const view = this.view.show(result, issue);
    const rules = this.issueRules;
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r] as ActiveRule;
      const { module } = rule;
      if (waived !== undefined && waived.has(module.id)) continue;
      if (rule.ignore !== null && rule.ignore.firstMatch(issue.labels) !== undefined) continue;
      if (module.keep !== undefined && module.keep(view, rule.env, rule.options)) {
        rule.kept.push(view.copy());
      }
      if (module.check === undefined) continue;
      const reports = module.check(view, rule.env, rule.options);
      for (let i = 0; i < reports.length; i++) {
        this.addDraft(issue.number, rule, reports[i] as RuleReport);
      }
    }
  }

  private seenIn(repository: string): IssueNumbers {
    if (repository === '') return this.seenHere;
    let seen = this.seenElsewhere.get(repository);
    if (!seen) this.seenElsewhere.set(repository, (seen = new IssueNumbers()));
    return seen;
  }

  /** login → roles for the issue's assignees; frozen, shared by issues with the same assignees. */
  private assigneeRoles(assignees: readonly string[]): Readonly<Record<string, readonly string[]>> {
    if (assignees.length === 0) return NO_ASSIGNEE_ROLES;
    // Keyed by the logins in order (a login has no NUL): freezing an object costs more.
    const key = assignees.length === 1 ? (assignees[0] as string) : assignees.join('\u0000');
    let roles = this.rolesOfAssignee.get(key);
    if (roles === undefined) {
      const byLogin: Record<string, readonly string[]> = {};
      for (const login of assignees) byLogin[login] = this.rolesOf(login);
      roles = Object.freeze(byLogin);
      this.rolesOfAssignee.set(key, roles);
    }
    return roles;
  }

  /** The login's roles, shared (see shared.ts). */
  private rolesOf(login: string): readonly string[] {
    let roles = this.rolesByLogin.get(login);
    if (roles === undefined) {
      roles = this.shared.of(this.membership.rolesOf(login));
      this.rolesByLogin.set(login, roles);
    }
    return roles;
  }

  private addDraft(issue: number, rule: ActiveRule, report: RuleReport): void {
    const { id } = rule.module;
    const { severity } = rule;
    checkFixable(rule.module, report);
    const message = rule.messages.format(report, issue);
    const { addLabels, subject } = report;
    const fix =
      addLabels !== undefined && addLabels.length > 0
        ? this.shared.fix(this.shared.of(addLabels), NO_STRINGS)
        : undefined;
    // Each shape built in one literal (no property added afterwards). A finding waiting for
    // an assignee suggestion has its `fix` slot from the start, last, where settling would
    // add it (settling deletes it again when nobody can be suggested).
    let finding: Finding;
    if (fix === undefined && report.suggestAssigneeFrom !== undefined) {
      finding =
        subject === undefined
          ? { issue, rule: id, severity, message, fix }
          : { issue, rule: id, severity, message, subject, fix };
    } else if (fix === undefined) {
      finding =
        subject === undefined
          ? { issue, rule: id, severity, message }
          : { issue, rule: id, severity, message, subject };
    } else {
      finding =
        subject === undefined
          ? { issue, rule: id, severity, message, fix }
          : { issue, rule: id, severity, message, fix, subject };
    }
    rule.found.add(finding, report.suggestAssigneeFrom);
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
    for (const text of issue.directives) {
      const waiver = this.directives.parse(issue.number, text);
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

  /** Findings of checks over related issues (sub-issues), in every scope. */
  private relatedFindings(): Finding[] {
    return this.rules.flatMap((rule) => {
      if (!rule.module.checkRelated) return [];
      return this.crossIssueFindings(
        rule,
        rule.module.checkRelated(rule.kept, this.relations, rule.env, rule.options),
      );
    });
  }

  /** Backlog-level findings; they carry no assignee suggestion. */
  private backlogFindings(): Finding[] {
    if (this.scope !== 'backlog') return [];
    const backlog = this.load.backlogView();
    return this.rules.flatMap((rule) => {
      if (!rule.module.checkBacklog) return [];
      return this.crossIssueFindings(
        rule,
        rule.module.checkBacklog(backlog, rule.env, rule.options),
      );
    });
  }

  /**
   * Reports of checks over several issues (related, backlog) as findings, waivers applied.
   * Their texts are few and seldom alike: formatted without keeping them.
   */
  private crossIssueFindings(rule: ActiveRule, reports: BacklogReport[]): Finding[] {
    const findings: Finding[] = [];
    for (const report of reports) {
      checkFixable(rule.module, report);
      const message = rule.messages.format(report, report.issue, false);
      if (isWaived(this.waived.get(report.issue), rule.module.id)) continue;
      findings.push({
        issue: report.issue,
        rule: rule.module.id,
        severity: rule.severity,
        message,
        ...(report.subject !== undefined && { subject: report.subject }),
      });
    }
    return findings;
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

/**
 * The rules' view of a checked issue. One instance shows each issue in turn (no object per
 * issue to collect); `copy()` gives a view of its own to keep.
 */
class CheckedIssue implements IssueView {
  number = 0;
  labels: readonly string[] = NO_STRINGS;
  assignees: readonly string[] = NO_STRINGS;
  milestone: string | null = null;
  types: readonly string[] = NO_STRINGS;
  type: string | null = null;
  ownerRole: string | null = null;
  assigneeRoles: Readonly<Record<string, readonly string[]>> = NO_ASSIGNEE_ROLES;
  issueType: string | null = null;
  subIssues: number | undefined = undefined;

  show(result: IssueResult, facts: IssueFacts): this {
    this.issueType = facts.issueType;
    this.subIssues = facts.subIssues;
    this.number = result.number;
    this.labels = result.labels;
    this.assignees = result.assignees;
    this.milestone = result.milestone;
    this.types = result.types;
    this.type = result.type;
    this.ownerRole = result.ownerRole;
    this.assigneeRoles = result.assigneeRoles;
    return this;
  }

  // Field by field, like show(): Object.assign measured slower on the engine bench.
  copy(): CheckedIssue {
    const copy = new CheckedIssue();
    copy.issueType = this.issueType;
    copy.subIssues = this.subIssues;
    copy.number = this.number;
    copy.labels = this.labels;
    copy.assignees = this.assignees;
    copy.milestone = this.milestone;
    copy.types = this.types;
    copy.type = this.type;
    copy.ownerRole = this.ownerRole;
    copy.assigneeRoles = this.assigneeRoles;
    return copy;
  }

  hasLabel(label: string): boolean {
    const { labels } = this;
    if (labels.length === 0) return false;
    // An issue has a handful of labels, and normalizeLabel is a cache lookup.
    const normal = normalizeLabel(label);
    for (let i = 0; i < labels.length; i++) {
      if (normalizeLabel(labels[i] as string) === normal) return true;
    }
    return false;
  }
}
