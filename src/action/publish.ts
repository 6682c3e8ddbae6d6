// Everything the action writes to GitHub: fixes (labels and assignees, additions only), the
// sticky comment and the backlog report issue (with the trend it keeps), and the gate before
// them: only a complete run publishes. Under dry-run nothing is sent; every write is listed as
// planned. A read-only token (fork pull requests) gives one warning, not a failure.
import { applyBaseline, type Baseline } from '../baseline/index.js';
import type { GitHubClient, RepoRef } from '../github/index.js';
import {
  addAssignees,
  addLabels,
  upsertReportIssue,
  upsertStickyComment,
  WriteForbiddenError,
  type OwnComments,
  type OwnItem,
  errorMessage,
} from '../github/index.js';
import {
  COMMENT_MARKER,
  REPORT_MARKER,
  renderComment,
  renderReportIssue,
} from '../report/index.js';
import { redact } from '../github/index.js';
import type { ConfigPreview } from '../preview/index.js';
import type {
  BaselineReport,
  Finding,
  IssueResult,
  LintResult,
  PlannedWrite,
  ReportModel,
  TrendModel,
} from '../types.js';
import type { AnnotationBudget } from './annotation-budget.js';
import type { Collected } from './collect.js';
import type { ActionInputs } from './inputs.js';
import type { Route } from './route.js';
import { reportIssueBody } from './trend.js';

export interface WriteContext {
  gh: GitHubClient;
  repo: RepoRef;
  dryRun: boolean;
  writes: PlannedWrite[];
  warn: (msg: string) => void;
  /** Set once a write was refused for lack of permission; later writes are not tried. */
  forbidden: boolean;
  /** Lower-cased logins GitHub refused to assign (warned about once each). */
  unassignable: Set<string>;
}

/**
 * What a write turned out to be: a better description of what happened (created, updated,
 * already up to date), `done: false` when GitHub accepted the request but did not do it (an
 * assignee it silently dropped), or null when there was nothing to write after all (the
 * entry is then dropped from the list).
 */
type Outcome = { description?: string; done?: boolean } | null | void;

/** Sends one write (or only plans it); true when it was done. */
async function attempt(
  ctx: WriteContext,
  w: Omit<PlannedWrite, 'done'>,
  send: () => Promise<Outcome>,
): Promise<boolean> {
  const entry: PlannedWrite = { ...w, done: false };
  ctx.writes.push(entry);
  if (ctx.dryRun || ctx.forbidden) return false;
  try {
    const outcome = await send();
    if (outcome === null) {
      ctx.writes.splice(ctx.writes.indexOf(entry), 1);
      return true;
    }
    entry.done = outcome?.done ?? true;
    if (outcome?.description) entry.description = outcome.description;
    return entry.done;
  } catch (err) {
    if (err instanceof WriteForbiddenError) {
      ctx.forbidden = true;
      ctx.warn(
        `The token cannot write to ${ctx.repo.owner}/${ctx.repo.repo} (${err.message}). ` +
          'Pull requests from forks get a read-only token: the findings are in the job summary and the run passes or fails on them alone. ' +
          'Grant `issues: write` / `pull-requests: write` in the workflow to enable comments and fixes.',
      );
      return false;
    }
    throw err;
  }
}

interface IssueFix {
  issue: number;
  addLabels: string[];
  addAssignees: string[];
  findings: Finding[];
}

