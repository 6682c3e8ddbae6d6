// The shape of one rule module. Each rule lives in its own file under src/rules/ with its
// id, default severity, one docs line, its message templates, its option schema and its
// check. Rules only decide: the engine (src/engine/) classifies the issue, resolves
// membership, applies ignore lists, waivers and severities, formats the messages
// (src/engine/messages.ts) and turns what a rule reports into findings.
import type * as z from 'zod/mini';
import type { IssueResult, Membership, ResolvedConfig, RuleId, Severity } from '../types.js';

/**
 * What a rule sees of one checked issue: its compact facts plus the engine's classification.
 * Read-only: parts of it are shared with other issues.
 */
export interface IssueView extends Readonly<
  Pick<IssueResult, 'number' | 'milestone' | 'type' | 'ownerRole'>
> {
  /** GitHub native issue type name, null when none. */
  readonly issueType: string | null;
  /** How many sub-issues GitHub says it has (open and closed); undefined when unknown. */
  readonly subIssues: number | undefined;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
  /** Shared by the issues with the same matches. */
  readonly types: readonly string[];
  readonly assigneeRoles: Readonly<Record<string, readonly string[]>>;
  /** Whether the issue carries this label (case-, whitespace- and emoji-variant-insensitive). */
  hasLabel(label: string): boolean;
}

/** What a rule sees of the run, bound to that rule so skip notices name it. */
export interface RuleEnv {
  readonly config: ResolvedConfig;
  readonly membership: Membership;
  /** The configured role names (`Object.keys(config.roles)`), in config order: computed once. */
  readonly roleNames: readonly string[];
  /**
   * True when the role's membership is fully known. Otherwise (no members configured,
   * unknown role, unresolved team) records one notice for this rule and role for the whole
   * run and returns false: the rule must then skip rather than report a false finding.
   */
  requireMembers(role: string): boolean;
  /** Like `requireMembers`, for rules that need at least one role with members. */
  requireAnyMembers(): boolean;
}

/**
 * What a check returns when it finds nothing: shared, so nobody may add to it. (Not
 * frozen: a frozen array would slow down the engine's loop over every check's reports.)
 */
export const NO_REPORTS: readonly RuleReport<never>[] = [];

/**
 * The values of a message's `{{placeholders}}`, one for each placeholder but `{{issue}}`
 * (which the engine fills) and nothing else. Logins are bare (never `@login`: bot text must
 * not mention anyone).
 */
export type MessageData = Readonly<Record<string, string | number>>;

/** One problem a per-issue check found; the engine adds issue number, rule id and severity. */
export interface RuleReport<MessageId extends string = string> {
  /** Key of the rule's `messages`: the engine formats the finding's message from it. */
  messageId: MessageId;
  /** Required when the message has placeholders besides `{{issue}}`. */
  data?: MessageData;
  /** Labels the fix would add (never removals). */
  addLabels?: string[];
  /**
   * Role whose member the fix should assign. The engine picks who (the role's
   * default-assignee, or in backlog scope its least-loaded member) and appends
   * "; suggested assignee: <login>" to the message; without a candidate there is no fix.
   */
  suggestAssigneeFrom?: string;
  /**
   * What tells this finding apart from the rule's other findings on the same issue (a login,
   * a role), for baselines: never the message, whose wording may change. Absent when the
   * rule reports at most one finding per issue.
   */
  subject?: string;
}

/** The whole backlog, as far as backlog-level rules need it (built after the last page). */
export interface BacklogView {
  /** Every member of a role, with the open issues assigned to them that one of their roles owns. */
  members: readonly { login: string; roles: readonly string[]; issues: readonly number[] }[];
}

/** Sub-issue relations among the issues given (same repository), known after the last page. */
export interface RelatedView {
  /** The issue's sub-issues among the issues given: how many, and their owner roles. */
  childrenOf(number: number): { seen: number; owners: readonly string[] };
}

/** A backlog-level finding: it is attached to one issue so a user can act on it there. */
export interface BacklogReport<MessageId extends string = string> extends RuleReport<MessageId> {
  issue: number;
}

export interface RuleModule<
  O extends Record<string, unknown> = Record<string, unknown>,
  MessageId extends string = string,
> {
  id: RuleId;
  defaultSeverity: Severity;
  /** One line for the README, `--help` and annotations' docs. */
  docs: string;
  /**
   * The rule's message templates by message id (ESLint style). `{{name}}` is the report's
   * `data.name`; `{{issue}}` is the issue the finding is attached to, as `#<number>`, filled
   * by the engine. A report with an unknown message id, without data for a placeholder or
   * with data no placeholder uses is a `RuleContractError`, as is a malformed template.
   */
  messages: Readonly<Record<MessageId, string>>;
  /**
   * Whether `fix` can resolve the finding (adds labels / assignees only). Enforced: a report
   * with `addLabels` or `suggestAssigneeFrom` from a rule that is not fixable is a
   * `RuleContractError`.
   */
  fixable: boolean;
  /** Strict zod object schema of the options, with defaults; validated at config load. */
  options: z.ZodMiniType<O>;
  /**
   * Per-issue check, run on every checked issue that no `ignore-labels` option excludes.
   * Absent for rules that only look at the whole backlog.
   */
  check?(issue: IssueView, env: RuleEnv, options: O): readonly RuleReport<MessageId>[];
  /** Backlog-level check, run once by `Linter.finish()` and only when the scope is `backlog`. */
  checkBacklog?(backlog: BacklogView, env: RuleEnv, options: O): BacklogReport<MessageId>[];
  /**
   * Checks that need other issues of the run (sub-issues): `keep` runs per checked issue (as
   * `check` does), and `checkRelated` runs in `Linter.finish()`, in every scope, over the
   * issues kept, once every issue's parent is known.
   */
  keep?(issue: IssueView, env: RuleEnv, options: O): boolean;
  checkRelated?(
    kept: readonly IssueView[],
    related: RelatedView,
    env: RuleEnv,
    options: O,
  ): BacklogReport<MessageId>[];
}

/** A rule broke its contract (a bug in the rule, not in the user's config or backlog). */
export class RuleContractError extends Error {
  readonly ruleId: RuleId;
  constructor(ruleId: RuleId, problem: string) {
    super(`rule ${ruleId}: ${problem}`);
    this.name = 'RuleContractError';
    this.ruleId = ruleId;
  }
}

/** The report, or a `RuleContractError` when a rule that is not `fixable` reports a fix. */
export function checkFixable<R extends RuleReport>(rule: RuleModule, report: R): R {
  if (rule.fixable) return report;
  if (report.addLabels !== undefined || report.suggestAssigneeFrom !== undefined) {
    throw new RuleContractError(
      rule.id,
      'reported a fix (addLabels or suggestAssigneeFrom) but is not fixable',
    );
  }
  return report;
}
