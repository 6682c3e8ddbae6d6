// `--repo OWNER/NAME`: read the open issues live (GraphQL, 100 a page) and stream each page
// into the Linter, so at most one page of raw API data is held at a time.
import { teamSlugs } from '../config/index.js';
import { Linter } from '../engine/index.js';
import {
  backlogPages,
  budgetStopReason,
  budgetWarning,
  createOctokit,
  fetchConfigText,
  resolveTeams,
  TeamAccessError,
} from '../github/index.js';
import type { BacklogBudgetPlan, GitHubClient, RepoRef, RunCost } from '../github/index.js';
import type { LintResult, ResolvedConfig } from '../types.js';

export const DEFAULT_API_URL = 'https://api.github.com';
export const DEFAULT_GRAPHQL_URL = 'https://api.github.com/graphql';

/** A failure to talk to GitHub; main() prints it and exits 2. */
export class LiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LiveError';
  }
}

export interface ApiEndpoints {
  baseUrl: string;
  graphqlUrl: string;
}

/**
 * API base from GITHUB_API_URL and GraphQL from GITHUB_GRAPHQL_URL. When only the REST base
 * is set (GitHub Enterprise Server: https://HOST/api/v3) GraphQL is derived from it
 * (https://HOST/api/graphql), which is where GHES serves it.
 */
export function apiEndpoints(env: Record<string, string | undefined>): ApiEndpoints {
  const rest = env.GITHUB_API_URL?.trim().replace(/\/+$/, '');
  const graphql = env.GITHUB_GRAPHQL_URL?.trim();
  const baseUrl = rest || DEFAULT_API_URL;
  if (graphql) return { baseUrl, graphqlUrl: graphql };
  if (!rest) return { baseUrl, graphqlUrl: DEFAULT_GRAPHQL_URL };
  return {
    baseUrl,
    graphqlUrl: /\/api\/v3$/.test(baseUrl)
      ? baseUrl.replace(/\/api\/v3$/, '/api/graphql')
      : `${baseUrl}/graphql`,
  };
}

/** GITHUB_TOKEN, or GH_TOKEN as the gh CLI names it; null when neither is set. */
export function tokenFrom(env: Record<string, string | undefined>): string | null {
  return env.GITHUB_TOKEN?.trim() || env.GH_TOKEN?.trim() || null;
}

/** One line about an API failure, with a hint for the usual causes. */
export function describeApiError(err: unknown, repo: RepoRef): string {
  const e = err as { status?: unknown; message?: unknown; errors?: { type?: unknown }[] };
  const status = typeof e.status === 'number' ? e.status : null;
  const msg = (typeof e.message === 'string' ? e.message : String(err)).split('\n')[0] ?? '';
  const gqlType = Array.isArray(e.errors) ? e.errors[0]?.type : undefined;
  const name = `${repo.owner}/${repo.repo}`;
  if (status === 401) return `${msg} (HTTP 401): the token was refused; check GITHUB_TOKEN`;
  if (status === 404 || gqlType === 'NOT_FOUND') {
    return `${msg}: repository ${name} was not found, or the token cannot see it`;
  }
  if (status === 403) return `${msg} (HTTP 403): the token may lack access to ${name}'s issues`;
  return status !== null ? `${msg} (HTTP ${status})` : msg;
}

export interface LiveOptions {
  repo: RepoRef;
  /** From GITHUB_TOKEN / GH_TOKEN (see tokenFrom). */
  token: string;
  config: ResolvedConfig;
  /** --compare-config: a second config the same pages are linted with (one read). */
  baseConfig?: ResolvedConfig;
  today: string;
  env: Record<string, string | undefined>;
  /** Warnings and progress for the user (stderr). */
  warn: (message: string) => void;
  /** Replaces createOctokit (tests). */
  createClient?: typeof createOctokit;
  /** A client already made by connect() (it read the config); else one is made. */
  gh?: GitHubClient;
}

