// `--repo OWNER/NAME` against a tiny local stand-in for GitHub (REST + GraphQL), reached
// through GITHUB_API_URL / GITHUB_GRAPHQL_URL like GitHub Enterprise Server would be.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JsonReport } from '../../src/report/index.js';
import { startConnectProxy } from '../support/connect-proxy.js';
import { run, scratch } from './helpers.js';

interface Seen {
  method: string;
  path: string;
  auth: string | undefined;
  variables?: Record<string, unknown>;
}

type Handler = (req: Seen) => { status?: number; body: unknown };

let close: (() => Promise<void>) | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await close?.();
  close = undefined;
  while (cleanups.length > 0) cleanups.pop()?.();
});

async function fakeGitHub(handler: Handler): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = raw ? (JSON.parse(raw) as { variables?: Record<string, unknown> }) : undefined;
      const rec: Seen = {
        method: req.method ?? 'GET',
        path: new URL(req.url ?? '/', 'http://x').pathname,
        auth: req.headers.authorization,
        ...(body?.variables ? { variables: body.variables } : {}),
      };
      seen.push(rec);
      const reply = handler(rec);
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen };
}

function node(
  number: number,
  labels: string[],
  assignees: string[],
  milestone: string | null = 'v1',
) {
  return {
    number,
    title: `Issue ${number}`,
    url: `https://github.com/acme/rocket/issues/${number}`,
    state: 'OPEN',
    body: '',
    author: { login: 'alice' },
    labels: { nodes: labels.map((name) => ({ name })) },
    assignees: { nodes: assignees.map((login) => ({ login })) },
    milestone: milestone ? { title: milestone } : null,
    issueType: null,
  };
}

function page(nodes: unknown[], next: string | null) {
  return {
    body: {
      data: {
        repository: {
          issues: {
            pageInfo: { hasNextPage: next !== null, endCursor: next },
            totalCount: 3,
            nodes,
          },
        },
      },
    },
  };
}

const CONFIG = `roles:
  product:
    members: ['@acme/pm']
  project:
    members: [bob]
`;

function env(url: string): Record<string, string> {
  return { GITHUB_TOKEN: 't0ken', GITHUB_API_URL: url, GITHUB_GRAPHQL_URL: `${url}/graphql` };
}

function configDir(): string {
  const s = scratch({ '.github/backlog-lint.yml': CONFIG });
  cleanups.push(s.remove);
  return s.dir;
}

