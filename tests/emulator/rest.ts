// REST handlers over the in-memory state, answering with GitHub's field names and shapes
// (the server checks them against the OpenAPI response schemas), GitHub's pagination
// (Link headers through /repositories/{id}/... like api.github.com) and error bodies.

import {
  blobSha,
  isoNow,
  uniqueCi,
  type EmuComment,
  type EmuIssue,
  type EmuIssueType,
  type EmuLabel,
  type EmuMilestone,
  type EmuRepo,
  type EmuState,
  type EmuTeam,
  type EmuUser,
} from './state.js';
import { allows, type Access, type Identity } from './permissions.js';
import type { RouteInfo } from './openapi.js';

export interface RestContext {
  state: EmuState;
  /** null = anonymous. */
  identity: Identity | null;
  /** Base of API URLs in bodies and Link headers (`http://127.0.0.1:PORT` or `.../api/v3`). */
  apiBase: string;
  serverUrl: string;
  route: RouteInfo;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  accept: string;
  /** Body of GET /rate_limit (the server owns the buckets). */
  rateLimitOverview: () => Record<string, unknown>;
}

export interface RestResult {
  status: number;
  body?: unknown;
  /** A non-JSON body (raw file contents). */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

type Handler = (ctx: RestContext) => RestResult;

// ---------------------------------------------------------------- serializers

export function userJson(ctx: RestContext, u: EmuUser): Record<string, unknown> {
  const api = `${ctx.apiBase}/users/${u.login}`;
  return {
    login: u.login,
    id: u.id,
    node_id: u.nodeId,
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url:
      u.type === 'Bot'
        ? `${ctx.serverUrl}/apps/${u.login.replace(/\[bot\]$/i, '')}`
        : `${ctx.serverUrl}/${u.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: u.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

const userByLogin = (ctx: RestContext, login: string) => userJson(ctx, ctx.state.user(login));

function labelJson(ctx: RestContext, r: EmuRepo, l: EmuLabel): Record<string, unknown> {
  return {
    id: l.id,
    node_id: l.nodeId,
    url: `${ctx.apiBase}/repos/${r.fullName}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: l.default,
    description: l.description,
  };
}

/** Open / closed issue counts per milestone, computed once per request. */
const milestoneCounts = new WeakMap<RestContext, Map<string, { open: number; closed: number }>>();

function countsFor(
  ctx: RestContext,
  r: EmuRepo,
  m: EmuMilestone,
): { open: number; closed: number } {
  let table = milestoneCounts.get(ctx);
  if (!table) {
    table = new Map();
    milestoneCounts.set(ctx, table);
  }
  const key = `${r.id}#${m.number}`;
  let c = table.get(key);
  if (!c) {
    c = { open: 0, closed: 0 };
    for (const i of r.issues.values()) {
      if (i.milestone !== m.number) continue;
      if (i.state === 'open') c.open++;
      else c.closed++;
    }
    table.set(key, c);
  }
  return c;
}

function milestoneJson(ctx: RestContext, r: EmuRepo, m: EmuMilestone): Record<string, unknown> {
  const { open, closed } = countsFor(ctx, r, m);
  return {
    url: `${ctx.apiBase}/repos/${r.fullName}/milestones/${m.number}`,
    html_url: `${ctx.serverUrl}/${r.fullName}/milestone/${m.number}`,
    labels_url: `${ctx.apiBase}/repos/${r.fullName}/milestones/${m.number}/labels`,
    id: m.id,
    node_id: m.nodeId,
    number: m.number,
    title: m.title,
    description: m.description,
    creator: userByLogin(ctx, m.creator),
    open_issues: open,
    closed_issues: closed,
    state: m.state,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
    due_on: m.dueOn,
    closed_at: m.closedAt,
  };
}

function issueTypeJson(t: EmuIssueType): Record<string, unknown> {
  return {
    id: t.id,
    node_id: t.nodeId,
    name: t.name,
    description: t.description,
    color: t.color.toLowerCase(),
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    is_enabled: t.isEnabled,
  };
}

function association(ctx: RestContext, r: EmuRepo, login: string): string {
  if (login.toLowerCase() === r.owner.toLowerCase()) return 'OWNER';
  const owner = ctx.state.findOwner(r.owner);
  for (const t of owner?.teams.values() ?? [])
    if (t.members.some((m) => m.toLowerCase() === login.toLowerCase())) return 'MEMBER';
  if (r.assignable?.has(login.toLowerCase())) return 'COLLABORATOR';
  return 'NONE';
}

const reactions = (url: string) => ({
  url,
  total_count: 0,
  '+1': 0,
  '-1': 0,
  laugh: 0,
  hooray: 0,
  confused: 0,
  heart: 0,
  rocket: 0,
  eyes: 0,
});

export function issueJson(
  ctx: RestContext,
  r: EmuRepo,
  i: EmuIssue,
  opts: { single?: boolean } = {},
): Record<string, unknown> {
  const repoApi = `${ctx.apiBase}/repos/${r.fullName}`;
  const url = `${repoApi}/issues/${i.number}`;
  const html = `${ctx.serverUrl}/${r.fullName}/${i.pullRequest ? 'pull' : 'issues'}/${i.number}`;
  const assignees = i.assignees.map((a) => userByLogin(ctx, a));
  const milestone = i.milestone === null ? undefined : r.milestones.get(i.milestone);
  const type = i.issueType
    ? ctx.state.ownerOf(r).issueTypes.get(i.issueType.toLowerCase())
    : undefined;
  const out: Record<string, unknown> = {
    url,
    repository_url: repoApi,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    id: i.id,
    node_id: i.nodeId,
    number: i.number,
    title: i.title,
    user: userByLogin(ctx, i.author),
    labels: i.labels
      .map((n) => r.labels.get(n.toLowerCase()))
      .filter((l): l is EmuLabel => l !== undefined)
      .map((l) => labelJson(ctx, r, l)),
    state: i.state,
    locked: i.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: milestone ? milestoneJson(ctx, r, milestone) : null,
    comments: i.comments.length,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.closedAt,
    author_association: association(ctx, r, i.author),
    type: type ? issueTypeJson(type) : null,
    active_lock_reason: null,
    sub_issues_summary: subIssuesSummary(ctx.state.subIssuesOf(r, i.number)),
    ...(i.parent !== null && { parent_issue_url: `${repoApi}/issues/${i.parent}` }),
    issue_dependencies_summary: {
      blocked_by: 0,
      total_blocked_by: 0,
      blocking: 0,
      total_blocking: 0,
    },
    body: i.body,
    reactions: reactions(`${url}/reactions`),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: i.pullRequest ? null : i.stateReason,
  };
  if (opts.single) out.closed_by = i.closedBy ? userByLogin(ctx, i.closedBy) : null;
  if (i.pullRequest) {
    out.draft = i.pullRequest.draft;
    out.pull_request = {
      url: `${repoApi}/pulls/${i.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: i.pullRequest.mergedAt,
    };
  }
  return out;
}

/** GitHub's `sub_issues_summary`: closed sub-issues count as completed. */
function subIssuesSummary(subs: EmuIssue[]): Record<string, number> {
  const completed = subs.filter((s) => s.state === 'closed').length;
  const total = subs.length;
  return {
    total,
    completed,
    percent_completed: total === 0 ? 0 : Math.floor((completed * 100) / total),
  };
}

function commentJson(ctx: RestContext, r: EmuRepo, c: EmuComment): Record<string, unknown> {
  const issue = r.issues.get(c.issueNumber);
  const url = `${ctx.apiBase}/repos/${r.fullName}/issues/comments/${c.id}`;
  return {
    url,
    html_url: `${ctx.serverUrl}/${r.fullName}/${issue?.pullRequest ? 'pull' : 'issues'}/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${ctx.apiBase}/repos/${r.fullName}/issues/${c.issueNumber}`,
    id: c.id,
    node_id: c.nodeId,
    user: userByLogin(ctx, c.author),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: association(ctx, r, c.author),
    body: c.body,
    reactions: reactions(`${url}/reactions`),
    performed_via_github_app: null,
  };
}

function repoUrls(api: string, full: string): Record<string, string> {
  const b = `${api}/repos/${full}`;
  return {
    url: b,
    forks_url: `${b}/forks`,
    keys_url: `${b}/keys{/key_id}`,
    collaborators_url: `${b}/collaborators{/collaborator}`,
    teams_url: `${b}/teams`,
    hooks_url: `${b}/hooks`,
    issue_events_url: `${b}/issues/events{/number}`,
    events_url: `${b}/events`,
    assignees_url: `${b}/assignees{/user}`,
    branches_url: `${b}/branches{/branch}`,
    tags_url: `${b}/tags`,
    blobs_url: `${b}/git/blobs{/sha}`,
    git_tags_url: `${b}/git/tags{/sha}`,
    git_refs_url: `${b}/git/refs{/sha}`,
    trees_url: `${b}/git/trees{/sha}`,
    statuses_url: `${b}/statuses/{sha}`,
    languages_url: `${b}/languages`,
    stargazers_url: `${b}/stargazers`,
    contributors_url: `${b}/contributors`,
    subscribers_url: `${b}/subscribers`,
    subscription_url: `${b}/subscription`,
    commits_url: `${b}/commits{/sha}`,
    git_commits_url: `${b}/git/commits{/sha}`,
    comments_url: `${b}/comments{/number}`,
    issue_comment_url: `${b}/issues/comments{/number}`,
    contents_url: `${b}/contents/{+path}`,
    compare_url: `${b}/compare/{base}...{head}`,
    merges_url: `${b}/merges`,
    archive_url: `${b}/{archive_format}{/ref}`,
    downloads_url: `${b}/downloads`,
    issues_url: `${b}/issues{/number}`,
    pulls_url: `${b}/pulls{/number}`,
    milestones_url: `${b}/milestones{/number}`,
    notifications_url: `${b}/notifications{?since,all,participating}`,
    labels_url: `${b}/labels{/name}`,
    releases_url: `${b}/releases{/id}`,
    deployments_url: `${b}/deployments`,
  };
}

function permissionsOf(ctx: RestContext): Record<string, boolean> {
  const s = ctx.identity?.spec;
  const admin = !!s && s.kind === 'user' && s.members === 'read' && s.contents === 'write';
  const push = !!s && (s.contents === 'write' || s.issues === 'write');
  return { admin, maintain: admin, push, triage: push, pull: true };
}

function simpleRepoJson(ctx: RestContext, r: EmuRepo): Record<string, unknown> {
  return {
    id: r.id,
    node_id: r.nodeId,
    name: r.name,
    full_name: r.fullName,
    private: r.private,
    owner: userJson(ctx, ctx.state.user(r.owner)),
    html_url: `${ctx.serverUrl}/${r.fullName}`,
    description: r.description,
    fork: false,
    ...repoUrls(ctx.apiBase, r.fullName),
  };
}

function fullRepoJson(ctx: RestContext, r: EmuRepo): Record<string, unknown> {
  const open = [...r.issues.values()].filter((i) => i.state === 'open').length;
  const host = new URL(ctx.serverUrl).host;
  const owner = ctx.state.findOwner(r.owner);
  return {
    ...simpleRepoJson(ctx, r),
    created_at: r.createdAt,
    updated_at: r.createdAt,
    pushed_at: r.createdAt,
    git_url: `git://${host}/${r.fullName}.git`,
    ssh_url: `git@${host}:${r.fullName}.git`,
    clone_url: `${ctx.serverUrl}/${r.fullName}.git`,
    svn_url: `${ctx.serverUrl}/${r.fullName}`,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: r.hasIssues,
    has_projects: true,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: r.archived,
    disabled: false,
    open_issues_count: open,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: r.private ? 'private' : 'public',
    forks: 0,
    open_issues: open,
    watchers: 0,
    default_branch: r.defaultBranch,
    permissions: permissionsOf(ctx),
    network_count: 0,
    subscribers_count: 0,
    ...(owner?.type === 'Organization'
      ? { organization: userJson(ctx, ctx.state.user(r.owner)) }
      : {}),
  };
}

function pullJson(ctx: RestContext, r: EmuRepo, i: EmuIssue): Record<string, unknown> {
  const pr = i.pullRequest;
  if (!pr) throw new Error('not a pull request');
  const base = issueJson(ctx, r, i);
  const api = `${ctx.apiBase}/repos/${r.fullName}`;
  const html = `${ctx.serverUrl}/${r.fullName}/pull/${i.number}`;
  const headRepo = pr.headRepo ? ctx.state.findRepo(pr.headRepo) : r;
  const sha = (ref: string) => blobSha(`${r.fullName}@${ref}`);
  const side = (repo: EmuRepo, ref: string) => ({
    label: `${repo.owner}:${ref}`,
    ref,
    sha: sha(ref),
    user: userByLogin(ctx, repo.owner),
    repo: fullRepoJson(ctx, repo),
  });
  return {
    url: `${api}/pulls/${i.number}`,
    id: i.id,
    node_id: i.nodeId,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${i.number}`,
    commits_url: `${api}/pulls/${i.number}/commits`,
    review_comments_url: `${api}/pulls/${i.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${i.number}/comments`,
    statuses_url: `${api}/statuses/${sha(pr.headRef)}`,
    number: i.number,
    state: i.state,
    locked: i.locked,
    title: i.title,
    user: base.user,
    body: i.body,
    labels: base.labels,
    milestone: base.milestone,
    active_lock_reason: null,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.closedAt,
    merged_at: pr.mergedAt,
    merge_commit_sha: pr.merged ? sha(`merge-${i.number}`) : null,
    assignee: base.assignee,
    assignees: base.assignees,
    requested_reviewers: [],
    requested_teams: [],
    head: side(headRepo ?? r, pr.headRef),
    base: side(r, pr.baseRef),
    _links: {
      self: { href: `${api}/pulls/${i.number}` },
      html: { href: html },
      issue: { href: `${api}/issues/${i.number}` },
      comments: { href: `${api}/issues/${i.number}/comments` },
      review_comments: { href: `${api}/pulls/${i.number}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${api}/pulls/${i.number}/commits` },
      statuses: { href: `${api}/statuses/${sha(pr.headRef)}` },
    },
    author_association: base.author_association,
    auto_merge: null,
    draft: pr.draft,
    merged: pr.merged,
    mergeable: pr.merged ? null : true,
    rebaseable: pr.merged ? null : true,
    mergeable_state: pr.merged ? 'unknown' : 'clean',
    merged_by: pr.merged ? userByLogin(ctx, r.owner) : null,
    comments: i.comments.length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 0,
    deletions: 0,
    changed_files: 0,
  };
}

// ---------------------------------------------------------------- helpers

function repoOf(ctx: RestContext): EmuRepo {
  const r = ctx.state.findRepo(`${ctx.params.owner ?? ''}/${ctx.params.repo ?? ''}`);
  if (!r || (r.private && !ctx.identity)) throw new HttpError(404, 'Not Found');
  return r;
}

function issueOf(ctx: RestContext, r: EmuRepo): EmuIssue {
  const n = Number(ctx.params.issue_number ?? ctx.params.pull_number);
  const i = Number.isInteger(n) ? r.issues.get(n) : undefined;
  if (!i) throw new HttpError(404, 'Not Found');
  return i;
}

type Perm = 'issues' | 'pullRequests' | 'contents';
const PERM_NAME: Record<Perm, string> = {
  issues: 'issues',
  pullRequests: 'pull_requests',
  contents: 'contents',
};

/**
 * Checks the token may `need` the resource. Issue routes on a pull request accept either the
 * issues or the pull_requests permission, like GitHub.
 */
function requireAccess(ctx: RestContext, perms: Perm[], need: 'read' | 'write'): void {
  if (!ctx.identity) {
    if (need === 'write') throw new HttpError(401, 'Requires authentication');
    return;
  }
  const spec = ctx.identity.spec;
  if (perms.some((p) => allows(spec[p] as Access, need))) return;
  const accepted = perms.map((p) => `${PERM_NAME[p]}=${need}`).join('; ');
  throw new HttpError(
    403,
    spec.kind === 'installation'
      ? 'Resource not accessible by integration'
      : 'Resource not accessible by personal access token',
    {},
    { 'x-accepted-github-permissions': accepted },
  );
}

const issuePerms = (i: EmuIssue | null): Perm[] =>
  i?.pullRequest ? ['issues', 'pullRequests'] : ['issues'];

function perPage(ctx: RestContext): number {
  const n = Number(ctx.query.get('per_page') ?? 30);
  return Number.isFinite(n) && n >= 1 ? Math.min(100, Math.floor(n)) : 30;
}

function pageNumber(ctx: RestContext): number {
  const n = Number(ctx.query.get('page') ?? 1);
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1;
}

/**
 * One page of `items` with GitHub's Link header. `linkPath` is the path GitHub puts in its
 * links (`/repositories/{id}/issues` for repository lists).
 */
function paginate<T>(
  ctx: RestContext,
  items: T[],
  linkPath: string,
): { page: T[]; headers: Record<string, string> } {
  const size = perPage(ctx);
  const page = pageNumber(ctx);
  const last = Math.max(1, Math.ceil(items.length / size));
  const slice = items.slice((page - 1) * size, page * size);
  const link = (p: number) => {
    const q = new URLSearchParams(ctx.query);
    q.delete('page');
    q.append('page', String(p));
    return `<${ctx.apiBase}${linkPath}?${q.toString()}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${link(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
  if (page > 1) rels.push(`${link(1)}; rel="first"`);
  return { page: slice, headers: rels.length ? { link: rels.join(', ') } : {} };
}

const ms = (iso: string) => Date.parse(iso);
const BODY_LIMIT = 65536;

function validationFailed(errors: Array<Record<string, unknown>>): HttpError {
  return new HttpError(422, 'Validation Failed', { errors });
}

function bodyObject(ctx: RestContext): Record<string, unknown> {
  return ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body)
    ? (ctx.body as Record<string, unknown>)
    : {};
}

function names(xs: unknown, key: string): string[] {
  return (Array.isArray(xs) ? xs : [])
    .map((x) =>
      typeof x === 'string'
        ? x
        : x && typeof x === 'object'
          ? (x as Record<string, unknown>)[key]
          : undefined,
    )
    .filter((x): x is string => typeof x === 'string');
}

function checkText(value: unknown, resource: string, field: string): void {
  if (typeof value === 'string' && value.length > BODY_LIMIT)
    throw validationFailed([
      {
        resource,
        code: 'custom',
        field,
        message: `${field} is too long (maximum is ${BODY_LIMIT} characters)`,
      },
    ]);
}

function resolveMilestone(r: EmuRepo, v: unknown): number | null {
  if (v === null) return null;
  const n = Number(v);
  if (!Number.isInteger(n) || !r.milestones.has(n))
    throw validationFailed([{ value: v, resource: 'Issue', field: 'milestone', code: 'invalid' }]);
  return n;
}

function resolveAssignees(ctx: RestContext, r: EmuRepo, logins: string[]): string[] {
  for (const l of logins) {
    if (!ctx.state.canBeAssigned(r, l))
      throw validationFailed([
        { value: l, resource: 'Issue', field: 'assignees', code: 'invalid' },
      ]);
  }
  return uniqueCi(logins.map((l) => ctx.state.user(l).login));
}

function resolveType(ctx: RestContext, r: EmuRepo, v: unknown): string | null {
  const name = v && typeof v === 'object' ? (v as Record<string, unknown>).value : v;
  if (name === null || name === undefined) return null;
  const t = ctx.state.ownerOf(r).issueTypes.get(String(name).toLowerCase());
  if (!t)
    throw validationFailed([{ value: name, resource: 'Issue', field: 'type', code: 'invalid' }]);
  return t.name;
}

function teamOf(ctx: RestContext): EmuTeam {
  const spec = ctx.identity?.spec;
  if (!spec || spec.members !== 'read') {
    if (spec?.teamDenial === 403)
      throw new HttpError(
        403,
        spec.kind === 'installation'
          ? 'Resource not accessible by integration'
          : 'Must have admin rights to Repository.',
        {},
        { 'x-accepted-github-permissions': 'members=read' },
      );
    throw new HttpError(404, 'Not Found');
  }
  const t = ctx.state.findTeam(ctx.params.org ?? '', ctx.params.team_slug ?? '');
  if (!t) throw new HttpError(404, 'Not Found');
  return t;
}

// ---------------------------------------------------------------- handlers

function listIssuesRest(ctx: RestContext, items: EmuIssue[]): EmuIssue[] {
  const q = ctx.query;
  const state = q.get('state') ?? 'open';
  const labels = (q.get('labels') ?? '')
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
  const milestone = q.get('milestone');
  const assignee = q.get('assignee');
  const creator = q.get('creator');
  const mentioned = q.get('mentioned');
  const type = q.get('type');
  const since = q.get('since') ? ms(q.get('since') ?? '') : null;
  const out = items.filter((i) => {
    if (state !== 'all' && i.state !== state) return false;
    if (labels.length && !labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)))
      return false;
    if (milestone !== null) {
      if (
        milestone === 'none'
          ? i.milestone !== null
          : milestone === '*'
            ? i.milestone === null
            : String(i.milestone) !== milestone
      )
        return false;
    }
    if (assignee !== null) {
      if (
        assignee === 'none'
          ? i.assignees.length > 0
          : assignee === '*'
            ? i.assignees.length === 0
            : !i.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase())
      )
        return false;
    }
    if (creator !== null && i.author.toLowerCase() !== creator.toLowerCase()) return false;
    if (mentioned !== null && !(i.body ?? '').toLowerCase().includes(`@${mentioned.toLowerCase()}`))
      return false;
    if (type !== null) {
      if (
        type === 'none'
          ? i.issueType !== null
          : type === '*'
            ? i.issueType === null
            : (i.issueType ?? '').toLowerCase() !== type.toLowerCase()
      )
        return false;
    }
    if (since !== null && ms(i.updatedAt) < since) return false;
    return true;
  });
  const sort = q.get('sort') ?? 'created';
  const sign = (q.get('direction') ?? 'desc') === 'asc' ? 1 : -1;
  // ISO timestamps in one format compare as strings: no Date.parse in the comparator.
  const value = (i: EmuIssue): string | number =>
    sort === 'updated' ? i.updatedAt : sort === 'comments' ? i.comments.length : i.createdAt;
  out.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    return sign * (x < y ? -1 : x > y ? 1 : a.number - b.number);
  });
  return out;
}

