// The request policy of the client (SPEC "Targets"), one Octokit `request` hook:
//
// - serial: one request in flight at a time;
// - reads back to back: no fixed spacing between reads, GraphQL queries included;
// - writes (REST POST/PATCH/PUT/DELETE and GraphQL mutations) at least `writeSpacingMs`
//   (1 s) apart, as GitHub's best practices ask (which also keeps content creation under its
//   documented 80 per minute);
// - rate limits obeyed, recognised by their headers (REST 403/429: `x-ratelimit-remaining:
//   0` waits until `x-ratelimit-reset`, or `retry-after` when that is longer; `retry-after`
//   alone, else 60 s) or by `RATE_LIMITED` in a GraphQL 200, on github.com and GHES paths
//   alike; each wait is logged, bounded in count (`retries`) and length (`maxWaitSeconds`);
// - transient failures (5xx, network errors, timeouts, other 4xx outside `DO_NOT_RETRY`,
//   GraphQL "Something went wrong") retried after base×1, base×4, … within the request's
//   `request.retries` (0 for non-idempotent writes), else the client's `retries`;
// - a time limit for all requests together, and a hung API stops the client.
//
// Every wait goes through the injected `Clock`. This replaces @octokit/plugin-throttling and
// @octokit/plugin-retry (docs/architecture.md, `src/github/`, has the measurement).
import type { Clock } from './clock.js';
import { DeadlineError, httpStatus } from './errors.js';
import type { ClientLog } from './logger.js';
import { isGraphqlRateLimited, rateLimitWaitSeconds, restLimitKind } from './rate-limit.js';
import type { ReadAhead } from './read-ahead.js';
import { redact, redactError } from './redact.js';
import { classifyRequest, type RequestOptions } from './request-kind.js';
import { countAttempt, countWait, type RequestStats } from './telemetry.js';

/** Statuses a blind retry cannot fix; 403/429 rate limits are handled as limits, not here. */
const DO_NOT_RETRY = new Set([400, 401, 403, 404, 410, 422, 429, 451]);

export interface RequestPolicyOptions {
  graphqlUrl: string;
  baseUrl: string;
  log: ClientLog;
  stats: RequestStats;
  clock: Clock;
  readAhead: ReadAhead;
  /** Retries after a rate limit, and after a transient failure unless the request says. */
  retries: number;
  maxWaitSeconds: number;
  writeSpacingMs: number;
  serverErrorBackoffMs: number;
  requestTimeoutMs: number;
  totalTimeoutMs: number;
  /** `clock.now()` past which no request is sent. */
  deadline: number;
}

interface Response {
  status: number;
  headers: Record<string, unknown>;
  data: unknown;
}
type Send<R> = (options: never) => R | Promise<R>;

export interface RequestPolicy {
  /** The `request` hook (`octokit.hook.wrap('request', policy.hook)`). */
  hook<R>(send: Send<R>, options: unknown): Promise<R>;
  /** Why the last rate-limited request was given up ('' when none was). */
  gaveUp(): string;
}