/** Groups the fix suggestions of findings per issue, dropping what is already there. */
export function planFixes(
  result: LintResult,
  localIssues: (n: number) => IssueResult | undefined,
): IssueFix[] {
  const byIssue = new Map<number, IssueFix>();
  for (const f of result.findings) {
    if (!f.fix) continue;
    const issue = localIssues(f.issue);
    if (!issue) continue; // another repository's issue (PR links): never touched
    const have = new Set([...issue.labels, ...issue.assignees].map((s) => s.toLowerCase()));
    const fix = byIssue.get(f.issue) ?? {
      issue: f.issue,
      addLabels: [],
      addAssignees: [],
      findings: [],
    };
    for (const l of f.fix.addLabels)
      if (!have.has(l.toLowerCase()) && !fix.addLabels.includes(l)) fix.addLabels.push(l);
    for (const a of f.fix.addAssignees)
      if (!have.has(a.toLowerCase()) && !fix.addAssignees.includes(a)) fix.addAssignees.push(a);
    fix.findings.push(f);
    byIssue.set(f.issue, fix);
  }
  return [...byIssue.values()].filter((f) => f.addLabels.length + f.addAssignees.length > 0);
}

/** Applies (or plans) fixes; returns the findings that the applied writes resolved. */
export async function applyFixes(ctx: WriteContext, fixes: IssueFix[]): Promise<Set<Finding>> {
  const resolved = new Set<Finding>();
  for (const fix of fixes) {
    let labelsOk = fix.addLabels.length === 0;
    let assigneesOk = fix.addAssignees.length === 0;
    if (!labelsOk) {
      labelsOk = await attempt(
        ctx,
        {
          kind: 'add-labels',
          issue: fix.issue,
          description: `add label(s) ${fix.addLabels.map((l) => `"${l}"`).join(', ')} to #${fix.issue}`,
        },
        async () => {
          await addLabels(ctx.gh, ctx.repo, fix.issue, fix.addLabels);
        },
      );
    }
    if (!assigneesOk) {
      assigneesOk = await attempt(
        ctx,
        {
          kind: 'add-assignees',
          issue: fix.issue,
          description: `assign ${fix.addAssignees.join(', ')} to #${fix.issue}`,
        },
        async () => {
          // GitHub silently drops logins that cannot be assigned (no access to the repository).
          const assigned = new Set(
            (await addAssignees(ctx.gh, ctx.repo, fix.issue, fix.addAssignees)).map((l) =>
              l.toLowerCase(),
            ),
          );
          const dropped = fix.addAssignees.filter((l) => !assigned.has(l.toLowerCase()));
          if (dropped.length === 0) return;
          for (const login of dropped) {
            if (ctx.unassignable.has(login.toLowerCase())) continue;
            ctx.unassignable.add(login.toLowerCase());
            ctx.warn(
              `GitHub did not assign ${login} to #${fix.issue} in ${ctx.repo.owner}/${ctx.repo.repo}: only people with access to the repository can be assigned. ` +
                "Check the role's default-assignee and members in the config.",
            );
          }
          return {
            done: false,
            description: `assign ${fix.addAssignees.join(', ')} to #${fix.issue} (GitHub did not assign ${dropped.join(', ')})`,
          };
        },
      );
    }
    for (const f of fix.findings) {
      const needLabels = (f.fix?.addLabels.length ?? 0) > 0;
      const needAssignees = (f.fix?.addAssignees.length ?? 0) > 0;
      if ((!needLabels || labelsOk) && (!needAssignees || assigneesOk)) resolved.add(f);
    }
  }
  return resolved;
}

/** The result without the findings that fixes resolved, counts recomputed. */
export function withoutResolved(result: LintResult, resolved: Set<Finding>): LintResult {
  if (resolved.size === 0) return result;
  const findings = result.findings.filter((f) => !resolved.has(f));
  const counts = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) counts[f.severity]++;
  return { ...result, findings, counts };
}

/** `, and deleted 2 duplicates` */
function tidied(n: number, what: string): string {
  return n > 0 ? `; removed ${n} duplicate ${what}${n === 1 ? '' : 's'}` : '';
}

/**
 * Creates or edits the sticky comment. `own` are the action's own comments found by the
 * lookup (a read, done before any write: a failed lookup makes the run incomplete).
 */
