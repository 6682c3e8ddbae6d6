// Shared shapes between the stages: config → issue source → engine → reporters.
// Names follow ../shared/SPEC.md; changing an exported name here is a contract change.

export const SEVERITIES = ['off', 'notice', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** A severity a finding can carry (never `off`). */
export type Level = Exclude<Severity, 'off'>;
export const LEVELS: readonly Level[] = ['error', 'warning', 'notice'];

/**
 * A rule's id. The registry (`RULES` in src/rules/index.ts) is the only list of them, read
 * through `ruleIds()`; config validation restricts ids to it (`RULES_BY_ID`).
 */
export type RuleId = string;

export type Mode = 'issue' | 'pull-request' | 'backlog';

/**
 * The compact facts the engine needs about one issue. Sources (event payload, GraphQL,
 * REST JSON, `gh` JSON) normalise into this; the issue body is dropped except for the
 * `backlog-lint-disable` directives so 100k issues stay small in memory.
 */
export interface IssueFacts {
  number: number;
  title: string;
  /** html_url; '' when unknown (CLI input without urls). */
  url: string;
  state: 'open' | 'closed';
  labels: string[];
  /** Logins as GitHub spells them. */
  assignees: string[];
  author: string | null;
  /** Milestone title, null when none. */
  milestone: string | null;
  /** GitHub native issue type name (Issue.issueType.name), null when none. */
  issueType: string | null;
  /** Number of the parent issue (GitHub sub-issues); null when none, absent when unknown. */
  parent?: number | null;
  /** How many sub-issues it has (open and closed); absent when the source does not say. */
  subIssues?: number;
  /** Raw text of each `<!-- backlog-lint-disable ... -->` comment found in the body. */
  directives: string[];
  /** owner/name when the issue lives in another repository (PR links); absent = this repo. */
  repository?: string;
}

// ---------------------------------------------------------------- config

export interface RoleConfig {
  /** Logins and/or `@org/team` slugs, as written in the config. */
  members: string[];
  /** Ownership label, null when the role has none. */
  label: string | null;
  /** Used by fix / suggestions; null when not set. */
  defaultAssignee: string | null;
}

export interface TypeConfig {
  /** Role name that owns this type. */
  owner: string;
  /** Label names or globs (case-insensitive). */
  labels: string[];
  /** Title prefixes (case-insensitive, compared after trimming leading whitespace). */
  titlePrefixes: string[];
  /** GitHub native issue type names (case-insensitive). */
  issueTypes: string[];
  /**
   * The words a repository uses for this type (`feature`, `bug`), matched in labels, title
   * prefixes and issue type names whatever their namespace, separator, case, emoji or plural
   * (`kind/feature`, `Type: Feature`, `FeatureRequest`, `[Feature]`); see engine/vocabulary.ts.
   */
  words?: string[];
  /** Other words for the same type (`enhancement`, `feature request`), matched like `words`. */
  synonyms?: string[];
  /** Human description (presets document what the type covers). */
  description?: string;
}

export interface RuleSetting {
  severity: Severity;
  /** Options after validation by the rule's zod schema (defaults applied). */
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  version: 1;
  /** Presets / files merged, in order, for the effective-config printout. */
  extends: string[];
  roles: Record<string, RoleConfig>;
  types: Record<string, TypeConfig>;
  rules: Record<RuleId, RuleSetting>;
  ignore: {
    labels: string[];
    authors: string[];
    issues: number[];
    /** GitHub native issue type names (case-insensitive); absent in hand-built configs. */
    issueTypes?: string[];
  };
}

/** One problem in a config file, with its position (1-based line and column). */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  /** What to do about it ("did you mean `owner-role`?", "allowed: off, notice, ..."). */
  hint?: string;
}

