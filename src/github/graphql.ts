// The GraphQL client: POSTs `{ query, variables }` to the GraphQL endpoint through the
// client's `request` (so through the request policy), and turns `errors` into typed errors.
import { GraphqlError, GraphqlRateLimitError, type GraphqlErrorItem } from './errors.js';
import type { CostMeter } from './budget.js';
import { readBody } from './http-fetch.js';
import { redactValue } from './redact.js';

export interface GraphqlCallOptions {
  /**
   * Errors the caller handles itself (e.g. NOT_FOUND on an aliased reference): when every
   * error is tolerated, the partial `data` is returned instead of throwing.
   */
  tolerate?: (error: GraphqlErrorItem) => boolean;
  /** Retries after a 5xx or network error (default: the client's): 0 for non-idempotent mutations. */
  retries?: number;
}

export type GraphqlCall = <T>(
  query: string,
  variables?: Record<string, unknown>,
  opts?: GraphqlCallOptions,
) => Promise<T>;

type Request = (options: {
  method: 'POST';
  url: string;
  query: string;
  variables: Record<string, unknown>;
  request?: { retries: number };
}) => Promise<{ data: unknown }>;

export function createGraphql(
  request: Request,
  graphqlUrl: string,
  /** Why the request policy gave up a rate-limited request ('' if it did not say). */
  gaveUp: () => string,
  /** Where each answer's `rateLimit` (the points it cost) is recorded. */
  cost: CostMeter,
): GraphqlCall {
  return async <T>(
    query: string,
    variables: Record<string, unknown> = {},
    callOpts: GraphqlCallOptions = {},
  ): Promise<T> => {
    const res = await request({
      method: 'POST',
      url: graphqlUrl,
      query,
      variables,
      ...(callOpts.retries !== undefined && { request: { retries: callOpts.retries } }),
    });
    const body = res.data as { data?: T | null; errors?: GraphqlErrorItem[] };
    // Error texts come from the response: redacted before anything can print them.
    const errors = (body?.errors ?? []).map((e) => redactValue(e) as GraphqlErrorItem);
    // Spent whatever the answer: a query with partial data and errors was charged too.
    cost.record(body?.data);
    if (errors.length === 0) return body.data as T;
    // The request policy waited and retried as far as it may: the limit stands.
    if (errors.some((e) => e.type === 'RATE_LIMITED')) {
      throw new GraphqlRateLimitError(errors, gaveUp() || 'the limit was not lifted');
    }
    if (callOpts.tolerate && body.data && errors.every(callOpts.tolerate)) return body.data;
    throw new GraphqlError(errors, body.data ?? null);
  };
}

type Send = (options: Record<string, unknown>) => Promise<{
  status: number;
  headers: Record<string, unknown>;
  data: unknown;
}>;

/**
 * A `request` hook, wrapped innermost (before the request policy, which reads `data`), for the
 * GraphQL endpoint: the body is written and the answer parsed with the native JSON, not with
 * Octokit's json-with-bigint, whose parser (a reviver on every value, plus a regex pass over
 * the text) took more CPU per 100-issue page than the rest of the client. GitHub's GraphQL
 * numbers are 32-bit Ints or ids well under 2^53: nothing needs a BigInt. A JSON answer that
 * does not parse is returned as text, like Octokit does; error statuses are still read by
 * Octokit (they throw before the body gets here).
 */
export function nativeJsonGraphql(isGraphql: (options: Record<string, unknown>) => boolean) {
  return async (send: Send, options: Record<string, unknown>) => {
    if (!('query' in options) || !isGraphql(options)) return send(options);
    // before-after-hook calls `send` with the options it was given (an argument passed to it
    // is ignored), so they are changed in place: `data` is the body as is (Octokit sends it
    // rather than the other parameters), and the answer comes back as a stream.
    options.data = JSON.stringify({ query: options.query, variables: options.variables });
    options.request = { ...(options.request ?? {}), parseSuccessResponseBody: false };
    const res = await send(options);
    const stream = res.data;
    if (stream === null || typeof stream !== 'object' || !(Symbol.asyncIterator in stream))
      return res;
    const text = (await readBody(stream as AsyncIterable<Uint8Array>)).toString('utf8');
    let data: unknown = text;
    if (/^application\/(scim\+)?json\b/i.test(String(res.headers['content-type'] ?? ''))) {
      try {
        data = JSON.parse(text);
      } catch {
        // kept as text, as Octokit does
      }
    }
    return { ...res, data };
  };
}
