// Rate limits as GitHub documents them, recognised by headers (REST 403/429) or by the
// `RATE_LIMITED` error type (GraphQL, inside an HTTP 200), and the wait each one asks for.
import type { GraphqlErrorItem } from './errors.js';
import { isRateLimited } from './errors.js';

function headerNumber(
  headers: Record<string, unknown> | null | undefined,
  name: string,
): number | null {
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

/** What kind of limit a failed REST attempt hit, for the log line; null when none. */
export function restLimitKind(err: unknown): 'rate limit' | 'secondary rate limit' | null {
  if (!isRateLimited(err)) return null;
  const headers = (err as { response?: { headers?: Record<string, unknown> } }).response?.headers;
  return headerNumber(headers, 'x-ratelimit-remaining') === 0
    ? 'rate limit'
    : 'secondary rate limit';
}

/** A GraphQL answer (HTTP 200) that reports a rate limit in its `errors`. */
export function isGraphqlRateLimited(body: unknown): boolean {
  const errors = (body as { errors?: GraphqlErrorItem[] } | null)?.errors;
  return Array.isArray(errors) && errors.some((e) => e?.type === 'RATE_LIMITED');
}
