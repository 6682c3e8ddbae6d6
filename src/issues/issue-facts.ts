// Normalises issue objects from the three shapes the tool reads (REST, GraphQL, `gh` JSON)
// into the compact `IssueFacts` the engine works on. The body is reduced to its
// backlog-lint-disable directives at once; nothing else of it is kept.
import type { IssueFacts } from '../types.js';
import { extractDirectives } from './directives.js';

export { extractDirectives };

/** Bad input: names the field and what was expected (callers add file / index). */
export class IssueShapeError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'IssueShapeError';
    this.field = field;
  }
}

type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string')
    return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

function asObject(v: unknown, what: string): Obj {
  if (!isObject(v)) throw new IssueShapeError('', `expected ${what} object, got ${kindOf(v)}`);
  return v;
}

function reqNumber(o: Obj, field: string): number {
  const v = o[field];
  if (v === undefined)
    throw new IssueShapeError(field, `missing "${field}" (expected a positive integer)`);
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new IssueShapeError(field, `"${field}" must be a positive integer, got ${kindOf(v)}`);
  }
  return v;
}

function reqString(o: Obj, field: string): string {
  const v = o[field];
  if (v === undefined) throw new IssueShapeError(field, `missing "${field}" (expected a string)`);
  if (typeof v !== 'string')
    throw new IssueShapeError(field, `"${field}" must be a string, got ${kindOf(v)}`);
  return v;
}

function optString(o: Obj, field: string): string | null {
  const v = o[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string')
    throw new IssueShapeError(field, `"${field}" must be a string, got ${kindOf(v)}`);
  return v;
}

function state(o: Obj): 'open' | 'closed' {
  const v = o.state;
  if (v === undefined || v === null) return 'open';
  // GraphQL's enum spelling, the common case: no lower-cased copy.
  if (v === 'OPEN' || v === 'open') return 'open';
  if (v === 'CLOSED' || v === 'closed') return 'closed';
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    if (s === 'open' || s === 'closed') return s;
  }
  throw new IssueShapeError('state', `"state" must be "open" or "closed", got ${kindOf(v)}`);
}

/**
 * Names out of a list: plain strings, objects with `key` (`{name}` / `{login}`), or a
 * GraphQL connection `{ nodes: [...] }`. Missing or null means an empty list.
 */
function names(v: unknown, field: string, key: string): string[] {
  if (v === undefined || v === null) return [];
  let list: unknown = v;
  if (isObject(v) && 'nodes' in v) list = v.nodes ?? [];
  if (!Array.isArray(list)) {
    throw new IssueShapeError(field, `"${field}" must be a list, got ${kindOf(v)}`);
  }
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (item === null || item === undefined) continue; // GraphQL nodes may be null
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    if (isObject(item) && typeof item[key] === 'string') {
      out.push(item[key]);
      continue;
    }
    throw new IssueShapeError(
      `${field}[${i}]`,
      `"${field}[${i}]" must be a string or an object with "${key}", got ${kindOf(item)}`,
    );
  }
  return out;
}

/** `{ <key>: string }` → the string; null / missing → null; a bare string is accepted. */
function nested(v: unknown, field: string, key: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (isObject(v)) {
    const inner = v[key];
    if (inner === undefined || inner === null) return null;
    if (typeof inner === 'string') return inner;
  }
  throw new IssueShapeError(
    field,
    `"${field}" must be null or an object with "${key}", got ${kindOf(v)}`,
  );
}

/** `owner/name` of a GitHub issue URL (web or API), lower-cased; null when not one. */
function repoOfIssueUrl(url: string | null): string | null {
  if (url === null) return null;
  const m = /\/(?:repos\/)?([^/]+)\/([^/]+)\/issues\/\d+\/?$/.exec(url);
  return m ? `${m[1]}/${m[2]}`.toLowerCase() : null;
}

/**
 * The sub-issue facts: the parent's number when it is in the issue's own repository (a
 * parent elsewhere shares numbers with nothing here), and the sub-issue count. Absent keys
 * mean the source does not say.
 */
function subIssueFacts(
  parentNumber: number | null | undefined,
  parentRepo: string | null,
  ownRepo: string | null,
  total: unknown,
): Pick<IssueFacts, 'parent' | 'subIssues'> {
  const facts: Pick<IssueFacts, 'parent' | 'subIssues'> = {};
  if (parentNumber === null) facts.parent = null;
  else if (parentNumber !== undefined) {
    const elsewhere = parentRepo !== null && ownRepo !== null && parentRepo !== ownRepo;
    facts.parent = elsewhere ? null : parentNumber;
  }
  if (typeof total === 'number' && Number.isInteger(total) && total >= 0) facts.subIssues = total;
  return facts;
}

/** True for a REST issue object that is a pull request (the `pull_request` key is set). */
export function isRestPullRequest(obj: Obj): boolean {
  return obj.pull_request !== undefined && obj.pull_request !== null;
}

/**
 * A REST issue object (`GET /repos/{owner}/{repo}/issues[/{n}]`, event payloads).
 * Returns null for pull requests (objects with a non-null `pull_request` key).
 */
