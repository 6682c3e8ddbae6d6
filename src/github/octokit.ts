// The one GitHub client of a run: Octokit (@octokit/core + paginate) with one `request` hook, the
// request policy (request-policy.ts: serial, writes spaced, rate limits and transient
// failures waited out through an injectable clock), plus the GraphQL client (graphql.ts),
// read-ahead (read-ahead.ts) and request telemetry (telemetry.ts). Attempts go through the
// runner's proxy when one is set (proxy.ts), each with a timeout.
// @octokit/core with the one plugin used (paginate), not @octokit/rest: its endpoint-methods
// plugin (98 KB, a map of every REST route built at start) cost ~8–10 ms of CPU per start.
import { Octokit as OctokitCore } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { CostMeter } from './budget.js';
import { scaledClock, type Clock } from './clock.js';
import { createGraphql, nativeJsonGraphql, type GraphqlCall } from './graphql.js';
import { clientLog, octokitLog, type ClientLog, type Logger } from './logger.js';
import { httpFetch } from './http-fetch.js';
import { createProxyFetch } from './proxy.js';
import { createReadAhead } from './read-ahead.js';
import { registerSecret } from './redact.js';
import { classifyRequest } from './request-kind.js';
import { createRequestPolicy } from './request-policy.js';
import { newStats, type RequestStats } from './telemetry.js';

export interface CreateOctokitOptions {
  token: string;
  /** REST base, e.g. https://api.github.com or https://HOST/api/v3 (GITHUB_API_URL). */
  baseUrl: string;
  /** GraphQL endpoint, e.g. https://api.github.com/graphql or https://HOST/api/graphql (GITHUB_GRAPHQL_URL). */
  graphqlUrl: string;
  log?: Logger;
  userAgent?: string;
  /** Retries after a rate limit or a server error (default 2). */
  retries?: number;
  /** Longest single rate-limit wait; a later reset fails the request instead (default 600 s). */
  maxWaitSeconds?: number;
  /** Minimum time between the starts of two writes (default 1000 ms). */
  writeSpacingMs?: number;
  /** Base of the transient-failure back-off: waits base×1, base×4 (default 1000 ms). */
  serverErrorBackoffMs?: number;
  /**
   * Longest wait for one attempt's answer, reads and writes alike (default 20 s). A timeout
   * is a transient failure: retried like a 5xx, within `retries`.
   */
  requestTimeoutMs?: number;
  /**
   * Time all requests of the client may take together, waits included (default 30 min);
   * past it no request is sent and each fails with `DeadlineError`. Bounds a run against an
   * API that answers some requests and hangs on others.
   */
  totalTimeoutMs?: number;
  /** Time source of every wait (write spacing, rate limits, back-off): tests inject a fake. */
  clock?: Clock;
  /**
   * Real time slept per unit of time waited, when no `clock` is given (default 1). The
   * end-to-end tests set 0 through BACKLOG_LINT_TEST_TIMING: waits are taken logically
   * (logged, counted, writes spaced in clock time) without sleeping.
   */
  waitScale?: number;
  /**
   * The HTTP transport: 'fetch' (Node's global fetch, undici; the default) or 'node-http'
   * (http-fetch.ts: node:http/https; the action's choice in every mode: loading undici costs an
   * event more than its own work, and a backlog run more per page). A proxy set in the
   * environment always uses undici.
   */
  transport?: 'fetch' | 'node-http';
}

const Octokit = OctokitCore.plugin(paginateRest);

export type BacklogOctokit = InstanceType<typeof Octokit>;

export interface GitHubClient {
  readonly octokit: BacklogOctokit;
  readonly request: BacklogOctokit['request'];
  /** POSTs `{ query, variables }` to `graphqlUrl`; throws `GraphqlError` on `errors`. */
  readonly graphql: GraphqlCall;
  readonly stats: RequestStats;
  readonly baseUrl: string;
  readonly graphqlUrl: string;
  readonly log: ClientLog;
  /** Learnt at run time: false once the server rejected `Issue.issueType` (older GHES). */
  /** The points the run's GraphQL queries cost, from their `rateLimit` (src/github/budget.ts). */
  readonly cost: CostMeter;
  readonly features: { issueType: boolean };
  /**
   * Starts a read with `start` and resolves, with the read, once its request is on the wire
   * — past the serial queue and written to the socket by fetch (undici's
   * `undici:request:bodySent`) — or once the read has settled, if it never got that far.
   * Lets a caller do its own (synchronous) work while the read is on the wire rather than
   * before it leaves. A rejection of `pending` is never unhandled meanwhile; it is thrown to
   * whoever awaits it.
   */
  readAhead<T>(start: () => Promise<T>): Promise<{ pending: Promise<T> }>;
}

export function createOctokit(opts: CreateOctokitOptions): GitHubClient {
  const clock = opts.clock ?? scaledClock(opts.waitScale ?? 1);
  const requestTimeoutMs = opts.requestTimeoutMs ?? 20_000;
  const totalTimeoutMs = opts.totalTimeoutMs ?? 1_800_000;
  const deadline = clock.now() + totalTimeoutMs;
  registerSecret(opts.token);
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const graphqlUrl = opts.graphqlUrl;
  const log = clientLog(opts.log);
  const stats = newStats();
  const readAhead = createReadAhead();
  const policy = createRequestPolicy({
    graphqlUrl,
    baseUrl,
    log,
    stats,
    clock,
    readAhead,
    retries: opts.retries ?? 2,
    maxWaitSeconds: opts.maxWaitSeconds ?? 600,
    writeSpacingMs: opts.writeSpacingMs ?? 1000,
    serverErrorBackoffMs: opts.serverErrorBackoffMs ?? 1000,
    requestTimeoutMs,
    totalTimeoutMs,
    deadline,
  });

  const octokit = new Octokit({
    auth: opts.token,
    baseUrl,
    userAgent: opts.userAgent ?? 'backlog-lint',
    request: {
      fetch: withTimeout(
        createProxyFetch((m) => log.info(m)) ??
          (opts.transport === 'node-http' ? httpFetch : undefined),
        requestTimeoutMs,
        () => deadline - clock.now(),
        clock,
      ),
    },
    log: octokitLog(log),
  });
  // Innermost first: GraphQL answers are parsed (natively) before the policy reads them.
  octokit.hook.wrap(
    'request',
    nativeJsonGraphql((o) => classifyRequest(o, graphqlUrl, baseUrl).graphql) as never,
  );
  octokit.hook.wrap('request', policy.hook);

  const cost = new CostMeter();
  return {
    octokit,
    request: octokit.request,
    graphql: createGraphql(octokit.request, graphqlUrl, policy.gaveUp, cost),
    stats,
    cost,
    baseUrl,
    graphqlUrl,
    log,
    features: { issueType: true },
    readAhead: readAhead.readAhead,
  };
}

/**
 * `fetch` with a timeout per attempt, on the client's clock: the attempt is aborted after
 * `ms` (or when the time left before the deadline runs out, whichever is first). Octokit
 * reports the abort as a failed request with status 500, which the request policy retries
 * like any transient failure.
 */
function withTimeout(
  base: typeof globalThis.fetch | undefined,
  ms: number,
  timeLeft: () => number,
  clock: Clock,
): typeof globalThis.fetch {
  return (input, init) => {
    const left = Math.max(1, Math.min(ms, timeLeft()));
    const timeout = clock.timeout(left);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return (base ?? globalThis.fetch)(input, { ...init, signal });
  };
}
