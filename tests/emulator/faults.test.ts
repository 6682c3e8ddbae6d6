import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOctokit } from '../../src/github/index.js';
import { fakeClock } from '../support/fake-clock.js';
import { startEmulator, type Emulator } from './index.js';

const AUTH = { authorization: 'token test-token' };
const BACKLOG = `query($after: String) {
  repository(owner: "acme", name: "widgets") {
    issues(first: 100, after: $after, states: OPEN) { pageInfo { hasNextPage endCursor } nodes { number } }
  }
}`;

async function backlogPage(emu: Emulator, after: string | null) {
  const res = await fetch(emu.graphqlUrl, {
    method: 'POST',
    headers: AUTH,
    body: JSON.stringify({ query: BACKLOG, variables: { after } }),
  });
  return { res, json: res.status === 200 ? ((await res.json()) as Record<string, unknown>) : null };
}

function endCursor(json: Record<string, unknown> | null): string | null {
  const data = json?.data as
    { repository: { issues: { pageInfo: { endCursor: string | null } } } } | undefined;
  return data?.repository.issues.pageInfo.endCursor ?? null;
}

describe('fault injection', () => {
  let emu: Emulator;

  beforeAll(async () => {
    emu = await startEmulator();
    emu.seedBacklog(250, { pullRequests: 20 });
  });
  afterAll(() => emu.stop());
  beforeEach(() => {
    emu.faults.clear();
    emu.clearLog();
  });

  it('fails the next N matching requests with a status and a GitHub-shaped body', async () => {
    const f = emu.faults.status(502, {
      match: { route: '/repos/{owner}/{repo}/issues/{issue_number}' },
      times: 2,
    });
    const other = await fetch(`${emu.url}/repos/acme/widgets`, { headers: AUTH });
    expect(other.status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await fetch(`${emu.url}/repos/acme/widgets/issues/1`, { headers: AUTH })).status,
      );
    expect(statuses).toEqual([502, 502, 200]);
    expect(f.hits).toBe(2);
    expect(emu.faults.pending()).toEqual([]);
    expect(emu.requests.map((r) => r.fault ?? '-')).toEqual(['-', 'status', 'status', '-']);

    emu.faults.status(401, { match: { method: 'GET', path: '/repos/acme/widgets' } });
    const unauth = await fetch(`${emu.url}/repos/acme/widgets`, { headers: AUTH });
    expect(unauth.status).toBe(401);
    expect(await unauth.json()).toEqual({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository',
      status: '401',
    });
  });

  it('injects secondary rate limits with retry-after (403 or 429)', async () => {
    emu.faults.secondaryRateLimit({ retryAfter: 7, match: { write: true } });
    emu.faults.secondaryRateLimit({ status: 429, match: { write: true } });
    const read = await fetch(`${emu.url}/repos/acme/widgets/issues/1`, { headers: AUTH });
    expect(read.status).toBe(200);
    const post = () =>
      fetch(`${emu.url}/repos/acme/widgets/issues/1/comments`, {
        method: 'POST',
        headers: AUTH,
        body: '{"body":"x"}',
      });
    const a = await post();
    expect(a.status).toBe(403);
    expect(a.headers.get('retry-after')).toBe('7');
    expect(((await a.json()) as { message: string }).message).toMatch(/secondary rate limit/);
    const b = await post();
    expect(b.status).toBe(429);
    expect(b.headers.get('retry-after')).toBe('1');
    expect((await post()).status).toBe(201);
  });

  it('injects primary rate limits: REST 403 with remaining 0, GraphQL RATE_LIMITED in a 200', async () => {
    emu.faults.rateLimit({ resetIn: 30 });
    const r = await fetch(`${emu.url}/repos/acme/widgets`, { headers: AUTH });
    expect(r.status).toBe(403);
    expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(r.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(
      Math.floor(Date.now() / 1000) + 29,
    );

    emu.faults.graphqlRateLimited();
    const g = await backlogPage(emu, null);
    expect(g.res.status).toBe(200);
    expect(g.res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(g.json).toEqual({
      errors: [{ type: 'RATE_LIMITED', message: expect.stringMatching(/rate limit/) as unknown }],
    });
    const ok = await backlogPage(emu, null);
    expect(ok.json?.errors).toBeUndefined();
  });

  it('fails page K of the GraphQL backlog', async () => {
    emu.faults.failPage(2, { status: 502 });
    const p1 = await backlogPage(emu, null);
    expect(p1.res.status).toBe(200);
    const cursor = endCursor(p1.json);
    const p2 = await backlogPage(emu, cursor);
    expect(p2.res.status).toBe(502);
    const p2again = await backlogPage(emu, cursor);
    expect(p2again.res.status).toBe(200);
    const p3 = await backlogPage(emu, endCursor(p2again.json));
    expect(p3.res.status).toBe(200);
    expect(emu.requests.map((r) => r.status)).toEqual([200, 502, 200, 200]);
  });

  it('fails page K of the REST issue list and can answer with GraphQL errors', async () => {
    emu.faults.failPage(3, { status: 500 });
    const s = (p: number) =>
      fetch(`${emu.url}/repos/acme/widgets/issues?per_page=100&page=${p}`, { headers: AUTH }).then(
        (r) => r.status,
      );
    expect([await s(1), await s(2), await s(3), await s(3)]).toEqual([200, 200, 500, 200]);

    emu.faults.graphqlError([{ type: 'SERVICE_UNAVAILABLE', message: 'Something went wrong' }], {
      match: { graphql: 'repository.issues' },
    });
    const g = await backlogPage(emu, null);
    expect(g.json).toEqual({
      data: null,
      errors: [{ type: 'SERVICE_UNAVAILABLE', message: 'Something went wrong' }],
    });
  });

  it('drops connections and adds latency', async () => {
    emu.faults.networkError({ match: { path: '/repos/acme/widgets' } });
    await expect(fetch(`${emu.url}/repos/acme/widgets`, { headers: AUTH })).rejects.toThrow();
    emu.faults.delay(120);
    const t = Date.now();
    const r = await fetch(`${emu.url}/repos/acme/widgets`, { headers: AUTH });
    expect(r.status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(110);
  });

  it('lets the client (rate-limit waits, retries) recover, with the requests visible in the log', async () => {
    const clock = fakeClock();
    const events: string[] = [];
    const client = createOctokit({
      token: 'test-token',
      baseUrl: emu.url,
      graphqlUrl: emu.graphqlUrl,
      serverErrorBackoffMs: 10,
      clock,
      log: { info: (m) => events.push(m) },
    });
    const octokit = client.octokit;
    emu.faults.secondaryRateLimit({
      retryAfter: 1,
      match: { route: '/repos/{owner}/{repo}/issues/{issue_number}' },
    });
    const got = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
      owner: 'acme',
      repo: 'widgets',
      issue_number: 1,
    });
    expect(got.status).toBe(200);

    emu.faults.status(502, { match: { route: '/repos/{owner}/{repo}' } });
    const repo = await octokit.request('GET /repos/{owner}/{repo}', {
      owner: 'acme',
      repo: 'widgets',
    });
    expect(repo.status).toBe(200);

    emu.faults.graphqlRateLimited({ resetIn: 1 });
    const g = await client.graphql<{ repository: { issues: { nodes: unknown[] } } }>(BACKLOG, {
      after: null,
    });
    expect(g.repository.issues.nodes).toHaveLength(100);

    expect(events).toEqual([
      expect.stringMatching(
        /^GitHub secondary rate limit on GET \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\}: waiting 1s/,
      ),
      expect.stringMatching(/^GitHub GraphQL rate limit on graphql query: waiting \d+s/),
    ]);
    expect(clock.waits).toEqual([1000, 10, expect.any(Number)]);
    expect(emu.requests.map((r) => `${r.graphql ? 'graphql' : r.route} ${r.status}`)).toEqual([
      '/repos/{owner}/{repo}/issues/{issue_number} 403',
      '/repos/{owner}/{repo}/issues/{issue_number} 200',
      '/repos/{owner}/{repo} 502',
      '/repos/{owner}/{repo} 200',
      'graphql 200',
      'graphql 200',
    ]);
    expect(emu.validationErrors).toEqual([]);
  });
});

