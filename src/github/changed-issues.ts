// The since-read of an incremental backlog run (README "Incremental backlog runs"): every
// issue updated at or after a time, open AND closed (a closure is an update: the snapshot
// drops the issue), oldest update first, 100 a page, plus the repository's open-issue count
// on each page (a `first: 0` connection: its `totalCount` only), which tells the caller
// whether issues disappeared without an update it could see (transferred, deleted).
import { GraphqlError, repositoryUnreadable } from './errors.js';
import type { IssueFacts, IssueTypeRef } from '../types.js';
import { planBacklogRead, RATE_LIMIT_SELECTION, readRateLimit } from './budget.js';
import type { BacklogBudgetPlan } from './budget.js';
import type { GitHubClient } from './octokit.js';
import {
  BACKLOG_PAGE_SIZE,
  ISSUE_FIELDS_FRAGMENT,
  ISSUE_FIELDS_FRAGMENT_NO_ISSUE_TYPE,
} from './queries.js';
import type { BacklogBudget, BacklogInspector } from './sources.js';
import { pageFacts, withIssueTypeFallback } from './sources.js';
import type { RepoRef } from './types.js';

/**
 * Variables: `owner`, `name`, `since` (DateTime), `after` (cursor or null). Ordered by
 * `UPDATED_AT` ascending: an issue updated while the pages are read moves behind the cursor
 * and is read again on a later page (the merge keeps its last appearance), never skipped.
 */
export function changedIssuesQuery(
  opts: { issueType?: boolean; viewerDidAuthor?: boolean } = {},
): string {
  return `query BacklogLintChangedIssues($owner: String!, $name: String!, $since: DateTime!, $after: String) {
  ${RATE_LIMIT_SELECTION}
  repository(owner: $owner, name: $name) {
    open: issues(first: 0, states: [OPEN]) { totalCount }
    issues(first: ${BACKLOG_PAGE_SIZE}, after: $after, states: [OPEN, CLOSED], filterBy: { since: $since }, orderBy: { field: UPDATED_AT, direction: ASC }) {
      pageInfo { hasNextPage endCursor }
      totalCount
      nodes { ...BacklogLintIssue${opts.viewerDidAuthor ? ' viewerDidAuthor createdAt' : ''} }
    }
  }
}
${(opts.issueType ?? true) ? ISSUE_FIELDS_FRAGMENT : ISSUE_FIELDS_FRAGMENT_NO_ISSUE_TYPE}
`;
}

export const CHANGED_ISSUES_QUERY = changedIssuesQuery();

interface ChangedData {
  repository: {
    open: { totalCount: number };
    issues: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      totalCount: number;
      nodes: (unknown | null)[] | null;
    };
  } | null;
}

export interface ChangedPage {
  /** The page's issues, open and closed. */
  facts: IssueFacts[];
  /** Open issues of the repository when this page was answered. */
  openCount: number;
}

/**
 * The issues of `repo` updated at or after `since`, page by page (serial, one page held at a
 * time). Budget as `backlogPages`: after the first page the read is measured against what
 * remains, `budget.onPlan` hears it, and a short budget ends the generator early
 * (`plan.short`).
 */
export async function* changedIssuePages(
  gh: GitHubClient,
  repo: RepoRef,
  since: string,
  inspect?: BacklogInspector,
  budget: BacklogBudget = {},
): AsyncGenerator<ChangedPage> {
  let after: string | null = null;
  let allowed = Infinity;
  for (let pages = 1; pages <= allowed; pages++) {
    const cursor: string | null = after;
    const data: ChangedData = await withIssueTypeFallback(gh, (issueType) =>
      gh.graphql<ChangedData>(changedIssuesQuery({ issueType, viewerDidAuthor: !!inspect }), {
        owner: repo.owner,
        name: repo.repo,
        since,
        after: cursor,
      }),
    );
    const repository = data.repository;
    if (!repository) throw repositoryUnreadable(repo);
    const { issues } = repository;
    if (pages === 1) {
      const rl = readRateLimit(data);
      if (rl) {
        const plan: BacklogBudgetPlan = planBacklogRead({
          total: issues.totalCount,
          pageSize: BACKLOG_PAGE_SIZE,
          first: rl,
          reserve: budget.reserve ?? 0,
        });
        budget.onPlan?.(plan);
        allowed = plan.pagesAllowed;
      }
    }
    const facts = pageFacts(issues.nodes, inspect);
    yield { facts, openCount: repository.open.totalCount };
    if (!issues.pageInfo.hasNextPage || !issues.pageInfo.endCursor) return;
    after = issues.pageInfo.endCursor;
  }
}

/**
 * Every label and milestone (open and closed) of the repository, 100 of each a page, paged on
 * while either has more, and its issue types (an organisation has at most 25). Variables:
 * `owner`, `name`, `labelsAfter`, `milestonesAfter` (cursors or null), `withLabels`,
 * `withMilestones`, `withIssueTypes`.
 */
