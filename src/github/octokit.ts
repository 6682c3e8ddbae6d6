// The one GitHub client of a run: Octokit (from @octokit/rest) with the throttling and retry
// plugins configured for SPEC "Targets":
//
// - serial: one request in flight at a time (a queue in the outermost request hook);
// - reads back to back: no fixed spacing between reads, GraphQL queries included;
// - writes (REST POST/PATCH/PUT/DELETE and GraphQL mutations) at least `writeSpacingMs`
//   (1 s) apart, as GitHub's best practices ask; content-creating writes that trigger
//   notifications additionally go through the throttling plugin's `notifications` queue;
// - rate limits obeyed: REST 403/429 primary limits (`x-ratelimit-remaining: 0`, wait until
//   `x-ratelimit-reset`, or `retry-after` when that is longer), secondary limits (`retry-after`,
//   else 60 s), GraphQL `RATE_LIMITED` errors inside an HTTP 200; each wait is logged and
//   retries are bounded;
// - 5xx and network errors retried (bounded, 1 s then 4 s) by the retry plugin.
//
// Why the plugin's `write` queue is replaced (@octokit/plugin-throttling 11.0.5): it routes
// every request whose path starts with /graphql through its `write` Bottleneck group, the
// queue of REST writes, because it cannot tell a query from a mutation
// (dist-src/wrap-request.js l.10 `isGraphQL = pathname.startsWith("/graphql")`, l.16-17
// `if (isWrite || isGraphQL) await state.write.key(state.id).schedule(jobOptions, noop)`),
// and that group is created with `minTime: 1e3` (dist-src/index.js l.26-31). Its
// `throttle.write` option replaces the group (index.js l.90 `state.write = state.write ??
// groups.write`): we pass one that never waits and space writes ourselves in the request
// queue, where the GraphQL operation type is known. Its rate-limit detection and retry
// scheduling (index.js l.101-150) stay as they are. On GHES the GraphQL path is
// /api/graphql, which the plugin does not recognise as GraphQL (no RATE_LIMITED detection
// there), so `graphql()` below handles RATE_LIMITED in a 200 itself with the same policy.
import diagnosticsChannel from 'node:diagnostics_channel';
import { setTimeout as sleep } from 'node:timers/promises';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { CostMeter } from './budget.js';
import {
  DeadlineError,
  GraphqlError,
  GraphqlRateLimitError,
  type GraphqlErrorItem,
} from './errors.js';
import { createProxyFetch } from './proxy.js';
import { isMutation } from './queries.js';
import { redact, redactError, redactValue, registerSecret } from './redact.js';

/**
 * Where the client reports rate-limit waits and retries, and request traces (debug).
 * Accepts `@actions/core`-style (`warning`) and Octokit-style (`warn`, `error`) objects.
 * Waits go to `info` when given, else to `warning` / `warn`: in an Action a warning is an
 * annotation, and annotations are best kept for findings (10 per level are shown).
 */
export interface Logger {
  debug?: (message: string) => unknown;
  info?: (message: string) => unknown;
  warning?: (message: string) => unknown;
  warn?: (message: string) => unknown;
  /** Accepted for convenience; not used (failures are thrown, not logged). */
  error?: (message: string) => unknown;
}

/** The logger as the client uses it. */
export interface ClientLog {
  debug(message: string): void;
  info(message: string): void;
}

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
  /** Base of the 5xx back-off: waits base×1, base×4 (default 1000 ms). Tests lower it. */
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
}

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

export interface GraphqlCallOptions {
  /**
   * Errors the caller handles itself (e.g. NOT_FOUND on an aliased reference): when every
   * error is tolerated, the partial `data` is returned instead of throwing.
   */
  tolerate?: (error: GraphqlErrorItem) => boolean;
  /** Retries after a 5xx or network error (default: the client's): 0 for non-idempotent mutations. */
  retries?: number;
}

// Our own plugin comes first so its hook is inside throttling and retry: it sees (and
// counts) every attempt, and remembers the last response headers for the limit handlers.
const BacklogOctokit = Octokit.plugin(attemptPlugin, throttling, retry);
export type BacklogOctokit = InstanceType<typeof BacklogOctokit>;