describe('latency and concurrency', () => {
  it('delays every answer by latencyMs and tracks requests in flight', async () => {
    const emu = await startEmulator({ latencyMs: 40 });
    try {
      const t = Date.now();
      await fetch(`${emu.url}/repos/acme/widgets`, { headers: AUTH });
      await fetch(`${emu.url}/repos/acme/widgets`, { headers: AUTH });
      // Two answers of 40 ms each (a timer may fire a millisecond early by Date.now()).
      expect(Date.now() - t).toBeGreaterThanOrEqual(78);
      expect(emu.stats.maxInFlight).toBe(1);
      expect(emu.requests.every((r) => r.durationMs >= 39)).toBe(true);
      await Promise.all(
        [1, 2, 3].map(() => fetch(`${emu.url}/repos/acme/widgets`, { headers: AUTH })),
      );
      expect(emu.stats.maxInFlight).toBeGreaterThan(1);
    } finally {
      await emu.stop();
    }
  });

  it('serves the GitHub Enterprise Server URL layout', async () => {
    const emu = await startEmulator({ enterprise: true });
    try {
      expect(emu.url).toMatch(/\/api\/v3$/);
      expect(emu.graphqlUrl).toMatch(/\/api\/graphql$/);
      emu.seedBacklog(120);
      const r = await fetch(`${emu.url}/repos/acme/widgets/issues?per_page=100`, { headers: AUTH });
      expect(r.headers.get('link')).toContain(`${emu.url}/repositories/`);
      const g = await fetch(emu.graphqlUrl, {
        method: 'POST',
        headers: AUTH,
        body: JSON.stringify({ query: '{ viewer { login } }' }),
      });
      expect(await g.json()).toEqual({ data: { viewer: { login: 'octocat' } } });
      expect(emu.env()).toMatchObject({
        GITHUB_API_URL: emu.url,
        GITHUB_GRAPHQL_URL: emu.graphqlUrl,
        GITHUB_REPOSITORY: 'acme/widgets',
      });
    } finally {
      await emu.stop();
    }
  });
});
