// GraphQL documents sent to GitHub. Exported so tests validate them against GitHub's schema
// (and the API emulator can recognise them). `issueType` is optional in every builder:
// GitHub Enterprise Server versions without issue types reject the field, and the sources
// retry once without it; the sub-issue fields (`parent`, `subIssuesSummary`, as new) go with
// it. Both are plain objects, not connections, so they add nothing to a query's point cost
// (README "GraphQL cost"). Every query also asks for its own `rateLimit` (free: an object),
// which the client sums into the run's cost (src/github/budget.ts).
import { RATE_LIMIT_SELECTION } from './budget.js';

const ISSUE_FIELDS = (issueType: boolean): string =>
  `
fragment BacklogLintIssue on Issue {
  number
  title
  url
  state
  body
  author { __typename login }
  labels(first: 100) { nodes { name } }
  assignees(first: 100) { nodes { login } }
  milestone { title }${
    issueType
      ? '\n  issueType { name }\n  parent { number repository { nameWithOwner } }\n  subIssuesSummary { total }'
      : ''
  }
}`.trimStart();

/** The issue fields every query reads, as a fragment named `BacklogLintIssue`. */
export const ISSUE_FIELDS_FRAGMENT = ISSUE_FIELDS(true);
export const ISSUE_FIELDS_FRAGMENT_NO_ISSUE_TYPE = ISSUE_FIELDS(false);

/** Page size of the backlog query (GitHub's maximum). */
export const BACKLOG_PAGE_SIZE = 100;

/**
 * `viewerDidAuthor` (and `createdAt`) next to each issue's fields: whether the token's own
 * identity wrote it, for recognising the report issue without asking who the token is.
 */
export function backlogQuery(
  opts: { issueType?: boolean; viewerDidAuthor?: boolean } = {},
): string {
  return `query BacklogLintBacklog($owner: String!, $name: String!, $after: String) {
  ${RATE_LIMIT_SELECTION}
  repository(owner: $owner, name: $name) {
    issues(first: ${BACKLOG_PAGE_SIZE}, after: $after, states: [OPEN], orderBy: { field: CREATED_AT, direction: ASC }) {
      pageInfo { hasNextPage endCursor }
      totalCount
      nodes { ...BacklogLintIssue${opts.viewerDidAuthor ? ' viewerDidAuthor createdAt' : ''} }
    }
  }
}
${ISSUE_FIELDS(opts.issueType ?? true)}
`;
}

/** One page of open issues, oldest first. Variables: `owner`, `name`, `after` (cursor or null). */
export const BACKLOG_QUERY = backlogQuery();

/** Most issue references resolved from one pull request body (aliases `ref0`..`ref49`). */
export const MAX_BODY_REFS = 50;
/** Closing references read per pull request. */
export const MAX_CLOSING_REFS = 50;

/**
 * The issues a pull request closes (`closingIssuesReferences`) plus `refCount` issue
 * numbers mentioned in its body, resolved in the same request as aliased
 * `refN: issueOrPullRequest(number: $refN)` fields.
 * Variables: `owner`, `name`, `number` (the pull request), `ref0`..`ref{refCount-1}`.
 */
export function linkedIssuesQuery(refCount: number, opts: { issueType?: boolean } = {}): string {
  if (!Number.isInteger(refCount) || refCount < 0 || refCount > MAX_BODY_REFS) {
    throw new RangeError(`refCount must be an integer from 0 to ${MAX_BODY_REFS}`);
  }
  const refs = Array.from({ length: refCount }, (_, i) => i);
  const vars = refs.map((i) => `, $ref${i}: Int!`).join('');
  const fields = refs
    .map(
      (i) =>
        `    ref${i}: issueOrPullRequest(number: $ref${i}) {
      __typename
      ... on Issue { ...BacklogLintIssue }
      ... on PullRequest { number }
    }`,
    )
    .join('\n');
  return `query BacklogLintLinkedIssues($owner: String!, $name: String!, $number: Int!${vars}) {
  ${RATE_LIMIT_SELECTION}
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      closingIssuesReferences(first: ${MAX_CLOSING_REFS}) {
        nodes {
          ...BacklogLintIssue
          repository { nameWithOwner }
        }
      }
    }${fields ? `\n${fields}` : ''}
  }
}
${ISSUE_FIELDS(opts.issueType ?? true)}
`;
}

/** The linked-issues query without body references. */
export const LINKED_ISSUES_QUERY = linkedIssuesQuery(0);

/** True when a GraphQL document is a mutation (spaced like a REST write), false for queries. */
export function isMutation(query: unknown): boolean {
  if (typeof query !== 'string') return false;
  // Skip leading comments and whitespace, then look at the first operation keyword.
  const head = query.replace(/^(?:\s|#[^\n]*\n?)*/, '');
  if (/^mutation\b/.test(head)) return true;
  // A document may open with fragment definitions before its operation.
  return /^fragment\b/.test(head) && /\}\s*mutation\b/.test(head);
}
