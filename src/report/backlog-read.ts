// How the backlog was read, one line in the job summary (the JSON report carries the numbers
// as `backlogRead`): full (and why, when incremental runs are on) or since the last run.
// Not in the report issue or the comment: a body that changes every run would be rewritten.
import type { ReportModel } from '../types.js';
import type { Section } from './fit.js';
import { plural } from './format.js';
import { safe } from './escape.js';

export function backlogReadLine(model: ReportModel): string | null {
  const r = model.backlogRead;
  if (!r) return null;
  const pages = plural(r.pages, 'page');
  const saved =
    r.saved === true
      ? '; snapshot stored for the next run'
      : r.saved === false
        ? `; snapshot not stored (${safe(r.saveProblem ?? 'unknown reason')})`
        : '';
  if (r.kind === 'since') {
    const changes = `${r.added ?? 0} added, ${r.updated ?? 0} updated, ${r.removed ?? 0} closed`;
    return `Backlog read: incremental, ${plural(r.changed ?? 0, 'issue')} updated since ${r.since ?? '?'} in ${pages} (${changes}); the rest from the last run's snapshot${saved}`;
  }
  const why = r.reason ? ` (${safe(r.reason)})` : '';
  return `Backlog read: full, ${pages}${why}${saved}`;
}

export function backlogReadSection(model: ReportModel): Section {
  return { head: backlogReadLine(model) ?? '' };
}
