// The since-read against the API emulator: a snapshot from a full read, a backlog that
// changes (new, edited, closed, reopened, transferred away), the issues updated since, the
// merge, and the result compared with a full read of the backlog as it is now.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  backlogPages,
  changedIssuePages,
  repositoryNames,
  CHANGED_ISSUES_QUERY,
  createOctokit,
  type GitHubClient,
} from '../../src/github/index.js';
import {
  changedIssueType,
  fullSnapshot,
  mergeSnapshot,
  openCount,
  type ChangedIssue,
} from '../../src/incremental/index.js';
import type { IssueFacts } from '../../src/types.js';
import {
  startEmulator,
  touchState,
  updateIssue,
  type Emulator,
  type EmuIssue,
} from '../emulator/index.js';
import { fakeClock } from '../support/fake-clock.js';
import { startServer, testClient } from './server.js';

let emu: Emulator;
let seq = 0;
beforeAll(async () => {
  emu = await startEmulator();
});
afterEach(() => {
  expect(emu.validationErrors).toEqual([]);
});
afterAll(async () => {
  await emu.stop();
});

function client(): GitHubClient {
  return createOctokit({
    token: 'ghp_changedIssuesToken',
    baseUrl: emu.url,
    graphqlUrl: emu.graphqlUrl,
    clock: fakeClock(),
  });
}

async function fullRead(gh: GitHubClient, repo: { owner: string; repo: string }) {
  const all: IssueFacts[] = [];
  for await (const page of backlogPages(gh, repo)) all.push(...page);
  return all.sort((a, b) => a.number - b.number);
}

async function sinceRead(gh: GitHubClient, repo: { owner: string; repo: string }, since: string) {
  const changed: ChangedIssue[] = [];
  let open = -1;
  let pages = 0;
  for await (const page of changedIssuePages(gh, repo, since)) {
    pages++;
    open = page.openCount;
    for (const facts of page.facts) changed.push({ facts });
  }
  return { changed, open, pages };
}

/** A fresh repository with `n` issues (10% closed); the time after the seed. */
function setup(n: number): { repo: { owner: string; repo: string }; after: number } {
  const name = `acme/changed-${++seq}`;
  emu.addRepo(name);
  emu.state.defaultRepo = name;
  emu.seedBacklog(n, { closed: Math.floor(n / 10), seed: seq });
  const last = Math.max(...[...emu.repo.issues.values()].map((i) => Date.parse(i.updatedAt)));
  const [owner, repo] = name.split('/') as [string, string];
  return { repo: { owner, repo }, after: last + 60_000 };
}

/** Changes issue `n` as GitHub would, updated at `at`. */
const update = (n: number, at: number, change: (i: EmuIssue) => void): void =>
  updateIssue(emu.issue(n), change, at);

