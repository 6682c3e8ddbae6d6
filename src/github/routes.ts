// Every REST route the tool calls (checked against GitHub's OpenAPI description in tests).

export const ROUTES = {
  getIssue: 'GET /repos/{owner}/{repo}/issues/{issue_number}',
  createIssue: 'POST /repos/{owner}/{repo}/issues',
  updateIssue: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
  listComments: 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  createComment: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  updateComment: 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  deleteComment: 'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
  addLabels: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
  addAssignees: 'POST /repos/{owner}/{repo}/issues/{issue_number}/assignees',
  listTeamMembers: 'GET /orgs/{org}/teams/{team_slug}/members',
  getContent: 'GET /repos/{owner}/{repo}/contents/{path}',
  getPullRequest: 'GET /repos/{owner}/{repo}/pulls/{pull_number}',
  listPullRequestFiles: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
} as const;

export type RouteName = keyof typeof ROUTES;