function searchIssues(ctx: RestContext): RestResult {
  const q = ctx.query.get('q') ?? '';
  if (!q.trim()) throw validationFailed([{ resource: 'Search', field: 'q', code: 'missing' }]);
  const found = ctx.state
    .search(q, { includePrivate: !!ctx.identity })
    .map(({ repo, issue }) => ({ r: repo, i: issue }));
  const sort = ctx.query.get('sort');
  const sign = ctx.query.get('order') === 'asc' ? 1 : -1;
  if (sort === 'created' || sort === 'updated')
    found.sort(
      (a, b) =>
        sign *
        (ms(sort === 'created' ? a.i.createdAt : a.i.updatedAt) -
          ms(sort === 'created' ? b.i.createdAt : b.i.updatedAt)),
    );
  else if (sort === 'comments')
    found.sort((a, b) => sign * (a.i.comments.length - b.i.comments.length));
  const { page, headers } = paginate(ctx, found, '/search/issues');
  return {
    status: 200,
    headers,
    body: {
      total_count: found.length,
      incomplete_results: false,
      search_type: 'lexical',
      items: page.map(({ r, i }) => ({ ...issueJson(ctx, r, i), score: 1 })),
    },
  };
}

/** The pull request of `r` whose head commit `ref` is (its sha or `refs/pull/N/head`). */
function pullRequestAtRef(ctx: RestContext, r: EmuRepo, ref: string): EmuIssue | undefined {
  const pull = /^(?:refs\/)?pull\/(\d+)\/head$/.exec(ref);
  if (pull)
    return r.issues.get(Number(pull[1]))?.pullRequest ? r.issues.get(Number(pull[1])) : undefined;
  if (!/^[0-9a-f]{40}$/i.test(ref)) return undefined;
  return [...r.issues.values()].find(
    (i) => i.pullRequest && blobSha(`${r.fullName}@${i.pullRequest.headRef}`) === ref,
  );
}

