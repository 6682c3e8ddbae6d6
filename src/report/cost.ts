// What the run's GraphQL queries cost, one line: in the job summary and the CLI's text output
// (the JSON report carries the numbers as `cost`). Not in the report issue or the comment:
// a body that changes every run would be rewritten every run.
import type { ReportModel } from '../types.js';
import type { Section } from './fit.js';
import { plural } from './format.js';

/** `GraphQL cost: 4 points in 2 requests; 996 points left until the reset at 2026-…Z`, or null. */
export function costLine(model: ReportModel): string | null {
  const c = model.cost;
  if (!c) return null;
  return `GraphQL cost: ${plural(c.points, 'point')} in ${plural(c.requests, 'request')}; ${plural(c.remaining, 'point')} left until the reset at ${c.resetAt}`;
}

/** The cost line as a summary section (empty when the run made no GraphQL query). */
export function costSection(model: ReportModel): Section {
  return { head: costLine(model) ?? '' };
}
