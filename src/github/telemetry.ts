// Request telemetry: attempts counted per route, and rate-limit waits. Read by the action's
// debug log line and by the tests that hold the request budget of SPEC "Targets".
import { compareText } from '../names.js';

/** Requests counted per attempt (a retried request counts twice). */
export interface RequestStats {
  requests: number;
  reads: number;
  writes: number;
  /** `GET /repos/{owner}/{repo}/issues/{issue_number}`, `graphql query`, `graphql mutation` → attempts. */
  byRoute: Record<string, number>;
  /** Rate-limit waits taken and their total length. */
  rateLimitWaits: number;
  waitedSeconds: number;
}

export function newStats(): RequestStats {
  return { requests: 0, reads: 0, writes: 0, byRoute: {}, rateLimitWaits: 0, waitedSeconds: 0 };
}

export function countAttempt(stats: RequestStats, key: string, write: boolean): void {
  stats.requests++;
  if (write) stats.writes++;
  else stats.reads++;
  stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1;
}

export function countWait(stats: RequestStats, seconds: number): void {
  stats.rateLimitWaits++;
  stats.waitedSeconds += seconds;
}

/** One line for logs: `7 requests (6 reads, 1 write): 3× graphql query, ...`. */
export function describeStats(stats: RequestStats): string {
  const routes = Object.entries(stats.byRoute)
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .map(([k, n]) => `${n}× ${k}`)
    .join(', ');
  const waits = stats.rateLimitWaits
    ? `; ${stats.rateLimitWaits} rate-limit wait(s), ${stats.waitedSeconds}s`
    : '';
  return `${stats.requests} request${stats.requests === 1 ? '' : 's'} (${stats.reads} read${stats.reads === 1 ? '' : 's'}, ${stats.writes} write${stats.writes === 1 ? '' : 's'})${routes ? `: ${routes}` : ''}${waits}`;
}
