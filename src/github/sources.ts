// Reads from GitHub: one issue, the open backlog page by page, the issues a pull request
// links, team members, and the config file. All calls are serial.
import { fromGraphqlIssue, fromRestIssue } from '../issues/index.js';
import type { IssueFacts } from '../types.js';
import {
  GraphqlError,
  httpStatus,
  isRateLimited,
  RateLimitedError,
  TeamAccessError,
  type GraphqlErrorItem,
  repositoryUnreadable,
} from './errors.js';
import type { GitHubClient } from './octokit.js';
import { planBacklogRead, readRateLimit, type BacklogBudgetPlan } from './budget.js';
import { BACKLOG_PAGE_SIZE, backlogQuery, linkedIssuesQuery, MAX_BODY_REFS } from './queries.js';
import { parseIssueRefs } from './refs.js';
import { ROUTES } from './routes.js';
import type { RepoRef, SkippedItem } from './types.js';

/** REST GET of one issue; `{ pullRequest: true }` when the number is a pull request. */
export async function fetchIssue(
  gh: GitHubClient,
  repo: RepoRef,
  number: number,
): Promise<IssueFacts | { pullRequest: true }> {
  const { data } = await gh.request(ROUTES.getIssue, {
    owner: repo.owner,
    repo: repo.repo,
    issue_number: number,
  });
  return fromRestIssue(data) ?? { pullRequest: true };
}

/**
 * A pull request's body and base branch (REST GET), for when the event payload does not
 * have them or may be stale: a re-run, a comment on a pull request, `issue-number`.
 */
export async function fetchPullRequest(
  gh: GitHubClient,
  repo: RepoRef,
  number: number,
): Promise<{ body: string | null; baseRef: string; headSha: string }> {
  const { data } = await gh.request(ROUTES.getPullRequest, {
    owner: repo.owner,
    repo: repo.repo,
    pull_number: number,
  });
  return { body: data.body ?? null, baseRef: data.base.ref, headSha: data.head.sha };
}

/**
 * The files among `watched` that the pull request changes (added, modified, removed, or
 * renamed from or to one of them). Pages of 100 are read until one holds a watched file:
 * one request for a pull request of up to 100 files.
 */
export async function changedFilesAmong(
  gh: GitHubClient,
  repo: RepoRef,
  number: number,
  watched: ReadonlySet<string>,
): Promise<string[]> {
  const pages = gh.octokit.paginate.iterator(ROUTES.listPullRequestFiles, {
    owner: repo.owner,
    repo: repo.repo,
    pull_number: number,
    per_page: 100,
  });
  for await (const { data } of pages) {
    const hits = data.flatMap((f) =>
      [f.filename, f.previous_filename].filter(
        (name): name is string => name !== undefined && watched.has(name),
      ),
    );
    if (hits.length > 0) return [...new Set(hits)];
  }
  return [];
}

/** Issue fields newer GitHub Enterprise Server versions may lack; read together or not at all. */
const NEWER_FIELDS = ['issueType', 'parent', 'subIssuesSummary'];

/** True when the server rejected `issueType` or the sub-issue fields (older GHES). */
function isIssueTypeUnsupported(err: unknown): boolean {
  if (!(err instanceof GraphqlError)) return false;
  return err.errors.some((e) => {
    const ext = e.extensions ?? {};
    return (
      (ext.code === 'undefinedField' && NEWER_FIELDS.includes(String(ext.fieldName))) ||
      /Field '(?:issueType|parent|subIssuesSummary)' doesn't exist/.test(e.message)
    );
  });
}

/** Runs `run(withIssueType)`; on a server without `Issue.issueType`, once more without it. */
export async function withIssueTypeFallback<T>(
  gh: GitHubClient,
  run: (issueType: boolean) => Promise<T>,
): Promise<T> {
  if (!gh.features.issueType) return run(false);
  try {
    return await run(true);
  } catch (err) {
    if (!isIssueTypeUnsupported(err)) throw err;
    gh.features.issueType = false;
    gh.log.info(
      'This GitHub server has no issue types (Issue.issueType); reading issues without them.',
    );
    return run(false);
  }
}

