// Body of the `report-issue`: the same report as the job summary, kept in one issue that
// the action edits in place (found again by its hidden marker), within GitHub's
// 65,536-character limit on issue bodies.
import type { ReportModel } from '../types.js';
import { GITHUB_BODY_MAX_CHARS, fitSections, jsChars } from './fit.js';
import { renderHistoryBlock } from './history.js';
import { MAX_ISSUE_ROWS, reportSections } from './sections.js';

export const REPORT_MARKER = '<!-- backlog-lint:report -->';

/** Report issue body within `maxChars` characters, starting with `REPORT_MARKER`. */
export function renderReportIssue(
  model: ReportModel,
  maxChars: number = GITHUB_BODY_MAX_CHARS,
): string {
  const sections = reportSections(model, {
    moreHint: "see the run's job summary or JSON report",
    maxIssueRows: MAX_ISSUE_ROWS, // 65,536 characters hold fewer rows anyway
  });
  // The trend's history rides along, hidden, right after the marker (heads are never cut).
  const hidden = model.trend ? `\n${renderHistoryBlock(model.trend.runs)}` : '';
  return fitSections([{ head: REPORT_MARKER + hidden }, ...sections], maxChars, jsChars);
}