export function fromRestIssue(obj: unknown): IssueFacts | null {
  const o = asObject(obj, 'an issue');
  if (isRestPullRequest(o)) return null;
  const assignees =
    o.assignees === undefined || o.assignees === null
      ? o.assignee
        ? [o.assignee]
        : []
      : o.assignees;
  return {
    number: reqNumber(o, 'number'),
    title: reqString(o, 'title'),
    url: optString(o, 'html_url') ?? '',
    state: state(o),
    labels: names(o.labels, 'labels', 'name'),
    assignees: names(assignees, 'assignees', 'login'),
    author: nested(o.user, 'user', 'login'),
    milestone: nested(o.milestone, 'milestone', 'title'),
    issueType: nested(o.type, 'type', 'name'),
    directives: extractDirectives(optString(o, 'body')),
    ...restSubIssues(o),
  };
}

/** REST: `parent_issue_url` (API URL of the parent) and `sub_issues_summary.total`. */
function restSubIssues(o: Obj): Pick<IssueFacts, 'parent' | 'subIssues'> {
  const parentUrl = o.parent_issue_url;
  let parent: number | null | undefined;
  let parentRepo: string | null = null;
  if (parentUrl === null) parent = null;
  else if (typeof parentUrl === 'string') {
    const m = /\/issues\/(\d+)\/?$/.exec(parentUrl);
    parent = m ? Number(m[1]) : undefined;
    parentRepo = repoOfIssueUrl(parentUrl);
  }
  const summary = isObject(o.sub_issues_summary) ? o.sub_issues_summary.total : undefined;
  const own = repoOfIssueUrl(typeof o.url === 'string' ? o.url : null);
  return subIssueFacts(parent, parentRepo, own, summary);
}

/**
 * A GraphQL `Issue` node with the fields of `ISSUE_FIELDS_FRAGMENT`. `repository` is not
 * set here: the caller knows which repository is "this" one.
 */
export function fromGraphqlIssue(node: unknown): IssueFacts {
  const o = asObject(node, 'an issue');
  return {
    number: reqNumber(o, 'number'),
    title: reqString(o, 'title'),
    url: optString(o, 'url') ?? '',
    state: state(o),
    labels: names(o.labels, 'labels', 'name'),
    assignees: names(o.assignees, 'assignees', 'login'),
    author: graphqlAuthor(o.author),
    milestone: nested(o.milestone, 'milestone', 'title'),
    issueType: nested(o.issueType, 'issueType', 'name'),
    directives: extractDirectives(optString(o, 'body')),
    ...graphqlSubIssues(o),
  };
}

/** GraphQL: `parent { number repository { nameWithOwner } }` and `subIssuesSummary { total }`. */
function graphqlSubIssues(o: Obj): Pick<IssueFacts, 'parent' | 'subIssues'> {
  if (!('parent' in o) && !('subIssuesSummary' in o)) return {};
  const parent = o.parent;
  let number: number | null | undefined;
  let parentRepo: string | null = null;
  if (parent === null) number = null;
  else if (isObject(parent) && typeof parent.number === 'number') {
    number = parent.number;
    const repo = isObject(parent.repository) ? parent.repository.nameWithOwner : undefined;
    parentRepo = typeof repo === 'string' ? repo.toLowerCase() : null;
  }
  const summary = isObject(o.subIssuesSummary) ? o.subIssuesSummary.total : undefined;
  // The issue's own repository matters only beside a parent's (most issues have no parent).
  const own = parentRepo !== null ? repoOfIssueUrl(optString(o, 'url')) : null;
  return subIssueFacts(number, parentRepo, own, summary);
}

/** GraphQL gives a bot's login without the `[bot]` suffix REST uses (and ignore.authors lists). */
function graphqlAuthor(v: unknown): string | null {
  const login = nested(v, 'author', 'login');
  const bot =
    v !== null && typeof v === 'object' && (v as { __typename?: unknown }).__typename === 'Bot';
  return login && bot && !login.endsWith('[bot]') ? `${login}[bot]` : login;
}

/** `gh` spells bot authors `app/<name>` (with `is_bot`); GitHub logins are `<name>[bot]`. */
function ghAuthor(v: unknown): string | null {
  const login = nested(v, 'author', 'login');
  if (login && isObject(v) && v.is_bot === true && login.startsWith('app/'))
    return `${login.slice(4)}[bot]`;
  return login;
}

/**
 * One entry of `gh issue list --json number,title,labels,assignees,milestone,body,author[,url,state]`.
 * Lenient on purpose (labels / assignees as strings or objects, url and state optional) so
 * hand-written samples work too.
 */
export function fromGhIssue(obj: unknown): IssueFacts {
  const o = asObject(obj, 'an issue');
  const issueType = o.issueType !== undefined ? o.issueType : o.type;
  return {
    number: reqNumber(o, 'number'),
    title: reqString(o, 'title'),
    url: optString(o, 'url') ?? '',
    state: state(o),
    labels: names(o.labels, 'labels', 'name'),
    assignees: names(o.assignees, 'assignees', 'login'),
    author: ghAuthor(o.author),
    milestone: nested(o.milestone, 'milestone', 'title'),
    issueType: nested(issueType, 'issueType', 'name'),
    directives: extractDirectives(optString(o, 'body')),
  };
}
