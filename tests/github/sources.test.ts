import { afterEach, describe, expect, it } from 'vitest';
import {
  BACKLOG_QUERY,
  backlogPages,
  backlogQuery,
  fetchConfigText,
  fetchIssue,
  fetchLinkedIssues,
  GraphqlError,
  linkedIssuesQuery,
  resolveTeams,
  TeamAccessError,
} from '../../src/github/index.js';
import type { IssueFacts } from '../../src/types.js';
import { graphqlBodies, startServer, testClient, type Reply, type TestServer } from './server.js';

const repo = { owner: 'acme', repo: 'widgets' };
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function gqlIssue(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    number: n,
    title: `Issue ${n}`,
    url: `https://github.com/acme/widgets/issues/${n}`,
    state: 'OPEN',
    body:
      n === 7
        ? 'text <!-- backlog-lint-disable owner-role reason="x" --> more'
        : 'a long body '.repeat(50),
    author: { login: 'alice' },
    labels: { nodes: [{ name: 'bug' }] },
    assignees: { nodes: n % 2 ? [{ login: 'bob' }] : [] },
    milestone: n === 1 ? { title: 'v1' } : null,
    issueType: n === 2 ? { name: 'Bug' } : null,
    ...extra,
  };
}

describe('fetchIssue', () => {
  it('reads one issue over REST and normalises it; a pull request is flagged', async () => {
    server = await startServer((r) =>
      r.path.endsWith('/12')
        ? {
            body: {
              number: 12,
              title: 'Budget Q3',
              html_url: 'https://github.com/acme/widgets/issues/12',
              state: 'open',
              user: { login: 'carol' },
              labels: [{ name: 'budget' }],
              assignees: [],
              milestone: null,
              type: { id: 1, name: 'Task' },
              body: null,
            },
          }
        : { body: { number: 13, title: 'PR', pull_request: { url: 'x' }, user: { login: 'd' } } },
    );
    const { gh } = testClient(server);
    expect(await fetchIssue(gh, repo, 12)).toEqual({
      number: 12,
      title: 'Budget Q3',
      url: 'https://github.com/acme/widgets/issues/12',
      state: 'open',
      labels: ['budget'],
      assignees: [],
      author: 'carol',
      milestone: null,
      issueType: 'Task',
      directives: [],
    });
    expect(await fetchIssue(gh, repo, 13)).toEqual({ pullRequest: true });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/acme/widgets/issues/12',
      'GET /repos/acme/widgets/issues/13',
    ]);
  });
});

