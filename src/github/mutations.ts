// Writes to GitHub: the sticky comment, the backlog report issue, and fixes (labels and
// assignees, additions only). A 403 on a write (read-only token, e.g. a pull request from a
// fork) becomes `WriteForbiddenError` so the action can say so once and carry on.
import {
  errorMessage,
  GraphqlError,
  httpStatus,
  isRateLimited,
  WriteForbiddenError,
} from './errors.js';
import { RATE_LIMIT_SELECTION } from './budget.js';
import type { GitHubClient } from './octokit.js';
import { ROUTES } from './routes.js';
import type { RepoRef } from './types.js';

/** 403 that is not a rate limit (recognised by its headers; those were waited for and retried). */
function isForbidden(err: unknown): boolean {
  return httpStatus(err) === 403 && !isRateLimited(err);
}

async function guardWrite<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    // A mutation refused for lack of permission answers HTTP 200 with a FORBIDDEN error.
    const forbidden =
      err instanceof GraphqlError ? err.errors.find((e) => e.type === 'FORBIDDEN') : undefined;
    if (forbidden) throw new WriteForbiddenError(what, forbidden.message);
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
 * A comment or issue of the action's own: written by the identity the token acts as
 * (`github-actions[bot]` for GITHUB_TOKEN, the app's bot for an app token, the user for a
 * personal token) and holding the hidden marker. `id` is the REST id (comments) or the
 * issue number (report issues); lower is older.
 */
export interface OwnItem {
  id: number;
  body: string;
}

/** The sticky comment lookup: the issue's or pull request's node id, and the own comments. */
export interface OwnComments {
  /** GraphQL node id of the issue or pull request (where a new comment is added). */
  subjectId: string;
  /** Own comments holding the marker, oldest first. */
  own: OwnItem[];
}

/** @deprecated name kept for callers. */
export type StickyComment = OwnComments;

const OWN_COMMENTS_QUERY = `query BacklogLintOwnComments($owner: String!, $name: String!, $number: Int!, $after: String) {
  ${RATE_LIMIT_SELECTION}
  repository(owner: $owner, name: $name) {
    issueOrPullRequest(number: $number) {
      __typename
      ... on Issue { id comments(first: 100, after: $after) { ...BacklogLintComments } }
      ... on PullRequest { id comments(first: 100, after: $after) { ...BacklogLintComments } }
    }
  }
}
fragment BacklogLintComments on IssueCommentConnection {
  pageInfo { hasNextPage endCursor }
  nodes { databaseId body viewerDidAuthor }
}
`;

/**
 * Creates the comment and, in the same request, reads the newest comments of the thread
 * again: a concurrent run's comment created before this one is in the answer (convergence
 * without an extra round trip).
 */
const ADD_COMMENT_MUTATION = `mutation BacklogLintAddComment($subjectId: ID!, $body: String!) {
  addComment(input: { subjectId: $subjectId, body: $body }) {
    commentEdge { node { databaseId } }
    subject {
      ... on Issue { comments(last: 100) { nodes { databaseId body viewerDidAuthor } } }
      ... on PullRequest { comments(last: 100) { nodes { databaseId body viewerDidAuthor } } }
    }
  }
}
`;

type CommentNode = { databaseId: number | null; body: string; viewerDidAuthor: boolean } | null;

interface AddCommentData {
  addComment: {
    commentEdge: { node: { databaseId: number | null } | null } | null;
    subject: { comments?: { nodes: CommentNode[] | null } } | null;
  } | null;
}

function ownOf(nodes: CommentNode[] | null | undefined, marker: string): OwnItem[] {
  const own: OwnItem[] = [];
  for (const c of nodes ?? []) {
    if (c?.viewerDidAuthor && c.databaseId !== null && c.body.includes(marker))
      own.push({ id: c.databaseId, body: c.body });
  }
  return own.sort((a, b) => a.id - b.id);
}

interface CommentPage {
  repository: {
    issueOrPullRequest: {
      id?: string;
      comments?: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: CommentNode[];
      };
    } | null;
  } | null;
}

/**
 * The action's own sticky comments on an issue or pull request, oldest first: every page of
 * comments is read (GraphQL, 100 a page) and only comments the token's identity wrote
 * (`viewerDidAuthor`, known for every kind of token without asking who the token is) and
 * that hold `marker` count. Anyone else's comment, whatever it contains, is never returned.
 */