export async function writeComment(
  ctx: WriteContext,
  target: number,
  body: string,
  marker: string,
  create: boolean,
  found: OwnComments,
): Promise<void> {
  const own = found.own;
  await attempt(
    ctx,
    {
      kind: 'comment',
      issue: target,
      description: `${create ? 'create or update' : 'update (if present)'} the backlog-lint comment on #${target}${own.length > 1 ? ` and delete ${own.length - 1} duplicate(s)` : ''}`,
    },
    async () => {
      const { result, removed } = await upsertStickyComment(
        ctx.gh,
        ctx.repo,
        target,
        body,
        marker,
        found,
        { create },
      );
      if (result === 'skipped' && removed === 0) return null; // clean, and no earlier comment
      return {
        description:
          (result === 'unchanged' || result === 'skipped'
            ? `the backlog-lint comment on #${target} is up to date`
            : `${result} the backlog-lint comment on #${target}`) + tidied(removed, 'comment'),
      };
    },
  );
}

/**
 * Creates or edits the report issue. `own` are the open issues with its title that the token's
 * identity wrote and that hold the report marker (found by the backlog read).
 */
export async function writeReportIssue(
  ctx: WriteContext,
  title: string,
  /** The body, or a function of the kept issue's current body (null: a new issue). */
  body: string | ((current: string | null) => string),
  marker: string,
  own: OwnItem[],
): Promise<void> {
  const existing = own[0]?.id ?? null;
  await attempt(
    ctx,
    {
      kind: 'report-issue',
      issue: existing,
      description: existing
        ? `update the report issue #${existing} "${title}"${own.length > 1 ? ` and close ${own.length - 1} duplicate(s)` : ''}`
        : `create the report issue "${title}"`,
    },
    async () => {
      const { number, action, closed } = await upsertReportIssue(
        ctx.gh,
        ctx.repo,
        title,
        body,
        marker,
        own,
      );
      return {
        description:
          (action === 'unchanged'
            ? `the report issue #${number} "${title}" is up to date`
            : `${action} the report issue #${number} "${title}"`) +
          (closed.length ? `; closed duplicate(s) ${closed.map((n) => `#${n}`).join(', ')}` : ''),
      };
    },
  );
}

/**
 * What the run found, as publishing settles it: fixes resolve findings, the ratchet sets known
 * ones aside, the report issue keeps the trend.
 */
export interface RunOutcome {
  result: LintResult;
  known?: BaselineReport;
  trend?: TrendModel;
  /** The baseline's ratchet, once fixes are settled (later calls do nothing). */
  ratchet(): void;
}

/** The result as the engine finished it; `ratchet` applies `baseline` (when there is one). */
export function createOutcome(
  result: LintResult,
  baseline: Baseline | null,
  o: { source: string; wholeBacklog: () => boolean },
): RunOutcome {
  return {
    result,
    ratchet() {
      if (!baseline || this.known) return;
      const ratcheted = applyBaseline(this.result, baseline, { wholeBacklog: o.wholeBacklog() });
      this.result = ratcheted.result;
      this.known = {
        source: o.source,
        known: ratcheted.known,
        knownCounts: ratcheted.knownCounts,
        fixed: ratcheted.fixed,
      };
    },
  };
}

/** The writes of one run: none sent yet, none refused. */
export function writeContext(
  gh: GitHubClient,
  repo: RepoRef,
  dryRun: boolean,
  warn: (msg: string) => void,
): WriteContext {
  return { gh, repo, dryRun, writes: [], warn, forbidden: false, unassignable: new Set() };
}

/**
 * Why nothing may be written, or null. Only a complete run publishes: a partial read would
 * turn a good comment or report into a wrong one ("links no issues", a member missing) and
 * move fixes to the wrong people. The summary and report.json still carry the partial result.
 */
function withheldBecause(collected: Collected, setupError: string | null): string | null {
  if (!collected.complete) return collected.incompleteReason ?? 'the run is incomplete';
  return setupError ? 'the members of a configured team could not be read' : null;
}

/** Fixes, the sticky comment and the report issue, when the run may write them. */
export async function publish(o: {
  inputs: ActionInputs;
  route: Route;
  collected: Collected;
  setupError: string | null;
  preview: ConfigPreview | undefined;
  /** The run would write the sticky comment, and its own comments found by the lookup. */
  comment: { wanted: boolean; own: OwnComments };
  writes: WriteContext;
  outcome: RunOutcome;
  model: () => ReportModel;
  now: Date;
  budget: AnnotationBudget;
}): Promise<void> {
  const { inputs, route, collected, preview, writes, outcome, budget } = o;
  const withheld = withheldBecause(collected, o.setupError);
  const number = (route as { number: number }).number;
  const plannedWrites = [
    inputs.fix && !preview ? 'fixes' : null,
    o.comment.wanted ? `the comment on #${number}` : null,
    route.mode === 'backlog' && inputs.reportIssue ? 'the report issue' : null,
  ].filter((w): w is string => w !== null);
  if (withheld && plannedWrites.length > 0 && !inputs.dryRun) {
    budget.annotate(
      'warning',
      `backlog-lint wrote nothing to GitHub (${plannedWrites.join(', ')}: left as they are) because ${collected.complete ? withheld : `the run is incomplete — ${withheld}`}. The job summary and report.json carry the partial result.`,
      { title: 'backlog-lint: nothing written' },
    );
  }

  try {
    if (!withheld && inputs.fix && preview) {
      budget.annotate(
        'notice',
        'fix is not applied: this pull request changes the config, and a run previewing a config change writes nothing to issues.',
        { title: 'backlog-lint fix' },
      );
    } else if (!withheld && inputs.fix) {
      // Only this repository's issues are linted (collect skips other repositories').
      const byNumber = new Map(outcome.result.issues.map((i) => [i.number, i]));
      const fixes = planFixes(outcome.result, (n) => byNumber.get(n));
      const resolved = await applyFixes(writes, fixes);
      outcome.result = withoutResolved(outcome.result, resolved);
    }
    outcome.ratchet();

    if (
      !withheld &&
      o.comment.wanted &&
      (route.mode === 'issue' || route.mode === 'pull-request')
    ) {
      const target = { kind: route.mode, number: route.number } as const;
      // A config preview with a difference is worth a comment even when no linked issue fails.
      const hasFindings =
        outcome.result.findings.length > 0 ||
        (preview !== undefined &&
          preview.newlyFailing.length +
            preview.newlyPassing.length +
            preview.ownerChanged.length +
            preview.rules.length >
            0);
      // on-findings: a clean issue gets no new comment, but an earlier one is updated to say it is clean.
      const create = inputs.comment === 'always' || hasFindings;
      // No run link in the comment: a body that changes every run would be rewritten every run.
      const body = redact(renderComment({ ...o.model(), runUrl: undefined }, target));
      await writeComment(writes, route.number, body, COMMENT_MARKER, create, o.comment.own);
    }

    // Only complete runs get here (withheld above), so only they add to the trend's history.
    if (!withheld && route.mode === 'backlog' && inputs.reportIssue) {
      // The trend: this run joins the history kept in the report issue's body, which the
      // backlog read found (no extra request).
      const body = reportIssueBody({
        model: o.model,
        at: o.now,
        render: (m) => redact(renderReportIssue(m)),
        onTrend: (t) => (outcome.trend = t),
      });
      // Rendered once here so the summary shows the trend even when nothing is written
      // (dry-run, a refused write); the write renders again from the issue it keeps.
      body(collected.reportIssues[0]?.body ?? null);
      await writeReportIssue(
        writes,
        inputs.reportIssue,
        body,
        REPORT_MARKER,
        collected.reportIssues,
      );
      const notice = outcome.trend?.notice;
      if (notice) budget.annotate('notice', notice, { title: 'backlog-lint trend' });
    }
  } catch (err) {
    collected.complete = false;
    collected.incompleteReason = `Writing to GitHub failed: ${errorMessage(err)}`;
  }
  outcome.ratchet();
}
