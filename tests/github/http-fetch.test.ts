// The node:http transport of event runs (src/github/http-fetch.ts) against Node's fetch: the
// client sees the same answers, errors and retries through either.
import diagnosticsChannel from 'node:diagnostics_channel';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GraphqlError } from '../../src/github/index.js';
import { HTTP_BODY_SENT } from '../../src/github/http-fetch.js';
import { startServer, testClient, TOKEN, type TestServer } from './server.js';

let server: TestServer | undefined;
let raw: http.Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (raw) {
    raw.closeAllConnections();
    await new Promise((r) => raw!.close(r));
    raw = undefined;
  }
});

async function startRaw(handler: http.RequestListener): Promise<string> {
  raw = http.createServer(handler);
  await new Promise<void>((resolve) => raw!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
}

describe.each(['fetch', 'node-http'] as const)('transport %s', (transport) => {
  it('reads GraphQL data and REST answers with their headers', async () => {
    server = await startServer((r) =>
      r.path === '/graphql'
        ? { body: { data: { viewer: { login: 'octocat' } } } }
        : { headers: { 'x-ratelimit-remaining': '4999' }, body: { id: 7, title: 'é ✓' } },
    );
    const { gh } = testClient(server, { transport });
    await expect(gh.graphql('query { viewer { login } }', { a: 1 })).resolves.toEqual({
      viewer: { login: 'octocat' },
    });
    const res = await gh.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
      owner: 'o',
      repo: 'r',
      issue_number: 7,
    });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ id: 7, title: 'é ✓' });
    expect(res.headers['x-ratelimit-remaining']).toBe('4999');
    expect(server.requests[0]?.body).toEqual({
      query: 'query { viewer { login } }',
      variables: { a: 1 },
    });
    expect(server.requests[1]?.headers.authorization).toBe(`token ${TOKEN}`);
  });

  it('a 404 is a RequestError with its status and message; a 204 has no data', async () => {
    server = await startServer((r) =>
      r.method === 'DELETE' ? { status: 204 } : { status: 404, body: { message: 'Not Found' } },
    );
    const { gh } = testClient(server, { transport });
    await expect(gh.request('GET /rate_limit')).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('Not Found'),
    });
    const res = await gh.request('DELETE /repos/o/r/issues/comments/1');
    expect(res.status).toBe(204);
  });

  it('GraphQL errors are thrown; a dropped connection is retried', async () => {
    let n = 0;
    server = await startServer(() =>
      n++ === 0 ? { drop: true } : { body: { data: null, errors: [{ message: 'nope' }] } },
    );
    const { gh } = testClient(server, { transport });
    await expect(gh.graphql('query { x }')).rejects.toBeInstanceOf(GraphqlError);
    expect(server.requests).toHaveLength(2);
  });

  it('an answer cut off before its end fails the read: it is never taken for the whole answer', async () => {
    server = await startServer(() => ({ body: {} })); // for testClient; the answers come from `raw`
    const origin = await startRaw((req, res) => {
      req.resume();
      req.on('end', () => {
        // A JSON text complete in itself, sent as the start of a longer answer, then the
        // connection is dropped.
        const text = JSON.stringify({ data: { viewer: { login: 'cut' } } });
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(text.length + 100),
        });
        res.write(text, () => res.socket?.destroy());
      });
    });
    const { gh } = testClient(server, { transport, graphqlUrl: `${origin}/graphql` });
    await expect(gh.graphql('query { viewer { login } }')).rejects.toThrow();
  });

  it('read-ahead: told once the request is on the wire, before the answer', async () => {
    let answer: (() => void) | undefined;
    server = await startServer(
      () =>
        new Promise((resolve) => {
          answer = () => resolve({ body: { data: { ok: 1 } } });
        }),
    );
    const { gh } = testClient(server, { transport });
    // What each transport publishes once a request's bytes are flushed to its socket.
    let written = false;
    const onWritten = () => (written = true);
    const channels = ['undici:request:bodySent', HTTP_BODY_SENT];
    for (const name of channels) diagnosticsChannel.subscribe(name, onWritten);
    const { pending } = await gh
      .readAhead(() => gh.graphql('query { ok }'))
      .finally(() => {
        for (const name of channels) diagnosticsChannel.unsubscribe(name, onWritten);
      });
    // Told no sooner than the request was written, and while the answer is held back.
    expect(written).toBe(true);
    await vi.waitFor(() => expect(answer).toBeDefined());
    answer!();
    await expect(pending).resolves.toEqual({ ok: 1 });
  });
});

describe('node-http transport', () => {
  it('follows a redirect to another origin without the token, and decodes gzip', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const target = await startServer(() => ({ body: { moved: true } }));
    server = target;
    const origin = await startRaw((req, res) => {
      seen.push(req.headers);
      if (req.url?.startsWith('/gz')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(JSON.stringify({ zipped: 'yes' })));
        return;
      }
      res.writeHead(301, { location: `${target.url}/elsewhere` });
      res.end();
    });
    const { gh } = testClient(server, { transport: 'node-http', baseUrl: origin });
    const moved = await gh.request('GET /repos/o/r');
    expect(moved.data).toEqual({ moved: true });
    expect(moved.url).toBe(`${target.url}/elsewhere`);
    expect(seen[0]?.authorization).toBe(`token ${TOKEN}`);
    expect(target.requests[0]?.headers.authorization).toBeUndefined();
    const zipped = await gh.request('GET /gz');
    expect(zipped.data).toEqual({ zipped: 'yes' });
  });
});
