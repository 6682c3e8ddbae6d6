// A tiny local HTTP server for the GitHub-layer tests: each test answers the few calls it
// exercises and inspects what was received (and when).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createOctokit,
  type CreateOctokitOptions,
  type GitHubClient,
} from '../../src/github/index.js';
import { fakeClock, type FakeClock } from '../support/fake-clock.js';

export interface Received {
  method: string;
  /** Path and query as received. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** Date.now() when the request arrived. */
  at: number;
  /** Date.now() when its answer was sent (or the connection dropped); null until then. */
  answeredAt: number | null;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Drop the connection instead of answering (a network error for the client). */
  drop?: boolean;
}

export interface TestServer {
  url: string;
  requests: Received[];
  /** Most requests the server was handling at the same time. */
  maxInFlight: number;
  /** Requests being handled now (arrived, not answered yet). */
  inFlight: number;
  close(): Promise<void>;
}

export async function startServer(
  handler: (req: Received) => Reply | Promise<Reply>,
): Promise<TestServer> {
  const requests: Received[] = [];
  let inFlight = 0;
  const state = { maxInFlight: 0 };
  const server = http.createServer((req, res) => {
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: unknown = raw;
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          /* keep raw text */
        }
        const u = new URL(req.url ?? '/', 'http://127.0.0.1');
        const rec: Received = {
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          path: u.pathname,
          query: u.searchParams,
          headers: req.headers,
          body,
          at: Date.now(),
          answeredAt: null,
        };
        requests.push(rec);
        let reply: Reply;
        try {
          reply = await handler(rec);
        } catch (err) {
          reply = { status: 599, body: { message: `test handler failed: ${String(err)}` } };
        }
        if (reply.drop) {
          inFlight--;
          rec.answeredAt = Date.now();
          req.socket.destroy();
          return;
        }
        const status = reply.status ?? 200;
        const payload =
          reply.body === undefined || status === 204 ? '' : JSON.stringify(reply.body);
        res.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          ...reply.headers,
        });
        inFlight--;
        rec.answeredAt = Date.now();
        res.end(payload);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get maxInFlight() {
      return state.maxInFlight;
    },
    get inFlight() {
      return inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const TOKEN = 'ghs_testtoken_DO_NOT_LOG_123';

export interface TestClient {
  gh: GitHubClient;
  logs: string[];
  /** The client's clock: its waits are recorded, never slept. */
  clock: FakeClock;
}

/** A client against the test server (`/graphql` like github.com unless overridden). */
export function testClient(
  server: TestServer,
  opts: Partial<CreateOctokitOptions> = {},
): TestClient {
  const logs: string[] = [];
  const clock = fakeClock();
  const gh = createOctokit({
    token: TOKEN,
    clock,
    baseUrl: server.url,
    graphqlUrl: `${server.url}/graphql`,
    serverErrorBackoffMs: 20,
    log: {
      debug: (m) => logs.push(`debug: ${m}`),
      info: (m) => logs.push(`info: ${m}`),
    },
    ...opts,
  });
  return { gh, logs, clock };
}

/** GraphQL request bodies received. */
export function graphqlBodies(
  server: TestServer,
): { query: string; variables: Record<string, unknown> }[] {
  return server.requests
    .filter((r) => r.method === 'POST' && r.path.endsWith('/graphql'))
    .map((r) => r.body as { query: string; variables: Record<string, unknown> });
}
