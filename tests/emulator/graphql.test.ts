import { graphql as octokitGraphql } from '@octokit/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';

interface GqlResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: Array<{
    type?: string;
    message: string;
    path?: Array<string | number>;
    locations?: unknown[];
  }>;
}

async function gql<T = Record<string, unknown>>(
  emu: Emulator,
  query: string,
  variables: Record<string, unknown> = {},
  token = 'test-token',
): Promise<{ status: number; json: GqlResponse<T>; headers: Headers }> {
  const res = await fetch(emu.graphqlUrl, {
    method: 'POST',
    headers: { authorization: `bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, json: (await res.json()) as GqlResponse<T>, headers: res.headers };
}

const BACKLOG = /* GraphQL */ `
  query Backlog($owner: String!, $name: String!, $after: String) {
    repository(owner: $owner, name: $name) {
      issues(
        first: 100
        after: $after
        states: [OPEN]
        orderBy: { field: CREATED_AT, direction: ASC }
      ) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          number
          title
          url
          state
          body
          author {
            __typename
            login
          }
          labels(first: 20) {
            nodes {
              name
            }
          }
          assignees(first: 10) {
            nodes {
              login
            }
          }
          milestone {
            title
          }
          issueType {
            name
          }
        }
      }
    }
    rateLimit {
      cost
      remaining
      resetAt
    }
  }
`;

interface BacklogData {
  repository: {
    issues: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: Array<{
        number: number;
        author: { __typename: string; login: string } | null;
        issueType: { name: string } | null;
      }>;
    };
  };
  rateLimit: { cost: number; remaining: number; resetAt: string };
}

describe('GraphQL emulation', () => {
  let emu: Emulator;
  let seeded: { issues: number[]; pullRequests: number[] };

  beforeAll(async () => {
    emu = await startEmulator();
    seeded = emu.seedBacklog(250, { pullRequests: 50, closed: 10 });
  });
  afterAll(() => emu.stop());

  it('pages through repository.issues with opaque cursors, never returning pull requests', async () => {
    emu.clearLog();
    const numbers: number[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const variables: Record<string, unknown> = { owner: 'acme', name: 'widgets', after };
      const { status, json } = await gql<BacklogData>(emu, BACKLOG, variables);
      expect(status).toBe(200);
      expect(json.errors).toBeUndefined();
      const conn = json.data?.repository.issues;
      if (!conn) throw new Error('no data');
      expect(conn.totalCount).toBe(240);
      numbers.push(...conn.nodes.map((n) => n.number));
      pages++;
      expect(json.data?.rateLimit.cost).toBe(2);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
      expect(after).toMatch(/^[A-Za-z0-9+/=]+$/);
    }
    expect(pages).toBe(3);
    expect(numbers).toHaveLength(240);
    const prs = new Set(seeded.pullRequests);
    expect(numbers.some((n) => prs.has(n))).toBe(false);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(emu.graphqlCount('repository.issues')).toBe(3);
    expect(emu.graphqlCount('Backlog')).toBe(3);
    expect(emu.requests[0]?.graphql?.cost).toBe(2);
    expect(emu.validationErrors).toEqual([]);
    expect([...emu.unsupportedFields]).toEqual([]);
  });

  it('pages through the state as it is at each request, when it changes between pages', async () => {
    // Issue lists are cached per query shape (a page of a large backlog is then a slice):
    // every kind of change must still show on the next page.
    const own = await startEmulator();
    try {
      own.seedBacklog(250, { labels: ['pricing', 'risk'] });
      const page = async (after: string | null, labels: string[] | null = null) => {
        const { json } = await gql<{
          repository: {
            issues: {
              totalCount: number;
              pageInfo: { endCursor: string | null };
              nodes: Array<{ number: number }>;
            };
          };
        }>(
          own,
          `query($after: String, $labels: [String!]) {
            repository(owner: "acme", name: "widgets") {
              issues(first: 100, after: $after, states: [OPEN], labels: $labels,
                     orderBy: { field: CREATED_AT, direction: ASC }) {
                totalCount pageInfo { endCursor } nodes { number }
              }
            }
          }`,
          { after, labels },
        );
        expect(json.errors).toBeUndefined();
        const conn = json.data?.repository.issues;
        if (!conn) throw new Error('no data');
        return { ...conn, numbers: conn.nodes.map((n) => n.number) };
      };
      const first = await page(null);
      expect(first.totalCount).toBe(250);
      expect(first.numbers).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));

      // A REST write closes #150 (on the next page).
      const res = await fetch(`${own.url}/repos/acme/widgets/issues/150`, {
        method: 'PATCH',
        headers: { authorization: 'token test-token', 'content-type': 'application/json' },
        body: JSON.stringify({ state: 'closed' }),
      });
      expect(res.status).toBe(200);
      // A test changes an issue it got from the emulator: #160 closed.
      own.issue(160)!.state = 'closed';
      const second = await page(first.pageInfo.endCursor);
      expect(second.totalCount).toBe(248);
      expect(second.numbers).not.toContain(150);
      expect(second.numbers).not.toContain(160);
      expect(second.numbers[0]).toBe(101);

      // A new issue joins the end of the list.
      const added = own.addIssue({ title: 'Late', labels: ['pricing'] });
      const third = await page(second.pageInfo.endCursor);
      expect(third.numbers.at(-1)).toBe(added.number);

      // Another query shape (a label filter), then a GraphQL mutation that labels an issue.
      const pricing = (await page(null, ['pricing'])).numbers;
      const unlabelled = [...own.repo.issues.values()].find(
        (i) => i.state === 'open' && !i.labels.includes('pricing'),
      );
      if (!unlabelled) throw new Error('every issue has the label');
      const label = own.state.findRepo('acme/widgets')?.labels.get('pricing');
      const { json } = await gql(
        own,
        `mutation($id: ID!, $label: ID!) {
          addLabelsToLabelable(input: { labelableId: $id, labelIds: [$label] }) { clientMutationId }
        }`,
        { id: unlabelled.nodeId, label: label?.nodeId },
      );
      expect(json.errors).toBeUndefined();
      const after = (await page(null, ['pricing'])).numbers;
      expect(after).toEqual([...pricing, unlabelled.number].sort((a, b) => a - b).slice(0, 100));
    } finally {
      await own.stop();
    }
  });

  it('resolves issueType (added to the published schema) and filters by it', async () => {
    expect(emu.schemaAdditions).toContain('Issue.issueType');
    const t = emu.addIssueType('Budget', { description: 'Money', color: 'GREEN' });
    const issue = emu.addIssue({ title: 'Cost review', issueType: 'Budget' });
    const { json } = await gql(
      emu,
      `query($n: Int!) {
        repository(owner: "acme", name: "widgets") {
          issue(number: $n) { issueType { id name description color isEnabled } }
          issues(first: 5, filterBy: { type: "Budget" }) { totalCount nodes { number } }
          issueTypes(first: 10) { nodes { name } }
        }
      }`,
      { n: issue.number },
    );
    expect(json.errors).toBeUndefined();
    expect(json.data).toEqual({
      repository: {
        issue: {
          issueType: {
            id: t.nodeId,
            name: 'Budget',
            description: 'Money',
            color: 'GREEN',
            isEnabled: true,
          },
        },
        issues: { totalCount: 1, nodes: [{ number: issue.number }] },
        issueTypes: { nodes: expect.arrayContaining([{ name: 'Budget' }]) as unknown },
      },
    });
  });

  it('resolves sub-issues (added to the published schema): parent, subIssues, subIssuesSummary', async () => {
    expect(emu.schemaAdditions).toEqual(
      expect.arrayContaining(['Issue.parent', 'Issue.subIssues', 'Issue.subIssuesSummary']),
    );
    const parent = emu.addIssue({ title: 'Epic' });
    const open = emu.addIssue({ title: 'Part 1', parent: parent.number });
    const done = emu.addIssue({ title: 'Part 2', parent: parent.number, state: 'closed' });
    const { json } = await gql(
      emu,
      `query($p: Int!, $c: Int!) {
        repository(owner: "acme", name: "widgets") {
          parent: issue(number: $p) {
            parent { number }
            subIssues(first: 10) { totalCount nodes { number } }
            subIssuesSummary { total completed percentCompleted }
          }
          child: issue(number: $c) { parent { number repository { nameWithOwner } } }
        }
      }`,
      { p: parent.number, c: open.number },
    );
    expect(json.errors).toBeUndefined();
    expect(json.data).toEqual({
      repository: {
        parent: {
          parent: null,
          subIssues: { totalCount: 2, nodes: [{ number: open.number }, { number: done.number }] },
          subIssuesSummary: { total: 2, completed: 1, percentCompleted: 50 },
        },
        child: { parent: { number: parent.number, repository: { nameWithOwner: 'acme/widgets' } } },
      },
    });
    expect(() => emu.addIssue({ title: 'orphan', parent: 99999 })).toThrow(/cannot be a parent/);
  });

  it('rejects invalid queries like GitHub (200 + errors) and records them', async () => {
    emu.clearLog();
    const bad = await gql(
      emu,
      '{ repository(owner: "acme", name: "widgets") { issues(first: 1) { nodes { assignee } } } }',
    );
    expect(bad.status).toBe(200);
    expect(bad.json.data).toBeUndefined();
    expect(bad.json.errors?.[0]).toMatchObject({
      message: "Field 'assignee' doesn't exist on type 'Issue'",
      locations: [{ line: 1, column: expect.any(Number) as unknown }],
    });
    const syntax = await gql(emu, '{ repository(owner: "acme" { id } }');
    expect(syntax.json.errors?.[0]?.message).toMatch(/^Parse error/);
    const missingArg = await gql(emu, '{ repository(owner: "acme") { id } }');
    expect(missingArg.json.errors?.[0]?.message).toBe(
      "Field 'repository' is missing required arguments: name",
    );
    const badVar = await gql(
      emu,
      'query($n: Int!) { repository(owner: "acme", name: "widgets") { issue(number: $n) { id } } }',
      {
        n: 'x',
      },
    );
    expect(badVar.json.errors?.length).toBe(1);
    expect(emu.validationErrors.map((v) => v.kind)).toEqual([
      'graphql-validation',
      'graphql-syntax',
      'graphql-validation',
      'graphql-variables',
    ]);
    expect(emu.validationErrors[0]?.query).toContain('assignee');
    emu.clearLog();
  });

  it('enforces pagination bounds and reports cost / node count before executing', async () => {
    emu.clearLog();
    const none = await gql(
      emu,
      '{ repository(owner: "acme", name: "widgets") { issues { totalCount } } }',
    );
    expect(none.json.errors?.[0]).toMatchObject({
      type: 'MISSING_PAGINATION_BOUNDARIES',
      message:
        'You must provide a `first` or `last` value to properly paginate the `issues` connection.',
    });
    const tooMany = await gql(
      emu,
      '{ repository(owner: "acme", name: "widgets") { issues(first: 101) { totalCount } } }',
    );
    expect(tooMany.json.errors?.[0]).toMatchObject({
      type: 'EXCESSIVE_PAGINATION',
      message:
        'Requesting 101 records on the `issues` connection exceeds the `first` limit of 100 records.',
    });
    expect(emu.validationErrors.map((v) => v.kind)).toEqual([
      'graphql-pagination',
      'graphql-pagination',
    ]);
    emu.clearLog();
  });

  it('answers NOT_FOUND with data null for missing things', async () => {
    const { json } = await gql(emu, '{ repository(owner: "acme", name: "nope") { id } }');
    expect(json).toEqual({
      data: { repository: null },
      errors: [
        {
          type: 'NOT_FOUND',
          path: ['repository'],
          locations: [{ line: 1, column: 3 }],
          message: "Could not resolve to a Repository with the name 'acme/nope'.",
        },
      ],
    });
    const issue = await gql(
      emu,
      `{ repository(owner: "acme", name: "widgets") { issue(number: ${seeded.pullRequests[0] ?? 0}) { id } } }`,
    );
    expect(issue.json.data).toEqual({ repository: { issue: null } });
    expect(issue.json.errors?.[0]?.type).toBe('NOT_FOUND');
  });

  it('resolves issueOrPullRequest, pull requests and the issues they close', async () => {
    const a = emu.addIssue({ title: 'A' });
    const b = emu.addIssue({ title: 'B' });
    const other = emu.addRepo('acme/other');
    const c = emu.addIssue({ title: 'C', repo: other.fullName });
    const pr = emu.addPullRequest({
      title: 'Implements A',
      body: `Closes #${a.number}, fixes acme/other#${c.number}. Mentions #${b.number}.`,
      linkedIssues: [b.number],
    });
    const offDefault = emu.addPullRequest({
      title: 'To release',
      base: 'release',
      body: `Fixes #${a.number}`,
    });
    const { json } = await gql(
      emu,
      `query($pr: Int!, $i: Int!, $off: Int!) {
        repository(owner: "acme", name: "widgets") {
          pr: issueOrPullRequest(number: $pr) { __typename ... on PullRequest { number } }
          issue: issueOrPullRequest(number: $i) { __typename ... on Issue { number title } }
          pullRequest(number: $pr) {
            number title body baseRefName
            closingIssuesReferences(first: 10) { nodes { number title repository { nameWithOwner } } }
            userLinked: closingIssuesReferences(first: 10, userLinkedOnly: true) { nodes { number } }
          }
          off: pullRequest(number: $off) { baseRefName closingIssuesReferences(first: 10) { totalCount } }
        }
      }`,
      { pr: pr.number, i: a.number, off: offDefault.number },
    );
    expect(json.errors).toBeUndefined();
    expect(json.data).toEqual({
      repository: {
        pr: { __typename: 'PullRequest', number: pr.number },
        issue: { __typename: 'Issue', number: a.number, title: 'A' },
        pullRequest: {
          number: pr.number,
          title: 'Implements A',
          body: pr.body,
          baseRefName: 'main',
          closingIssuesReferences: {
            nodes: [
              { number: b.number, title: 'B', repository: { nameWithOwner: 'acme/widgets' } },
              { number: a.number, title: 'A', repository: { nameWithOwner: 'acme/widgets' } },
              { number: c.number, title: 'C', repository: { nameWithOwner: 'acme/other' } },
            ],
          },
          userLinked: { nodes: [{ number: b.number }] },
        },
        off: { baseRefName: 'release', closingIssuesReferences: { totalCount: 0 } },
      },
    });
  });

  it('reports bots the way GraphQL does (login without [bot], __typename Bot)', async () => {
    const i = emu.addIssue({ title: 'Bump deps', author: 'dependabot[bot]' });
    const { json } = await gql(
      emu,
      `{ repository(owner: "acme", name: "widgets") { issue(number: ${i.number}) { author { __typename login } } } }`,
    );
    expect(json.data).toEqual({
      repository: { issue: { author: { __typename: 'Bot', login: 'dependabot' } } },
    });
  });

  it('lists team members with cursors, and answers viewer / rateLimit', async () => {
    const members = Array.from({ length: 130 }, (_, i) => `member-${i}`);
    emu.addTeam('acme', 'product-managers', members, { maintainers: ['alice'] });
    const q = `query($after: String) {
      organization(login: "acme") {
        team(slug: "product-managers") {
          name slug
          members(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { login } edges { role } }
        }
      }
      viewer { login }
      rateLimit { cost remaining limit used resetAt nodeCount }
    }`;
    type TeamData = {
      organization: {
        team: {
          members: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string };
            nodes: Array<{ login: string }>;
            edges: Array<{ role: string }>;
          };
        };
      };
      viewer: { login: string };
      rateLimit: {
        cost: number;
        remaining: number;
        limit: number;
        used: number;
        nodeCount: number;
      };
    };
    const p1 = await gql<TeamData>(emu, q);
    expect(p1.json.errors).toBeUndefined();
    const m1 = p1.json.data?.organization.team.members;
    expect(m1?.totalCount).toBe(131);
    expect(m1?.nodes).toHaveLength(100);
    expect(m1?.pageInfo.hasNextPage).toBe(true);
    expect(m1?.edges[0]?.role).toBe('MEMBER');
    const p2 = await gql<TeamData>(emu, q, { after: m1?.pageInfo.endCursor });
    const m2 = p2.json.data?.organization.team.members;
    expect(m2?.nodes.map((n) => n.login)).toEqual([...members.slice(100), 'alice']);
    expect(m2?.pageInfo.hasNextPage).toBe(false);
    expect(p1.json.data?.viewer.login).toBe('octocat');
    const rl = p2.json.data?.rateLimit;
    expect(rl).toMatchObject({ cost: 1, limit: 5000, nodeCount: 100 });
    expect(p2.headers.get('x-ratelimit-resource')).toBe('graphql');
    expect(Number(p2.headers.get('x-ratelimit-remaining'))).toBe(rl?.remaining);

    const unknownTeam = await gql(
      emu,
      '{ organization(login: "acme") { team(slug: "nope") { name } } }',
    );
    expect(unknownTeam.json).toEqual({ data: { organization: { team: null } } });
  });

  it('runs mutations, records them as writes, and serves config files via object(expression)', async () => {
    const issue = emu.addIssue({ title: 'Mutate me' });
    const label = emu.addLabel('owner: project');
    const carol = emu.state.user('carol');
    emu.setFile('.github/backlog-lint.yml', 'version: 1\n');
    emu.clearLog();
    const { json } = await gql(
      emu,
      `mutation($id: ID!, $label: ID!, $user: ID!) {
        addComment(input: { subjectId: $id, body: "hi" }) { commentEdge { node { id body url author { login } } } }
        addLabelsToLabelable(input: { labelableId: $id, labelIds: [$label] }) { labelable { ... on Issue { labels(first: 5) { nodes { name } } } } }
        addAssigneesToAssignable(input: { assignableId: $id, assigneeIds: [$user] }) { assignable { ... on Issue { assignees(first: 5) { nodes { login } } } } }
      }`,
      { id: issue.nodeId, label: label.nodeId, user: carol.nodeId },
    );
    expect(json.errors).toBeUndefined();
    expect(emu.issue(issue.number)).toMatchObject({
      labels: ['owner: project'],
      assignees: ['carol'],
    });
    expect(emu.issue(issue.number)?.comments.map((c) => c.body)).toEqual(['hi']);
    expect(emu.writes()).toHaveLength(1);
    expect(emu.writes()[0]?.graphql?.mutation).toBe(true);

    const cfg = await gql(
      emu,
      '{ repository(owner: "acme", name: "widgets") { object(expression: "HEAD:.github/backlog-lint.yml") { ... on Blob { text } } } }',
    );
    expect(cfg.json.data).toEqual({ repository: { object: { text: 'version: 1\n' } } });
  });

  it('searches issues, and records selected fields it has no resolver for', async () => {
    const i = emu.addIssue({ title: 'Backlog lint report', body: 'x' });
    const { json } = await gql(
      emu,
      `{ search(query: "repo:acme/widgets is:issue in:title \\"Backlog lint report\\"", type: ISSUE, first: 5) {
          issueCount nodes { __typename ... on Issue { number } } } }`,
    );
    expect(json.errors).toBeUndefined();
    expect(json.data).toEqual({
      search: { issueCount: 1, nodes: [{ __typename: 'Issue', number: i.number }] },
    });
    emu.unsupportedFields.clear();
    const r = await gql(
      emu,
      `{ repository(owner: "acme", name: "widgets") { issue(number: ${i.number}) { number reactionGroups { content } } } }`,
    );
    expect(r.json.data).toEqual({
      repository: { issue: { number: i.number, reactionGroups: null } },
    });
    expect([...emu.unsupportedFields]).toEqual(['Issue.reactionGroups']);
  });

  it('works with @octokit/graphql', async () => {
    const client = octokitGraphql.defaults({
      baseUrl: emu.url,
      headers: { authorization: 'token test-token' },
    });
    const res = await client<{ repository: { issues: { totalCount: number } } }>(
      'query($o: String!, $n: String!) { repository(owner: $o, name: $n) { issues(first: 1, states: OPEN) { totalCount } } }',
      { o: 'acme', n: 'widgets' },
    );
    expect(res.repository.issues.totalCount).toBeGreaterThan(200);
    expect(emu.validationErrors).toEqual([]);
  });
});
