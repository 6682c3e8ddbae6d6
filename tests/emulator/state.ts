// In-memory model of the parts of GitHub the emulator serves: users, organisations with teams
// and issue types, repositories with issues and pull requests (numbered in one sequence, as on
// GitHub), labels, milestones, comments and file contents per ref. Pure data + helpers, no I/O.

import { createHash } from 'node:crypto';

export type IssueTypeColor =
  'GRAY' | 'BLUE' | 'GREEN' | 'YELLOW' | 'ORANGE' | 'RED' | 'PINK' | 'PURPLE';

export type StateReason = 'completed' | 'not_planned' | 'reopened' | 'duplicate';

export interface EmuUser {
  login: string;
  id: number;
  nodeId: string;
  type: 'User' | 'Bot' | 'Organization';
  name: string | null;
}

export interface EmuLabel {
  id: number;
  nodeId: string;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
  createdAt: string;
}

export interface EmuMilestone {
  id: number;
  nodeId: string;
  number: number;
  title: string;
  state: 'open' | 'closed';
  description: string | null;
  dueOn: string | null;
  creator: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface EmuIssueType {
  id: number;
  nodeId: string;
  name: string;
  description: string | null;
  color: IssueTypeColor;
  isEnabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface EmuComment {
  id: number;
  nodeId: string;
  repoId: number;
  issueNumber: number;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

export interface EmuPullRequestInfo {
  baseRef: string;
  headRef: string;
  /** `owner/name` of the head repository when the PR comes from a fork; null = same repo. */
  headRepo: string | null;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  /** Issues linked by hand in the sidebar ("Development"): `#n` or `owner/repo#n`. */
  linkedIssues: string[];
}

export interface EmuIssue {
  repoId: number;
  number: number;
  id: number;
  nodeId: string;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: StateReason | null;
  author: string;
  /** Label names as spelled by the repository's labels. */
  labels: string[];
  /** Logins as spelled by the users. */
  assignees: string[];
  /** Milestone number. */
  milestone: number | null;
  /** Issue type name as spelled by the owner's issue types. */
  issueType: string | null;
  /** Parent issue (GitHub sub-issues), a number in the same repository; null when none. */
  parent: number | null;
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  comments: EmuComment[];
  /** Set for pull requests: GitHub numbers issues and PRs in one sequence. */
  pullRequest: EmuPullRequestInfo | null;
}

export interface EmuRepo {
  id: number;
  nodeId: string;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  description: string | null;
  defaultBranch: string;
  hasIssues: boolean;
  archived: boolean;
  createdAt: string;
  issues: Map<number, EmuIssue>;
  nextNumber: number;
  /** Keyed by lower-cased name. */
  labels: Map<string, EmuLabel>;
  milestones: Map<number, EmuMilestone>;
  nextMilestone: number;
  /** ref → (path → text). */
  files: Map<string, Map<string, string>>;
  /** Users who can be assigned (lower-cased logins); null = anyone (default). */
  assignable: Set<string> | null;
}

export interface EmuTeam {
  id: number;
  nodeId: string;
  org: string;
  slug: string;
  name: string;
  description: string | null;
  privacy: 'closed' | 'secret';
  /** Logins in the order they were added. */
  members: string[];
  /** Lower-cased logins of maintainers. */
  maintainers: Set<string>;
}

/** An organisation or a user account that owns repositories (and issue types). */
export interface EmuOwner {
  login: string;
  id: number;
  nodeId: string;
  type: 'Organization' | 'User';
  /** Keyed by slug (lower-cased). */
  teams: Map<string, EmuTeam>;
  /** Keyed by lower-cased name. */
  issueTypes: Map<string, EmuIssueType>;
}

export type NodeRef =
  | { kind: 'Issue' | 'PullRequest'; repo: EmuRepo; issue: EmuIssue }
  | { kind: 'IssueComment'; repo: EmuRepo; comment: EmuComment }
  | { kind: 'Label'; repo: EmuRepo; label: EmuLabel }
  | { kind: 'Milestone'; repo: EmuRepo; milestone: EmuMilestone }
  | { kind: 'User' | 'Bot'; user: EmuUser }
  | { kind: 'Organization'; owner: EmuOwner }
  | { kind: 'Repository'; repo: EmuRepo }
  | { kind: 'Team'; team: EmuTeam }
  | { kind: 'IssueType'; owner: EmuOwner; issueType: EmuIssueType };

// ---------------------------------------------------------------- inputs

export interface IssueSpec {
  /** Defaults to the next free number of the repository. */
  number?: number;
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  stateReason?: StateReason | null;
  author?: string;
  labels?: string[];
  assignees?: string[];
  /** Milestone title (created when missing) or number (must exist). */
  milestone?: string | number | null;
  /** Issue type name (created on the owner when missing). */
  issueType?: string | null;
  /** Makes it a sub-issue of this issue of the same repository (which must exist). */
  parent?: number | null;
  locked?: boolean;
  createdAt?: string;
  updatedAt?: string;
  comments?: Array<string | { body: string; author?: string; createdAt?: string }>;
  /** `owner/name`; defaults to the emulator's default repository. */
  repo?: string;
}

export interface PullRequestSpec extends IssueSpec {
  /** Base branch; defaults to the repository's default branch. */
  base?: string;
  head?: string;
  headRepo?: string | null;
  draft?: boolean;
  merged?: boolean;
  /** Issues linked by hand (not through closing keywords in the body): numbers or `owner/repo#n`. */
  linkedIssues?: Array<number | string>;
}

export interface RepoSpec {
  private?: boolean;
  defaultBranch?: string;
  description?: string | null;
  hasIssues?: boolean;
  /** Type of the owner account when it does not exist yet (default Organization). */
  ownerType?: 'Organization' | 'User';
}

export interface SeedOptions {
  /** Pull requests mixed into the same number sequence. */
  pullRequests?: number;
  /** How many of the `n` issues are closed (spread evenly). */
  closed?: number;
  repo?: string;
  /** PRNG seed for the generated attributes (deterministic). */
  seed?: number;
  /** Logins to draw assignees from. */
  users?: string[];
  /** Label names to draw from. */
  labels?: string[];
  /** Issue type names to draw from. */
  issueTypes?: string[];
  /** Milestone titles to draw from. */
  milestones?: string[];
}

export interface SeedResult {
  issues: number[];
  pullRequests: number[];
}

// ---------------------------------------------------------------- helpers

/** GitHub's timestamp format: ISO 8601 without milliseconds. */
export function isoNow(ms: number = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const NODE_PREFIX: Record<NodeRef['kind'], string> = {
  Issue: 'I',
  PullRequest: 'PR',
  IssueComment: 'IC',
  Label: 'LA',
  Milestone: 'MI',
  User: 'U',
  Bot: 'BOT',
  Organization: 'O',
  Repository: 'R',
  Team: 'T',
  IssueType: 'IT',
};

/** Opaque, GitHub-looking node ids ("I_kwDO…"-style prefix + base64url payload). */
export function makeNodeId(kind: NodeRef['kind'], id: number): string {
  return `${NODE_PREFIX[kind]}_kwDO${Buffer.from(`${kind}:${id}`).toString('base64url')}`;
}

/** Git blob sha of a text, as the contents API reports it. */
export function blobSha(text: string): string {
  const buf = Buffer.from(text, 'utf8');
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${buf.length}\0`), buf]))
    .digest('hex');
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LABEL_COLORS = [
  'd73a4a',
  '0075ca',
  'cfd3d7',
  'a2eeef',
  '7057ff',
  '008672',
  'e4e669',
  'd876e3',
];
const SEED_EPOCH = Date.parse('2024-01-01T00:00:00Z');

export class EmuError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmuError';
  }
}

// ---------------------------------------------------------------- state

/**
 * Mutation stamp shared by every emulator state: views derived from the issues (the filtered
 * and sorted lists GraphQL pages through, the sub-issue index) are cached against it, so a
 * page of a 100,000-issue backlog is a slice instead of a filter and sort of the repository.
 * Bumped by every EmuState method that changes data or hands out a mutable issue or
 * repository, and by the server on every write request (REST non-GET, GraphQL mutation).
 * Code that changes state objects it reached some other way calls `touchState()` after.
 */
let stateVersion = 0;

/** Forgets the views derived from any emulator state (see `stateVersion`). */
export function touchState(): void {
  stateVersion++;
}

/**
 * Changes an issue as GitHub does when someone edits it: the fields, then `updatedAt` (now, or
 * `at`), and the views derived from the state dropped.
 */
export function updateIssue(
  issue: EmuIssue | undefined,
  change: (i: EmuIssue) => void,
  at: number = Date.now(),
): void {
  if (!issue) throw new Error('updateIssue: no such issue');
  change(issue);
  issue.updatedAt = new Date(at).toISOString();
  touchState();
}

/** The current mutation stamp (see `stateVersion`). */
export function currentStateVersion(): number {
  return stateVersion;
}

/** Sub-issues by parent number, per repository, valid while the stamp and size are. */
const subIssueIndex = new WeakMap<
  EmuRepo,
  { version: number; size: number; byParent: Map<number, EmuIssue[]> }
>();

export class EmuState {
  readonly users = new Map<string, EmuUser>();
  readonly owners = new Map<string, EmuOwner>();
  readonly repos = new Map<string, EmuRepo>();
  readonly reposById = new Map<number, EmuRepo>();
  readonly comments = new Map<number, EmuComment>();
  readonly nodes = new Map<string, NodeRef>();
  /** `owner/name` used when a helper is called without `repo`. */
  defaultRepo: string;
  private nextId = 1000;
  /** Seeded items get increasing timestamps so creation order = number order. */
  private seedClock = SEED_EPOCH;

  constructor(defaultRepo = 'acme/widgets') {
    this.defaultRepo = defaultRepo;
    this.addRepo(defaultRepo);
  }

  newId(): number {
    return this.nextId++;
  }

  private tick(): string {
    this.seedClock += 60_000;
    return isoNow(this.seedClock);
  }

  // ------------------------------------------------------------ users / owners

  /** The user with that login (case-insensitive), created when missing. `name[bot]` logins are bots. */
  user(login: string, type?: EmuUser['type']): EmuUser {
    const key = login.toLowerCase();
    let u = this.users.get(key);
    if (!u) {
      const id = this.newId();
      const t = type ?? (/\[bot\]$/i.test(login) ? 'Bot' : 'User');
      u = {
        login,
        id,
        nodeId: makeNodeId(
          t === 'Bot' ? 'Bot' : t === 'Organization' ? 'Organization' : 'User',
          id,
        ),
        type: t,
        name: null,
      };
      this.users.set(key, u);
      if (t !== 'Organization')
        this.nodes.set(u.nodeId, { kind: t === 'Bot' ? 'Bot' : 'User', user: u });
    }
    return u;
  }

  findUser(login: string): EmuUser | undefined {
    return this.users.get(login.toLowerCase());
  }

  owner(login: string, type: EmuOwner['type'] = 'Organization'): EmuOwner {
    const key = login.toLowerCase();
    let o = this.owners.get(key);
    if (!o) {
      const u = this.user(login, type);
      o = {
        login: u.login,
        id: u.id,
        nodeId: u.nodeId,
        type,
        teams: new Map(),
        issueTypes: new Map(),
      };
      this.owners.set(key, o);
      this.nodes.set(o.nodeId, { kind: 'Organization', owner: o });
    }
    return o;
  }

  findOwner(login: string): EmuOwner | undefined {
    return this.owners.get(login.toLowerCase());
  }

  /** Creates (or returns) an organisation team; members are logins (users are created). */
  addTeam(
    org: string,
    slug: string,
    members: string[] = [],
    opts: {
      name?: string;
      description?: string | null;
      privacy?: 'closed' | 'secret';
      maintainers?: string[];
    } = {},
  ): EmuTeam {
    const o = this.owner(org, 'Organization');
    const key = slug.toLowerCase();
    let t = o.teams.get(key);
    if (!t) {
      const id = this.newId();
      t = {
        id,
        nodeId: makeNodeId('Team', id),
        org: o.login,
        slug: key,
        name: opts.name ?? slug,
        description: opts.description ?? null,
        privacy: opts.privacy ?? 'closed',
        members: [],
        maintainers: new Set(),
      };
      o.teams.set(key, t);
      this.nodes.set(t.nodeId, { kind: 'Team', team: t });
    }
    for (const m of [...members, ...(opts.maintainers ?? [])]) {
      const u = this.user(m);
      if (!t.members.some((x) => x.toLowerCase() === u.login.toLowerCase()))
        t.members.push(u.login);
    }
    for (const m of opts.maintainers ?? []) t.maintainers.add(m.toLowerCase());
    return t;
  }

  findTeam(org: string, slug: string): EmuTeam | undefined {
    return this.findOwner(org)?.teams.get(slug.toLowerCase());
  }

  /**
   * Renames an issue type as an organisation admin does: every issue that has it shows the new
   * name, and none of them is updated (GitHub leaves `updatedAt` alone, so a since-read
   * cannot see the change).
   */
  renameIssueType(from: string, to: string, opts: { owner?: string } = {}): EmuIssueType {
    touchState();
    const o = this.owner(opts.owner ?? this.resolveRepo().owner);
    const t = o.issueTypes.get(from.toLowerCase());
    if (!t) throw new EmuError(`no issue type ${JSON.stringify(from)}`);
    const old = t.name;
    t.name = to;
    t.updatedAt = this.tick();
    // Re-keyed in place: the list keeps its order.
    const entries = [...o.issueTypes].map(([key, v]): [string, EmuIssueType] =>
      v === t ? [to.toLowerCase(), v] : [key, v],
    );
    o.issueTypes.clear();
    for (const [key, v] of entries) o.issueTypes.set(key, v);
    for (const repo of this.repos.values()) {
      if (repo.owner.toLowerCase() !== o.login.toLowerCase()) continue;
      for (const issue of repo.issues.values()) if (issue.issueType === old) issue.issueType = to;
    }
    return t;
  }

  /** Issue types live on the owner (organisation) of a repository, as on GitHub. */
  addIssueType(
    name: string,
    opts: {
      owner?: string;
      description?: string | null;
      color?: IssueTypeColor;
      isEnabled?: boolean;
    } = {},
  ): EmuIssueType {
    touchState();
    const ownerLogin = opts.owner ?? this.resolveRepo().owner;
    const o = this.owner(ownerLogin);
    let t = o.issueTypes.get(name.toLowerCase());
    if (!t) {
      const id = this.newId();
      const now = this.tick();
      t = {
        id,
        nodeId: makeNodeId('IssueType', id),
        name,
        description: opts.description ?? null,
        color: opts.color ?? 'GRAY',
        isEnabled: opts.isEnabled ?? true,
        createdAt: now,
        updatedAt: now,
      };
      o.issueTypes.set(name.toLowerCase(), t);
      this.nodes.set(t.nodeId, { kind: 'IssueType', owner: o, issueType: t });
    }
    return t;
  }

  // ------------------------------------------------------------ repositories

  addRepo(fullName: string, spec: RepoSpec = {}): EmuRepo {
    touchState();
    const existing = this.findRepo(fullName);
    if (existing) return existing;
    const [ownerLogin, name, extra] = fullName.split('/');
    if (!ownerLogin || !name || extra !== undefined)
      throw new EmuError(`bad repository name: ${fullName}`);
    const owner = this.owner(ownerLogin, spec.ownerType ?? 'Organization');
    const id = this.newId();
    const repo: EmuRepo = {
      id,
      nodeId: makeNodeId('Repository', id),
      owner: owner.login,
      name,
      fullName: `${owner.login}/${name}`,
      private: spec.private ?? false,
      description: spec.description ?? null,
      defaultBranch: spec.defaultBranch ?? 'main',
      hasIssues: spec.hasIssues ?? true,
      archived: false,
      createdAt: isoNow(SEED_EPOCH),
      issues: new Map(),
      nextNumber: 1,
      labels: new Map(),
      milestones: new Map(),
      nextMilestone: 1,
      files: new Map([[spec.defaultBranch ?? 'main', new Map()]]),
      assignable: null,
    };
    this.repos.set(repo.fullName.toLowerCase(), repo);
    this.reposById.set(repo.id, repo);
    this.nodes.set(repo.nodeId, { kind: 'Repository', repo });
    return repo;
  }

  findRepo(fullName: string): EmuRepo | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  /** The named repository (default: the default one); throws when missing. */
  resolveRepo(fullName?: string): EmuRepo {
    const name = fullName ?? this.defaultRepo;
    const r = this.findRepo(name);
    if (!r) throw new EmuError(`no repository ${name} in the emulator (addRepo first)`);
    return r;
  }

  ownerOf(repo: EmuRepo): EmuOwner {
    return this.owner(repo.owner);
  }

  /** Restrict who can be assigned in a repository (default: anyone). */
  setAssignable(logins: string[] | null, repo?: string): void {
    touchState();
    const r = this.resolveRepo(repo);
    r.assignable = logins ? new Set(logins.map((l) => l.toLowerCase())) : null;
    for (const l of logins ?? []) this.user(l);
  }

  canBeAssigned(repo: EmuRepo, login: string): boolean {
    const u = this.findUser(login);
    if (!u || u.type === 'Organization') return false;
    return repo.assignable === null || repo.assignable.has(login.toLowerCase());
  }

  // ------------------------------------------------------------ labels / milestones

  addLabel(
    name: string,
    opts: { repo?: string; color?: string; description?: string | null; default?: boolean } = {},
  ): EmuLabel {
    touchState();
    const r = this.resolveRepo(opts.repo);
    let l = r.labels.get(name.toLowerCase());
    if (!l) {
      const id = this.newId();
      l = {
        id,
        nodeId: makeNodeId('Label', id),
        name,
        color: opts.color ?? LABEL_COLORS[r.labels.size % LABEL_COLORS.length] ?? 'ededed',
        description: opts.description ?? null,
        default: opts.default ?? false,
        createdAt: isoNow(SEED_EPOCH),
      };
      r.labels.set(name.toLowerCase(), l);
      this.nodes.set(l.nodeId, { kind: 'Label', repo: r, label: l });
    }
    return l;
  }

  addMilestone(
    title: string,
    opts: {
      repo?: string;
      state?: 'open' | 'closed';
      description?: string | null;
      dueOn?: string | null;
    } = {},
  ): EmuMilestone {
    touchState();
    const r = this.resolveRepo(opts.repo);
    const found = [...r.milestones.values()].find((m) => m.title === title);
    if (found) return found;
    const id = this.newId();
    const now = this.tick();
    const m: EmuMilestone = {
      id,
      nodeId: makeNodeId('Milestone', id),
      number: r.nextMilestone++,
      title,
      state: opts.state ?? 'open',
      description: opts.description ?? null,
      dueOn: opts.dueOn ?? null,
      creator: r.owner,
      createdAt: now,
      updatedAt: now,
      closedAt: opts.state === 'closed' ? now : null,
    };
    r.milestones.set(m.number, m);
    this.nodes.set(m.nodeId, { kind: 'Milestone', repo: r, milestone: m });
    return m;
  }

  // ------------------------------------------------------------ issues / pull requests

  addIssue(spec: IssueSpec = {}): EmuIssue {
    return this.createIssue(spec, null);
  }

  addPullRequest(spec: PullRequestSpec = {}): EmuIssue {
    const r = this.resolveRepo(spec.repo);
    return this.createIssue(spec, {
      baseRef: spec.base ?? r.defaultBranch,
      headRef: spec.head ?? `feature-${r.nextNumber}`,
      headRepo: spec.headRepo ?? null,
      draft: spec.draft ?? false,
      merged: spec.merged ?? false,
      mergedAt: null,
      linkedIssues: (spec.linkedIssues ?? []).map((x) => (typeof x === 'number' ? `#${x}` : x)),
    });
  }

  private createIssue(spec: IssueSpec, pr: EmuPullRequestInfo | null): EmuIssue {
    touchState();
    const r = this.resolveRepo(spec.repo);
    const number = spec.number ?? r.nextNumber;
    if (r.issues.has(number)) throw new EmuError(`${r.fullName}#${number} already exists`);
    r.nextNumber = Math.max(r.nextNumber, number + 1);
    const id = this.newId();
    const createdAt = spec.createdAt ? isoNow(Date.parse(spec.createdAt)) : this.tick();
    const updatedAt = spec.updatedAt ? isoNow(Date.parse(spec.updatedAt)) : createdAt;
    const state = spec.state ?? (pr?.merged ? 'closed' : 'open');
    const issue: EmuIssue = {
      repoId: r.id,
      number,
      id,
      nodeId: makeNodeId(pr ? 'PullRequest' : 'Issue', id),
      title: spec.title ?? `${pr ? 'Pull request' : 'Issue'} ${number}`,
      body: spec.body === undefined ? '' : spec.body,
      state,
      stateReason: spec.stateReason ?? (state === 'closed' && !pr ? 'completed' : null),
      author: this.user(spec.author ?? 'octocat').login,
      labels: [],
      assignees: [],
      milestone: null,
      issueType: null,
      parent: null,
      locked: spec.locked ?? false,
      createdAt,
      updatedAt,
      closedAt: state === 'closed' ? updatedAt : null,
      closedBy: state === 'closed' ? r.owner : null,
      comments: [],
      pullRequest: pr,
    };
    if (pr?.merged) pr.mergedAt = issue.closedAt;
    if (spec.parent !== undefined && spec.parent !== null) {
      const parent = r.issues.get(spec.parent);
      if (!parent || parent.pullRequest || pr) {
        throw new EmuError(
          `${r.fullName}#${spec.parent} cannot be a parent (sub-issues link issues)`,
        );
      }
      issue.parent = spec.parent;
    }
    this.applyAttributes(r, issue, spec);
    r.issues.set(number, issue);
    this.nodes.set(issue.nodeId, { kind: pr ? 'PullRequest' : 'Issue', repo: r, issue });
    for (const c of spec.comments ?? []) {
      this.addComment(number, typeof c === 'string' ? { body: c } : c, r.fullName);
    }
    return issue;
  }

  /** The sub-issues of an issue, in the order they were added. */
  subIssuesOf(r: EmuRepo, number: number): EmuIssue[] {
    // One pass over the repository per state change, not one per issue asked about.
    let index = subIssueIndex.get(r);
    if (!index || index.version !== stateVersion || index.size !== r.issues.size) {
      const byParent = new Map<number, EmuIssue[]>();
      for (const i of r.issues.values()) {
        if (i.parent === null) continue;
        const list = byParent.get(i.parent);
        if (list) list.push(i);
        else byParent.set(i.parent, [i]);
      }
      index = { version: stateVersion, size: r.issues.size, byParent };
      subIssueIndex.set(r, index);
    }
    return [...(index.byParent.get(number) ?? [])];
  }

  /** Sets labels / assignees / milestone / issue type from a spec (creating what is missing). */
  applyAttributes(r: EmuRepo, issue: EmuIssue, spec: IssueSpec): void {
    touchState();
    if (spec.labels)
      issue.labels = uniqueCi(spec.labels.map((n) => this.addLabel(n, { repo: r.fullName }).name));
    if (spec.assignees) issue.assignees = uniqueCi(spec.assignees.map((a) => this.user(a).login));
    if (spec.milestone !== undefined) {
      if (spec.milestone === null) issue.milestone = null;
      else if (typeof spec.milestone === 'number') {
        if (!r.milestones.has(spec.milestone))
          throw new EmuError(`no milestone #${spec.milestone} in ${r.fullName}`);
        issue.milestone = spec.milestone;
      } else issue.milestone = this.addMilestone(spec.milestone, { repo: r.fullName }).number;
    }
    if (spec.issueType !== undefined) {
      issue.issueType =
        spec.issueType === null ? null : this.addIssueType(spec.issueType, { owner: r.owner }).name;
    }
  }

  findIssue(repo: EmuRepo, number: number): EmuIssue | undefined {
    return repo.issues.get(number);
  }

  /** The issue or pull request `number` of a repository (default repo). */
  issue(number: number, repo?: string): EmuIssue | undefined {
    touchState();
    return this.resolveRepo(repo).issues.get(number);
  }

  addComment(
    number: number,
    spec: { body: string; author?: string; createdAt?: string },
    repo?: string,
  ): EmuComment {
    touchState();
    const r = this.resolveRepo(repo);
    const issue = r.issues.get(number);
    if (!issue) throw new EmuError(`no issue ${r.fullName}#${number}`);
    const id = this.newId();
    const at = spec.createdAt ? isoNow(Date.parse(spec.createdAt)) : this.tick();
    const c: EmuComment = {
      id,
      nodeId: makeNodeId('IssueComment', id),
      repoId: r.id,
      issueNumber: number,
      body: spec.body,
      author: this.user(spec.author ?? 'octocat').login,
      createdAt: at,
      updatedAt: at,
    };
    issue.comments.push(c);
    this.comments.set(id, c);
    this.nodes.set(c.nodeId, { kind: 'IssueComment', repo: r, comment: c });
    return c;
  }

  // ------------------------------------------------------------ files

  /** Sets a file's text on a ref (default: the repository's default branch; new refs are created). */
  setFile(path: string, text: string, ref?: string, repo?: string): void {
    const r = this.resolveRepo(repo);
    const key = ref ?? r.defaultBranch;
    let files = r.files.get(key);
    if (!files) {
      files = new Map();
      r.files.set(key, files);
    }
    files.set(normalizePath(path), text);
  }

  deleteFile(path: string, ref?: string, repo?: string): void {
    const r = this.resolveRepo(repo);
    r.files.get(ref ?? r.defaultBranch)?.delete(normalizePath(path));
  }

  /** Creates an (empty or copied) branch. */
  addBranch(name: string, opts: { from?: string; repo?: string } = {}): void {
    const r = this.resolveRepo(opts.repo);
    if (!r.files.has(name))
      r.files.set(name, new Map(r.files.get(opts.from ?? r.defaultBranch) ?? []));
  }

  /** Files of a ref, or undefined when the ref does not exist. A 40-hex sha resolves to the default branch. */
  filesAt(repo: EmuRepo, ref?: string | null): Map<string, string> | undefined {
    if (!ref) return repo.files.get(repo.defaultBranch);
    const clean = ref.replace(/^refs\/(heads|tags)\//, '');
    return (
      repo.files.get(clean) ??
      (/^[0-9a-f]{40}$/i.test(clean) ? repo.files.get(repo.defaultBranch) : undefined)
    );
  }

  // ------------------------------------------------------------ pull request links

  /**
   * Issues a pull request closes: closing keywords in the body (only when the PR targets the
   * default branch, like GitHub) plus hand-made links. `userLinkedOnly` keeps only the latter.
   */
  closingIssues(
    repo: EmuRepo,
    pr: EmuIssue,
    userLinkedOnly = false,
  ): Array<{ repo: EmuRepo; issue: EmuIssue }> {
    const info = pr.pullRequest;
    if (!info) return [];
    const refs: string[] = [...info.linkedIssues];
    if (!userLinkedOnly && info.baseRef === repo.defaultBranch && pr.body) {
      const re = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+((?:[\w.-]+\/[\w.-]+)?#\d+)/gi;
      for (const m of pr.body.matchAll(re)) if (m[1]) refs.push(m[1]);
    }
    const out: Array<{ repo: EmuRepo; issue: EmuIssue }> = [];
    const seen = new Set<string>();
    for (const ref of refs) {
      const m = /^(?:([\w.-]+\/[\w.-]+))?#(\d+)$/.exec(ref.trim());
      if (!m) continue;
      const r = m[1] ? this.findRepo(m[1]) : repo;
      const issue = r?.issues.get(Number(m[2]));
      if (!r || !issue || issue.pullRequest) continue;
      const key = `${r.id}#${issue.number}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ repo: r, issue });
    }
    return out;
  }

  // ------------------------------------------------------------ search

  /**
   * Issue / pull request search with the common qualifiers (repo:, org:, user:, is:, state:,
   * in:title, label:, author:, assignee:, no:, sort:, `-` negation) and free-text terms
   * matched in title and body. Newest first unless `sort:` says otherwise.
   */
  search(
    q: string,
    opts: { includePrivate?: boolean } = {},
  ): Array<{ repo: EmuRepo; issue: EmuIssue }> {
    const tokens = q.match(/(?:[^\s"]+:)?"[^"]*"|\S+/g) ?? [];
    let repos: EmuRepo[] = [...this.repos.values()];
    const terms: string[] = [];
    const filters: Array<(i: EmuIssue) => boolean> = [];
    let inTitle = false;
    let sort: { field: 'createdAt' | 'updatedAt' | 'comments'; dir: 1 | -1 } = {
      field: 'createdAt',
      dir: -1,
    };
    for (const raw of tokens) {
      const m = /^(-?)([a-z-]+):(.*)$/i.exec(raw);
      if (!m) {
        terms.push(raw.replace(/^"|"$/g, '').toLowerCase());
        continue;
      }
      const neg = m[1] === '-';
      const key = (m[2] ?? '').toLowerCase();
      const lv = (m[3] ?? '').replace(/^"|"$/g, '').toLowerCase();
      let f: ((i: EmuIssue) => boolean) | null = null;
      if (key === 'repo') repos = repos.filter((r) => r.fullName.toLowerCase() === lv);
      else if (key === 'org' || key === 'user')
        repos = repos.filter((r) => r.owner.toLowerCase() === lv);
      else if (key === 'is' || key === 'type' || key === 'state') {
        if (lv === 'issue') f = (i) => !i.pullRequest;
        else if (lv === 'pr' || lv === 'pull-request') f = (i) => !!i.pullRequest;
        else if (lv === 'open' || lv === 'closed') f = (i) => i.state === lv;
        else if (lv === 'merged') f = (i) => !!i.pullRequest?.merged;
      } else if (key === 'in') inTitle = lv === 'title';
      else if (key === 'label') f = (i) => i.labels.some((l) => l.toLowerCase() === lv);
      else if (key === 'author') f = (i) => i.author.toLowerCase() === lv;
      else if (key === 'assignee') f = (i) => i.assignees.some((a) => a.toLowerCase() === lv);
      else if (key === 'no' && lv === 'assignee') f = (i) => i.assignees.length === 0;
      else if (key === 'no' && lv === 'label') f = (i) => i.labels.length === 0;
      else if (key === 'no' && lv === 'milestone') f = (i) => i.milestone === null;
      else if (key === 'sort') {
        const [field, dir] = lv.split('-');
        sort = {
          field:
            field === 'updated' ? 'updatedAt' : field === 'comments' ? 'comments' : 'createdAt',
          dir: dir === 'asc' ? 1 : -1,
        };
      } else terms.push(raw.toLowerCase());
      if (f) {
        const g = f;
        filters.push(neg ? (i) => !g(i) : g);
      }
    }
    const found: Array<{ repo: EmuRepo; issue: EmuIssue }> = [];
    for (const repo of repos) {
      if (repo.private && !opts.includePrivate) continue;
      for (const issue of repo.issues.values()) {
        if (!filters.every((f) => f(issue))) continue;
        const hay = (inTitle ? issue.title : `${issue.title}\n${issue.body ?? ''}`).toLowerCase();
        if (!terms.every((t) => hay.includes(t))) continue;
        found.push({ repo, issue });
      }
    }
    const value = (i: EmuIssue) => (sort.field === 'comments' ? i.comments.length : i[sort.field]);
    found.sort((a, b) => {
      const x = value(a.issue);
      const y = value(b.issue);
      return sort.dir * (x < y ? -1 : x > y ? 1 : a.issue.number - b.issue.number);
    });
    return found;
  }

  // ------------------------------------------------------------ seeding

  /**
   * Creates `n` issues with `pullRequests` pull requests spread through the same number
   * sequence, with deterministic varied labels, assignees, milestones and issue types.
   */
  seedBacklog(n: number, opts: SeedOptions = {}): SeedResult {
    const r = this.resolveRepo(opts.repo);
    const rand = mulberry32(opts.seed ?? 42);
    const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(rand() * xs.length)];
    const users = opts.users ?? ['alice', 'bob', 'carol', 'dave', 'erin'];
    const labels = opts.labels ?? [
      'feature',
      'roadmap',
      'customer-feedback',
      'pricing',
      'budget',
      'risk',
      'schedule',
      'dependency',
      'status-update',
      'bug',
      'needs-triage',
    ];
    const types = opts.issueTypes ?? ['Feature', 'Task', 'Bug'];
    const milestones = opts.milestones ?? ['v1.0', 'v1.1', 'Q3 planning'];
    const prs = opts.pullRequests ?? 0;
    const closed = opts.closed ?? 0;
    const total = n + prs;
    const result: SeedResult = { issues: [], pullRequests: [] };
    let prsMade = 0;
    let issuesMade = 0;
    for (let i = 0; i < total; i++) {
      // Spread PRs evenly: PR when the PR quota "due" by this position is not yet met.
      const isPr =
        prsMade < prs && (issuesMade >= n || Math.floor(((i + 1) * prs) / total) > prsMade);
      const labelCount = Math.floor(rand() * 3);
      const spec: PullRequestSpec = {
        repo: r.fullName,
        author: pick(users) ?? 'octocat',
        labels: Array.from({ length: labelCount }, () => pick(labels) ?? 'bug'),
        assignees: rand() < 0.7 ? [pick(users) ?? 'alice'] : [],
        milestone: rand() < 0.4 ? (pick(milestones) ?? null) : null,
      };
      if (isPr) {
        const target = result.issues.length > 0 ? pick(result.issues) : undefined;
        spec.title = `Change ${prsMade + 1}`;
        spec.body = target ? `Fixes #${target}` : 'No linked issue.';
        const pr = this.addPullRequest(spec);
        result.pullRequests.push(pr.number);
        prsMade++;
      } else {
        const isClosed =
          closed > 0 &&
          Math.floor(((issuesMade + 1) * closed) / n) > Math.floor((issuesMade * closed) / n);
        spec.title = `Backlog item ${issuesMade + 1}`;
        spec.body = `Generated issue ${issuesMade + 1}.`;
        spec.issueType = rand() < 0.3 ? (pick(types) ?? null) : null;
        spec.state = isClosed ? 'closed' : 'open';
        const issue = this.addIssue(spec);
        result.issues.push(issue.number);
        issuesMade++;
      }
    }
    return result;
  }
}

export function uniqueCi(xs: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const x of xs) {
    const k = x.toLowerCase();
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}

export function normalizePath(p: string): string {
  return p.replace(/^\/+/, '').replace(/\/+$/, '');
}
