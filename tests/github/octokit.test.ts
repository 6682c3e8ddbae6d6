import { afterEach, describe, expect, it } from 'vitest';
import {
  classifyRequest,
  createOctokit,
  describeStats,
  GraphqlError,
  GraphqlRateLimitError,
  rateLimitWaitSeconds,
} from '../../src/github/index.js';
import { startServer, testClient, TOKEN, type TestServer } from './server.js';

const Q = 'query { viewer { login } }';
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ok = { body: { data: { viewer: { login: 'octocat' } } } };

describe('createOctokit: reads back to back, serial', () => {
  it('sends 5 GraphQL queries in a row in well under a second (no write-queue spacing)', async () => {
    server = await startServer(() => ok);
    const { gh } = testClient(server);
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) await gh.graphql(Q);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(server.requests).toHaveLength(5);
    expect(gh.stats).toMatchObject({
      requests: 5,
      reads: 5,
      writes: 0,
      byRoute: { 'graphql query': 5 },
    });
  });

  it('runs concurrent calls one at a time', async () => {
    server = await startServer(async () => {
      await new Promise((r) => setTimeout(r, 20));
      return ok;
    });
    const { gh } = testClient(server);
    await Promise.all([gh.graphql(Q), gh.graphql(Q), gh.request('GET /rate_limit'), gh.graphql(Q)]);
    expect(server.requests).toHaveLength(4);
    expect(server.maxInFlight).toBe(1);
  });

  it('sends GraphQL to graphqlUrl and REST to baseUrl (GHES layout) with the token', async () => {
    server = await startServer((r) =>
      r.path === '/api/graphql' ? ok : { body: { resources: {} } },
    );
    const { gh, logs } = testClient(server, {
      baseUrl: `${server.url}/api/v3`,
      graphqlUrl: `${server.url}/api/graphql`,
    });
    await gh.graphql(Q, { a: 1 });
    await gh.request('GET /rate_limit');
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/graphql',
      'GET /api/v3/rate_limit',
    ]);
    expect(server.requests[0]?.body).toEqual({ query: Q, variables: { a: 1 } });
    expect(server.requests[0]?.headers.authorization).toBe(`token ${TOKEN}`);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('spaces writes (REST writes and GraphQL mutations) about a second apart, not reads', async () => {
    server = await startServer((r) =>
      r.path === '/graphql' ? { body: { data: { x: 1 } } } : { body: {} },
    );
    const { gh, clock } = testClient(server);
    await gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
      owner: 'o',
      repo: 'r',
      issue_number: 1,
      labels: ['a'],
    });
    await gh.graphql(Q); // a read: not held back
    await gh.graphql('mutation { addStar(input: {starrableId: "x"}) { clientMutationId } }');
    expect(server.requests).toHaveLength(3);
    // One wait, before the second write: the rest of a second after the first write started.
    expect(clock.waits).toHaveLength(1);
    expect(clock.waits[0]).toBeGreaterThan(500);
    expect(clock.waits[0]).toBeLessThanOrEqual(1000);
    expect(gh.stats).toMatchObject({ reads: 1, writes: 2 });
    expect(gh.stats.byRoute).toEqual({
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels': 1,
      'graphql query': 1,
      'graphql mutation': 1,
    });
    expect(describeStats(gh.stats)).toMatch(/^3 requests \(1 read, 2 writes\): /);
  });
});