describe('changedIssuePages', () => {
  it('the query reads open and closed issues updated since, oldest update first', () => {
    expect(CHANGED_ISSUES_QUERY).toContain('states: [OPEN, CLOSED], filterBy: { since: $since }');
    expect(CHANGED_ISSUES_QUERY).toContain('orderBy: { field: UPDATED_AT, direction: ASC }');
  });

  it('brought up to date, the snapshot equals a full read; a transfer shows in the open count', async () => {
    const { repo, after } = setup(600);
    const gh = client();
    const before = await fullRead(gh, repo);
    let snap = fullSnapshot({
      repository: `${repo.owner}/${repo.repo}`,
      digest: 'd',
      readAt: new Date(after).toISOString(),
      issues: before,
      reportIssues: [],
    });
    const t = after + 3_600_000;
    const open = before.map((i) => i.number);
    const closed = [...emu.repo.issues.values()].filter((i) => i.state === 'closed');
    // Edited, closed, reopened, new.
    update(open[3]!, t, (i) => (i.labels = ['budget']));
    update(open[4]!, t, (i) => (i.assignees = ['carol']));
    update(open[5]!, t, (i) => (i.title = '[Budget] renamed'));
    update(open[6]!, t, (i) => ((i.state = 'closed'), (i.closedAt = new Date(t).toISOString())));
    update(closed[0]!.number, t, (i) => ((i.state = 'open'), (i.closedAt = null)));
    emu.addIssue({ title: 'New one', labels: ['risk'], createdAt: new Date(t).toISOString() });

    const read = await sinceRead(gh, repo, new Date(after).toISOString());
    expect(read.pages).toBe(1);
    expect(read.changed.map((c) => c.facts.number).sort((a, b) => a - b)).toHaveLength(6);
    snap = mergeSnapshot(snap, read.changed, { readAt: new Date(t).toISOString() }).snapshot;
    expect(snap.issues).toEqual(await fullRead(gh, repo));
    expect(openCount(snap)).toBe(read.open);

    // Transferred away (the issue leaves the repository without an update here): the merge
    // cannot see it, the open count can.
    emu.repo.issues.delete(open[10]!);
    touchState();
    const t2 = t + 3_600_000;
    const again = await sinceRead(gh, repo, new Date(t).toISOString());
    const merged = mergeSnapshot(snap, again.changed, { readAt: new Date(t2).toISOString() });
    expect(openCount(merged.snapshot)).toBe(again.open + 1);
  });

  it('1% churn reads one page per 100 changed issues, not the backlog', async () => {
    // Scaled down 10×: 5,000 open issues, 50 changed → 1 page (50,000 with 500 → 5 pages ≤ 10).
    const { repo, after } = setup(5_000);
    const gh = client();
    const before = await fullRead(gh, repo);
    const t = after + 86_400_000;
    for (let k = 0; k < before.length / 100; k++) {
      const n = before[k * 97]!.number;
      update(n, t, (i) => (k % 5 === 0 ? (i.state = 'closed') : (i.labels = ['schedule'])));
    }
    emu.clearLog();
    const read = await sinceRead(gh, repo, new Date(after).toISOString());
    expect(read.changed.length).toBe(Math.ceil(before.length / 100));
    expect(
      emu.requests.filter((r) => r.graphql?.operationName === 'BacklogLintChangedIssues'),
    ).toHaveLength(1);
    expect(emu.requests).toHaveLength(1);
    const merged = mergeSnapshot(
      fullSnapshot({
        repository: 'x/y',
        digest: 'd',
        readAt: new Date(after).toISOString(),
        issues: before,
        reportIssues: [],
      }),
      read.changed,
      { readAt: new Date(t).toISOString() },
    ).snapshot;
    expect(merged.issues).toEqual(await fullRead(gh, repo));
  });
});

