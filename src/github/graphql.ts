// The GraphQL client: POSTs `{ query, variables }` to the GraphQL endpoint through the
// client's `request` (so through the request policy), and turns `errors` into typed errors.
import { GraphqlError, GraphqlRateLimitError, type GraphqlErrorItem } from './errors.js';
import type { CostMeter } from './budget.js';
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