export interface GitHubClient {
  readonly octokit: BacklogOctokit;
  readonly rest: BacklogOctokit['rest'];
  readonly request: BacklogOctokit['request'];
  /** POSTs `{ query, variables }` to `graphqlUrl`; throws `GraphqlError` on `errors`. */
  graphql<T>(
    query: string,
    variables?: Record<string, unknown>,
    opts?: GraphqlCallOptions,
  ): Promise<T>;
  readonly stats: RequestStats;
  readonly baseUrl: string;
  readonly graphqlUrl: string;
  readonly log: ClientLog;
  /** The points the run's GraphQL queries cost, from their `rateLimit` (src/github/budget.ts). */
  readonly cost: CostMeter;
  /** Learnt at run time: false once the server rejected `Issue.issueType` (older GHES). */
  readonly features: { issueType: boolean };
  /**
   * Starts a read with `start` and resolves, with the read, once its request is on the wire
   * — past the serial queue and the throttling and retry plugins, and written to the socket
   * by fetch (undici's `undici:request:bodySent`) — or once the read has settled, if it never
   * got that far. Lets a caller do its own (synchronous) work while the read is on the wire
   * rather than before it leaves. A rejection of `pending` is never unhandled meanwhile; it
   * is thrown to whoever awaits it.
   */
  readAhead<T>(start: () => Promise<T>): Promise<{ pending: Promise<T> }>;
}

interface AttemptState {
  stats: RequestStats;
  graphqlUrl: string;
  baseUrl: string;
  lastHeaders: Record<string, unknown> | null;
  log: ClientLog;
  /** Callers of `readAhead()` waiting for the next attempt to be written. */
  attemptWaiters: (() => void)[];
}

type HookOptions = { method?: unknown; url?: unknown; query?: unknown; baseUrl?: unknown };

function isGraphqlUrl(url: string, graphqlUrl: string): boolean {
  if (url === graphqlUrl || url === '/graphql') return true;
  try {
    return new URL(url, 'http://github.test').pathname.replace(/\/+$/, '').endsWith('/graphql');
  } catch {
    return false;
  }
}