export async function findOwnComments(
  gh: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  marker: string,
): Promise<OwnComments> {
  const own: OwnItem[] = [];
  let subjectId = '';
  let after: string | null = null;
  for (;;) {
    const data: CommentPage = await gh.graphql<CommentPage>(OWN_COMMENTS_QUERY, {
      owner: repo.owner,
      name: repo.repo,
      number: issueNumber,
      after,
    });
    const subject = data.repository?.issueOrPullRequest;
    const comments = subject?.comments;
    if (!subject?.id || !comments)
      throw new Error(`#${issueNumber} of ${repo.owner}/${repo.repo} was not found.`);
    subjectId = subject.id;
    own.push(...ownOf(comments.nodes, marker));
    if (!comments.pageInfo.hasNextPage || !comments.pageInfo.endCursor) break;
    after = comments.pageInfo.endCursor;
  }
  return { subjectId, own: own.sort((a, b) => a.id - b.id) };
}

/** @deprecated use findOwnComments. */
export const findStickyComment = findOwnComments;

/** Deletes own duplicate comments; one already gone (a concurrent run deleted it) is fine. */
async function deleteComments(gh: GitHubClient, repo: RepoRef, extra: OwnItem[]): Promise<number> {
  let deleted = 0;
  for (const c of extra) {
    try {
      await gh.request(ROUTES.deleteComment, {
        owner: repo.owner,
        repo: repo.repo,
        comment_id: c.id,
      });
      deleted++;
    } catch (err) {
      if (httpStatus(err) !== 404) throw err;
    }
  }
  return deleted;
}

export interface StickyOutcome {
  result: StickyResult;
  /** Own duplicate comments deleted (concurrent runs, or left by an earlier run). */
  removed: number;
}

/**
 * Keeps exactly one own comment holding `marker` on the issue or pull request, up to date.
 * `found` is the lookup (`findOwnComments`). The oldest own comment is kept and edited (not
 * when unchanged); other own ones are deleted. None and `create` → the `addComment`
 * mutation, whose answer holds the thread's newest comments: a concurrent run may have
 * posted too, and every run keeps the oldest, so they converge on one. Requests: the
 * lookup + 1 write (+ a delete per duplicate).
 */
export async function upsertStickyComment(
  gh: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  body: string,
  marker: string,
  found: OwnComments,
  opts: { create?: boolean } = {},
): Promise<StickyOutcome> {
  const { own } = found;
  const text = body.includes(marker) ? body : `${body}\n\n${marker}`;
  return guardWrite(`comment on #${issueNumber}`, async () => {
    const [keep, ...extra] = own;
    let removed = await deleteComments(gh, repo, extra);
    if (keep) {
      if (sameBody(keep.body, text)) return { result: 'unchanged', removed };
      await gh.request(ROUTES.updateComment, {
        owner: repo.owner,
        repo: repo.repo,
        comment_id: keep.id,
        body: text,
      });
      return { result: 'updated', removed };
    }
    if (opts.create === false) return { result: 'skipped', removed };
    // Not retried blindly: a 5xx or a timeout may hide a success (a later run tidies).
    const data = await gh.graphql<AddCommentData>(
      ADD_COMMENT_MUTATION,
      { subjectId: found.subjectId, body: text },
      { retries: 0 },
    );
    const createdId = data.addComment?.commentEdge?.node?.databaseId ?? null;
    const [first, ...others] = ownOf(data.addComment?.subject?.comments?.nodes, marker);
    removed += await deleteComments(gh, repo, others);
    if (first && first.id !== createdId && !sameBody(first.body, text)) {
      await gh.request(ROUTES.updateComment, {
        owner: repo.owner,
        repo: repo.repo,
        comment_id: first.id,
        body: text,
      });
    }
    return { result: first && first.id !== createdId ? 'updated' : 'created', removed };
  });
}

const OWN_REPORT_QUERY = `query BacklogLintOwnReportIssues($owner: String!, $name: String!) {
  ${RATE_LIMIT_SELECTION}
  repository(owner: $owner, name: $name) {
    issues(first: 100, states: [OPEN], orderBy: { field: CREATED_AT, direction: DESC }) {
      nodes { number title body viewerDidAuthor }
    }
  }
}
`;

