// Per-request cost of the GitHub client's own path: N × (a GraphQL read + a REST read),
// serially, against a local HTTP server that answers at once; ms per request, 5 rounds.
//   npx tsx scripts/bench/client-path.ts [N=300] [src root, default this checkout]
// Used to decide to drop @octokit/plugin-throttling and plugin-retry (docs/architecture.md).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './harness.js';

const N = Number(process.argv[2] ?? 300);
const root = process.argv[3] ?? ROOT;
const { createOctokit } = (await import(
  pathToFileURL(path.join(root, 'src/github/index.ts')).href
)) as typeof import('../../src/github/index.js');
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(req.url?.includes('graphql') ? '{"data":{"viewer":{"login":"o"}}}' : '{"ok":1}');
  });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const gh = createOctokit({ token: 't', baseUrl: url, graphqlUrl: `${url}/graphql` });
for (let i = 0; i < 20; i++) await gh.graphql('query { viewer { login } }');
const rounds: number[] = [];
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    await gh.graphql('query { viewer { login } }');
    await gh.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' });
  }
  rounds.push((performance.now() - t0) / (2 * N));
}
rounds.sort((a, b) => a - b);
console.log(
  `${root}: ${rounds.map((x) => x.toFixed(2)).join(' ')} ms/request (median ${rounds[2]!.toFixed(2)})`,
);
server.close();
