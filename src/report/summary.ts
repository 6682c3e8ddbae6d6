// The job summary: the main report, written to $GITHUB_STEP_SUMMARY, which GitHub caps at
// 1 MiB per step. Rows are cut from the end of the issues table (and other long lists)
// to stay within it.
import type { ReportModel } from '../types.js';
import { backlogReadSection } from './backlog-read.js';
import { costSection } from './cost.js';
import { fitSections, utf8Bytes } from './fit.js';
import { reportSections } from './sections.js';

export const SUMMARY_MAX_BYTES = 1024 * 1024;

/** Job summary markdown within `maxBytes` UTF-8 bytes. */
export function renderSummary(model: ReportModel, maxBytes: number = SUMMARY_MAX_BYTES): string {
  // The run's GraphQL cost: a summary line only (see cost.ts).
  const sections = reportSections(model, {
    moreHint: 'see the JSON report',
    afterTotals: [costSection(model), backlogReadSection(model)],
  });
  return fitSections(sections, maxBytes, utf8Bytes);
}