/** Route key for stats and logs, and whether the request is a write. Never includes headers. */
export function classifyRequest(
  options: HookOptions,
  graphqlUrl: string,
  baseUrl = '',
): { key: string; write: boolean; graphql: boolean } {
  const method = String(options.method ?? 'GET').toUpperCase();
  let url = String(options.url ?? '');
  if (isGraphqlUrl(url, graphqlUrl)) {
    const mutation = isMutation(options.query);
    return { key: mutation ? 'graphql mutation' : 'graphql query', write: mutation, graphql: true };
  }
  // Pages after the first come as absolute `link` URLs: keep the path only.
  if (baseUrl && url.startsWith(baseUrl)) url = url.slice(baseUrl.length);
  else if (/^https?:\/\//.test(url)) url = new URL(url).pathname;
  url = url.replace(/\?.*$/, '');
  return { key: `${method} ${url}`, write: method !== 'GET' && method !== 'HEAD', graphql: false };
}

function attemptPlugin(
  octokit: { hook: InstanceType<typeof Octokit>['hook'] },
  options: Record<string, unknown>,
): Record<string, never> {
  const st = options.backlogLint as AttemptState | undefined;
  if (!st) return {};
  octokit.hook.wrap('request', async (request, opts) => {
    const { key, write } = classifyRequest(opts as HookOptions, st.graphqlUrl, st.baseUrl);
    st.stats.requests++;
    if (write) st.stats.writes++;
    else st.stats.reads++;
    st.stats.byRoute[key] = (st.stats.byRoute[key] ?? 0) + 1;
    // Waiters are told once this attempt is written to the socket, or has settled.
    const told = st.attemptWaiters.length ? tellWhenWritten(st.attemptWaiters.splice(0)) : null;
    const retryCount = (opts as { request?: { retryCount?: number } }).request?.retryCount ?? 0;
    if (retryCount > 0) st.log.debug(`${key}: retry ${retryCount}`);
    try {
      const response = await request(opts);
      st.lastHeaders = response.headers as Record<string, unknown>;
      return response;
    } catch (err) {
      const response = (err as { response?: { headers?: Record<string, unknown> } }).response;
      st.lastHeaders = response?.headers ?? null;
      const status = (err as { status?: unknown }).status;
      if (typeof status === 'number' && status >= 500) {
        st.log.debug(
          `GitHub answered ${status} to ${key} (${redact(errorText(err))}); the request is retried (bounded)`,
        );
      }
      // An error body may echo the request's headers: the token never travels further.
      throw redactError(err);
    } finally {
      told?.();
    }
  });
  return {};
}

// undici — Node's fetch, and the npm undici of the proxy path — publishes this once a
// request's headers and body are written to its socket. Waiting for it, rather than for a
// turn of the event loop, is what keeps a caller's synchronous work from holding the request
// back: on Node 24 the write takes several turns (a connection, a pool, a queue).
const BODY_SENT = 'undici:request:bodySent';

/**
 * Resolves `waiters` when the next request is written (the client's requests are serial, so
 * that is this attempt) or when the returned function is called (the attempt settled without
 * a write, e.g. a connection error), whichever comes first.
 */
function tellWhenWritten(waiters: (() => void)[]): () => void {
  let done = false;
  const tell = () => {
    if (done) return;
    done = true;
    diagnosticsChannel.unsubscribe(BODY_SENT, tell);
    for (const resolve of waiters) resolve();
  };
  diagnosticsChannel.subscribe(BODY_SENT, tell);
  return tell;
}

/**
 * A Bottleneck-Group stand-in for the throttling plugin's `write` option: the plugin only
 * calls `group.key(id).schedule(jobOptions, fn, ...args)` on it (dist-src/wrap-request.js),
 * and this runs `fn` at once. Write spacing is done by `createOctokit`'s request queue.
 */
const NO_WAIT_GROUP = {
  key: () => ({
    schedule: (...args: unknown[]) => {
      const fnIndex = typeof args[0] === 'function' ? 0 : 1;
      const fn = args[fnIndex] as (...a: unknown[]) => unknown;
      return Promise.resolve().then(() => fn(...args.slice(fnIndex + 1)));
    },
  }),
};

type FailedListener = (error: unknown, info: { args: unknown[]; retryCount: number }) => unknown;

/**
 * A Bottleneck stand-in for the throttling plugin's `retryLimiter`, which retries a request
 * after a rate limit: the plugin calls `retryLimiter.on('failed', listener)` once and
 * `retryLimiter.schedule(doRequest, state, request, options)` for every request
 * (dist-src/index.js l.101-150, dist-src/wrap-request.js l.3), and it takes ours when given
 * (index.js l.92 `state.retryLimiter = state.retryLimiter ?? new Bottleneck()`). Same
 * contract as Bottleneck's (light.js `Job#_onFailure`, `Events#trigger`): when the job
 * fails, the listeners are asked; the first answer that is not null/undefined is the delay
 * in ms before the job runs again (`~~answer`), with `retryCount` one higher; no answer, or
 * a listener that throws, rejects with the job's error. What it drops is Bottleneck's
 * bookkeeping for limits this limiter does not have (no concurrency or spacing options):
 * its local datastore yields to the event loop with a zero-delay timer (≥ 1 ms each) about
 * four times per job, on the path of every request. Requests are serialised by
 * `createOctokit`'s own queue.
 */
function retryRunner(): {
  on(event: string, listener: FailedListener): unknown;
  schedule(fn: (...args: unknown[]) => unknown, ...args: unknown[]): Promise<unknown>;
} {
  const failed: FailedListener[] = [];
  return {
    on(event, listener) {
      if (event === 'failed') failed.push(listener);
      return this;
    },
    async schedule(fn, ...args) {
      for (let retryCount = 0; ; retryCount++) {
        try {
          return await fn(...args);
        } catch (error) {
          const info = { args, retryCount };
          const answers = await Promise.all(
            failed.map(async (listener) => {
              try {
                return await listener(error, info);
              } catch {
                return null;
              }
            }),
          );
          const retryAfter = answers.find((a) => a !== null && a !== undefined);
          if (retryAfter === undefined) throw error;
          await sleep(~~(retryAfter as number));
        }
      }
    },
  };
}

let clientSeq = 0;

function headerNumber(headers: Record<string, unknown> | null, name: string): number | null {
  const v = headers?.[name];
  if (v === undefined || v === null || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/**
 * Seconds to wait before retrying a rate-limited request, from the response headers:
 * the longer of `retry-after` and the time until `x-ratelimit-reset` (+1 s) when
 * `x-ratelimit-remaining` is 0; 60 s when neither says (GitHub's guidance).
 */
export function rateLimitWaitSeconds(
  headers: Record<string, unknown> | null,
  now = Date.now(),
): number {
  const retryAfter = headerNumber(headers, 'retry-after');
  const reset = headerNumber(headers, 'x-ratelimit-reset');
  const remaining = headerNumber(headers, 'x-ratelimit-remaining');
  const untilReset =
    reset !== null && remaining === 0
      ? Math.max(0, Math.ceil((reset * 1000 - now) / 1000) + 1)
      : null;
  if (retryAfter === null && untilReset === null) return 60;
  return Math.max(retryAfter ?? 0, untilReset ?? 0);
}

function clientLog(log: Logger | undefined): ClientLog {
  const infoKey = log?.info ? 'info' : log?.warning ? 'warning' : log?.warn ? 'warn' : null;
  return {
    debug: (m) => void log?.debug?.(m),
    info: (m) => void (infoKey && log?.[infoKey]?.(m)),
  };
}

export function createOctokit(opts: CreateOctokitOptions): GitHubClient {
  const retries = opts.retries ?? 2;
  const maxWait = opts.maxWaitSeconds ?? 600;
  const spacing = opts.writeSpacingMs ?? 1000;
  const requestTimeoutMs = opts.requestTimeoutMs ?? 20_000;
  const totalTimeoutMs = opts.totalTimeoutMs ?? 1_800_000;
  const deadline = Date.now() + totalTimeoutMs;
  registerSecret(opts.token);
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const graphqlUrl = opts.graphqlUrl;
  const log = clientLog(opts.log);
  const stats: RequestStats = {
    requests: 0,
    reads: 0,
    writes: 0,
    byRoute: {},
    rateLimitWaits: 0,
    waitedSeconds: 0,
  };
  const attempt: AttemptState = {
    stats,
    graphqlUrl,
    baseUrl,
    lastHeaders: null,
    log,
    attemptWaiters: [],
  };

  /** Shared policy of every rate-limit wait: bounded count and length, logged. */
  // Why the last rate-limited request was given up, for the error it ends with (requests
  // are serial, so the last verdict is this request's).
  let gaveUp = '';
  const mayWait = (kind: string, route: string, seconds: number, retryCount: number): boolean => {
    if (retryCount >= retries) {
      gaveUp = `still limited after ${retryCount} ${retryCount === 1 ? 'retry' : 'retries'}`;
      log.info(`GitHub ${kind} on ${route}: ${gaveUp}, giving up.`);
      return false;
    }
    if (seconds > maxWait) {
      gaveUp = `the limit resets in ${seconds}s, longer than the ${maxWait}s this run waits`;
      log.info(`GitHub ${kind} on ${route}: ${gaveUp}; giving up.`);
      return false;
    }
    if (Date.now() + seconds * 1000 > deadline) {
      gaveUp = `waiting ${seconds}s would pass this run's time limit for requests`;
      log.info(`GitHub ${kind} on ${route}: ${gaveUp}; giving up.`);
      return false;
    }
    log.info(
      `GitHub ${kind} on ${route}: waiting ${seconds}s before retry ${retryCount + 1} of ${retries}.`,
    );
    stats.rateLimitWaits++;
    stats.waitedSeconds += seconds;
    return true;
  };

  // The plugin computes `retryAfter` itself (dist-src/index.js, retryLimiter "failed"):
  // secondary limits from `retry-after` (else `fallbackSecondaryRateRetryAfter`), primary
  // limits and GraphQL RATE_LIMITED from `x-ratelimit-reset` only. When `retry-after` asks for
  // longer, the handler sleeps the difference before agreeing to the retry (the plugin awaits it).
  const handler =
    (kind: string) =>
    async (
      retryAfter: number,
      options: { method?: string; url?: string; query?: unknown },
      _o: unknown,
      retryCount: number,
    ) => {
      const headerWait = headerNumber(attempt.lastHeaders, 'retry-after') ?? 0;
      const seconds = Math.max(retryAfter, headerWait);
      const { key } = classifyRequest(options, graphqlUrl, baseUrl);
      if (!mayWait(kind, key, seconds, retryCount)) return false;
      if (seconds > retryAfter) await sleep((seconds - retryAfter) * 1000);
      return true;
    };

  const throttle = {
    // A per-client id keeps the plugin's module-wide Bottleneck groups (search,
    // notifications) from coupling two clients of one process.
    id: `backlog-lint-${process.pid}-${++clientSeq}`,
    write: NO_WAIT_GROUP as unknown as NonNullable<ThrottlingOptions['write']>,
    retryAfterBaseValue: 1000,
    fallbackSecondaryRateRetryAfter: 60,
    onRateLimit: handler('rate limit'),
    onSecondaryRateLimit: handler('secondary rate limit'),
  } satisfies ThrottlingOptions;
  // Not in the plugin's option types, read all the same (index.js l.87 and l.92: `state.global =
  // state.global ?? groups.global`, same for `retryLimiter`). The `global` group only caps
  // concurrency at 10, which our serial queue never reaches; it and the retry limiter would
  // otherwise cost every request a handful of zero-delay timers (see `retryRunner`).
  const throttleInternals = { global: NO_WAIT_GROUP, retryLimiter: retryRunner() };

  const octokit = new BacklogOctokit({
    auth: opts.token,
    baseUrl,
    userAgent: opts.userAgent ?? 'backlog-lint',
    // Through the runner's proxy when one is set (src/github/proxy.ts), with a timeout per attempt.
    request: {
      fetch: withTimeout(
        createProxyFetch((m) => log.info(m)),
        requestTimeoutMs,
        () => deadline,
      ),
    },
    throttle: { ...throttle, ...throttleInternals },
    retry: {
      retries,
      // 403/429 are rate limits (the throttling plugin's job) or permissions: never blind retries.
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      retryAfterBaseValue: opts.serverErrorBackoffMs ?? 1000,
    },
    // Octokit's own logging: requests at debug level; `debug` (which dumps request options)
    // and `error` (every 404 of an expected miss) are dropped. The token is never logged.
    log: {
      debug: () => undefined,
      info: (m: string) => log.debug(m),
      warn: (m: string) => log.info(m),
      error: () => undefined,
    },
    backlogLint: attempt,
  });

  // Outermost hook (registered last): one request at a time, and writes spaced.
  let tail: Promise<unknown> = Promise.resolve();
  let lastWriteStart = Number.NEGATIVE_INFINITY;
  // Set once a request timed out on every attempt: the API is taken as hung and later
  // requests fail at once, so a hung API ends the run after one request's bounded retries.
  let hung: string | null = null;
  octokit.hook.wrap('request', (request, options) => {
    const { write } = classifyRequest(options as HookOptions, graphqlUrl, baseUrl);
    // Each request its own `request` options: the retry plugin counts attempts in
    // `options.request.retryCount`, and a shared object (Octokit's defaults, a caller's
    // constant) would carry one request's count, and so its back-off, into the next.
    const own = options as { request?: Record<string, unknown> };
    own.request = { ...own.request, retryCount: 0 };
    const run = async () => {
      if (Date.now() >= deadline) throw new DeadlineError(Math.round(totalTimeoutMs / 1000));
      if (hung) throw new Error(hung);
      if (write) {
        const wait = lastWriteStart + spacing - Date.now();
        if (wait > 0) await sleep(wait);
        lastWriteStart = Date.now();
      }
      try {
        return await request(options);
      } catch (err) {
        if (isTimeout(err)) {
          hung = `GitHub stopped answering: a request got no answer within ${requestTimeoutMs / 1000}s, retries included, so no further requests were sent`;
        }
        throw err;
      }
    };
    const result = tail.then(run, run);
    tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  });

  const features = { issueType: true };
  const cost = new CostMeter();

  async function graphql<T>(
    query: string,
    variables: Record<string, unknown> = {},
    callOpts: GraphqlCallOptions = {},
  ): Promise<T> {
    for (let retryCount = 0; ; retryCount++) {
      let body: { data?: T | null; errors?: GraphqlErrorItem[] };
      let headers: Record<string, unknown>;
      try {
        const res = await octokit.request({
          method: 'POST',
          url: graphqlUrl,
          query,
          variables,
          ...(callOpts.retries !== undefined && { request: { retries: callOpts.retries } }),
        });
        body = res.data as typeof body;
        headers = res.headers as Record<string, unknown>;
      } catch (err) {
        // The throttling plugin turns RATE_LIMITED into this error for /graphql paths and
        // retries it itself; reaching here means its bounded retries are spent.
        const data = (err as { data?: { errors?: GraphqlErrorItem[] } }).data;
        if (data?.errors?.some((e) => e.type === 'RATE_LIMITED')) {
          throw new GraphqlRateLimitError(data.errors, gaveUp || 'the limit was not lifted');
        }
        throw err;
      }
      // Error texts come from the response: redacted before anything can print them.
      const errors = (body?.errors ?? []).map((e) => redactValue(e) as GraphqlErrorItem);
      // Spent whatever the answer: a query with partial data and errors was charged too.
      cost.record(body?.data);
      if (errors.length === 0) return body.data as T;
      if (errors.some((e) => e.type === 'RATE_LIMITED')) {
        // Endpoints the plugin does not recognise as GraphQL (GHES: /api/graphql) get the
        // same bounded, logged wait here.
        const seconds = rateLimitWaitSeconds(headers);
        if (mayWait('GraphQL rate limit', 'graphql', seconds, retryCount)) {
          await sleep(seconds * 1000);
          continue;
        }
        throw new GraphqlRateLimitError(errors, gaveUp || `retry in ${seconds}s`);
      }
      if (callOpts.tolerate && body.data && errors.every(callOpts.tolerate)) return body.data;
      throw new GraphqlError(errors, body.data ?? null);
    }
  }

  return {
    octokit,
    rest: octokit.rest,
    request: octokit.request,
    graphql,
    stats,
    cost,
    baseUrl,
    graphqlUrl,
    log,
    features,
    readAhead: async <T>(start: () => Promise<T>) => {
      const sent = new Promise<void>((resolve) => attempt.attemptWaiters.push(resolve));
      const pending = start();
      await Promise.race([sent, pending.then(noop, noop)]);
      return { pending };
    },
  };
}

const noop = (): void => undefined;

/** A request aborted by `withTimeout` (Octokit wraps the abort as a status-500 RequestError). */
function isTimeout(err: unknown): boolean {
  return (
    /aborted due to timeout|TimeoutError/i.test(errorText(err)) ||
    (err as { name?: unknown })?.name === 'TimeoutError'
  );
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * `fetch` with a timeout per attempt: the attempt is aborted after `ms` (or at `deadline`,
 * whichever is first). Octokit reports the abort as a failed request with status 500, which
 * the retry plugin retries like any transient server failure.
 */
function withTimeout(
  base: typeof globalThis.fetch | undefined,
  ms: number,
  deadline: () => number,
): typeof globalThis.fetch {
  return (input, init) => {
    const left = Math.max(1, Math.min(ms, deadline() - Date.now()));
    const timeout = AbortSignal.timeout(left);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return (base ?? globalThis.fetch)(input, { ...init, signal });
  };
}

/** One line for logs: `7 requests (6 reads, 1 write): 3× graphql query, ...`. */
export function describeStats(stats: RequestStats): string {
  const routes = Object.entries(stats.byRoute)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${n}× ${k}`)
    .join(', ');
  const waits = stats.rateLimitWaits
    ? `; ${stats.rateLimitWaits} rate-limit wait(s), ${stats.waitedSeconds}s`
    : '';
  return `${stats.requests} request${stats.requests === 1 ? '' : 's'} (${stats.reads} read${stats.reads === 1 ? '' : 's'}, ${stats.writes} write${stats.writes === 1 ? '' : 's'})${routes ? `: ${routes}` : ''}${waits}`;
}
