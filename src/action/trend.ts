// The trend in backlog mode with a report issue: this run's entry joins the history kept in
// the report issue's body, read when the body is written (no extra request), or read on its
// own under dry-run, which writes nothing but still shows the change since the last run.
import type { GitHubClient, RepoRef } from '../github/index.js';
import { ROUTES } from '../github/index.js';
import { appendRun, historyEntry, parseHistory } from '../report/history.js';
import type { ReportModel, TrendModel } from '../types.js';

export function reportIssueBody(opts: {
  model: () => ReportModel;
  at: Date;
  render: (model: ReportModel) => string;
  onTrend: (trend: TrendModel) => void;
}): {
  /** The new body from the current one (null: a new report issue). */
  render: (current: string | null) => string;
  /** Dry-run: reads the current body so the summary shows the trend; writes nothing. */
  preview: (gh: GitHubClient, repo: RepoRef, number: number) => Promise<void>;
} {
  const entry = historyEntry(opts.model(), opts.at);
  const render = (current: string | null): string => {
    const { runs, notice } = parseHistory(current);
    const trend: TrendModel = { runs: appendRun(runs, entry), ...(notice && { notice }) };
    opts.onTrend(trend);
    return opts.render({ ...opts.model(), trend });
  };
  const preview = async (gh: GitHubClient, repo: RepoRef, number: number): Promise<void> => {
    const { data } = await gh.request(ROUTES.getIssue, {
      owner: repo.owner,
      repo: repo.repo,
      issue_number: number,
    });
    render(data.pull_request ? null : (data.body ?? null));
  };
  return { render, preview };
}