interface BacklogData {
  repository: {
    issues: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      totalCount: number;
      nodes: (unknown | null)[] | null;
    };
  } | null;
}

const noop = (): void => undefined;

interface BacklogPage {
  facts: IssueFacts[];
  /** Cursor of the next page; null on the last. */
  next: string | null;
  total: number;
  /** The budget measured against this page's `rateLimit`; null when the server sent none. */
  plan: BacklogBudgetPlan | null;
}

/**
 * Sees each raw issue of a backlog page next to its facts (with `viewerDidAuthor` and `body`),
 * before the raw data is dropped: how the report issue is recognised with no extra request.
 */
export type BacklogInspector = (
  facts: IssueFacts,
  raw: { viewerDidAuthor?: unknown; body?: unknown; createdAt?: unknown },
) => void;

/** A page's issue nodes as facts, each shown to `inspect` with its raw node first. */
export function pageFacts(
  nodes: readonly unknown[] | null | undefined,
  inspect?: BacklogInspector,
): IssueFacts[] {
  const facts: IssueFacts[] = [];
  for (const node of nodes ?? []) {
    if (!node) continue;
    const f = fromGraphqlIssue(node);
    inspect?.(f, node as Parameters<BacklogInspector>[1]);
    facts.push(f);
  }
  return facts;
}

/** One page, reduced to facts before returning: the raw response is garbage once this returns. */
async function backlogPage(
  gh: GitHubClient,
  repo: RepoRef,
  after: string | null,
  inspect?: BacklogInspector,
  reserve = 0,
): Promise<BacklogPage> {
  const data = await withIssueTypeFallback(gh, (issueType) =>
    gh.graphql<BacklogData>(backlogQuery({ issueType, viewerDidAuthor: !!inspect }), {
      owner: repo.owner,
      name: repo.repo,
      after,
    }),
  );
  const issues = data.repository?.issues;
  if (!issues) throw repositoryUnreadable(repo);
  const facts = pageFacts(issues.nodes, inspect);
  const { hasNextPage, endCursor } = issues.pageInfo;
  const rl = readRateLimit(data);
  return {
    facts,
    next: hasNextPage && endCursor ? endCursor : null,
    total: issues.totalCount,
    plan:
      rl &&
      planBacklogRead({
        total: issues.totalCount,
        pageSize: BACKLOG_PAGE_SIZE,
        first: rl,
        reserve,
      }),
  };
}

export interface BacklogBudget {
  /** Hears the budget plan after the first page, before any further request. */
  onPlan?: (plan: BacklogBudgetPlan) => void;
  /** GraphQL points the run needs after the read (see planBacklogRead). */
  reserve?: number;
}

/**
 * Every open issue of the repository (never pull requests: `repository.issues` has none),
 * oldest first, 100 a page: one GraphQL request per page, serial, one page held at a time.
 *
 * Budget: after the first page, the whole read (pages × the first page's `rateLimit.cost`,
 * plus `budget.reserve`) is measured against what remains; `budget.onPlan` hears it before
 * any further request, and when the budget is short only the pages it allows are read (the
 * consumer sees the generator end early, and `plan.short` says why).
 *
 * Pipelined: as soon as page k is in and reduced to facts (its raw data is garbage from
 * then on), the request for page k+1 is started and only then is page k yielded, so the
 * consumer's work on page k (linting it) overlaps page k+1's round trip. Still one request
 * in flight at a time: page k+2 is asked for only when page k+1 is in and the consumer has
 * asked for more. A failure of page k+1 is thrown by the `next()` after page k was
 * yielded, so pages 1..k have been consumed. A consumer that stops early (`break`,
 * `return()`, a throw in its loop) waits for the request in flight to settle (its answer
 * and any error are dropped): nothing is left running behind it.
 */