describe('repositoryNames', () => {
  it('every label and milestone (open and closed), as spelt, past 100 of each', async () => {
    const { repo } = setup(5);
    for (let i = 0; i < 150; i++) emu.addLabel(`area: part ${i}`);
    for (let i = 0; i < 120; i++)
      emu.addMilestone(`Sprint ${i}`, { state: i % 3 ? 'open' : 'closed' });
    const gh = client();
    const before = emu.requests.length;
    const names = await repositoryNames(gh, repo);
    // 150+ labels and 120+ milestones: two pages, the second asking for both.
    expect(names.requests).toBe(2);
    expect(emu.requests.length - before).toBe(2);
    const labels = [...emu.repo.labels.values()].map((l) => l.name);
    const milestones = [...emu.repo.milestones.values()].map((m) => m.title);
    expect(labels.length).toBeGreaterThan(150);
    expect([...names.labels].sort()).toEqual(labels.sort());
    expect([...names.milestones].sort()).toEqual(milestones.sort());
    expect(names.milestones).toContain('Sprint 0'); // a closed one
  });

  it('the issue types the repository can use, by id: a rename keeps the id, a disabled type leaves', async () => {
    const { repo } = setup(5);
    const gh = client();
    const before = await repositoryNames(gh, repo);
    expect(before.requests).toBe(1);
    const types = before.issueTypes ?? [];
    const bug = types.find((t) => t.name === 'Bug');
    expect(bug?.id).toMatch(/\S/);
    expect(changedIssueType(types, types)).toBeNull();
    const owner = emu.state.owner(repo.owner);
    const task = [...owner.issueTypes.values()].find((t) => t.name === 'Task');
    if (!task) throw new Error('no Task type');
    try {
      emu.renameIssueType('Bug', 'Defect');
      const renamed = (await repositoryNames(gh, repo)).issueTypes;
      expect(renamed?.find((t) => t.id === bug?.id)?.name).toBe('Defect');
      expect(renamed?.map((t) => t.id)).toEqual(types.map((t) => t.id)); // order kept
      expect(changedIssueType(types, renamed)).toBe(
        'the issue type "Bug" of the snapshot is now called "Defect"',
      );
      // A type added since changes nothing the snapshot's issues carry.
      emu.addIssueType('Epic');
      const added = (await repositoryNames(gh, repo)).issueTypes;
      expect(changedIssueType(renamed ?? [], added)).toBeNull();

      task.isEnabled = false;
      touchState();
      const enabled = (await repositoryNames(gh, repo)).issueTypes;
      expect(enabled?.some((t) => t.name === 'Task')).toBe(false);
      expect(changedIssueType(renamed ?? [], enabled)).toBe(
        'the issue type "Task" of the snapshot is no longer among the repository\'s (deleted or disabled)',
      );
      // Unknown on either side: nothing to compare.
      expect(changedIssueType(undefined, enabled)).toBeNull();
      expect(changedIssueType(types, null)).toBeNull();
    } finally {
      task.isEnabled = true;
      owner.issueTypes.delete('epic');
      if (owner.issueTypes.has('defect')) emu.renameIssueType('Defect', 'Bug');
      touchState();
    }
  });

  it('a repository whose owner has no issue types (null): the types unknown, the names read', async () => {
    const server = await startServer(() => ({
      body: {
        data: {
          repository: {
            labels: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ name: 'bug' }] },
            milestones: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
            issueTypes: null,
          },
        },
      },
    }));
    try {
      const { gh } = testClient(server);
      const names = await repositoryNames(gh, { owner: 'alice', repo: 'notes' });
      expect(names).toMatchObject({ issueTypes: null, requests: 1 });
      expect([...names.labels]).toEqual(['bug']);
    } finally {
      await server.close();
    }
  });

  it('a server without Repository.issueTypes: the labels and milestones, the types unknown', async () => {
    const server = await startServer((r) => {
      const { variables } = r.body as { variables: { withIssueTypes: boolean } };
      if (variables.withIssueTypes)
        return {
          body: {
            errors: [
              {
                extensions: {
                  code: 'undefinedField',
                  typeName: 'Repository',
                  fieldName: 'issueTypes',
                },
                message: "Field 'issueTypes' doesn't exist on type 'Repository'",
              },
            ],
          },
        };
      const page = (key: string, value: string) => ({
        pageInfo: { hasNextPage: false, endCursor: null },
        nodes: [{ [key]: value }],
      });
      return {
        body: {
          data: {
            repository: { labels: page('name', 'bug'), milestones: page('title', 'v1.0') },
          },
        },
      };
    });
    try {
      const { gh } = testClient(server);
      const names = await repositoryNames(gh, { owner: 'acme', repo: 'widgets' });
      expect(names).toMatchObject({ issueTypes: null, requests: 2 });
      expect([...names.labels]).toEqual(['bug']);
      expect([...names.milestones]).toEqual(['v1.0']);
      expect(gh.features.issueType).toBe(true); // Issue.issueType is another matter
    } finally {
      await server.close();
    }
  });
});
