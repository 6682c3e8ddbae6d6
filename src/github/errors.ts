// Typed errors of the GitHub layer; the action turns each into one clear message.

/** One entry of a GraphQL response's `errors` array. */
export interface GraphqlErrorItem {
  message: string;
  /** GitHub's error type: `NOT_FOUND`, `RATE_LIMITED`, `FORBIDDEN`, ... */
  type?: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
  locations?: { line: number; column: number }[];
}

/** A GraphQL response carried `errors` (HTTP 200). `data` holds what resolved, if anything. */
export class GraphqlError extends Error {
  readonly errors: GraphqlErrorItem[];
  readonly data: unknown;
  constructor(errors: GraphqlErrorItem[], data: unknown, message?: string) {
    super(
      message ??
        `GitHub GraphQL error: ${errors
          .slice(0, 3)
          .map((e) => (e.type ? `${e.type}: ${e.message}` : e.message))
          .join('; ')}${errors.length > 3 ? ` (+${errors.length - 3} more)` : ''}`,
    );
    this.name = 'GraphqlError';
    this.errors = errors;
    this.data = data;
  }
}

/** GraphQL `RATE_LIMITED` still there after the bounded waits (or the reset is too far away). */
export class GraphqlRateLimitError extends GraphqlError {
  constructor(errors: GraphqlErrorItem[], detail: string) {
    super(errors, null, `GitHub GraphQL rate limit exceeded: ${detail}`);
    this.name = 'GraphqlRateLimitError';
  }
}

/** Team members cannot be read with this token (403/404 on the team members API). */
export class TeamAccessError extends Error {
  /** `@org/team`, lower-cased. */
  readonly team: string;
  readonly status: number;
  constructor(team: string, status: number) {
    super(
      `Cannot read the members of team ${team} (HTTP ${status}). The default GITHUB_TOKEN cannot read organization teams: ` +
        'pass a token that can as `github-token` — a personal access token with the `read:org` scope, ' +
        'or a GitHub App installation token with the Organization "Members: read" permission — ' +
        `and check that the team ${team} exists. Or list the role's members by login instead.`,
    );
    this.name = 'TeamAccessError';
    this.team = team;
    this.status = status;
  }
}

/** A write was refused (HTTP 403): a read-only token, e.g. `pull_request` from a fork. */
export class WriteForbiddenError extends Error {
  readonly status: number;
  /** What was being written, e.g. `comment on #12`. */
  readonly what: string;
  constructor(what: string, githubMessage: string, status = 403) {
    super(`${what}: ${githubMessage || 'forbidden'}`);
    this.name = 'WriteForbiddenError';
    this.what = what;
    this.status = status;
  }
}

/** HTTP status of an Octokit RequestError (duck-typed), undefined otherwise. */
export function httpStatus(err: unknown): number | undefined {
  if (typeof err === 'object' && err !== null && 'status' in err) {
    const s = (err as { status: unknown }).status;
    if (typeof s === 'number') return s;
  }
  return undefined;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function headerOf(err: unknown, name: string): string | undefined {
  const headers = (err as { response?: { headers?: Record<string, unknown> } } | null)?.response
    ?.headers;
  const v = headers?.[name];
  return v === undefined || v === null ? undefined : String(v);
}

/**
 * A rate-limit refusal, recognised by its headers as GitHub documents them (not by its
 * message): HTTP 429, or a 403 with `x-ratelimit-remaining: 0` (primary limit) or with
 * `retry-after` (secondary limit). Such a response is never a permission problem.
 */
export function isRateLimited(err: unknown): boolean {
  const status = httpStatus(err);
  if (status === 429) return true;
  if (status !== 403) return false;
  return (
    headerOf(err, 'x-ratelimit-remaining') === '0' || headerOf(err, 'retry-after') !== undefined
  );
}

/** A read or write gave up on a rate limit: the run lost data to it and is incomplete. */
export class RateLimitedError extends Error {
  constructor(what: string, cause: unknown) {
    super(
      `${what}: GitHub's rate limit was still exceeded after the waits this run allows (${errorMessage(cause)})`,
    );
    this.name = 'RateLimitedError';
  }
}

/** The run's total time for requests is spent (a hung or very slow API): nothing more is asked. */
export class DeadlineError extends Error {
  constructor(seconds: number) {
    super(
      `GitHub did not answer within this run's time limit for requests (${seconds}s in all); no further requests were made`,
    );
    this.name = 'DeadlineError';
  }
}

/** A GraphQL answer without the repository: the token cannot see it, or it does not exist. */
export function repositoryUnreadable(repo: { owner: string; repo: string }): Error {
  return new Error(`Repository ${repo.owner}/${repo.repo} was not found or cannot be read.`);
}
