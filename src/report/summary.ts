// The job summary: the main report, written to $GITHUB_STEP_SUMMARY, which GitHub caps at
// 1 MiB per step. The issues table shows at most MAX_ISSUE_ROWS rows, and rows are cut from
// the end of it (and other long lists) to stay within the limit.
import type { ReportModel } from '../types.js';
import { backlogReadSection } from './backlog-read.js';
import { costSection } from './cost.js';
import { fitSections, utf8Bytes } from './fit.js';
import { MAX_ISSUE_ROWS, reportSections } from './sections.js';

export const SUMMARY_MAX_BYTES = 1024 * 1024;

/** Job summary markdown within `maxBytes` UTF-8 bytes, at most `maxIssueRows` issue rows. */
export function renderSummary(
  model: ReportModel,
  maxBytes: number = SUMMARY_MAX_BYTES,
  maxIssueRows: number = MAX_ISSUE_ROWS,
): string {
  // The run's GraphQL cost: a summary line only (see cost.ts).
  const sections = reportSections(model, {
    moreHint: 'full list in the JSON report at the `report-path` output',
    maxIssueRows,
    afterTotals: [costSection(model), backlogReadSection(model)],
  });
  return fitSections(sections, maxBytes, utf8Bytes);
}
