// backlogPages is pipelined: the request for page k+1 is on the wire while the consumer works
// on page k, yet requests stay serial (one in flight) and failures and early stops surface
// where they should. Ordering is asserted from timestamps (server arrival / answer, consumer
// start / end), never from wall-clock thresholds.
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { backlogPages, createOctokit, GraphqlError } from '../../src/github/index.js';
import { graphqlBodies, startServer, testClient, type Reply, type TestServer } from './server.js';

const repo = { owner: 'acme', repo: 'widgets' };
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function node(n: number): Record<string, unknown> {
  return {
    number: n,
    title: `Issue ${n}`,
    url: `https://github.com/acme/widgets/issues/${n}`,
    state: 'OPEN',
    body: null,
    author: { login: 'alice' },
    labels: { nodes: [] },
    assignees: { nodes: [] },
    milestone: null,
    issueType: null,
  };
}

/** Page `p` (1-based) of a backlog of `pages` pages of 100 issues; cursors are page numbers. */
function pageReply(p: number, pages: number): Reply {
  const nodes = Array.from({ length: 100 }, (_, i) => node((p - 1) * 100 + i + 1));
  return {
    body: {
      data: {
        repository: {
          issues: {
            pageInfo: { hasNextPage: p < pages, endCursor: String(p) },
            totalCount: pages * 100,
            nodes,
          },
        },
      },
    },
  };
}

/** Which page a backlog request asks for (1-based). */
function pageOf(body: unknown): number {
  const after = (body as { variables: { after: string | null } }).variables.after;
  return after ? Number(after) + 1 : 1;
}

/** A backlog server answering after `latencyMs`; page `failAt` answers a GraphQL error. */
function backlogServer(opts: {
  pages: number;
  latencyMs: number;
  failAt?: number;
}): Promise<TestServer> {
  return startServer(async (r) => {
    await sleep(opts.latencyMs);
    const p = pageOf(r.body);
    if (p === opts.failAt)
      return {
        body: { data: null, errors: [{ type: 'FORBIDDEN', message: `page ${p} is forbidden` }] },
      };
    return pageReply(p, opts.pages);
  });
}

interface Work {
  page: number;
  start: number;
  end: number;
}

function trackUnhandled(): { seen: unknown[]; stop(): void } {
  const seen: unknown[] = [];
  const on = (reason: unknown): void => void seen.push(reason);
  process.on('unhandledRejection', on);
  return { seen, stop: () => process.off('unhandledRejection', on) };
}

describe('backlogPages: the next page is read while the consumer works on this one', () => {
  it('asks for page k+1 before the consumer is done with page k (async consumer), one request at a time', async () => {
    const PAGES = 4;
    server = await backlogServer({ pages: PAGES, latencyMs: 20 });
    const { gh } = testClient(server);
    const work: Work[] = [];
    for await (const page of backlogPages(gh, repo)) {
      const start = Date.now();
      await sleep(50); // the consumer's work, longer than a round trip
      work.push({ page: work.length + 1, start, end: Date.now() });
      expect(page).toHaveLength(100);
    }
    const reqs = server.requests;
    expect(reqs.map((r) => pageOf(r.body))).toEqual([1, 2, 3, 4]);
    expect(server.maxInFlight).toBe(1);
    for (let k = 1; k < PAGES; k++) {
      const next = reqs[k]!; // the request for page k+1
      // Serial: asked for only once page k was answered...
      expect(next.at).toBeGreaterThanOrEqual(reqs[k - 1]!.answeredAt!);
      // ...and before the consumer finished page k: the two overlap.
      expect(next.at).toBeLessThan(work[k - 1]!.end);
      // Even answered before then (round trip 20 ms, work 50 ms).
      expect(next.answeredAt!).toBeLessThanOrEqual(work[k - 1]!.end);
    }
    // The last page: nothing left to ask for.
    expect(gh.stats.reads).toBe(PAGES);
  });

  // Scheduling-dependent: on a loaded 2-core machine the server thread may not run until the
  // busy loop ends (seen once in CI), hence a longer busy loop and retries.
  it(
    'sends page k+1 before a synchronous consumer starts on page k (server in another thread)',
    { retry: 2 },
    async () => {
      // The action's consumer (Linter.add) is synchronous: while it runs, this thread's event
      // loop is blocked, so only a server in another thread can see the request arrive during
      // that work — which it does only when the request was written before the work started.
      const PAGES = 4;
      const BUSY_MS = 150;
      const worker = new Worker(WORKER_SERVER, { eval: true, workerData: { pages: PAGES } });
      const log: { page: number; at: number; answeredAt: number }[] = [];
      try {
        const port = await new Promise<number>((resolve, reject) => {
          worker.on(
            'message',
            (m: { port?: number; page?: number; at: number; answeredAt: number }) => {
              if (m.port) resolve(m.port);
              else log.push(m as (typeof log)[number]);
            },
          );
          worker.on('error', reject);
        });
        const url = `http://127.0.0.1:${port}`;
        const gh = createOctokit({ token: 't', baseUrl: url, graphqlUrl: `${url}/graphql` });
        const work: Work[] = [];
        for await (const page of backlogPages(gh, repo)) {
          const start = Date.now();
          while (Date.now() - start < BUSY_MS); // blocks the event loop, like Linter.add
          work.push({ page: work.length + 1, start, end: Date.now() });
          expect(page).toHaveLength(100);
        }
        for (let waited = 0; log.length < PAGES && waited < 5000; waited += 10) await sleep(10);
        log.sort((a, b) => a.at - b.at);
        expect(log.map((l) => l.page)).toEqual([1, 2, 3, 4]);
        for (let k = 1; k < PAGES; k++) {
          expect(log[k]!.at).toBeGreaterThanOrEqual(log[k - 1]!.answeredAt); // serial
          expect(log[k]!.at).toBeLessThan(work[k - 1]!.end); // on the wire during the work
        }
      } finally {
        await worker.terminate();
      }
    },
  );
});

