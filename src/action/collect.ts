// Feeds the engine from the issue source of the route: the event payload, the issues a PR
// links, or the whole open backlog page by page. A fault mid-way keeps what was already
// learnt and marks the run incomplete.
import type { Linter } from '../engine/index.js';
import type { BacklogBudgetPlan, GitHubClient, RepoRef } from '../github/index.js';
import {
  errorMessage,
  backlogPages,
  budgetStopReason,
  budgetWarning,
  fetchIssue,
  fetchLinkedIssues,
  isOwnReportIssue,
  type OwnItem,
} from '../github/index.js';
import { REPORT_MARKER } from '../report/index.js';
import { fromRestIssue } from '../issues/index.js';
import type { IssueFacts } from '../types.js';
import type { Route } from './route.js';

export interface Collected {
  complete: boolean;
  incompleteReason?: string;
  skipped: { item: string; reason: string }[];
  /** Backlog mode: the number of the report issue when it was seen among the open issues. */
  reportIssueNumber: number | null;
  /**
   * Backlog mode: the open report issues of the action's own (title, written by the token's
   * identity, report marker in the body), oldest first. More than one: duplicates to tidy.
   */
  reportIssues: OwnItem[];
  /** The issues linted (issue and PR modes only; backlog keeps nothing beyond the engine). */
  issues: IssueFacts[];
}

/** What every issue source is given. */
export interface SourceOptions {
  route: Route;
  gh: GitHubClient;
  repo: RepoRef;
  /** Where the issues read go: the engine, or a recorder in front of it. */
  linter: Pick<Linter, 'add'>;
  reportIssueTitle: string;
  log: (msg: string) => void;
  /** The up-front warning when the rate-limit budget cannot cover the backlog. */
  warn: (msg: string) => void;
}

export async function collect(opts: SourceOptions): Promise<Collected> {
  const { route, gh, repo, linter } = opts;
  const out: Collected = {
    complete: true,
    skipped: [],
    reportIssueNumber: null,
    reportIssues: [],
    issues: [],
  };

  if (route.mode === 'issue') {
    let facts: IssueFacts | null;
    if (route.payloadIssue) {
      facts = fromRestIssue(route.payloadIssue);
    } else {
      let got;
      try {
        got = await fetchIssue(gh, repo, route.number);
      } catch (err) {
        throw new Error(
          `Reading issue #${route.number} of ${repo.owner}/${repo.repo} failed: ${errorMessage(err)}`,
        );
      }
      facts = 'pullRequest' in got ? null : got;
    }
    if (facts === null) {
      out.skipped.push({
        item: `#${route.number}`,
        reason: 'pull requests are never linted as issues',
      });
    } else {
      out.issues.push(facts);
      linter.add([facts]);
    }
    return out;
  }

  if (route.mode === 'pull-request') {
    let linked;
    try {
      linked = await fetchLinkedIssues(gh, repo, route.number, route.body);
    } catch (err) {
      throw new Error(
        `Reading the issues linked to pull request #${route.number} of ${repo.owner}/${repo.repo} failed: ${errorMessage(err)}`,
      );
    }
    out.skipped.push(...linked.skipped);
    // An issue of another repository (a cross-repository closing reference) belongs to that
    // repository's config, and reports name issues by number alone: `other/repo#3` would
    // read as this repository's #3. It is listed as not checked instead.
    for (const issue of linked.issues) {
      if (issue.repository) {
        out.skipped.push({
          item: `${issue.repository}#${issue.number}`,
          reason: 'issue of another repository (its own backlog-lint config applies there)',
        });
      } else {
        out.issues.push(issue);
      }
    }
    linter.add(out.issues);
    return out;
  }

  // Backlog: stream pages straight into the engine; only compact results are kept.
  let pages = 0;
  let seen = 0;
  // Only the action's own report issues are set apart; an issue someone else titled or
  // marked like one is linted as any other.
  const own = new Set<IssueFacts>();
  const title = opts.reportIssueTitle;
  const inspect = title
    ? (facts: IssueFacts, raw: { viewerDidAuthor?: unknown; body?: unknown }) => {
        if (!isOwnReportIssue({ ...raw, title: facts.title }, title, REPORT_MARKER)) return;
        own.add(facts);
        out.reportIssues.push({ id: facts.number, body: raw.body as string });
      }
    : undefined;
  // A budget too small for the whole backlog is said up front; the pages it allows are read.
  let plan: BacklogBudgetPlan | null = null;
  const onPlan = (p: BacklogBudgetPlan): void => {
    plan = p;
    if (p.short) opts.warn(budgetWarning(p));
  };
  try {
    // A report issue created after the read is checked for duplicates by one more query
    // (1 point): kept in reserve, so a run the budget cannot finish writes nothing.
    const reserve = title ? 1 : 0;
    for await (const page of backlogPages(gh, repo, inspect, { onPlan, reserve })) {
      pages++;
      let batch = page;
      if (own.size > 0) {
        batch = page.filter((i) => !own.has(i));
        for (const i of page) {
          if (!own.has(i)) continue;
          own.delete(i);
          out.skipped.push({ item: `#${i.number}`, reason: 'the backlog-lint report issue' });
        }
      }
      seen += page.length;
      linter.add(batch);
    }
    out.reportIssues.sort((a, b) => a.id - b.id);
    out.reportIssueNumber = out.reportIssues[0]?.id ?? null;
    opts.log(`Read ${seen} open issues in ${pages} page(s).`);
    const budget = plan as BacklogBudgetPlan | null;
    if (budget?.short) {
      out.complete = false;
      out.incompleteReason = budgetStopReason(budget, seen);
    }
  } catch (err) {
    out.complete = false;
    out.incompleteReason = `Reading the backlog failed after ${pages} page(s) (${seen} issues): ${errorMessage(err)}`;
  }
  return out;
}