describe('--repo', () => {
  it('resolves teams, reads the open issues page by page, lints them as a backlog', async () => {
    const gh = await fakeGitHub((req) => {
      if (req.path === '/orgs/acme/teams/pm/members') return { body: [{ login: 'alice' }] };
      if (req.path === '/graphql') {
        return req.variables?.after
          ? page([node(3, ['feature', 'owner: product'], ['bob'])], null)
          : page(
              [
                node(1, ['feature', 'owner: product'], ['alice']),
                node(2, ['bug', 'owner: project'], [], null),
              ],
              'c1',
            );
      }
      return { status: 404, body: { message: 'Not Found' } };
    });
    const r = await run(['--repo', 'acme/rocket', '--format', 'json'], {
      cwd: configDir(),
      env: env(gh.url),
    });
    expect(r.stderr).toBe('');
    expect(gh.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'GET /orgs/acme/teams/pm/members',
      'POST /graphql',
      'POST /graphql',
    ]);
    expect(gh.seen.every((s) => s.auth === 'token t0ken')).toBe(true);
    expect(gh.seen[1]?.variables).toMatchObject({ owner: 'acme', name: 'rocket' });
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report).toMatchObject({
      repository: 'acme/rocket',
      mode: 'backlog',
      complete: true,
      issuesChecked: 3,
      configSource: '.github/backlog-lint.yml',
    });
    // alice is a product member through the team; bob on #3 is not.
    expect(report.findings.map((f) => `#${f.issue} ${f.rule}`).sort()).toEqual([
      '#2 milestone-required',
      '#2 owner-required',
      '#3 owner-role',
    ]);
    expect(r.code).toBe(1);
  });

  it("no local config: reads the repository's own .github/backlog-lint.yml through the API, as the action does", async () => {
    const gh = await fakeGitHub((req) => {
      if (decodeURIComponent(req.path) === '/repos/acme/rocket/contents/.github/backlog-lint.yml') {
        return {
          body: {
            type: 'file',
            encoding: 'base64',
            path: '.github/backlog-lint.yml',
            content: Buffer.from(CONFIG).toString('base64'),
          },
        };
      }
      if (req.path === '/orgs/acme/teams/pm/members') return { body: [{ login: 'alice' }] };
      if (req.path === '/graphql') {
        return page([node(1, ['feature', 'owner: product'], ['bob'])], null);
      }
      return { status: 404, body: { message: 'Not Found' } };
    });
    const empty = scratch({});
    cleanups.push(empty.remove);
    const r = await run(['--repo', 'acme/rocket', '--format', 'json'], {
      cwd: empty.dir,
      env: env(gh.url),
    });
    expect(r.stderr).toBe('');
    expect(gh.seen.map((s) => `${s.method} ${decodeURIComponent(s.path)}`)).toEqual([
      'GET /repos/acme/rocket/contents/.github/backlog-lint.yml',
      'GET /orgs/acme/teams/pm/members',
      'POST /graphql',
    ]);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.configSource).toBe('api:.github/backlog-lint.yml');
    // The repository's config applies: bob is a project member, not product.
    expect(report.findings.map((f) => `#${f.issue} ${f.rule}`)).toEqual(['#1 owner-role']);
  });

  it('no config locally nor in the repository: the recommended preset, and a notice saying where it looked', async () => {
    const gh = await fakeGitHub((req) =>
      req.path === '/graphql'
        ? page([node(1, ['bug'], ['bob'])], null)
        : { status: 404, body: { message: 'Not Found' } },
    );
    const empty = scratch({});
    cleanups.push(empty.remove);
    const r = await run(['--repo', 'acme/rocket', '--format', 'json'], {
      cwd: empty.dir,
      env: env(gh.url),
    });
    expect(r.stderr).toMatch(
      /^backlog-lint: notice: no \.github\/backlog-lint\.yml here or in acme\/rocket, so the recommended preset runs/,
    );
    expect((JSON.parse(r.stdout) as JsonReport).configSource).toBe('preset:recommended');
  });

  it('explain N --repo: reads the backlog live and explains one issue', async () => {
    const gh = await fakeGitHub((req) => {
      if (req.path === '/orgs/acme/teams/pm/members') return { body: [{ login: 'alice' }] };
      if (req.path === '/graphql') {
        return page(
          [
            node(1, ['kind/feature', 'owner: product', 'priority/important-soon'], ['alice']),
            node(2, ['bug'], []),
          ],
          null,
        );
      }
      return { status: 404, body: { message: 'Not Found' } };
    });
    const r = await run(['explain', '1', '--repo', 'acme/rocket'], {
      cwd: configDir(),
      env: env(gh.url),
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔ label "kind/feature" → feature');
    expect(r.stdout).toContain('Type: feature, owned by product (decided by label "kind/feature")');
    expect(r.stdout).toContain('Rules fired: none');
  });

  it('a repository that cannot be read: exit 2 with the reason, no report', async () => {
    const gh = await fakeGitHub(() => ({
      body: {
        data: { repository: null },
        errors: [
          {
            type: 'NOT_FOUND',
            message: "Could not resolve to a Repository with the name 'acme/nope'.",
          },
        ],
      },
    }));
    const cwd = scratch({ '.github/backlog-lint.yml': 'roles:\n  project:\n    members: [bob]\n' });
    cleanups.push(cwd.remove);
    const r = await run(['--repo', 'acme/nope'], { cwd: cwd.dir, env: env(gh.url) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^backlog-lint: cannot read the issues of acme\/nope: .*Could not resolve/,
    );
    expect(r.stderr).toContain('was not found, or the token cannot see it');
  });

  it('a failure after the first page: the partial report, marked incomplete, and exit 2', async () => {
    const gh = await fakeGitHub((req) => {
      if (req.path === '/orgs/acme/teams/pm/members') return { body: [{ login: 'alice' }] };
      return req.variables?.after
        ? {
            body: {
              data: null,
              errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible' }],
            },
          }
        : page([node(1, ['feature', 'owner: product'], ['alice'])], 'c1');
    });
    const r = await run(['--repo', 'acme/rocket', '--format', 'json', '--fail-on', 'never'], {
      cwd: configDir(),
      env: env(gh.url),
    });
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.complete).toBe(false);
    expect(report.issuesChecked).toBe(1);
    expect(report.incompleteReason).toMatch(
      /after 1 page\(s\) \(1 issues\).*Resource not accessible/,
    );
    expect(r.stderr).toMatch(/backlog-lint: error: reading the backlog stopped/);
  });

  it('a team the token cannot read: a warning, and the run goes on', async () => {
    const gh = await fakeGitHub((req) =>
      req.path === '/graphql'
        ? page([node(1, ['bug', 'owner: project'], ['bob'])], null)
        : { status: 404, body: { message: 'Not Found' } },
    );
    const r = await run(['--repo', 'acme/rocket', '--format', 'json'], {
      cwd: configDir(),
      env: env(gh.url),
    });
    expect(r.stderr).toMatch(/^backlog-lint: warning: Cannot read the members of team @acme\/pm/);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as JsonReport).issuesChecked).toBe(1);
  });

  it('through the proxy of http_proxy, when the API host is reachable only through it', async () => {
    const gh = await fakeGitHub((req) =>
      req.path === '/graphql'
        ? page([node(1, ['bug', 'owner: project'], ['bob'])], null)
        : { body: [{ login: 'alice' }] },
    );
    const port = new URL(gh.url).port;
    const proxy = await startConnectProxy({ targetPort: Number(port) });
    cleanups.push(() => void proxy.close());
    vi.stubEnv('http_proxy', `http://127.0.0.1:${proxy.port}`);
    cleanups.push(() => vi.unstubAllEnvs());
    const r = await run(['--repo', 'acme/rocket', '--format', 'json'], {
      cwd: configDir(),
      env: env(`http://github.proxied.test:${port}`),
    });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as JsonReport).issuesChecked).toBe(1);
    expect(gh.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'GET /orgs/acme/teams/pm/members',
      'POST /graphql',
    ]);
    expect(proxy.connects.map((c) => c.target)).toContain(`github.proxied.test:${port}`);
    expect(r.stderr).toBe(
      `backlog-lint: Requests to github.proxied.test:${port} go through the proxy http://127.0.0.1:${proxy.port}.\n`,
    );
  });

  it('no token: exit 2 before any request', async () => {
    const r = await run(['--repo', 'acme/rocket'], { cwd: configDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^backlog-lint: --repo needs a token: set GITHUB_TOKEN/);
  });
});
