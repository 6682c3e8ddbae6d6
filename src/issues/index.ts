export {
  extractDirectives,
  fromGhIssue,
  fromGraphqlIssue,
  fromRestIssue,
  isRestPullRequest,
  IssueShapeError,
} from './issue-facts.js';
export { MAX_DIRECTIVE_LENGTH, MAX_DIRECTIVES } from './directives.js';
export { IssueInputError, jsonErrorOffset, readIssuesJson } from './read-json.js';
export type { ReadIssuesResult } from './read-json.js';