interface ReportPage {
  repository: {
    issues: {
      nodes: ({ number: number; title: string; body: string; viewerDidAuthor: boolean } | null)[];
    };
  } | null;
}

/** Whether an issue is the action's own report issue: title, own authorship and marker. */
export function isOwnReportIssue(
  issue: { title: string; body?: unknown; viewerDidAuthor?: unknown },
  title: string,
  marker: string,
): boolean {
  return (
    issue.viewerDidAuthor === true &&
    issue.title === title &&
    typeof issue.body === 'string' &&
    issue.body.includes(marker)
  );
}

/** Own open report issues among the 100 newest open issues (after creating one), oldest first. */
async function findRecentOwnReportIssues(
  gh: GitHubClient,
  repo: RepoRef,
  title: string,
  marker: string,
): Promise<OwnItem[]> {
  const data = await gh.graphql<ReportPage>(OWN_REPORT_QUERY, {
    owner: repo.owner,
    name: repo.repo,
  });
  return (data.repository?.issues.nodes ?? [])
    .filter((i): i is NonNullable<typeof i> => !!i && isOwnReportIssue(i, title, marker))
    .map((i) => ({ id: i.number, body: i.body }))
    .sort((a, b) => a.id - b.id);
}

/** Closes own duplicate report issues (issues cannot be deleted with an Actions token). */
async function closeIssues(gh: GitHubClient, repo: RepoRef, extra: OwnItem[]): Promise<number[]> {
  const closed: number[] = [];
  for (const i of extra) {
    await gh.request(ROUTES.updateIssue, {
      owner: repo.owner,
      repo: repo.repo,
      issue_number: i.id,
      state: 'closed',
      state_reason: 'not_planned',
    });
    closed.push(i.id);
  }
  return closed;
}

/**
 * The backlog report issue, exactly one: `own` are the open issues the backlog read found
 * with the title, written by the token's identity and holding `marker` (oldest first). The
 * oldest is kept and its body PATCHed when it differs; other own ones are closed as
 * duplicates. None → a new issue, then the newest issues are read again and duplicates a
 * concurrent run created are closed (every run keeps the oldest).
 *
 * `body` may be a function of the current body (null when there is none), for data carried
 * from run to run (the trend's history): it gets the kept issue's body as the backlog read
 * found it, so that costs no request.
 */
export async function upsertReportIssue(
  gh: GitHubClient,
  repo: RepoRef,
  title: string,
  body: string | ((current: string | null) => string),
  marker: string,
  own: OwnItem[],
): Promise<{ number: number; action: 'created' | 'updated' | 'unchanged'; closed: number[] }> {
  const textOf = (current: string | null): string => {
    const text = typeof body === 'string' ? body : body(current);
    return text.includes(marker) ? text : `${marker}\n${text}`;
  };
  const [keep, ...extra] = own;
  return guardWrite(keep ? `report issue #${keep.id}` : 'report issue', async () => {
    const closed = await closeIssues(gh, repo, extra);
    if (keep) {
      const changed = await updateBodyIfChanged(gh, repo, keep, textOf(keep.body));
      return { number: keep.id, action: changed ? 'updated' : 'unchanged', closed };
    }
    const { data } = await gh.request(ROUTES.createIssue, {
      owner: repo.owner,
      repo: repo.repo,
      title,
      body: textOf(null),
      ...NO_BLIND_RETRY,
    });
    const again = await findRecentOwnReportIssues(gh, repo, title, marker);
    const [first, ...others] = again;
    closed.push(...(await closeIssues(gh, repo, others)));
    if (first && first.id !== data.number) {
      // A concurrent run created the kept one: this run's body is built on top of its body
      // (the history then holds both runs).
      await updateBodyIfChanged(gh, repo, first, textOf(first.body));
      return { number: first.id, action: 'updated', closed };
    }
    return { number: data.number, action: 'created', closed };
  });
}

/** PATCHes the report issue's body unless it already reads `text`; true when it wrote. */
async function updateBodyIfChanged(
  gh: GitHubClient,
  repo: RepoRef,
  issue: OwnItem,
  text: string,
): Promise<boolean> {
  if (sameBody(issue.body, text)) return false;
  await gh.request(ROUTES.updateIssue, {
    owner: repo.owner,
    repo: repo.repo,
    issue_number: issue.id,
    body: text,
  });
  return true;
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
