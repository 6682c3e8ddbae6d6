// `--format markdown` of the CLI: the job summary without a size limit (stdout has none) or a
// cap on the rows of its issues table.
import type { ReportModel } from '../types.js';
import { renderSummary } from './summary.js';

export function renderMarkdown(model: ReportModel): string {
  return renderSummary(model, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
}
