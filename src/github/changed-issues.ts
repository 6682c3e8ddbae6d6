// The since-read of an incremental backlog run (README "Incremental backlog runs"): every
// issue updated at or after a time, open AND closed (a closure is an update: the snapshot
// drops the issue), oldest update first, 100 a page, plus the repository's open-issue count
// on each page (a `first: 0` connection: its `totalCount` only), which tells the caller
// whether issues disappeared without an update it could see (transferred, deleted).
import { repositoryUnreadable } from './errors.js';
import type { IssueFacts } from '../types.js';
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
 * Every label, milestone (open and closed) and issue type name of the repository, 100 of each
 * a page; labels and milestones go on while either has more, issue types come with the first
 * page. Issue types are the organisation's, disabled ones included (an issue keeps a type
 * that was disabled after it was set: checked against the repository's enabled types only,
 * it would look renamed at every run). Variables: `owner`, `name`, `labelsAfter`, `milestonesAfter` (cursors or null),
 * `labels`, `milestones` and, with issue types, `first` (whether each part is asked for).
 */
export function repositoryNamesQuery(opts: { issueType?: boolean } = {}): string {
  const issueType = opts.issueType ?? true;
  return `query BacklogLintRepositoryNames($owner: String!, $name: String!, $labelsAfter: String, $milestonesAfter: String, $labels: Boolean!, $milestones: Boolean!${issueType ? ', $first: Boolean!' : ''}) {
  ${RATE_LIMIT_SELECTION}
  repository(owner: $owner, name: $name) {
    labels(first: 100, after: $labelsAfter) @include(if: $labels) {
      pageInfo { hasNextPage endCursor }
      nodes { name }
    }
    milestones(first: 100, after: $milestonesAfter, states: [OPEN, CLOSED]) @include(if: $milestones) {
      pageInfo { hasNextPage endCursor }
      nodes { title }
    }${
      issueType
        ? `
    owner @include(if: $first) {
      ... on Organization { issueTypes(first: 100) { nodes { name } } }
    }`
        : ''
    }
  }
}
`;
}

export const REPOSITORY_NAMES_QUERY = repositoryNamesQuery();

interface NamesConnection<K extends string> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: (Record<K, string> | null)[] | null;
}

interface NamesData {
  repository: {
    labels?: NamesConnection<'name'> | null;
    milestones?: NamesConnection<'title'> | null;
    owner?: { issueTypes?: { nodes: ({ name: string } | null)[] | null } | null } | null;
  } | null;
}

/** The names an issue's facts carry that live on the repository, exactly as GitHub spells them. */
export interface RepositoryNames {
  labels: Set<string>;
  milestones: Set<string>;
  /** The owner's; null on a server without issue types, or when a user owns the repository. */
  issueTypes: Set<string> | null;
}

/**
 * The names of the repository's labels, milestones and issue types (one request for up to
 * 100 labels and 100 milestones). An incremental run checks the names its snapshot holds
 * against them: renaming or deleting a label, a milestone or an issue type changes issues
 * without an update a since-read could see.
 */
export async function repositoryNames(gh: GitHubClient, repo: RepoRef): Promise<RepositoryNames> {
  const names: RepositoryNames = { labels: new Set(), milestones: new Set(), issueTypes: null };
  let labelsAfter: string | null = null;
  let milestonesAfter: string | null = null;
  let labels = true;
  let milestones = true;
  for (let first = true; labels || milestones; first = false) {
    const variables = {
      owner: repo.owner,
      name: repo.repo,
      labelsAfter,
      milestonesAfter,
      labels,
      milestones,
    };
    // Issue types come with the first page (where a server without them is found out).
    const data: NamesData = first
      ? await withIssueTypeFallback(gh, (issueType) =>
          gh.graphql<NamesData>(
            repositoryNamesQuery({ issueType }),
            issueType ? { ...variables, first } : variables,
          ),
        )
      : await gh.graphql<NamesData>(repositoryNamesQuery({ issueType: false }), variables);
    const repository = data.repository;
    if (!repository) throw repositoryUnreadable(repo);
    if (labels) {
      labelsAfter = addNames(repository.labels, 'name', names.labels, repo);
      labels = labelsAfter !== null;
    }
    if (milestones) {
      milestonesAfter = addNames(repository.milestones, 'title', names.milestones, repo);
      milestones = milestonesAfter !== null;
    }
    const types = repository.owner?.issueTypes;
    if (first && types)
      names.issueTypes = new Set((types.nodes ?? []).flatMap((t) => (t ? [t.name] : [])));
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
