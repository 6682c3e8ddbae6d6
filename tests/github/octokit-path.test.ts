// The per-request path of the client: the throttling plugin's `global` group and retry
// limiter are replaced by stand-ins (src/github/octokit.ts) that keep its rate-limit
// handling but not Bottleneck's zero-delay timers; these check they are in place and keep
// Bottleneck's contract where a listener fails.
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
  it('a read costs at most the retry plugin’s zero-delay timers, not the throttling plugin’s', async () => {
    server = await startServer(() => ok);
    const { gh } = testClient(server);
    await gh.graphql('query { viewer { login } }'); // warm: connection, plugin set-up
    const spy = vi.spyOn(globalThis, 'setTimeout');
    await gh.graphql('query { viewer { login } }');
    await gh.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' });
    const zeroDelay = spy.mock.calls.filter(([, ms]) => !ms).length;
    // Bottleneck's local datastore sets ~4 per job; with the throttling plugin's own
    // limiter and `global` group that was 12 per request, now 4 (the retry plugin's).
    expect(zeroDelay).toBeLessThanOrEqual(2 * 5);
  });

  it('a GraphQL request whose connection drops is retried (the throttling listener fails on it)', async () => {
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

  it('a GraphQL 502 is retried by the retry plugin, not as a rate limit', async () => {
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