export async function* backlogPages(
  gh: GitHubClient,
  repo: RepoRef,
  inspect?: BacklogInspector,
  budget: BacklogBudget = {},
): AsyncGenerator<IssueFacts[]> {
  const { onPlan, reserve = 0 } = budget;
  let inFlight: Promise<BacklogPage> | null = backlogPage(gh, repo, null, inspect, reserve);
  let allowed = Infinity;
  try {
    for (let pages = 1; inFlight; pages++) {
      const page: BacklogPage = await inFlight;
      inFlight = null;
      if (pages === 1) {
        gh.log.debug(`Backlog of ${repo.owner}/${repo.repo}: ${page.total} open issue(s).`);
        if (page.plan) {
          onPlan?.(page.plan);
          allowed = page.plan.pagesAllowed;
        }
      }
      if (page.next && pages < allowed) {
        // The consumer's work is synchronous: yielding before the request is on its way
        // would only delay the request (its path to the network runs on timers and I/O
        // callbacks, which wait for the consumer). Yield once it is sent (or has failed); a
        // failure is thrown by the next `next()`, or dropped in `finally`.
        const next = page.next;
        ({ pending: inFlight } = await gh.readAhead(() => backlogPage(gh, repo, next, inspect)));
      }
      yield page.facts;
    }
  } finally {
    if (inFlight) await inFlight.then(noop, noop);
  }
}

type LinkedNode = Record<string, unknown> & { repository?: { nameWithOwner?: string } | null };

interface LinkedData {
  repository: {
    pullRequest: { closingIssuesReferences: { nodes: (LinkedNode | null)[] | null } | null } | null;
    [alias: string]: unknown;
  } | null;
}

/**
 * The issues pull request `prNumber` closes or links, for linting: its
 * `closingIssuesReferences` (any repository; `repository` is set on facts of another one)
 * and the `#N` / `owner/repo#N` / issue-URL references to THIS repository in `prBody`
 * (at most 50), all in one GraphQL request. Pull requests, closed issues, unknown numbers
 * and references beyond the cap are returned as `skipped` with the reason.
 */
export async function fetchLinkedIssues(
  gh: GitHubClient,
  repo: RepoRef,
  prNumber: number,
  prBody: string | null,
): Promise<{ issues: IssueFacts[]; skipped: SkippedItem[] }> {
  const skipped: SkippedItem[] = [];
  const refs = parseIssueRefs(prBody, repo).filter((n) => n !== prNumber);
  if (refs.length > MAX_BODY_REFS) {
    const extra = refs.slice(MAX_BODY_REFS);
    skipped.push({
      item:
        extra.length <= 5
          ? extra.map((n) => `#${n}`).join(', ')
          : `${extra.length} references (#${extra[0]} …)`,
      reason: `only the first ${MAX_BODY_REFS} issue references of a pull request body are read`,
    });
  }
  const used = refs.slice(0, MAX_BODY_REFS);
  const variables: Record<string, unknown> = {
    owner: repo.owner,
    name: repo.repo,
    number: prNumber,
  };
  used.forEach((n, i) => (variables[`ref${i}`] = n));
  // An unknown number answers NOT_FOUND on its alias; that is a skipped item, not a failure.
  const tolerate = (e: GraphqlErrorItem): boolean =>
    e.type === 'NOT_FOUND' &&
    Array.isArray(e.path) &&
    typeof e.path[1] === 'string' &&
    /^ref\d+$/.test(e.path[1]);
  const data = await withIssueTypeFallback(gh, (issueType) =>
    gh.graphql<LinkedData>(linkedIssuesQuery(used.length, { issueType }), variables, { tolerate }),
  );
  const repository = data.repository;
  if (!repository) throw repositoryUnreadable(repo);
  if (!repository.pullRequest)
    throw new Error(`Pull request #${prNumber} was not found in ${repo.owner}/${repo.repo}.`);

  const self = `${repo.owner}/${repo.repo}`.toLowerCase();
  const issues: IssueFacts[] = [];
  const seen = new Set<string>();
  const add = (facts: IssueFacts, label: string): void => {
    const key = `${(facts.repository ?? self).toLowerCase()}#${facts.number}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (facts.state === 'closed') skipped.push({ item: label, reason: 'closed issue' });
    else issues.push(facts);
  };

  for (const node of repository.pullRequest.closingIssuesReferences?.nodes ?? []) {
    if (!node) continue;
    const facts = fromGraphqlIssue(node);
    const where = node.repository?.nameWithOwner;
    if (where && where.toLowerCase() !== self) facts.repository = where;
    add(facts, facts.repository ? `${facts.repository}#${facts.number}` : `#${facts.number}`);
  }
  used.forEach((n, i) => {
    const node = repository[`ref${i}`] as Record<string, unknown> | null | undefined;
    if (!node) {
      skipped.push({ item: `#${n}`, reason: 'no issue with this number' });
      return;
    }
    if (node.__typename === 'PullRequest') {
      skipped.push({ item: `#${n}`, reason: 'pull request' });
      return;
    }
    add(fromGraphqlIssue(node), `#${n}`);
  });
  return { issues, skipped };
}