describe('createOctokit: rate limits and retries', () => {
  it('waits for retry-after on a REST 403 with x-ratelimit-remaining: 0, then retries', async () => {
    let n = 0;
    server = await startServer(() =>
      n++ === 0
        ? {
            status: 403,
            headers: { 'retry-after': '1', 'x-ratelimit-remaining': '0' },
            body: { message: 'API rate limit exceeded for installation ID 1.' },
          }
        : { body: { ok: true } },
    );
    const { gh, logs, clock } = testClient(server);
    const { data } = await gh.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' });
    expect(data).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(clock.waits).toEqual([1000]);
    expect(
      logs.some((l) =>
        /info: GitHub rate limit on GET \/repos\/\{owner\}\/\{repo\}: waiting 1s/.test(l),
      ),
    ).toBe(true);
    expect(gh.stats.rateLimitWaits).toBe(1);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('waits for retry-after on a secondary rate limit (429)', async () => {
    let n = 0;
    server = await startServer(() =>
      n++ === 0
        ? {
            status: 429,
            headers: { 'retry-after': '1' },
            body: {
              message: 'You have exceeded a secondary rate limit. Please wait a few minutes.',
            },
          }
        : { body: { ok: true } },
    );
    const { gh, logs, clock } = testClient(server);
    await gh.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' });
    expect(server.requests).toHaveLength(2);
    expect(clock.waits).toEqual([1000]);
    expect(logs.some((l) => l.includes('secondary rate limit'))).toBe(true);
  });

  it('retries a GraphQL RATE_LIMITED error in an HTTP 200 after the reset (github.com path)', async () => {
    let n = 0;
    let reset = 0;
    server = await startServer(() => {
      if (n++ > 0) return ok;
      reset = Math.ceil(Date.now() / 1000) + 1;
      return {
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
        body: {
          data: null,
          errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }],
        },
      };
    });
    const { gh, logs, clock } = testClient(server);
    await expect(gh.graphql(Q)).resolves.toEqual({ viewer: { login: 'octocat' } });
    expect(server.requests).toHaveLength(2);
    // Until the reset, plus a second: the retry goes out after it.
    expect(clock.waits).toHaveLength(1);
    expect(server.requests[0]!.at + clock.waits[0]!).toBeGreaterThanOrEqual(reset * 1000);
    expect(logs.some((l) => l.includes('waiting'))).toBe(true);
  });

  it('retries a GraphQL RATE_LIMITED error on a GHES endpoint (/api/graphql) too', async () => {
    let n = 0;
    server = await startServer(() =>
      n++ > 0
        ? ok
        : {
            headers: { 'retry-after': '1' },
            body: {
              data: null,
              errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded.' }],
            },
          },
    );
    const { gh, clock } = testClient(server, {
      baseUrl: `${server.url}/api/v3`,
      graphqlUrl: `${server.url}/api/graphql`,
    });
    await expect(gh.graphql(Q)).resolves.toEqual({ viewer: { login: 'octocat' } });
    expect(server.requests).toHaveLength(2);
    expect(clock.waits).toEqual([1000]);
  });

  it('gives up on GraphQL RATE_LIMITED after the bounded retries', async () => {
    server = await startServer(() => ({
      headers: { 'retry-after': '0' },
      body: { data: null, errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded.' }] },
    }));
    const { gh } = testClient(server, { retries: 2 });
    await expect(gh.graphql(Q)).rejects.toBeInstanceOf(GraphqlRateLimitError);
    expect(server.requests).toHaveLength(3);
  });

  it('does not wait when the reset is further away than maxWaitSeconds', async () => {
    server = await startServer(() => ({
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600),
      },
      body: { message: 'API rate limit exceeded.' },
    }));
    const { gh, logs } = testClient(server);
    const t0 = Date.now();
    await expect(
      gh.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' }),
    ).rejects.toMatchObject({ status: 403 });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
    expect(logs.some((l) => l.includes('giving up'))).toBe(true);
  });

  it('bounds rate-limit retries', async () => {
    server = await startServer(() => ({
      status: 403,
      headers: { 'retry-after': '0', 'x-ratelimit-remaining': '0' },
      body: { message: 'API rate limit exceeded.' },
    }));
    const { gh } = testClient(server, { retries: 2 });
    await expect(
      gh.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' }),
    ).rejects.toMatchObject({ status: 403 });
    expect(server.requests).toHaveLength(3);
  });

  it('retries a 500 and then succeeds', async () => {
    let n = 0;
    server = await startServer(() =>
      n++ === 0 ? { status: 500, body: { message: 'boom' } } : { body: { ok: 1 } },
    );
    const { gh, clock, logs } = testClient(server);
    const { data } = await gh.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' });
    expect(data).toEqual({ ok: 1 });
    expect(server.requests).toHaveLength(2);
    expect(clock.waits).toEqual([20]); // serverErrorBackoffMs × 1
    expect(logs).toContain('debug: GET /repos/{owner}/{repo}: retry 1');
  });

  it('backs off base×1 then base×4 and gives up after `retries`', async () => {
    server = await startServer(() => ({ status: 502, body: { message: 'Bad gateway' } }));
    const { gh, clock } = testClient(server);
    await expect(
      gh.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' }),
    ).rejects.toMatchObject({ status: 502 });
    expect(server.requests).toHaveLength(3);
    expect(clock.waits).toEqual([20, 80]);
  });

  it('a request with retries: 0 is not retried after a 5xx, but is after a rate limit', async () => {
    let n = 0;
    server = await startServer(() =>
      n++ === 0
        ? { status: 429, headers: { 'retry-after': '2' }, body: { message: 'slow down' } }
        : { status: 502, body: { message: 'Bad gateway' } },
    );
    const { gh, clock } = testClient(server);
    await expect(
      gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: 'o',
        repo: 'r',
        issue_number: 1,
        body: 'x',
        request: { retries: 0 },
      }),
    ).rejects.toMatchObject({ status: 502 });
    expect(server.requests).toHaveLength(2);
    expect(clock.waits).toEqual([2000]);
  });

  it('a secondary limit without retry-after waits 60 s (a 403 with retry-after: its value)', async () => {
    let n = 0;
    server = await startServer(() =>
      n++ === 0
        ? { status: 429, body: { message: 'You have exceeded a secondary rate limit.' } }
        : n === 2
          ? { status: 403, headers: { 'retry-after': '3' }, body: { message: 'slow down' } }
          : { body: {} },
    );
    const { gh, clock, logs } = testClient(server);
    await gh.request('GET /rate_limit');
    expect(clock.waits).toEqual([60_000, 3000]);
    expect(gh.stats).toMatchObject({ rateLimitWaits: 2, waitedSeconds: 63 });
    expect(logs.filter((l) => l.includes('secondary rate limit on GET /rate_limit'))).toHaveLength(
      2,
    );
  });

  it('gives up a wait that would pass the time limit for requests', async () => {
    server = await startServer(() => ({
      status: 429,
      headers: { 'retry-after': '120' },
      body: { message: 'slow down' },
    }));
    const { gh, clock, logs } = testClient(server, { totalTimeoutMs: 60_000 });
    await expect(gh.request('GET /rate_limit')).rejects.toMatchObject({ status: 429 });
    expect(clock.waits).toEqual([]);
    expect(logs.some((l) => l.includes("would pass this run's time limit"))).toBe(true);
  });

  it('retries GitHub\'s GraphQL "Something went wrong" answer (HTTP 200) like a server error', async () => {
    let n = 0;
    server = await startServer(() =>
      n++ === 0
        ? {
            body: {
              data: null,
              errors: [{ message: 'Something went wrong while executing your query. Try again.' }],
            },
          }
        : ok,
    );
    const { gh, clock } = testClient(server);
    await expect(gh.graphql(Q)).resolves.toEqual({ viewer: { login: 'octocat' } });
    expect(server.requests).toHaveLength(2);
    expect(clock.waits).toEqual([20]);
  });

  it('does not retry a 404', async () => {
    server = await startServer(() => ({ status: 404, body: { message: 'Not Found' } }));
    const { gh } = testClient(server);
    await expect(
      gh.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' }),
    ).rejects.toMatchObject({ status: 404 });
    expect(server.requests).toHaveLength(1);
  });

  it('throws a GraphqlError carrying the errors and partial data', async () => {
    server = await startServer(() => ({
      body: {
        data: { repository: null },
        errors: [{ type: 'NOT_FOUND', path: ['repository'], message: 'Could not resolve' }],
      },
    }));
    const { gh } = testClient(server);
    const err = await gh.graphql(Q).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphqlError);
    expect((err as GraphqlError).errors[0]?.type).toBe('NOT_FOUND');
    expect((err as GraphqlError).data).toEqual({ repository: null });
    expect((err as Error).message).toContain('NOT_FOUND: Could not resolve');
    expect(server.requests).toHaveLength(1);
  });
});