export interface LiveResult {
  result: LintResult;
  /** The result under `baseConfig`, when one was given. */
  baseResult?: LintResult;
  complete: boolean;
  incompleteReason?: string;
  /** What the run's GraphQL queries cost; absent when the server reports no rate limit. */
  cost?: RunCost;
}

/** The API client of `--repo`: endpoints from the environment, notes to the user on stderr. */
export function connect(
  opts: Pick<LiveOptions, 'token' | 'env' | 'warn' | 'createClient'>,
): GitHubClient {
  const { baseUrl, graphqlUrl } = apiEndpoints(opts.env);
  return (opts.createClient ?? createOctokit)({
    token: opts.token,
    baseUrl,
    graphqlUrl,
    // Rate-limit waits and retries, and the proxy in use, are worth telling a person at a
    // terminal (on stderr, as notes rather than warnings).
    log: { info: (m: string) => opts.warn(m) },
  });
}

/**
 * The repository's own config through the contents API (default branch), as the action
 * reads it without a checkout; null when the repository has none.
 */
export async function fetchRepositoryConfig(
  gh: GitHubClient,
  repo: RepoRef,
  path: string,
): Promise<string | null> {
  try {
    return await fetchConfigText(gh, repo, path);
  } catch (err) {
    throw new LiveError(
      `cannot read ${path} of ${repo.owner}/${repo.repo}: ${describeApiError(err, repo)}`,
    );
  }
}

export async function lintRepository(opts: LiveOptions): Promise<LiveResult> {
  const gh = opts.gh ?? connect(opts);

  // Teams are resolved once; without access, the engine skips membership checks that need
  // them and reports the unresolved teams (role health), as the action does.
  let teams: Record<string, string[]> = {};
  const slugs = [
    ...new Set([...teamSlugs(opts.config), ...(opts.baseConfig ? teamSlugs(opts.baseConfig) : [])]),
  ];
  if (slugs.length > 0) {
    try {
      teams = await resolveTeams(gh, slugs);
    } catch (err) {
      if (!(err instanceof TeamAccessError)) {
        throw new LiveError(
          `cannot resolve the config's teams: ${describeApiError(err, opts.repo)}`,
        );
      }
      opts.warn(`warning: ${err.message} (for the CLI: the token in GITHUB_TOKEN)`);
    }
  }

  const linter = new Linter({ config: opts.config, teams, today: opts.today, scope: 'backlog' });
  const baseLinter = opts.baseConfig
    ? new Linter({ config: opts.baseConfig, teams, today: opts.today, scope: 'backlog' })
    : null;
  const results = () => ({
    result: linter.finish(),
    ...(baseLinter && { baseResult: baseLinter.finish() }),
  });
  let pages = 0;
  let read = 0;
  // A budget too small for the whole backlog is said up front; the pages it allows are read.
  let short: BacklogBudgetPlan | null = null;
  const onPlan = (plan: BacklogBudgetPlan): void => {
    if (!plan.short) return;
    short = plan;
    opts.warn(`warning: ${budgetWarning(plan)}`);
  };
  const cost = (): { cost?: RunCost } => {
    const c = gh.cost.total();
    return c ? { cost: c } : {};
  };
  try {
    for await (const page of backlogPages(gh, opts.repo, undefined, { onPlan })) {
      linter.add(page);
      baseLinter?.add(page);
      pages++;
      read += page.length;
    }
  } catch (err) {
    const why = describeApiError(err, opts.repo);
    if (pages === 0)
      throw new LiveError(`cannot read the issues of ${opts.repo.owner}/${opts.repo.repo}: ${why}`);
    return {
      ...results(),
      complete: false,
      incompleteReason: `reading the backlog stopped after ${pages} page(s) (${read} issues): ${why}`,
      ...cost(),
    };
  }
  const budget = short as BacklogBudgetPlan | null;
  if (budget) {
    return {
      ...results(),
      complete: false,
      incompleteReason: budgetStopReason(budget, read),
      ...cost(),
    };
  }
  return { ...results(), complete: true, ...cost() };
}