export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super(
      problems
        .map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`)
        .join('\n'),
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

// ---------------------------------------------------------------- engine

export interface EngineOptions {
  config: ResolvedConfig;
  /** Resolved team membership: key is the `@org/team` slug lower-cased, value the logins. */
  teams?: Record<string, string[]>;
  /** Today's date (YYYY-MM-DD) for waiver expiry; injected so the engine stays pure. */
  today: string;
  /**
   * `backlog`: every open issue of the repository is given, so load-based checks
   * (owner-capacity) and least-loaded suggestions are possible. Otherwise they are skipped.
   */
  scope: Mode;
}

/** What `fix` would do; only additions, never removals (SPEC). */
export interface FixSuggestion {
  readonly addLabels: readonly string[];
  readonly addAssignees: readonly string[];
}

export interface Finding {
  issue: number;
  rule: RuleId;
  severity: Level;
  message: string;
  fix?: FixSuggestion;
  /** Set by rules that can report several findings per issue (see RuleReport.subject). */
  subject?: string;
}

export interface IssueResult {
  number: number;
  title: string;
  url: string;
  labels: string[];
  assignees: string[];
  milestone: string | null;
  /** GitHub native issue type name, null when none. */
  issueType: string | null;
  /** The matched types that decided (those of the strongest signals; see `signal`). */
  types: readonly string[];
  /** The issue's type when exactly one role owns its matches (first matched type), else null. */
  type: string | null;
  /** The owning role; null when untyped or ambiguous. */
  ownerRole: string | null;
  /**
   * What decided the type: `label "kind/feature"`, `issue type Feature`, `title prefix [Bug]`;
   * null when untyped. For an ambiguous issue, the first signal of the deciding strength.
   */
  signal: string | null;
  /** login → roles it is a member of (empty array = no configured role). */
  assigneeRoles: Readonly<Record<string, readonly string[]>>;
  /** `ignored` issues are reported as skipped and get no findings. */
  status: 'checked' | 'ignored';
  ignoredReason?: string;
}

export interface Waiver {
  issue: number;
  /** Rule ids waived; empty array means every rule. */
  rules: RuleId[];
  until: string | null;
  reason: string | null;
  active: boolean;
  /** Set when the directive could not be understood (unknown rule id, bad date). */
  problem?: string;
}

export interface EngineNotice {
  kind: 'rule-skipped' | 'role-health' | 'waiver' | 'team-unresolved';
  message: string;
  rule?: RuleId;
  role?: string;
}

export interface RoleHealth {
  kind: 'empty-role' | 'member-in-several-roles' | 'missing-owner-role' | 'unresolved-team';
  role?: string;
  member?: string;
  type?: string;
  message: string;
}

/**
 * An issue type of a repository by id, which stays when the type is renamed (the since-read
 * of an incremental run compares the ids' names, src/incremental/snapshot.ts).
 */
export interface IssueTypeRef {
  id: string;
  name: string;
}

export interface MemberLoad {
  login: string;
  roles: string[];
  /** Open issues assigned to this login that are owned by one of its roles. */
  open: number;
}

/**
 * The engine's result. Treat it as read-only: to keep 100,000 issues cheap, equal values
 * (an issue's `types`, `assigneeRoles`, a finding's `fix`) are one frozen object shared by
 * every issue or finding with the same content; writing to them throws.
 */
export interface LintResult {
  /** Sorted: error, warning, notice; then by issue number; then rule id. */
  findings: readonly Finding[];
  /** Every issue given, in input order, ignored ones included. */
  issues: readonly IssueResult[];
  counts: Record<Level, number>;
  notices: EngineNotice[];
  roleHealth: RoleHealth[];
  /** Issues not checked and why (ignore lists, pull requests handed in by mistake...). */
  skipped: { issue: number; reason: string }[];
  waivers: Waiver[];
  load: {
    members: MemberLoad[];
    /** role → issues it owns / of those, how many have no assignee. */
    roles: Record<string, { issues: number; unassigned: number }>;
  };
  /** Issue counts by owner role, plus untyped and ambiguous (for the summary pie). */
  classification: { byRole: Record<string, number>; untyped: number; ambiguous: number };
}

// ---------------------------------------------------------------- reporting

/** A write the action would make (or made); listed in the summary under dry-run. */
export interface PlannedWrite {
  kind: 'comment' | 'report-issue' | 'add-labels' | 'add-assignees';
  issue: number | null;
  description: string;
  done: boolean;
}

/** What identifies a finding across runs and rewordings (baselines, config previews). */
export interface FindingIdentity {
  issue: number;
  rule: RuleId;
  /** What tells it apart from the rule's other findings on the issue ('' when nothing). */
  subject: string;
}

/** The ratchet of a run with a baseline: `result.findings` then holds only the new ones. */
export interface BaselineReport {
  /** Where the baseline was read from (a path or `api:<path>@<ref>`). */
  source: string;
  /** Findings the baseline accepts: reported apart, never counted against `fail-on`. */
  known: Finding[];
  knownCounts: Record<Level, number>;
  /** Baseline entries (of the issues in scope) that no longer occur. */
  fixed: FindingIdentity[];
}

/** One complete backlog run in the report issue's history (src/report/history.ts). */
export interface HistoryEntry {
  /** When the run finished (ISO 8601, UTC). */
  at: string;
  checked: number;
  counts: Record<Level, number>;
  /** Findings per rule (rules without findings left out). */
  rules: Partial<Record<RuleId, number>>;
  /** Findings per owner role of their issue ('(none)' for issues without one). */
  roles: Record<string, number>;
  /** Checked issues without an owner: no owner role, or no assignee who is in it. */
  unowned: number;
}

export interface TrendModel {
  /** Oldest first; the last one is this run. */
  runs: HistoryEntry[];
  /** Set when the stored history could not be read and was started afresh. */
  notice?: string;
}

/** Everything a reporter needs; reporters are pure functions of this. */
export interface ReportModel {
  repository: string; // owner/name
  serverUrl: string; // https://github.com (GHES differs)
  mode: Mode;
  complete: boolean;
  /** Why the run is incomplete (fault, limit); shown prominently. */
  incompleteReason?: string;
  result: LintResult;
  /** Where the config came from: a path, `api:<path>@<ref>` or `preset:recommended`. */
  configSource: string;
  dryRun: boolean;
  writes: PlannedWrite[];
  /** Extra things skipped by the action (not by the engine), e.g. "pull request #5 is not an issue". */
  skipped: { item: string; reason: string }[];
  /** Optional link to the workflow run, for comments. */
  runUrl?: string;
  /** Set when a baseline was given: `result` then holds the new findings only. */
  baseline?: BaselineReport;
  /** Backlog mode with a report issue, complete runs: the history including this run. */
  trend?: TrendModel;
  /** Pull-request mode when the PR changes the config: what the change does to the backlog. */
  preview?: ConfigPreview;
  /** Live reads: the GraphQL points the run cost and what remains (src/github/budget.ts). */
  cost?: RunCost;
  /** Backlog mode: how the backlog was read (full or since the last run's snapshot). */
  backlogRead?: BacklogReadInfo;
}

/**
 * How a backlog run read the backlog (README "Incremental backlog runs"): every open issue
 * (`full`, with the reason when incremental runs are on), or only the issues updated since the
 * snapshot of the last complete run (`since`), merged into it.
 */
export interface BacklogReadInfo {
  kind: 'full' | 'since';
  /** Why the backlog was read in full: no snapshot, config or version changed, weekly, ... */
  reason?: string;
  /** `since` reads: the time the issues were read from (ISO). */
  since?: string;
  /** GraphQL pages (requests) of the backlog read, the fallback full read included. */
  pages: number;
  /** `since` reads: issues read (open and closed) and what they did to the snapshot. */
  changed?: number;
  added?: number;
  updated?: number;
  removed?: number;
  /** Whether this run's snapshot was stored for the next run (absent: not attempted). */
  saved?: boolean;
  /** Why it was not stored. */
  saveProblem?: string;
}

// ---------------------------------------------------------------- config-change preview
// (src/preview/compare.ts computes it; the report model carries it)

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

/** What a run's GraphQL queries cost (JSON report field `cost`). */
export interface RunCost {
  /** Points spent, summed over the queries answered with `rateLimit`. */
  points: number;
  /** GraphQL queries answered with `rateLimit`. */
  requests: number;
  /** Points left after the last of them. */
  remaining: number;
  /** When the window resets (ISO 8601). */
  resetAt: string;
}

// Who belongs to which role (implemented by src/engine/membership.ts). A type here, not in
// the engine, because the rule contract (src/rules/rule.ts) names it.
/**
 * `complete`: every member is known. `empty`: no members (none configured, the role is not
 * configured, or its teams have nobody). `unresolved`: a team it lists is missing from
 * `teams`, so someone not listed may still be a member.
 */
export type MembershipStatus =
  { kind: 'complete' } | { kind: 'empty' } | { kind: 'unresolved'; teams: readonly string[] };

export interface Membership {
  /** Roles (config order) listing this login, directly or through a resolved team. */
  rolesOf(login: string): readonly string[];
  /** Logins of the role in config order (teams expanded in place), without duplicates. */
  membersOf(role: string): readonly string[];
  /** Every login of every role, config order, without duplicates. */
  allMembers(): readonly string[];
  status(role: string): MembershipStatus;
}
