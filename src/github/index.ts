export type { RepoRef, SkippedItem } from './types.js';
export {
  createOctokit,
  type BacklogOctokit,
  type CreateOctokitOptions,
  type GitHubClient,
} from './octokit.js';
export { realClock, type Clock } from './clock.js';
export type { GraphqlCallOptions } from './graphql.js';
export type { ClientLog, Logger } from './logger.js';
export { rateLimitWaitSeconds } from './rate-limit.js';
export { classifyRequest } from './request-kind.js';
export { describeStats, type RequestStats } from './telemetry.js';
export {
  GraphqlError,
  GraphqlRateLimitError,
  TeamAccessError,
  WriteForbiddenError,
  errorMessage,
  httpStatus,
  type GraphqlErrorItem,
} from './errors.js';
export {
  BACKLOG_PAGE_SIZE,
  BACKLOG_QUERY,
  backlogQuery,
  ISSUE_FIELDS_FRAGMENT,
  ISSUE_FIELDS_FRAGMENT_NO_ISSUE_TYPE,
  isMutation,
  LINKED_ISSUES_QUERY,
  linkedIssuesQuery,
  MAX_BODY_REFS,
  MAX_CLOSING_REFS,
} from './queries.js';
export { ROUTES, type RouteName } from './routes.js';
export { parseIssueRefs } from './refs.js';
export {
  backlogPages,
  changedFilesAmong,
  fetchConfigText,
  fetchIssue,
  fetchLinkedIssues,
  fetchPullRequest,
  resolveTeams,
} from './sources.js';
export {
  addAssignees,
  addLabels,
  upsertReportIssue,
  findOwnComments,
  findStickyComment,
  isOwnReportIssue,
  upsertStickyComment,
  type OwnComments,
  type OwnItem,
  type StickyComment,
  type StickyOutcome,
  type StickyResult,
} from './mutations.js';
export { DeadlineError, isRateLimited, RateLimitedError } from './errors.js';
export { redact, redactError, registerSecret } from './redact.js';
export type { BacklogBudget, BacklogInspector } from './sources.js';
export {
  CHANGED_ISSUES_QUERY,
  changedIssuePages,
  changedIssuesQuery,
  REPOSITORY_NAMES_QUERY,
  repositoryNames,
  repositoryNamesQuery,
  type ChangedPage,
  type RepositoryNames,
} from './changed-issues.js';
export {
  budgetStopReason,
  budgetWarning,
  CostMeter,
  planBacklogRead,
  RATE_LIMIT_SELECTION,
  readRateLimit,
  type BacklogBudgetPlan,
  type RateLimitInfo,
  type RunCost,
} from './budget.js';