export const REPOSITORY_NAMES_QUERY = `query BacklogLintRepositoryNames($owner: String!, $name: String!, $labelsAfter: String, $milestonesAfter: String, $withLabels: Boolean!, $withMilestones: Boolean!, $withIssueTypes: Boolean!) {
  ${RATE_LIMIT_SELECTION}
  repository(owner: $owner, name: $name) {
    labels(first: 100, after: $labelsAfter) @include(if: $withLabels) {
      pageInfo { hasNextPage endCursor }
      nodes { name }
    }
    milestones(first: 100, after: $milestonesAfter, states: [OPEN, CLOSED]) @include(if: $withMilestones) {
      pageInfo { hasNextPage endCursor }
      nodes { title }
    }
    issueTypes(first: 100) @include(if: $withIssueTypes) {
      pageInfo { hasNextPage }
      nodes { id name }
    }
  }
}
`;

interface NamesConnection<K extends string> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: (Record<K, string> | null)[] | null;
}

interface NamesData {
  repository: {
    labels?: NamesConnection<'name'> | null;
    milestones?: NamesConnection<'title'> | null;
    issueTypes?: {
      pageInfo: { hasNextPage: boolean };
      nodes: ({ id: string; name: string } | null)[] | null;
    } | null;
  } | null;
}

/** The names an issue's facts carry that live on the repository, exactly as GitHub spells them. */
export interface RepositoryNames {
  labels: Set<string>;
  milestones: Set<string>;
  /**
   * The repository's issue types; null when not asked for, or when the server has no
   * `Repository.issueTypes` (GitHub Enterprise Server before issue types).
   */
  issueTypes: IssueTypeRef[] | null;
  /** Requests it took. */
  requests: number;
}

/**
 * The names of the repository's labels and milestones (one request for up to 100 of each) and
 * its issue types. An incremental run checks the names its snapshot holds against them:
 * renaming or deleting a label, a milestone or an issue type changes issues without an update
 * a since-read could see. Issue types are compared by id (src/incremental/snapshot.ts): the
 * repository's list leaves out types its organisation disabled, which issues keep, so a name
 * missing from it proves nothing; an id whose name changed, or that disappeared, does.
 */
export async function repositoryNames(
  gh: GitHubClient,
  repo: RepoRef,
  want: { labels: boolean; milestones: boolean; issueTypes: boolean } = {
    labels: true,
    milestones: true,
    issueTypes: true,
  },
): Promise<RepositoryNames> {
  const names: RepositoryNames = {
    labels: new Set(),
    milestones: new Set(),
    issueTypes: null,
    requests: 0,
  };
  let labelsAfter: string | null = null;
  let milestonesAfter: string | null = null;
  let withLabels = want.labels;
  let withMilestones = want.milestones;
  let withIssueTypes = want.issueTypes && gh.features.issueType;
  while (withLabels || withMilestones || withIssueTypes) {
    const variables = {
      owner: repo.owner,
      name: repo.repo,
      labelsAfter,
      milestonesAfter,
      withLabels,
      withMilestones,
      withIssueTypes,
    };
    let data: NamesData;
    try {
      data = await gh.graphql<NamesData>(REPOSITORY_NAMES_QUERY, variables);
    } catch (err) {
      // The types only help the next run: a server without Repository.issueTypes, or any
      // GraphQL error while they were asked for, gives the names without them (unknown).
      if (!withIssueTypes || !(err instanceof GraphqlError)) throw err;
      names.requests++;
      withIssueTypes = false;
      continue;
    }
    names.requests++;
    const repository = data.repository;
    if (!repository) throw repositoryUnreadable(repo);
    if (withLabels) {
      labelsAfter = addNames(repository.labels, 'name', names.labels, repo);
      withLabels = labelsAfter !== null;
    }
    if (withMilestones) {
      milestonesAfter = addNames(repository.milestones, 'title', names.milestones, repo);
      withMilestones = milestonesAfter !== null;
    }
    if (withIssueTypes) {
      // Null (a repository whose owner has no issue types, a user's) or beyond one page (no
      // organisation has more than 25 types today): left unknown.
      const types = repository.issueTypes;
      names.issueTypes =
        !types || types.pageInfo.hasNextPage
          ? null
          : (types.nodes ?? []).flatMap((t) => (t ? [{ id: t.id, name: t.name }] : []));
      withIssueTypes = false;
    }
  }
  return names;
}

/** Adds a page's names to `into`; the cursor of the next page, null when it was the last. */
function addNames<K extends string>(
  page: NamesConnection<K> | null | undefined,
  key: K,
  into: Set<string>,
  repo: RepoRef,
): string | null {
  if (!page) throw repositoryUnreadable(repo);
  for (const node of page.nodes ?? []) if (node) into.add(node[key]);
  return page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
}