/**
 * Files of a ref; a pull request's head commit (sha or refs/pull/N/head) is served from its
 * head branch, in the fork for a fork's pull request, as GitHub serves it from the base
 * repository's network.
 */
function filesOfRef(
  ctx: RestContext,
  r: EmuRepo,
  ref: string | null,
): Map<string, string> | undefined {
  const pr = ref ? pullRequestAtRef(ctx, r, ref)?.pullRequest : undefined;
  if (pr) {
    const headRepo = (pr.headRepo ? ctx.state.findRepo(pr.headRepo) : r) ?? r;
    // A head branch the test never set up holds what the base holds: no file changed.
    return headRepo.files.get(pr.headRef) ?? ctx.state.filesAt(r, pr.baseRef);
  }
  return ctx.state.filesAt(r, ref);
}

function contents(ctx: RestContext): RestResult {
  const r = repoOf(ctx);
  requireAccess(ctx, ['contents'], 'read');
  const ref = ctx.query.get('ref');
  const files = filesOfRef(ctx, r, ref);
  if (!files) throw new HttpError(404, `No commit found for the ref ${ref ?? ''}`);
  const path = (ctx.params.path ?? '').replace(/^\/+|\/+$/g, '');
  const refName = ref ?? r.defaultBranch;
  const entry = (p: string, type: 'file' | 'dir', text?: string) => {
    const sha = text !== undefined ? blobSha(text) : blobSha(`tree:${p}`);
    const self = `${ctx.apiBase}/repos/${r.fullName}/contents/${p}?ref=${encodeURIComponent(refName)}`;
    const html = `${ctx.serverUrl}/${r.fullName}/${type === 'file' ? 'blob' : 'tree'}/${refName}/${p}`;
    const git = `${ctx.apiBase}/repos/${r.fullName}/git/${type === 'file' ? 'blobs' : 'trees'}/${sha}`;
    return {
      type,
      size: text !== undefined ? Buffer.byteLength(text) : 0,
      name: p.split('/').pop() ?? p,
      path: p,
      sha,
      url: self,
      git_url: git,
      html_url: html,
      download_url:
        type === 'file' ? `https://raw.githubusercontent.com/${r.fullName}/${refName}/${p}` : null,
      _links: { self, git, html },
    };
  };
  const text = files.get(path);
  if (text !== undefined) {
    if (/application\/vnd\.github(\.v3)?\.raw/.test(ctx.accept)) {
      return { status: 200, text, contentType: 'application/vnd.github.raw; charset=utf-8' };
    }
    // GitHub wraps base64 at 60 characters per line, with a trailing newline.
    const b64 = Buffer.from(text, 'utf8').toString('base64');
    const content = (b64.match(/.{1,60}/g) ?? []).join('\n') + '\n';
    return { status: 200, body: { ...entry(path, 'file', text), content, encoding: 'base64' } };
  }
  const prefix = path ? `${path}/` : '';
  const children = new Map<string, 'file' | 'dir'>();
  for (const p of files.keys()) {
    if (!p.startsWith(prefix)) continue;
    const rest = p.slice(prefix.length);
    const [head, ...more] = rest.split('/');
    if (head) children.set(head, more.length > 0 ? 'dir' : 'file');
  }
  if (children.size === 0) throw new HttpError(404, 'Not Found');
  return {
    status: 200,
    body: [...children.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, type]) =>
        entry(
          `${prefix}${name}`,
          type,
          type === 'file' ? files.get(`${prefix}${name}`) : undefined,
        ),
      ),
  };
}