describe('logger', () => {
  it('waits go to info, else to warning (core style) or warn (Octokit style)', async () => {
    const limited = {
      status: 403,
      headers: { 'retry-after': '0', 'x-ratelimit-remaining': '0' },
      body: { message: 'API rate limit exceeded.' },
    };
    let n = 0;
    server = await startServer(() => (n++ % 2 === 0 ? limited : { body: {} }));
    const seen: string[] = [];
    const loggers = [
      { info: (m: string) => seen.push(`info ${m}`), warn: (m: string) => seen.push(`warn ${m}`) },
      { warning: (m: string) => seen.push(`warning ${m}`) },
      { warn: (m: string) => seen.push(`warn ${m}`), error: () => seen.push('error') },
    ];
    for (const log of loggers) {
      const gh = createOctokit({
        token: TOKEN,
        baseUrl: server.url,
        graphqlUrl: `${server.url}/graphql`,
        log,
      });
      await gh.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' });
    }
    expect(seen.map((l) => l.split(' ')[0])).toEqual(['info', 'warning', 'warn']);
    expect(seen.every((l) => l.includes('waiting 0s') && !l.includes(TOKEN))).toBe(true);
  });
});

describe('helpers', () => {
  it('rateLimitWaitSeconds reads retry-after, the reset, or falls back to 60 s', () => {
    const now = 1_700_000_000_000;
    expect(rateLimitWaitSeconds({ 'retry-after': '30' }, now)).toBe(30);
    expect(
      rateLimitWaitSeconds(
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 10) },
        now,
      ),
    ).toBe(11);
    expect(
      rateLimitWaitSeconds(
        {
          'retry-after': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(now / 1000 + 10),
        },
        now,
      ),
    ).toBe(11);
    expect(rateLimitWaitSeconds({}, now)).toBe(60);
  });

  it('classifyRequest tells GraphQL queries from mutations and REST reads from writes', () => {
    const g = 'https://ghe.example/api/graphql';
    expect(
      classifyRequest({ method: 'POST', url: g, query: '# c\n query { a }' }, g),
    ).toMatchObject({ write: false });
    expect(
      classifyRequest({ method: 'POST', url: g, query: ' mutation M { a }' }, g),
    ).toMatchObject({ write: true });
    expect(classifyRequest({ method: 'GET', url: '/repos/{owner}/{repo}' }, g)).toEqual({
      key: 'GET /repos/{owner}/{repo}',
      write: false,
      graphql: false,
    });
    expect(
      classifyRequest(
        { method: 'GET', url: 'https://api.github.com/repositories/1/issues/2/comments?page=2' },
        g,
        'https://api.github.com',
      ),
    ).toMatchObject({ key: 'GET /repositories/1/issues/2/comments', write: false });
    expect(classifyRequest({ method: 'PATCH', url: '/x' }, g)).toMatchObject({ write: true });
  });
});