export function createRequestPolicy(p: RequestPolicyOptions): RequestPolicy {
  const { log, clock, stats } = p;
  let tail: Promise<unknown> = Promise.resolve();
  let lastWriteStart = Number.NEGATIVE_INFINITY;
  // Set once a request timed out on every attempt: the API is taken as hung and later
  // requests fail at once, so a hung API ends the run after one request's bounded retries.
  let hung: string | null = null;
  // Requests are serial, so the last verdict is the current request's.
  let gaveUp = '';

  /** Shared policy of every rate-limit wait: bounded count and length, logged. */
  const mayWait = (kind: string, route: string, seconds: number, retryCount: number): boolean => {
    if (retryCount >= p.retries) {
      gaveUp = `still limited after ${retryCount} ${retryCount === 1 ? 'retry' : 'retries'}`;
      log.info(`GitHub ${kind} on ${route}: ${gaveUp}, giving up.`);
      return false;
    }
    if (seconds > p.maxWaitSeconds) {
      gaveUp = `the limit resets in ${seconds}s, longer than the ${p.maxWaitSeconds}s this run waits`;
      log.info(`GitHub ${kind} on ${route}: ${gaveUp}; giving up.`);
      return false;
    }
    if (clock.now() + seconds * 1000 > p.deadline) {
      gaveUp = `waiting ${seconds}s would pass this run's time limit for requests`;
      log.info(`GitHub ${kind} on ${route}: ${gaveUp}; giving up.`);
      return false;
    }
    log.info(
      `GitHub ${kind} on ${route}: waiting ${seconds}s before retry ${retryCount + 1} of ${p.retries}.`,
    );
    countWait(stats, seconds);
    return true;
  };

  async function attempts<R>(send: Send<R>, options: RequestOptions): Promise<R> {
    const { key, write, graphql } = classifyRequest(options, p.graphqlUrl, p.baseUrl);
    const own = (options as { request?: { retries?: unknown } }).request?.retries;
    const maxRetries = typeof own === 'number' ? own : p.retries;
    let limitRetries = 0;
    let transientRetries = 0;
    for (let n = 0; ; n++) {
      if (clock.now() >= p.deadline) throw new DeadlineError(Math.round(p.totalTimeoutMs / 1000));
      if (hung) throw new Error(hung);
      if (write) {
        const wait = lastWriteStart + p.writeSpacingMs - clock.now();
        if (wait > 0) await clock.sleep(wait);
        lastWriteStart = clock.now();
      }
      countAttempt(stats, key, write);
      if (n > 0) log.debug(`${key}: retry ${n}`);
      const told = p.readAhead.attemptStarted();
      let response: R;
      try {
        response = await send(options as never);
      } catch (err) {
        told?.();
        const limit = restLimitKind(err);
        if (limit) {
          const headers = (err as { response?: { headers?: Record<string, unknown> } }).response
            ?.headers;
          const seconds = rateLimitWaitSeconds(headers ?? null, clock.now());
          if (mayWait(limit, key, seconds, limitRetries++)) {
            await clock.sleep(seconds * 1000);
            continue;
          }
          throw redactError(err);
        }
        const status = httpStatus(err);
        if (typeof status === 'number' && status >= 500) {
          log.debug(
            `GitHub answered ${status} to ${key} (${redact(errorText(err))}); the request is retried (bounded)`,
          );
        }
        if (isTransient(err) && transientRetries < maxRetries) {
          await clock.sleep(p.serverErrorBackoffMs * (transientRetries + 1) ** 2);
          transientRetries++;
          continue;
        }
        if (isTimeout(err)) {
          hung = `GitHub stopped answering: a request got no answer within ${p.requestTimeoutMs / 1000}s, retries included, so no further requests were sent`;
        }
        // An error body may echo the request's headers: the token never travels further.
        throw redactError(err);
      }
      told?.();
      if (graphql) {
        const body = (response as Response).data;
        if (isGraphqlRateLimited(body)) {
          const headers = (response as Response).headers;
          const seconds = rateLimitWaitSeconds(headers, clock.now());
          if (mayWait('GraphQL rate limit', key, seconds, limitRetries++)) {
            await clock.sleep(seconds * 1000);
            continue;
          }
          // The caller (`graphql()`) turns the errors into a GraphqlRateLimitError.
          return response;
        }
        if (isGraphqlServerFault(body) && transientRetries < maxRetries) {
          log.debug(`GitHub answered "Something went wrong" to ${key}; the request is retried`);
          await clock.sleep(p.serverErrorBackoffMs * (transientRetries + 1) ** 2);
          transientRetries++;
          continue;
        }
      }
      return response;
    }
  }

  return {
    hook: <R>(send: Send<R>, options: unknown): Promise<R> => {
      const run = () => attempts(send, options as RequestOptions);
      const result = tail.then(run, run);
      tail = result.then(noop, noop);
      return result;
    },
    gaveUp: () => gaveUp,
  };
}

const noop = (): void => undefined;

/** A failure a later attempt may not meet: an HTTP error outside DO_NOT_RETRY (5xx,
 * network errors and timeouts, which Octokit reports as status 500). */
function isTransient(err: unknown): boolean {
  const status = httpStatus(err);
  return typeof status === 'number' && status >= 400 && !DO_NOT_RETRY.has(status);
}

/** GitHub's GraphQL answer to an internal fault (HTTP 200): worth another attempt. */
function isGraphqlServerFault(body: unknown): boolean {
  const first = (body as { errors?: { message?: unknown }[] } | null)?.errors?.[0];
  return /Something went wrong while executing your query/.test(String(first?.message ?? ''));
}

/** A request aborted by the per-attempt timeout (Octokit wraps the abort as a status-500 RequestError). */
export function isTimeout(err: unknown): boolean {
  return (
    /aborted due to timeout|TimeoutError/i.test(errorText(err)) ||
    (err as { name?: unknown })?.name === 'TimeoutError'
  );
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