/** `@Org/Team` / `org/team` → `{ key: '@org/team', org, team }`. */
function parseTeamSlug(slug: string): { key: string; org: string; team: string } {
  const m = /^@?([^/\s]+)\/([^/\s]+)$/.exec(slug.trim());
  if (!m?.[1] || !m[2])
    throw new Error(`"${slug}" is not a team reference (expected @org/team-slug).`);
  return { key: `@${m[1]}/${m[2]}`.toLowerCase(), org: m[1], team: m[2] };
}

/**
 * Members of each `@org/team` (one paginated call chain per team, serial). Keys are the
 * slugs lower-cased with the `@`; values the logins. 403/404 → `TeamAccessError`.
 */
export async function resolveTeams(
  gh: GitHubClient,
  slugs: string[],
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const slug of slugs) {
    const { key, org, team } = parseTeamSlug(slug);
    if (key in out) continue;
    try {
      const members = await gh.octokit.paginate(ROUTES.listTeamMembers, {
        org,
        team_slug: team,
        per_page: 100,
      });
      // Entries without a login (never sent by GitHub) are dropped rather than crash the engine.
      out[key] = members.flatMap((m) => (typeof m?.login === 'string' ? [m.login] : []));
    } catch (err) {
      // A rate limit is a fault (the run is incomplete), never a permission problem.
      if (isRateLimited(err)) throw new RateLimitedError(`Reading the members of ${key}`, err);
      const status = httpStatus(err);
      if (status === 403 || status === 404) throw new TeamAccessError(key, status);
      throw err;
    }
  }
  return out;
}

/** A file's text through the contents API (at `ref`, else the default branch); null on 404. */
export async function fetchConfigText(
  gh: GitHubClient,
  repo: RepoRef,
  path: string,
  ref?: string,
): Promise<string | null> {
  const clean = path.replace(/^(?:\.\/)+/, '').replace(/^\/+/, '');
  let data: unknown;
  try {
    ({ data } = await gh.request(ROUTES.getContent, {
      owner: repo.owner,
      repo: repo.repo,
      path: clean,
      ...(ref ? { ref } : {}),
    }));
  } catch (err) {
    if (httpStatus(err) === 404) return null;
    throw err;
  }
  if (Array.isArray(data))
    throw new Error(`${clean} in ${repo.owner}/${repo.repo} is a directory, not a file.`);
  const file = data as { type?: string; encoding?: string; content?: string };
  if (file.type !== undefined && file.type !== 'file') {
    throw new Error(`${clean} in ${repo.owner}/${repo.repo} is a ${file.type}, not a file.`);
  }
  if (
    typeof file.content !== 'string' ||
    (file.encoding !== undefined && file.encoding !== 'base64')
  ) {
    throw new Error(
      `${clean} in ${repo.owner}/${repo.repo} could not be read through the contents API (too large?).`,
    );
  }
  const text = Buffer.from(file.content, 'base64').toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
