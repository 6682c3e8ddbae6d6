// What every benchmark section gets: the bundle under test, the options, a progress log and a
// place to share figures between sections.
import type { Emulator, RequestRecord } from '../../tests/emulator/index.js';
import type { Bundle } from './harness.js';

export interface BenchOptions {
  quick: boolean;
  /** Emulator latency for the backlog wall-time figures (ms). */
  latencyMs: number;
  /** Also measure cold start under Node 24 (installing it into a temp dir when missing). */
  node24: boolean;
  /** Profile cold start even when it meets its target. */
  profile: boolean;
}

export interface Context {
  bundle: Bundle;
  opts: BenchOptions;
  log: (message: string) => void;
  /** Figures one section leaves for another (e.g. the engine's compact bytes per issue). */
  shared: Record<string, number>;
}

const ISSUE_READ_FIELDS = [
  'repository.issue',
  'repository.issueOrPullRequest',
  'node',
  'nodes',
  'search',
];

/**
 * A GraphQL field path that reads an issue's own data: `repository.issues`, or a field of an
 * issue reached through `repository.issue(OrPullRequest)` / `node(s)` / `search` — not its
 * `id` and `comments` alone (the sticky comment's lookup reads those, not the issue).
 */
function readsIssueField(f: string): boolean {
  if (f === 'repository.issues' || f.startsWith('repository.issues.')) return true;
  const base = ISSUE_READ_FIELDS.find((b) => f.startsWith(`${b}.`));
  if (!base) return false;
  const field = f.slice(base.length + 1).split('.')[0] ?? '';
  return !['id', '__typename', 'comments'].includes(field);
}

/** A request that reads issues: REST issue / issue list GETs, GraphQL selecting issue fields. */
export function readsIssues(r: RequestRecord): boolean {
  if (r.graphql) return !r.graphql.mutation && r.graphql.fields.some(readsIssueField);
  return (
    r.method === 'GET' &&
    (r.route === '/repos/{owner}/{repo}/issues' ||
      r.route === '/repos/{owner}/{repo}/issues/{issue_number}' ||
      r.route === '/search/issues')
  );
}

/** `GET /repos/{owner}/{repo}/issues/{issue_number}/comments`, `graphql BacklogLintBacklog`. */
export function describeRequest(r: RequestRecord): string {
  if (r.graphql)
    return `graphql ${r.graphql.operationName ?? (r.graphql.mutation ? 'mutation' : 'query')}`;
  return `${r.method} ${r.route ?? r.path}`;
}

/** Counts of each kind of request, in order of first appearance. */
export function requestMix(emu: Emulator): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of emu.requests) {
    const k = describeRequest(r);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
