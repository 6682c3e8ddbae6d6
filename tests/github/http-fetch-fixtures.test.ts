// The node:http transport (src/github/http-fetch.ts) against answers GitHub really gave:
// @octokit/fixtures' recorded scenarios, replayed by a local server in their recorded order.
// Each scenario's requests are made once with httpFetch and once with Node's own fetch, and
// must come back the same: status, final URL, the headers Octokit reads, and the body —
// including GitHub's 301 (renamed repository) and 307 (PATCH re-sent) redirects, Link
// pagination, 204 answers and error bodies.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { httpFetch } from '../../src/github/http-fetch.js';

interface Recorded {
  method: string;
  path: string;
  body?: unknown;
  status: number;
  response: unknown;
  headers: Record<string, string>;
  reqheaders?: Record<string, string>;
  responseIsBinary?: boolean;
}

const require = createRequire(import.meta.url);
const SCENARIOS = path.join(
  path.dirname(require.resolve('@octokit/fixtures/package.json')),
  'scenarios/api.github.com',
);
const GITHUB = 'https://api.github.com';
/** What the transport hands Octokit and Octokit reads (its fetch-wrapper and our policy). */
const READ_HEADERS = [
  'content-type',
  'link',
  'location',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-github-request-id',
  'etag',
];

function scenario(name: string): Recorded[] {
  return JSON.parse(
    readFileSync(path.join(SCENARIOS, name, 'normalized-fixture.json'), 'utf8'),
  ) as Recorded[];
}

/** Answers each request with the first unused recorded answer for its method and path. */
async function replay(recorded: Recorded[]): Promise<{ url: string; close: () => Promise<void> }> {
  const unused = [...recorded];
  let base = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const i = unused.findIndex(
        (r) => r.method.toUpperCase() === req.method && r.path === req.url,
      );
      if (i < 0) {
        res.writeHead(599).end(`not recorded: ${req.method} ${req.url}`);
        return;
      }
      const [r] = unused.splice(i, 1) as [Recorded];
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.headers)) {
        if (/^(content-length|transfer-encoding|connection|content-encoding)$/i.test(k)) continue;
        headers[k] =
          k.toLowerCase() === 'location' || k.toLowerCase() === 'link'
            ? v.split(GITHUB).join(base)
            : v;
      }
      const body =
        r.response === undefined || r.response === '' || r.status === 204 || r.status === 304
          ? undefined
          : typeof r.response === 'string'
            ? r.response
            : JSON.stringify(r.response).split(GITHUB).join(base);
      res.writeHead(r.status, headers).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The scenario's requests as a client makes them: a redirect's target is not asked again. */
function clientRequests(recorded: Recorded[]): Recorded[] {
  const out: Recorded[] = [];
  for (let i = 0; i < recorded.length; i++) {
    out.push(recorded[i]!);
    if ([301, 302, 307, 308].includes(recorded[i]!.status)) i++;
  }
  return out;
}

async function run(name: string, fetchImpl: typeof fetch) {
  const recorded = scenario(name);
  const server = await replay(recorded);
  servers.push(server);
  const seen = [];
  for (const r of clientRequests(recorded)) {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.reqheaders ?? {}))
      if (!/^(host|content-length)$/i.test(k)) headers[k] = v;
    const body =
      r.body === undefined || r.body === ''
        ? undefined
        : typeof r.body === 'string'
          ? r.body
          : JSON.stringify(r.body);
    const res = await fetchImpl(server.url + r.path, {
      method: r.method.toUpperCase(),
      headers,
      body,
    });
    // The replaying server's address is in URLs of the body and of Link / Location: cut out.
    const local = (text: string | null) => text?.split(server.url).join('') ?? null;
    seen.push({
      status: res.status,
      url: local(res.url),
      redirected: res.redirected,
      headers: Object.fromEntries(READ_HEADERS.map((h) => [h, local(res.headers.get(h))])),
      body: local(await res.text()),
    });
  }
  return seen;
}

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const NAMES = [
  'rename-repository',
  'paginate-issues',
  'errors',
  'lock-issue',
  'add-labels-to-issue',
  'labels',
  'get-repository',
];

describe('httpFetch on GitHub answers recorded by @octokit/fixtures', () => {
  it('has the scenarios this test replays', () => {
    const available = readdirSync(SCENARIOS);
    for (const name of NAMES) expect(available).toContain(name);
  });

  for (const name of NAMES) {
    it(`${name}: the same status, URL, headers and body as Node's fetch`, async () => {
      const ours = await run(name, httpFetch);
      const node = await run(name, globalThis.fetch);
      expect(ours).toEqual(node);
      expect(ours.every((r) => r.status !== 599)).toBe(true);
    });
  }

  it('follows a renamed repository (301) and re-sends a PATCH after a 307', async () => {
    const ours = await run('rename-repository', httpFetch);
    expect(ours.map((r) => [r.status, r.url, r.redirected])).toEqual([
      [200, '/repos/octokit-fixture-org/rename-repository', false],
      [200, '/repositories/1000', true],
      [200, '/repositories/1000', true],
    ]);
  });

  it('passes Link pagination headers through', async () => {
    const ours = await run('paginate-issues', httpFetch);
    expect(ours.some((r) => /rel="next"/.test(r.headers.link ?? ''))).toBe(true);
  });
});