describe('backlogPages', () => {
  const TOTAL = 250;
  function backlogServer(opts: { noIssueType?: boolean } = {}): Promise<TestServer> {
    return startServer((r) => {
      const { query, variables } = r.body as { query: string; variables: { after: string | null } };
      if (opts.noIssueType && query.includes('issueType')) {
        return {
          body: {
            errors: [
              {
                path: ['fragment BacklogLintIssue', 'issueType'],
                extensions: { code: 'undefinedField', typeName: 'Issue', fieldName: 'issueType' },
                message: "Field 'issueType' doesn't exist on type 'Issue'",
              },
            ],
          },
        };
      }
      const start = variables.after ? Number(variables.after) : 0;
      const end = Math.min(start + 100, TOTAL);
      const nodes: (Record<string, unknown> | null)[] = [];
      for (let n = start + 1; n <= end; n++) nodes.push(gqlIssue(n));
      if (start === 0) nodes.push(null); // GraphQL lists may hold nulls
      return {
        body: {
          data: {
            repository: {
              issues: {
                pageInfo: { hasNextPage: end < TOTAL, endCursor: String(end) },
                totalCount: TOTAL,
                nodes,
              },
            },
          },
        },
      };
    });
  }

  it('reads N open issues in ceil(N/100) GraphQL requests, page by page, bodies reduced to directives', async () => {
    server = await backlogServer();
    const { gh } = testClient(server);
    const pages: IssueFacts[][] = [];
    for await (const page of backlogPages(gh, repo)) pages.push(page);
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    expect(server.requests).toHaveLength(3);
    const bodies = graphqlBodies(server);
    expect(bodies.every((b) => b.query === BACKLOG_QUERY)).toBe(true);
    expect(bodies.map((b) => b.variables)).toEqual([
      { owner: 'acme', name: 'widgets', after: null },
      { owner: 'acme', name: 'widgets', after: '100' },
      { owner: 'acme', name: 'widgets', after: '200' },
    ]);
    const all = pages.flat();
    expect(all.map((i) => i.number)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    expect(all[0]).toMatchObject({
      milestone: 'v1',
      assignees: ['bob'],
      labels: ['bug'],
      state: 'open',
    });
    expect(all[1]).toMatchObject({ issueType: 'Bug', assignees: [] });
    expect(all[6]?.directives).toEqual(['<!-- backlog-lint-disable owner-role reason="x" -->']);
    expect(all[0]?.directives).toEqual([]);
    expect(JSON.stringify(all)).not.toContain('a long body');
    expect(gh.stats).toMatchObject({ reads: 3, writes: 0 });
  });

  it('falls back once to a query without issueType on servers without issue types', async () => {
    server = await backlogServer({ noIssueType: true });
    const { gh, logs } = testClient(server);
    let count = 0;
    for await (const page of backlogPages(gh, repo)) count += page.length;
    expect(count).toBe(TOTAL);
    // 1 rejected + 3 pages
    expect(server.requests).toHaveLength(4);
    expect(
      graphqlBodies(server)
        .slice(1)
        .every((b) => b.query === backlogQuery({ issueType: false })),
    ).toBe(true);
    expect(gh.features.issueType).toBe(false);
    expect(logs.some((l) => l.includes('no issue types'))).toBe(true);
  });

  it('an unknown repository is an error', async () => {
    server = await startServer(() => ({
      body: {
        data: { repository: null },
        errors: [
          {
            type: 'NOT_FOUND',
            path: ['repository'],
            message: "Could not resolve to a Repository with the name 'acme/nope'.",
          },
        ],
      },
    }));
    const { gh } = testClient(server);
    const it = backlogPages(gh, { owner: 'acme', repo: 'nope' });
    await expect(it.next()).rejects.toBeInstanceOf(GraphqlError);
  });
});

describe('fetchLinkedIssues', () => {
  const body = [
    'Fixes #3. See acme/widgets#4 and https://github.com/acme/widgets/issues/5.',
    'Also other/repo#9 (not this repo), `#77` in code, #6 (a pull request), #999 (missing),',
    'ACME/Widgets#4 again, #42 (this PR itself), #8 (closed) and colour &#35; #3.',
    '```',
    '#78 inside a fence',
    '```',
  ].join('\n');

  function linkedServer(): Promise<TestServer> {
    return startServer((r) => {
      const { variables } = r.body as { variables: Record<string, number> };
      const repository: Record<string, unknown> = {
        pullRequest: {
          closingIssuesReferences: {
            nodes: [
              { ...gqlIssue(3), repository: { nameWithOwner: 'acme/widgets' } },
              {
                ...gqlIssue(2),
                url: 'https://github.com/acme/lib/issues/2',
                repository: { nameWithOwner: 'acme/lib' },
              },
              null,
            ],
          },
        },
      };
      const errors: unknown[] = [];
      for (const [k, n] of Object.entries(variables)) {
        if (!/^ref\d+$/.test(k)) continue;
        if (n === 999) {
          repository[k] = null;
          errors.push({
            type: 'NOT_FOUND',
            path: ['repository', k],
            message: `Could not resolve to an issue or pull request with the number of ${n}.`,
          });
        } else if (n === 6) repository[k] = { __typename: 'PullRequest', number: 6 };
        else if (n === 8) repository[k] = { __typename: 'Issue', ...gqlIssue(8), state: 'CLOSED' };
        else repository[k] = { __typename: 'Issue', ...gqlIssue(n) };
      }
      return { body: { data: { repository }, ...(errors.length ? { errors } : {}) } };
    });
  }

  it('reads closing references and body references of this repository in one request', async () => {
    server = await linkedServer();
    const { gh } = testClient(server);
    const { issues, skipped } = await fetchLinkedIssues(gh, repo, 42, body);
    expect(server.requests).toHaveLength(1);
    const [sent] = graphqlBodies(server);
    // #3, #4, #5, #6, #999, #8 in order of appearance; #42 (the PR), other repos and code are not asked for.
    expect(sent?.variables).toEqual({
      owner: 'acme',
      name: 'widgets',
      number: 42,
      ref0: 3,
      ref1: 4,
      ref2: 5,
      ref3: 6,
      ref4: 999,
      ref5: 8,
    });
    expect(sent?.query).toBe(linkedIssuesQuery(6));
    expect(issues.map((i) => `${i.repository ?? ''}#${i.number}`)).toEqual([
      '#3',
      'acme/lib#2',
      '#4',
      '#5',
    ]);
    expect(skipped).toEqual([
      { item: '#6', reason: 'pull request' },
      { item: '#999', reason: 'no issue with this number' },
      { item: '#8', reason: 'closed issue' },
    ]);
  });

  it('works without a body and caps body references at 50', async () => {
    server = await linkedServer();
    const { gh } = testClient(server);
    const none = await fetchLinkedIssues(gh, repo, 42, null);
    expect(none.issues.map((i) => i.number)).toEqual([3, 2]);
    const many = Array.from({ length: 60 }, (_, i) => `#${i + 100}`).join(' ');
    const capped = await fetchLinkedIssues(gh, repo, 42, many);
    expect(
      Object.keys(graphqlBodies(server)[1]?.variables ?? {}).filter((k) => k.startsWith('ref')),
    ).toHaveLength(50);
    expect(capped.issues).toHaveLength(52);
    expect(capped.skipped).toEqual([
      {
        item: '10 references (#150 …)',
        reason: 'only the first 50 issue references of a pull request body are read',
      },
    ]);
  });
});

describe('resolveTeams', () => {
  it('reads every team’s members (paginated), keys lower-cased with @', async () => {
    server = await startServer((r): Reply => {
      if (r.path === '/orgs/Acme/teams/PMs/members') {
        const page = Number(r.query.get('page') ?? '1');
        expect(r.query.get('per_page')).toBe('100');
        const logins = page === 1 ? Array.from({ length: 100 }, (_, i) => `u${i}`) : ['last'];
        return {
          headers:
            page === 1
              ? {
                  link: `<${server!.url}/orgs/Acme/teams/PMs/members?per_page=100&page=2>; rel="next"`,
                }
              : {},
          body: logins.map((login) => ({ login })),
        };
      }
      if (r.path === '/orgs/acme/teams/ops/members') return { body: [{ login: 'Bob' }] };
      return { status: 404, body: { message: 'Not Found' } };
    });
    const { gh } = testClient(server);
    const teams = await resolveTeams(gh, ['@Acme/PMs', 'acme/ops', '@acme/pms']);
    expect(Object.keys(teams)).toEqual(['@acme/pms', '@acme/ops']);
    expect(teams['@acme/pms']).toHaveLength(101);
    expect(teams['@acme/ops']).toEqual(['Bob']);
    expect(server.requests).toHaveLength(3);
  });

  it('throws TeamAccessError naming the team and the permission needed (404 and 403)', async () => {
    for (const status of [404, 403]) {
      server = await startServer(() => ({
        status,
        body: { message: 'Resource not accessible by integration' },
      }));
      const { gh } = testClient(server);
      const err = await resolveTeams(gh, ['@acme/product-managers']).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TeamAccessError);
      const e = err as TeamAccessError;
      expect(e.team).toBe('@acme/product-managers');
      expect(e.status).toBe(status);
      expect(e.message).toContain('@acme/product-managers');
      expect(e.message).toContain('default GITHUB_TOKEN cannot read organization teams');
      expect(e.message).toContain('`read:org`');
      expect(e.message).toContain('"Members: read"');
      expect(server.requests).toHaveLength(1);
      await server.close();
      server = undefined;
    }
  });

  it('rejects a malformed slug', async () => {
    server = await startServer(() => ({ body: [] }));
    const { gh } = testClient(server);
    await expect(resolveTeams(gh, ['just-a-login'])).rejects.toThrow(/not a team reference/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('fetchConfigText', () => {
  it('decodes the base64 content at the ref; null on 404', async () => {
    const yaml = 'version: 1\nroles:\n  product:\n    members: [alice] # ünïcode\n';
    server = await startServer((r) =>
      r.path.includes('backlog-lint.yml')
        ? {
            body: {
              type: 'file',
              encoding: 'base64',
              content: Buffer.from(`\uFEFF${yaml}`)
                .toString('base64')
                .replace(/(.{60})/g, '$1\n'),
            },
          }
        : { status: 404, body: { message: 'Not Found' } },
    );
    const { gh } = testClient(server);
    expect(await fetchConfigText(gh, repo, './.github/backlog-lint.yml', 'main')).toBe(yaml);
    expect(decodeURIComponent(server.requests[0]!.path)).toBe(
      '/repos/acme/widgets/contents/.github/backlog-lint.yml',
    );
    expect(server.requests[0]!.query.get('ref')).toBe('main');
    expect(await fetchConfigText(gh, repo, '.github/missing.yml')).toBeNull();
    expect(server.requests[1]!.query.has('ref')).toBe(false);
  });

  it('a directory is an error', async () => {
    server = await startServer(() => ({ body: [{ type: 'file', name: 'a' }] }));
    const { gh } = testClient(server);
    await expect(fetchConfigText(gh, repo, '.github')).rejects.toThrow(/is a directory/);
  });
});