function addLabels(ctx: RestContext, i: EmuIssue, r: EmuRepo, wanted: string[]): void {
  i.labels = uniqueCi([
    ...i.labels,
    ...wanted.map((n) => ctx.state.addLabel(n, { repo: r.fullName }).name),
  ]);
}

export const HANDLERS: Record<string, Handler> = {
  'GET /rate_limit': (ctx) => ({ status: 200, body: ctx.rateLimitOverview() }),

  'GET /repos/{owner}/{repo}': (ctx) => ({ status: 200, body: fullRepoJson(ctx, repoOf(ctx)) }),

  'GET /repos/{owner}/{repo}/issues': (ctx) => {
    const r = repoOf(ctx);
    requireAccess(ctx, ['issues', 'pullRequests'], 'read');
    const items = listIssuesRest(ctx, [...r.issues.values()]);
    const { page, headers } = paginate(ctx, items, `/repositories/${r.id}/issues`);
    return { status: 200, headers, body: page.map((i) => issueJson(ctx, r, i)) };
  },

  'POST /repos/{owner}/{repo}/issues': (ctx) => {
    const r = repoOf(ctx);
    requireAccess(ctx, ['issues'], 'write');
    if (!r.hasIssues) throw new HttpError(410, 'Issues are disabled for this repo');
    const b = bodyObject(ctx);
    const title = b.title === undefined || b.title === null ? '' : String(b.title);
    if (!title.trim())
      throw validationFailed([{ resource: 'Issue', code: 'missing_field', field: 'title' }]);
    checkText(b.body, 'Issue', 'body');
    const assignees = resolveAssignees(ctx, r, [
      ...names(b.assignees, 'login'),
      ...(typeof b.assignee === 'string' ? [b.assignee] : []),
    ]);
    const milestone = b.milestone === undefined ? undefined : resolveMilestone(r, b.milestone);
    const type = b.type === undefined ? undefined : resolveType(ctx, r, b.type);
    const issue = ctx.state.addIssue({
      repo: r.fullName,
      title,
      body: typeof b.body === 'string' ? b.body : null,
      author: ctx.identity?.spec.login || 'ghost',
      labels: names(b.labels, 'name'),
      assignees,
      milestone,
      issueType: type,
      createdAt: isoNow(),
    });
    return {
      status: 201,
      headers: { location: `${ctx.apiBase}/repos/${r.fullName}/issues/${issue.number}` },
      body: issueJson(ctx, r, issue, { single: true }),
    };
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}': (ctx) => {
    const r = repoOf(ctx);
    const i = issueOf(ctx, r);
    requireAccess(ctx, issuePerms(i), 'read');
    return { status: 200, body: issueJson(ctx, r, i, { single: true }) };
  },

  'PATCH /repos/{owner}/{repo}/issues/{issue_number}': (ctx) => {
    const r = repoOf(ctx);
    const i = issueOf(ctx, r);
    requireAccess(ctx, issuePerms(i), 'write');
    const b = bodyObject(ctx);
    checkText(b.body, 'Issue', 'body');
    if ('title' in b && b.title !== null) {
      const t = String(b.title);
      if (!t.trim())
        throw validationFailed([{ resource: 'Issue', code: 'missing_field', field: 'title' }]);
      i.title = t;
    }
    if ('body' in b) i.body = typeof b.body === 'string' ? b.body : null;
    if (Array.isArray(b.labels)) {
      i.labels = [];
      addLabels(ctx, i, r, names(b.labels, 'name'));
    }
    if (Array.isArray(b.assignees))
      i.assignees = resolveAssignees(ctx, r, names(b.assignees, 'login'));
    else if ('assignee' in b)
      i.assignees = typeof b.assignee === 'string' ? resolveAssignees(ctx, r, [b.assignee]) : [];
    if ('milestone' in b) i.milestone = resolveMilestone(r, b.milestone);
    if ('type' in b && !i.pullRequest) i.issueType = resolveType(ctx, r, b.type);
    if (b.state === 'open' || b.state === 'closed') {
      if (b.state !== i.state) {
        i.state = b.state;
        i.closedAt = b.state === 'closed' ? isoNow() : null;
        i.closedBy = b.state === 'closed' ? ctx.identity?.spec.login || null : null;
        if (!i.pullRequest)
          i.stateReason =
            b.state === 'closed'
              ? ((b.state_reason as EmuIssue['stateReason']) ?? 'completed')
              : 'reopened';
      } else if (b.state === 'closed' && typeof b.state_reason === 'string' && !i.pullRequest) {
        i.stateReason = b.state_reason as EmuIssue['stateReason'];
      }
    }
    i.updatedAt = isoNow();
    return { status: 200, body: issueJson(ctx, r, i, { single: true }) };
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': (ctx) => {
    const r = repoOf(ctx);
    const i = issueOf(ctx, r);
    requireAccess(ctx, issuePerms(i), 'read');
    const since = ctx.query.get('since') ? ms(ctx.query.get('since') ?? '') : null;
    const list = i.comments.filter((c) => since === null || ms(c.updatedAt) >= since);
    const { page, headers } = paginate(
      ctx,
      list,
      `/repositories/${r.id}/issues/${i.number}/comments`,
    );
    return { status: 200, headers, body: page.map((c) => commentJson(ctx, r, c)) };
  },

  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': (ctx) => {
    const r = repoOf(ctx);
    const i = issueOf(ctx, r);
    requireAccess(ctx, issuePerms(i), 'write');
    const b = bodyObject(ctx);
    const body = typeof b.body === 'string' ? b.body : '';
    if (!body.trim())
      throw validationFailed([{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
    checkText(body, 'IssueComment', 'body');
    if (i.locked) throw new HttpError(403, 'Unable to create comment because issue is locked.');
    const c = ctx.state.addComment(
      i.number,
      { body, author: ctx.identity?.spec.login || 'ghost', createdAt: isoNow() },
      r.fullName,
    );
    i.updatedAt = c.createdAt;
    return {
      status: 201,
      headers: { location: `${ctx.apiBase}/repos/${r.fullName}/issues/comments/${c.id}` },
      body: commentJson(ctx, r, c),
    };
  },

  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
    const r = repoOf(ctx);
    const c = commentOf(ctx, r);
    requireAccess(ctx, issuePerms(r.issues.get(c.issueNumber) ?? null), 'read');
    return { status: 200, body: commentJson(ctx, r, c) };
  },

  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
    const r = repoOf(ctx);
    const c = commentOf(ctx, r);
    requireAccess(ctx, issuePerms(r.issues.get(c.issueNumber) ?? null), 'write');
    const b = bodyObject(ctx);
    const body = typeof b.body === 'string' ? b.body : '';
    if (!body.trim())
      throw validationFailed([{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
    checkText(body, 'IssueComment', 'body');
    c.body = body;
    c.updatedAt = isoNow();
    return { status: 200, body: commentJson(ctx, r, c) };
  },

  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
    const r = repoOf(ctx);
    const c = commentOf(ctx, r);
    const i = r.issues.get(c.issueNumber);
    requireAccess(ctx, issuePerms(i ?? null), 'write');
    if (i) i.comments = i.comments.filter((x) => x.id !== c.id);
    ctx.state.comments.delete(c.id);
    ctx.state.nodes.delete(c.nodeId);
    return { status: 204 };
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}/labels': (ctx) => {
    const r = repoOf(ctx);
    const i = issueOf(ctx, r);
    requireAccess(ctx, issuePerms(i), 'read');
    const ls = i.labels.map((n) => r.labels.get(n.toLowerCase())).filter((l): l is EmuLabel => !!l);
    const { page, headers } = paginate(ctx, ls, `/repositories/${r.id}/issues/${i.number}/labels`);
    return { status: 200, headers, body: page.map((l) => labelJson(ctx, r, l)) };
  },

  'POST /repos/{owner}/{repo}/issues/{issue_number}/labels': (ctx) => {
    const r = repoOf(ctx);
    const i = issueOf(ctx, r);
    requireAccess(ctx, issuePerms(i), 'write');
    const wanted = Array.isArray(ctx.body)
      ? names(ctx.body, 'name')
      : names(bodyObject(ctx).labels, 'name');
    addLabels(ctx, i, r, wanted);
    i.updatedAt = isoNow();
    const ls = i.labels.map((n) => r.labels.get(n.toLowerCase())).filter((l): l is EmuLabel => !!l);
    return { status: 200, body: ls.map((l) => labelJson(ctx, r, l)) };
  },

  'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}': (ctx) => {
    const r = repoOf(ctx);
    const i = issueOf(ctx, r);
    requireAccess(ctx, issuePerms(i), 'write');
    const name = (ctx.params.name ?? '').toLowerCase();
    if (!i.labels.some((l) => l.toLowerCase() === name))
      throw new HttpError(404, 'Label does not exist');
    i.labels = i.labels.filter((l) => l.toLowerCase() !== name);
    i.updatedAt = isoNow();
    const ls = i.labels.map((n) => r.labels.get(n.toLowerCase())).filter((l): l is EmuLabel => !!l);
    return { status: 200, body: ls.map((l) => labelJson(ctx, r, l)) };
  },

  'POST /repos/{owner}/{repo}/issues/{issue_number}/assignees': (ctx) => {
    const r = repoOf(ctx);
    const i = issueOf(ctx, r);
    requireAccess(ctx, issuePerms(i), 'write');
    // Users who cannot be assigned are silently ignored; at most 10 assignees.
    const add = names(bodyObject(ctx).assignees, 'login').filter((l) =>
      ctx.state.canBeAssigned(r, l),
    );
    i.assignees = uniqueCi([...i.assignees, ...add.map((l) => ctx.state.user(l).login)]).slice(
      0,
      10,
    );
    i.updatedAt = isoNow();
    return { status: 201, body: issueJson(ctx, r, i, { single: true }) };
  },

  'GET /repos/{owner}/{repo}/assignees/{assignee}': (ctx) => {
    const r = repoOf(ctx);
    if (!ctx.state.canBeAssigned(r, ctx.params.assignee ?? ''))
      throw new HttpError(404, 'Not Found');
    return { status: 204 };
  },

  'GET /repos/{owner}/{repo}/assignees': (ctx) => {
    const r = repoOf(ctx);
    const list = r.assignable
      ? [...r.assignable].map((l) => ctx.state.user(l))
      : [...ctx.state.users.values()].filter((u) => u.type === 'User');
    const { page, headers } = paginate(ctx, list, `/repositories/${r.id}/assignees`);
    return { status: 200, headers, body: page.map((u) => userJson(ctx, u)) };
  },

  'GET /repos/{owner}/{repo}/labels': (ctx) => {
    const r = repoOf(ctx);
    const { page, headers } = paginate(ctx, [...r.labels.values()], `/repositories/${r.id}/labels`);
    return { status: 200, headers, body: page.map((l) => labelJson(ctx, r, l)) };
  },

  'GET /repos/{owner}/{repo}/milestones': (ctx) => {
    const r = repoOf(ctx);
    const state = ctx.query.get('state') ?? 'open';
    const list = [...r.milestones.values()].filter((m) => state === 'all' || m.state === state);
    const { page, headers } = paginate(ctx, list, `/repositories/${r.id}/milestones`);
    return { status: 200, headers, body: page.map((m) => milestoneJson(ctx, r, m)) };
  },

  'GET /repos/{owner}/{repo}/contents/{path}': contents,

  'GET /repos/{owner}/{repo}/pulls/{pull_number}': (ctx) => {
    const r = repoOf(ctx);
    const i = issueOf(ctx, r);
    if (!i.pullRequest) throw new HttpError(404, 'Not Found');
    requireAccess(ctx, ['pullRequests'], 'read');
    return { status: 200, body: pullJson(ctx, r, i) };
  },

  // What the pull request changes: its head branch's files against its base branch's.
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': (ctx) => {
    const r = repoOf(ctx);
    const i = issueOf(ctx, r);
    const pr = i.pullRequest;
    if (!pr) throw new HttpError(404, 'Not Found');
    requireAccess(ctx, ['pullRequests'], 'read');
    const headSha = blobSha(`${r.fullName}@${pr.headRef}`);
    const before = ctx.state.filesAt(r, pr.baseRef) ?? new Map<string, string>();
    const after = filesOfRef(ctx, r, headSha) ?? new Map<string, string>();
    const names = [...new Set([...before.keys(), ...after.keys()])].sort();
    const lines = (t: string | undefined) => (t === undefined ? 0 : t.split('\n').length);
    const list = names.flatMap((name) => {
      const a = before.get(name);
      const b = after.get(name);
      if (a === b) return [];
      const status = a === undefined ? 'added' : b === undefined ? 'removed' : 'modified';
      const additions = status === 'removed' ? 0 : lines(b);
      const deletions = status === 'added' ? 0 : lines(a);
      const at = status === 'removed' ? pr.baseRef : headSha;
      return [
        {
          sha: status === 'removed' ? null : blobSha(b ?? ''),
          filename: name,
          status,
          additions,
          deletions,
          changes: additions + deletions,
          blob_url: `${ctx.serverUrl}/${r.fullName}/blob/${at}/${name}`,
          raw_url: `${ctx.serverUrl}/${r.fullName}/raw/${at}/${name}`,
          contents_url: `${ctx.apiBase}/repos/${r.fullName}/contents/${name}?ref=${at}`,
        },
      ];
    });
    const { page, headers } = paginate(ctx, list, `/repositories/${r.id}/pulls/${i.number}/files`);
    return { status: 200, headers, body: page };
  },

  'GET /repos/{owner}/{repo}/pulls': (ctx) => {
    const r = repoOf(ctx);
    requireAccess(ctx, ['pullRequests'], 'read');
    const state = ctx.query.get('state') ?? 'open';
    const base = ctx.query.get('base');
    const list = [...r.issues.values()]
      .filter(
        (i) =>
          i.pullRequest &&
          (state === 'all' || i.state === state) &&
          (!base || i.pullRequest.baseRef === base),
      )
      .sort((a, b) => b.number - a.number);
    const { page, headers } = paginate(ctx, list, `/repositories/${r.id}/pulls`);
    return { status: 200, headers, body: page.map((i) => pullJson(ctx, r, i)) };
  },

  'GET /orgs/{org}/teams/{team_slug}': (ctx) => {
    const t = teamOf(ctx);
    const org = ctx.state.owner(t.org);
    const api = `${ctx.apiBase}/organizations/${org.id}/team/${t.id}`;
    return {
      status: 200,
      body: {
        id: t.id,
        node_id: t.nodeId,
        url: api,
        html_url: `${ctx.serverUrl}/orgs/${t.org}/teams/${t.slug}`,
        name: t.name,
        slug: t.slug,
        description: t.description,
        privacy: t.privacy,
        notification_setting: 'notifications_enabled',
        permission: 'pull',
        members_url: `${api}/members{/member}`,
        repositories_url: `${api}/repos`,
        parent: null,
        members_count: t.members.length,
        repos_count: 0,
        created_at: isoNow(Date.parse('2024-01-01T00:00:00Z')),
        updated_at: isoNow(Date.parse('2024-01-01T00:00:00Z')),
        organization: {
          ...userJson(ctx, ctx.state.user(org.login)),
          name: org.login,
          company: null,
          blog: null,
          location: null,
          email: null,
          has_organization_projects: true,
          has_repository_projects: true,
          public_repos: 0,
          public_gists: 0,
          followers: 0,
          following: 0,
          created_at: isoNow(Date.parse('2020-01-01T00:00:00Z')),
          updated_at: isoNow(Date.parse('2020-01-01T00:00:00Z')),
          archived_at: null,
          description: null,
          hooks_url: `${ctx.apiBase}/orgs/${org.login}/hooks`,
          issues_url: `${ctx.apiBase}/orgs/${org.login}/issues`,
          members_url: `${ctx.apiBase}/orgs/${org.login}/members{/member}`,
          public_members_url: `${ctx.apiBase}/orgs/${org.login}/public_members{/member}`,
        },
        type: 'organization',
        organization_id: org.id,
      },
    };
  },

  'GET /orgs/{org}/teams/{team_slug}/members': (ctx) => {
    const t = teamOf(ctx);
    const role = ctx.query.get('role') ?? 'all';
    const list = t.members.filter((m) => {
      const maint = t.maintainers.has(m.toLowerCase());
      return role === 'all' || (role === 'maintainer' ? maint : !maint);
    });
    const org = ctx.state.owner(t.org);
    const { page, headers } = paginate(ctx, list, `/organizations/${org.id}/team/${t.id}/members`);
    return {
      status: 200,
      headers,
      body: page.map((m) => ({
        ...userByLogin(ctx, m),
        role: t.maintainers.has(m.toLowerCase()) ? 'maintainer' : 'member',
        inherited: false,
      })),
    };
  },

  'GET /orgs/{org}/teams/{team_slug}/memberships/{username}': (ctx) => {
    const t = teamOf(ctx);
    const login = (ctx.params.username ?? '').toLowerCase();
    if (!t.members.some((m) => m.toLowerCase() === login)) throw new HttpError(404, 'Not Found');
    const org = ctx.state.owner(t.org);
    return {
      status: 200,
      body: {
        url: `${ctx.apiBase}/organizations/${org.id}/team/${t.id}/memberships/${ctx.params.username ?? ''}`,
        role: t.maintainers.has(login) ? 'maintainer' : 'member',
        state: 'active',
      },
    };
  },

  'GET /user': (ctx) => {
    const spec = ctx.identity?.spec;
    if (!spec) throw new HttpError(401, 'Requires authentication');
    if (spec.kind === 'installation')
      throw new HttpError(403, 'Resource not accessible by integration');
    const u = ctx.state.user(spec.login);
    return {
      status: 200,
      body: {
        ...userJson(ctx, u),
        name: u.name,
        company: null,
        blog: '',
        location: null,
        email: null,
        hireable: null,
        bio: null,
        public_repos: 0,
        public_gists: 0,
        followers: 0,
        following: 0,
        created_at: isoNow(Date.parse('2020-01-01T00:00:00Z')),
        updated_at: isoNow(Date.parse('2020-01-01T00:00:00Z')),
      },
    };
  },

  'GET /search/issues': searchIssues,
};

function commentOf(ctx: RestContext, r: EmuRepo): EmuComment {
  const c = ctx.state.comments.get(Number(ctx.params.comment_id));
  if (!c || c.repoId !== r.id) throw new HttpError(404, 'Not Found');
  return c;
}

/**
 * GitHub's own paginated links point at `/repositories/{id}/...` and
 * `/organizations/{id}/team/{id}/...`; rewrite them to the documented routes.
 */
export function unalias(state: EmuState, path: string): string | null {
  let m = /^\/repositories\/(\d+)(\/.*)?$/.exec(path);
  if (m) {
    const r = state.reposById.get(Number(m[1]));
    return r ? `/repos/${r.owner}/${r.name}${m[2] ?? ''}` : null;
  }
  m = /^\/organizations\/(\d+)\/team\/(\d+)(\/.*)?$/.exec(path);
  if (m) {
    for (const o of state.owners.values()) {
      if (o.id !== Number(m[1])) continue;
      for (const t of o.teams.values())
        if (t.id === Number(m[2])) return `/orgs/${o.login}/teams/${t.slug}${m[3] ?? ''}`;
    }
    return null;
  }
  return null;
}
