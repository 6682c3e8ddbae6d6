// The JSON report written to `report-path` (and printed by `--format json`). Fields are
// raw data, not escaped: consumers render them in their own context. The SPEC's fields are
// a contract; the others may grow but are not renamed.
import type {
  BacklogReadInfo,
  EngineNotice,
  Finding,
  FixSuggestion,
  Level,
  LintResult,
  Mode,
  PlannedWrite,
  ReportModel,
  RoleHealth,
  RuleId,
  RunCost,
  Waiver,
} from '../types.js';
import { engineSkipped, issuesByNumber, issuesChecked } from './format.js';

export interface JsonFinding {
  issue: number;
  rule: RuleId;
  severity: Level;
  message: string;
  fix?: FixSuggestion;
  title?: string;
  url?: string;
  /** In the baseline: reported, never counted against `fail-on` nor in `counts`. */
  known?: true;
}

/** How one checked issue was classified (see IssueResult). */
export interface JsonIssue {
  issue: number;
  /** The issue's type; null when untyped or ambiguous. */
  type: string | null;
  /** The owning role; null when untyped or ambiguous. */
  ownerRole: string | null;
  /** What decided: `label "kind/feature"`, `issue type Feature`, `title prefix [Bug]`. */
  signal: string | null;
  /** Only when ambiguous: the types of different roles that the deciding signals name. */
  types?: readonly string[];
}

export interface JsonReport {
  version: 1;
  repository: string;
  mode: Mode;
  complete: boolean;
  incompleteReason?: string;
  /** Issues with status `checked` (ignored ones are under `skipped`). */
  issuesChecked: number;
  /** New findings only when a baseline is given (known ones are in `knownCounts`). */
  counts: Record<Level, number>;
  findings: JsonFinding[];
  /** Every checked issue's type, owner role and deciding signal, in input order. */
  issues: JsonIssue[];
  /** With a baseline: where it came from and the ratchet's numbers. */
  baseline?: { source: string; new: number; known: number; fixed: number };
  knownCounts?: Record<Level, number>;
  /** Baseline entries that no longer occur (the file can shrink by these). */
  fixedSinceBaseline?: { issue: number; rule: RuleId; subject?: string }[];
  /** Engine skips carry `issue`; skips by the action (e.g. a pull request) only `item`. */
  skipped: { item: string; issue?: number; reason: string }[];
  waivers: Waiver[];
  notices: EngineNotice[];
  roleHealth: RoleHealth[];
  load: LintResult['load'];
  classification: LintResult['classification'];
  configSource: string;
  dryRun: boolean;
  writes: PlannedWrite[];
  runUrl?: string;
  /** Live reads: the GraphQL points the run cost and what remains (README "GraphQL cost"). */
  cost?: RunCost;
  /** Backlog mode: full or incremental read, pages, why a full read (README "Incremental backlog runs"). */
  backlogRead?: BacklogReadInfo;
  generatedBy: 'backlog-lint';
}

/**
 * A large array of the report, produced element by element: `streamJsonReport` writes it
 * without holding the array (or its text); `buildJsonReport` collects it. The producer calls
 * `emit` once per element, in order (no iterator object per element and layer).
 */
export class LazyArray<T> {
  constructor(private readonly produce: (emit: (item: T) => void) => void) {}
  forEach(emit: (item: T) => void): void {
    this.produce(emit);
  }
  toArray(): T[] {
    const items: T[] = [];
    this.produce((item) => items.push(item));
    return items;
  }
}

type Lazy<R> = {
  [K in keyof R]: NonNullable<R[K]> extends (infer E)[] ? R[K] | LazyArray<E> : R[K];
};

/** The report with its large arrays lazy, fields in the report's order. */
export function jsonReportParts(model: ReportModel): Lazy<JsonReport> {
  const issues = issuesByNumber(model);
  const { result } = model;
  const jsonFinding = (f: Finding, known: boolean): JsonFinding => {
    const issue = issues.get(f.issue);
    // Optional fields assigned in the report's key order (cheaper than spreading objects).
    const out: JsonFinding = {
      issue: f.issue,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
    };
    if (f.fix) out.fix = f.fix;
    if (issue) out.title = issue.title;
    if (issue?.url) out.url = issue.url;
    if (known) out.known = true;
    return out;
  };
  return {
    version: 1,
    repository: model.repository,
    mode: model.mode,
    complete: model.complete,
    ...(model.incompleteReason !== undefined && { incompleteReason: model.incompleteReason }),
    issuesChecked: issuesChecked(model),
    counts: { ...result.counts },
    // Callbacks, not loops: see "One-shot passes" in docs/architecture.md.
    findings: new LazyArray((emit) => {
      result.findings.forEach((f) => emit(jsonFinding(f, false)));
      for (const f of model.baseline?.known ?? []) emit(jsonFinding(f, true));
    }),
    ...(model.baseline && {
      baseline: {
        source: model.baseline.source,
        new: result.findings.length,
        known: model.baseline.known.length,
        fixed: model.baseline.fixed.length,
      },
      knownCounts: { ...model.baseline.knownCounts },
      fixedSinceBaseline: new LazyArray((emit) => {
        for (const e of model.baseline?.fixed ?? [])
          emit({ issue: e.issue, rule: e.rule, ...(e.subject !== '' && { subject: e.subject }) });
      }),
    }),
    issues: new LazyArray((emit) => {
      result.issues.forEach((i) => {
        if (i.status !== 'checked') return;
        const out: JsonIssue = {
          issue: i.number,
          type: i.type,
          ownerRole: i.ownerRole,
          signal: i.signal,
        };
        if (i.type === null && i.types.length > 0) out.types = i.types;
        emit(out);
      });
    }),
    skipped: new LazyArray((emit) => {
      for (const s of engineSkipped(model))
        emit({ item: `#${s.issue}`, issue: s.issue, reason: s.reason });
      for (const s of model.skipped) emit(s);
    }),
    waivers: result.waivers,
    notices: result.notices,
    roleHealth: result.roleHealth,
    load: result.load,
    classification: result.classification,
    configSource: model.configSource,
    dryRun: model.dryRun,
    writes: model.writes,
    ...(model.runUrl !== undefined && { runUrl: model.runUrl }),
    ...(model.cost && { cost: { ...model.cost } }),
    ...(model.backlogRead && { backlogRead: { ...model.backlogRead } }),
    generatedBy: 'backlog-lint',
  };
}

export function buildJsonReport(model: ReportModel): JsonReport {
  const parts = jsonReportParts(model);
  return Object.fromEntries(
    Object.entries(parts).map(([k, v]) => [
      k,
      v instanceof LazyArray ? (v as LazyArray<unknown>).toArray() : v,
    ]),
  ) as unknown as JsonReport;
}
