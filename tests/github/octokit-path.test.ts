// The per-request path of the client: one request hook (src/github/request-policy.ts), no
// scheduler between a read and the wire (the throttling and retry plugins' Bottleneck
// limiters cost ~12 zero-delay timers, ~9 ms, per request); transient failures are retried
// by the policy, not mistaken for rate limits.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startServer, testClient, type TestServer } from './server.js';

let server: TestServer | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

const ok = { body: { data: { viewer: { login: 'octocat' } } } };

describe('createOctokit: per-request path', () => {
  it('a read sets no zero-delay timers on its way (no scheduler in the path)', async () => {
    server = await startServer(() => ok);
    const { gh } = testClient(server);
    await gh.graphql('query { viewer { login } }'); // warm: connection, plugin set-up
    const spy = vi.spyOn(globalThis, 'setTimeout');
    await gh.graphql('query { viewer { login } }');
    await gh.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' });
    const zeroDelay = spy.mock.calls.filter(([, ms]) => !ms).length;
    // Bottleneck's local datastore sets ~4 per job: 12 per request with the throttling and
    // retry plugins, then 4 with the retry plugin alone; none now.
    expect(zeroDelay).toBe(0);
  });

  it('a GraphQL request whose connection drops is retried, not taken for a rate limit', async () => {
    let n = 0;
    server = await startServer(() => (n++ === 0 ? { drop: true } : ok));
    const { gh, logs } = testClient(server);
    await expect(gh.graphql('query { viewer { login } }')).resolves.toEqual({
      viewer: { login: 'octocat' },
    });
    expect(server.requests).toHaveLength(2);
    expect(gh.stats.rateLimitWaits).toBe(0);
    expect(logs.some((l) => l.includes('waiting'))).toBe(false);
  });

  it('a GraphQL 502 is retried after a back-off, not as a rate limit', async () => {
    let n = 0;
    server = await startServer(() =>
      n++ === 0 ? { status: 502, body: { message: 'Bad gateway' } } : ok,
    );
    const { gh } = testClient(server);
    await expect(gh.graphql('query { viewer { login } }')).resolves.toEqual({
      viewer: { login: 'octocat' },
    });
    expect(server.requests).toHaveLength(2);
    expect(gh.stats.rateLimitWaits).toBe(0);
  });
});
