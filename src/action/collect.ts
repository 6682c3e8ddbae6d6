// Feeds the engine from the issue source of the route: the event payload, the issues a PR
// links, or the whole open backlog page by page. A fault mid-way keeps what was already
// learnt and marks the run incomplete.
import type { Linter } from '../engine/index.js';
import type { GitHubClient, RepoRef } from '../github/index.js';
import { backlogPages, fetchIssue, fetchLinkedIssues } from '../github/index.js';
import { fromRestIssue } from '../issues/index.js';
import type { IssueFacts } from '../types.js';
import type { Route } from './route.js';

export interface Collected {
  complete: boolean;
  incompleteReason?: string;
  skipped: { item: string; reason: string }[];
  /** Backlog mode: the number of the report issue when it was seen among the open issues. */
  reportIssueNumber: number | null;
  /** The issues linted (issue and PR modes only; backlog keeps nothing beyond the engine). */
  issues: IssueFacts[];
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function collect(opts: {
  route: Route;
  gh: GitHubClient;
  repo: RepoRef;
  linter: Linter;
  reportIssueTitle: string;
  log: (msg: string) => void;
}): Promise<Collected> {
  const { route, gh, repo, linter } = opts;
  const out: Collected = { complete: true, skipped: [], reportIssueNumber: null, issues: [] };

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
          `Reading issue #${route.number} of ${repo.owner}/${repo.repo} failed: ${describe(err)}`,
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
        `Reading the issues linked to pull request #${route.number} of ${repo.owner}/${repo.repo} failed: ${describe(err)}`,
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
  try {
    for await (const page of backlogPages(gh, repo)) {
      pages++;
      let batch = page;
      if (opts.reportIssueTitle) {
        const report = page.find((i) => i.title === opts.reportIssueTitle);
        if (report) {
          out.reportIssueNumber = report.number;
          out.skipped.push({ item: `#${report.number}`, reason: 'the backlog-lint report issue' });
          batch = page.filter((i) => i !== report);
        }
      }
      seen += page.length;
      linter.add(batch);
    }
    opts.log(`Read ${seen} open issues in ${pages} page(s).`);
  } catch (err) {
    out.complete = false;
    out.incompleteReason = `Reading the backlog failed after ${pages} page(s) (${seen} issues): ${describe(err)}`;
  }
  return out;
}
