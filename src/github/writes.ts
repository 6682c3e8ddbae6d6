// Writes to GitHub: the sticky comment, the backlog report issue, and fixes (labels and
// assignees, additions only). A 403 on a write (read-only token, e.g. a pull request from a
// fork) becomes `WriteForbiddenError` so the action can say so once and carry on.
import { errorMessage, httpStatus, WriteForbiddenError } from './errors.js';
import type { GitHubClient } from './octokit.js';
import { ROUTES } from './routes.js';
import type { RepoRef } from './types.js';

/** 403 that is not a rate limit (those were already waited for and retried). */
function isForbidden(err: unknown): boolean {
  return httpStatus(err) === 403 && !/rate limit/i.test(errorMessage(err));
}

async function guardWrite<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isForbidden(err)) {
      const message = (err as { response?: { data?: { message?: unknown } } }).response?.data
        ?.message;
      throw new WriteForbiddenError(
        what,
        typeof message === 'string' ? message : errorMessage(err),
      );
    }
    throw err;
  }
}

/** GitHub stores bodies as sent; compare modulo line endings and trailing whitespace. */
function sameBody(a: string | null | undefined, b: string): boolean {
  const norm = (s: string): string => s.replace(/\r\n/g, '\n').trimEnd();
  return norm(a ?? '') === norm(b);
}

// Creating a comment or an issue is not idempotent: a 5xx may hide a success, so such
// requests are never retried blindly (rate-limit retries are safe: GitHub refused them).
const NO_BLIND_RETRY = { request: { retries: 0 } } as const;

export type StickyResult = 'created' | 'updated' | 'unchanged' | 'skipped';

/**
 * Keeps one comment holding `marker` on the issue or pull request up to date.
 *
 * Finding it: the comments are listed 100 a page and the walk stops at the first page with
 * a match; among matches a bot's comment (the Actions token writes as `github-actions[bot]`)
 * is preferred, else the first one. Identical body → `'unchanged'` (no write); else PATCH.
 * No match → POST (`'created'`), or `'skipped'` when `opts.create` is false.
 * Requests: 1 list + at most 1 write on an issue with fewer than 100 comments.
 */
/** The sticky comment found again by its marker, or null. */
export type StickyComment = { id: number; body?: string | null } | null;

/**
 * Finds the sticky comment: pages are walked only until a match; a bot's comment carrying
 * the marker wins over a person's quote of it.
 */
export async function findStickyComment(
  gh: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  marker: string,
): Promise<StickyComment> {
  const pages = gh.octokit.paginate.iterator(ROUTES.listComments, {
    owner: repo.owner,
    repo: repo.repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  for await (const { data } of pages) {
    const matches = data.filter((c) => typeof c.body === 'string' && c.body.includes(marker));
    const found = matches.find((c) => c.user?.type === 'Bot') ?? matches[0] ?? null;
    if (found) return found;
  }
  return null;
}

/** Creates or edits the sticky comment; at most one lookup and one write. */
export async function upsertStickyComment(
  gh: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  body: string,
  marker: string,
  opts: { create?: boolean; found?: Promise<StickyComment> } = {},
): Promise<StickyResult> {
  const text = body.includes(marker) ? body : `${body}\n\n${marker}`;
  return guardWrite(`comment on #${issueNumber}`, async () => {
    // `found`: a lookup the caller started earlier (src/action/run.ts, through `gh.readAhead`).
    const found = await (opts.found ?? findStickyComment(gh, repo, issueNumber, marker));
    if (found) {
      if (sameBody(found.body, text)) return 'unchanged';
      await gh.request(ROUTES.updateComment, {
        owner: repo.owner,
        repo: repo.repo,
        comment_id: found.id,
        body: text,
      });
      return 'updated';
    }
    if (opts.create === false) return 'skipped';
    await gh.request(ROUTES.createComment, {
      owner: repo.owner,
      repo: repo.repo,
      issue_number: issueNumber,
      body: text,
      ...NO_BLIND_RETRY,
    });
    return 'created';
  });
}

/**
 * The backlog report issue: with `existing`, its body is read and PATCHed only when it
 * differs (`'unchanged'` otherwise); when it is gone (404/410) or was turned into a pull
 * request, or without `existing`, a new issue is created. `body` may be a function of the
 * current body (null when there is none), for data carried from run to run (the trend).
 */
export async function upsertReportIssue(
  gh: GitHubClient,
  repo: RepoRef,
  title: string,
  bodyOf: string | ((current: string | null) => string),
  existing?: number,
): Promise<{ number: number; action: 'created' | 'updated' | 'unchanged' }> {
  const render = (current: string | null) =>
    typeof bodyOf === 'string' ? bodyOf : bodyOf(current);
  return guardWrite(existing ? `report issue #${existing}` : 'report issue', async () => {
    if (existing) {
      let current: { body?: string | null; pull_request?: unknown } | null = null;
      try {
        ({ data: current } = await gh.request(ROUTES.getIssue, {
          owner: repo.owner,
          repo: repo.repo,
          issue_number: existing,
        }));
      } catch (err) {
        const status = httpStatus(err);
        if (status !== 404 && status !== 410) throw err;
      }
      if (current && !current.pull_request) {
        const body = render(current.body ?? null);
        if (sameBody(current.body, body)) return { number: existing, action: 'unchanged' };
        await gh.request(ROUTES.updateIssue, {
          owner: repo.owner,
          repo: repo.repo,
          issue_number: existing,
          body,
        });
        return { number: existing, action: 'updated' };
      }
    }
    const { data } = await gh.request(ROUTES.createIssue, {
      owner: repo.owner,
      repo: repo.repo,
      title,
      body: render(null),
      ...NO_BLIND_RETRY,
    });
    return { number: data.number, action: 'created' };
  });
}

function missing(wanted: string[], existing: string[] | undefined): string[] {
  const have = new Set((existing ?? []).map((s) => s.toLowerCase()));
  const out: string[] = [];
  for (const w of wanted) {
    const k = w.toLowerCase();
    if (!w || have.has(k)) continue;
    have.add(k);
    out.push(w);
  }
  return out;
}

/**
 * Adds labels (POST, never removes). Only labels not in `opts.existing` (case-insensitive)
 * are sent; nothing to add → no request. Returns the labels sent.
 */
export async function addLabels(
  gh: GitHubClient,
  repo: RepoRef,
  number: number,
  labels: string[],
  opts: { existing?: string[] } = {},
): Promise<string[]> {
  const add = missing(labels, opts.existing);
  if (add.length === 0) return [];
  await guardWrite(`labels on #${number}`, () =>
    gh.request(ROUTES.addLabels, {
      owner: repo.owner,
      repo: repo.repo,
      issue_number: number,
      labels: add,
    }),
  );
  return add;
}

/**
 * Adds assignees (POST, never removes). Only logins not in `opts.existing` are sent.
 * Returns the logins GitHub actually assigned (it silently drops users who cannot be).
 */
export async function addAssignees(
  gh: GitHubClient,
  repo: RepoRef,
  number: number,
  logins: string[],
  opts: { existing?: string[] } = {},
): Promise<string[]> {
  const add = missing(logins, opts.existing);
  if (add.length === 0) return [];
  const { data } = await guardWrite(`assignees on #${number}`, () =>
    gh.request(ROUTES.addAssignees, {
      owner: repo.owner,
      repo: repo.repo,
      issue_number: number,
      assignees: add,
    }),
  );
  const now = new Set((data.assignees ?? []).map((a) => a.login.toLowerCase()));
  return add.filter((l) => now.has(l.toLowerCase()));
}