describe('backlogPages: failures and early stops', () => {
  it('a failure of page 3 comes after pages 1 and 2 were consumed, with no unhandled rejection', async () => {
    server = await backlogServer({ pages: 5, latencyMs: 5, failAt: 3 });
    const { gh } = testClient(server);
    const unhandled = trackUnhandled();
    const got: number[] = [];
    let error: unknown;
    try {
      for await (const page of backlogPages(gh, repo)) {
        got.push(page[0]!.number);
        // Page 3 fails while the consumer is still on page 2.
        await sleep(40);
      }
    } catch (err) {
      error = err;
    } finally {
      unhandled.stop();
    }
    expect(got).toEqual([1, 101]);
    expect(error).toBeInstanceOf(GraphqlError);
    expect((error as Error).message).toContain('page 3 is forbidden');
    expect(server.requests.map((r) => pageOf(r.body))).toEqual([1, 2, 3]);
    expect(server.requests[2]!.answeredAt).not.toBeNull();
    expect(unhandled.seen).toEqual([]);
  });

  it('a consumer that stops early leaves no request running and asks for nothing more', async () => {
    server = await backlogServer({ pages: 5, latencyMs: 30 });
    const { gh } = testClient(server);
    let consumed = 0;
    for await (const page of backlogPages(gh, repo)) {
      consumed += page.length;
      break; // page 2 is in flight now
    }
    expect(consumed).toBe(100);
    // The generator's finally waited for page 2's answer: nothing is running.
    expect(server.inFlight).toBe(0);
    expect(server.requests.map((r) => pageOf(r.body))).toEqual([1, 2]);
    expect(server.requests[1]!.answeredAt).not.toBeNull();
    await sleep(50);
    expect(server.requests).toHaveLength(2);
    expect(server.maxInFlight).toBe(1);
  });

  it('stopping early drops the error of the page in flight; a consumer’s own error wins', async () => {
    server = await backlogServer({ pages: 5, latencyMs: 10, failAt: 2 });
    const { gh } = testClient(server);
    const unhandled = trackUnhandled();
    try {
      let pages = 0;
      for await (const _page of backlogPages(gh, repo)) {
        pages++;
        break;
      }
      expect(pages).toBe(1);
      expect(server.inFlight).toBe(0);

      const it = backlogPages(gh, repo);
      await expect(
        (async () => {
          for await (const _page of it) throw new Error('consumer failed');
        })(),
      ).rejects.toThrow('consumer failed');
      expect(server.inFlight).toBe(0);
      expect(graphqlBodies(server).map(pageOf)).toEqual([1, 2, 1, 2]);
    } finally {
      unhandled.stop();
    }
    expect(unhandled.seen).toEqual([]);
  });

  it('a one-page backlog is one request and nothing in flight afterwards', async () => {
    server = await backlogServer({ pages: 1, latencyMs: 0 });
    const { gh } = testClient(server);
    const pages: number[] = [];
    for await (const page of backlogPages(gh, repo)) pages.push(page.length);
    expect(pages).toEqual([100]);
    expect(server.requests).toHaveLength(1);
  });
});

/** The backlog server of the synchronous-consumer test, run in a worker thread (CommonJS). */
const WORKER_SERVER = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const PAGES = workerData.pages;
function node(n) {
  return { number: n, title: 'Issue ' + n, url: 'https://github.com/acme/widgets/issues/' + n,
    state: 'OPEN', body: null, author: { login: 'alice' }, labels: { nodes: [] },
    assignees: { nodes: [] }, milestone: null, issueType: null };
}
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const at = Date.now();
    const after = JSON.parse(Buffer.concat(chunks).toString()).variables.after;
    const page = after ? Number(after) + 1 : 1;
    const nodes = [];
    for (let i = 1; i <= 100; i++) nodes.push(node((page - 1) * 100 + i));
    const body = JSON.stringify({ data: { repository: { issues: {
      pageInfo: { hasNextPage: page < PAGES, endCursor: String(page) },
      totalCount: PAGES * 100, nodes } } } });
    setTimeout(() => {
      parentPort.postMessage({ page, at, answeredAt: Date.now() });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(body);
    }, 20);
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
`;
