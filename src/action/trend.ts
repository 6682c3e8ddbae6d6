// The trend in backlog mode with a report issue: this run's entry joins the history kept in
// the report issue's body. The current body comes from the backlog read (the own report
// issue is recognised there), so the trend costs no request, under dry-run too.
import { appendRun, historyEntry, parseHistory } from '../report/history.js';
import type { ReportModel, TrendModel } from '../types.js';

export function reportIssueBody(opts: {
  model: () => ReportModel;
  at: Date;
  render: (model: ReportModel) => string;
  onTrend: (trend: TrendModel) => void;
}): (current: string | null) => string {
  const entry = historyEntry(opts.model(), opts.at);
  return (current: string | null): string => {
    const { runs, notice } = parseHistory(current);
    const trend: TrendModel = { runs: appendRun(runs, entry), ...(notice && { notice }) };
    opts.onTrend(trend);
    return opts.render({ ...opts.model(), trend });
  };
}
