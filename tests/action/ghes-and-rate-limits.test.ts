// The action (in process) against GitHub Enterprise Server's URL layout (…/api/v3, …/api/graphql)
// and against rate limits (REST secondary limits, GraphQL RATE_LIMITED in an HTTP 200),
// which are waited out, not failed on.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import {
  CONFIG,
  CONFIG_PATH,
  checkEmulator,
  cleanupRuns,
  freshRepo,
  issueEvent,
  pullRequestEvent,
  runAction,
  scheduleEvent,
  workflowDispatchEvent,
} from './in-process.js';

const ISSUE = '/repos/{owner}/{repo}/issues/{issue_number}';
const CONTENTS = '/repos/{owner}/{repo}/contents/{path}';
const workspaceFiles = { [CONFIG_PATH]: CONFIG };
const wrongOwner = { title: '[Feature] Export', labels: ['feature'], assignees: ['bob'] };

/**
 * A pass-through proxy in front of the emulator that records the raw request URLs (the
 * emulator normalises `/api/v3` away), so the test sees exactly which URLs the action used.
 */
async function recordingProxy(
  target: Emulator,
): Promise<{ origin: string; urls: string[]; close: () => Promise<void> }> {
  const urls: string[] = [];
  const server: Server = createServer((req, res) => {
    urls.push(`${req.method} ${req.url}`);
    const upstream = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    urls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('GitHub Enterprise Server', () => {
  let ghes: Emulator;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  beforeAll(async () => {
    ghes = await startEmulator({ enterprise: true, serverUrl: 'https://ghe.example.com' });
    proxy = await recordingProxy(ghes);
  });
  afterEach(() => checkEmulator(ghes));
  afterAll(async () => {
    await proxy.close();
    await ghes.stop();
  });

  const env = () => ({
    GITHUB_API_URL: `${proxy.origin}/api/v3`,
    GITHUB_GRAPHQL_URL: `${proxy.origin}/api/graphql`,
  });

  it('backlog mode with a report issue, end to end on /api/v3 and /api/graphql', async () => {
    expect(ghes.url).toMatch(/\/api\/v3$/);
    expect(ghes.graphqlUrl).toMatch(/\/api\/graphql$/);
    const { token } = freshRepo(ghes, 'ghes');
    ghes.seedBacklog(150);
    ghes.setFile(CONFIG_PATH, CONFIG);
    proxy.urls.length = 0;
    const run = await runAction({
      emu: ghes,
      event: scheduleEvent(ghes),
      token,
      env: env(),
      inputs: { 'report-issue': 'Backlog report', 'fail-on': 'never' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ 'issues-checked': '150', complete: 'true' });
    // 2 pages, then the newest issues once more after creating the report issue (convergence).
    expect(ghes.graphqlCount('repository.issues')).toBe(3);
    expect(ghes.writes().map((w) => `${w.method} ${w.route} ${w.status}`)).toEqual([
      'POST /repos/{owner}/{repo}/issues 201',
    ]);
    expect(proxy.urls).toHaveLength(ghes.requests.length);
    for (const url of proxy.urls) expect(url).toMatch(/^(GET|POST|PATCH) \/api\/(v3\/|graphql$)/);
    expect(proxy.urls.filter((u) => u === 'POST /api/graphql')).toHaveLength(3);
    // Links point at the GHES server, not github.com.
    expect(run.summary).toContain('](https://ghe.example.com/acme/ghes-');
    expect(run.summary).not.toContain('https://github.com');
  });

  it('pull-request mode (config from the base branch) and the sticky comment', async () => {
    const { token } = freshRepo(ghes, 'ghes-pr');
    ghes.setFile(CONFIG_PATH, CONFIG);
    const issue = ghes.addIssue(wrongOwner);
    const pr = ghes.addPullRequest({ title: 'Work', body: `Fixes #${issue.number}` });
    proxy.urls.length = 0;
    const run = await runAction({
      emu: ghes,
      event: pullRequestEvent(ghes, pr.number),
      token,
      env: env(),
    });
    expect(run.exitCode).toBe(1);
    expect(run.report?.configSource).toBe(`api:${CONFIG_PATH}@main`);
    expect(proxy.urls).toEqual([
      expect.stringMatching(
        /^GET \/api\/v3\/repos\/acme\/ghes-pr-\d+\/contents\/\.github(\/|%2F)backlog-lint\.yml\?ref=main$/,
      ),
      expect.stringMatching(
        /^GET \/api\/v3\/repos\/acme\/ghes-pr-\d+\/pulls\/\d+\/files\?per_page=100$/,
      ),
      'POST /api/graphql',
      'POST /api/graphql', // the comment lookup
      'POST /api/graphql', // the addComment mutation
    ]);
    expect(ghes.issue(pr.number)?.comments).toHaveLength(1);
  });

  it('a GraphQL RATE_LIMITED on /api/graphql (GHES path) is waited out', async () => {
    const { token } = freshRepo(ghes, 'ghes-limit');
    ghes.seedBacklog(20);
    const fault = ghes.faults.graphqlRateLimited({ resetIn: 1 });
    const run = await runAction({
      emu: ghes,
      event: scheduleEvent(ghes),
      token,
      env: env(),
      workspaceFiles,
      inputs: { 'fail-on': 'never' },
    });
    expect(fault.hits).toBe(1);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ 'issues-checked': '20', complete: 'true' });
    expect(ghes.graphqlCount('repository.issues')).toBe(2);
    expect(run.stdout).toMatch(
      /GitHub GraphQL rate limit on graphql query: waiting \d+s before retry 1 of 2\./,
    );
    expect(run.annotations.filter((a) => a.level === 'warning' && !a.title)).toEqual([]);
  });
});

describe('rate limits on github.com', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterEach(() => checkEmulator(emu));
  afterAll(async () => {
    await emu.stop();
    cleanupRuns();
  });

  it.each([403, 429])(
    'a secondary rate limit (%d, retry-after: 1) on a read is waited out',
    async (status) => {
      const { token } = freshRepo(emu, `secondary-${status}`);
      const issue = emu.addIssue(wrongOwner);
      const fault = emu.faults.secondaryRateLimit({
        retryAfter: 1,
        status,
        match: { method: 'GET', route: ISSUE },
      });
      const run = await runAction({
        emu,
        event: workflowDispatchEvent(emu),
        token,
        workspaceFiles,
        inputs: { 'issue-number': String(issue.number) },
      });
      expect(fault.hits).toBe(1);
      expect(run.exitCode).toBe(1); // on its findings
      expect(run.failures).toEqual(['backlog-lint: 1 error(s) (fail-on: error).']);
      expect(emu.requests.map((r) => `${r.method} ${r.route} ${r.status}`)).toEqual([
        `GET ${ISSUE} ${status}`,
        `GET ${ISSUE} 200`,
        'POST null 200', // the comment lookup (GraphQL)
        'POST null 200', // the addComment mutation
      ]);
      // The wait is taken in the client's clock (the harness runs with waitScale 0; the
      // clock's waits are unit-tested in tests/github/octokit.test.ts), never slept here.
      expect(run.stdout).toMatch(
        /secondary rate limit on GET .*issues\/\{issue_number\}: waiting 1s before retry 1 of 2/,
      );
      // A wait is information, not a warning annotation.
      expect(run.annotations.filter((a) => a.level === 'warning' && !a.title)).toEqual([]);
      expect(emu.issue(issue.number)?.comments).toHaveLength(1);
    },
  );

  it('a primary rate limit (x-ratelimit-remaining: 0) on the config read waits for the reset', async () => {
    const { token } = freshRepo(emu, 'primary');
    emu.setFile(CONFIG_PATH, CONFIG);
    const issue = emu.addIssue(wrongOwner);
    const fault = emu.faults.rateLimit({ resetIn: 1, match: { route: CONTENTS } });
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      inputs: { comment: 'never' },
    });
    expect(fault.hits).toBe(1);
    expect(run.report?.configSource).toBe(`api:${CONFIG_PATH}`);
    expect(run.outputs.complete).toBe('true');
    expect(emu.count({ route: CONTENTS })).toBe(2);
    expect(run.exitCode).toBe(1);
  });

  it('a GraphQL RATE_LIMITED error in an HTTP 200 is waited out', async () => {
    const { token } = freshRepo(emu, 'graphql-limit');
    emu.seedBacklog(120);
    const fault = emu.faults.graphqlRateLimited({
      resetIn: 1,
      match: { graphql: 'repository.issues', page: 2 },
    });
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      inputs: { 'fail-on': 'never' },
    });
    expect(fault.hits).toBe(1);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ 'issues-checked': '120', complete: 'true' });
    expect(emu.graphqlCount('repository.issues')).toBe(3);
    expect(run.report?.complete).toBe(true);
  });
});
