// The built action behind a proxy, as on a self-hosted runner that reaches GitHub only through
// one: the API host does not resolve, so every request that arrives went through the proxy's
// CONNECT tunnel, REST and GraphQL alike, reads and writes, with the proxy's credentials, and
// the credentials never appear in the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator/index.js';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy.js';
import {
  CONFIG,
  CONFIG_PATH,
  freshRepo,
  issueEvent,
  runAction,
  scheduleEvent,
  useEmulator,
} from './harness.js';

describe('behind a proxy (http_proxy / https_proxy)', () => {
  let emu: Emulator;
  let proxy: ConnectProxy;
  useEmulator((e) => (emu = e));
  beforeAll(async () => {
    proxy = await startConnectProxy({ targetPort: emu.port });
  });
  afterAll(() => proxy.close());

  const host = () => `github.proxied.test:${emu.port}`;
  const env = (extra: Record<string, string> = {}) => ({
    GITHUB_API_URL: `http://${host()}`,
    GITHUB_GRAPHQL_URL: `http://${host()}/graphql`,
    http_proxy: `http://ci-robot:s3cr%40t@127.0.0.1:${proxy.port}`,
    ...extra,
  });
  const basic = `Basic ${Buffer.from('ci-robot:s3cr@t').toString('base64')}`;

  it('backlog mode: config through the contents API and GraphQL pages, all through the proxy', async () => {
    const { token } = freshRepo(emu, 'proxied-backlog');
    emu.seedBacklog(150);
    emu.setFile(CONFIG_PATH, CONFIG);
    proxy.connects.length = 0;
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      env: env(),
      inputs: { 'fail-on': 'never' },
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ 'issues-checked': '150', complete: 'true' });
    expect(run.report?.configSource).toBe(`api:${CONFIG_PATH}`);
    expect(emu.graphqlCount('repository.issues')).toBe(2);
    expect(proxy.connects.length).toBeGreaterThan(0);
    for (const c of proxy.connects) expect(c).toEqual({ target: host(), authorization: basic });
    expect(run.stdout).toContain(
      `Requests to ${host()} go through the proxy http://127.0.0.1:${proxy.port}.`,
    );
    for (const secret of ['s3cr%40t', 's3cr@t', basic]) {
      expect(run.stdout).not.toContain(secret);
      expect(run.summary).not.toContain(secret);
    }
  });

  it('issue mode: the sticky comment is found and written through the proxy', async () => {
    const { token } = freshRepo(emu, 'proxied-issue');
    const issue = emu.addIssue({
      title: '[Feature] Export',
      labels: ['feature'],
      assignees: ['bob'],
    });
    proxy.connects.length = 0;
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      env: env(),
      workspaceFiles: { [CONFIG_PATH]: CONFIG },
    });
    expect(run.exitCode).toBe(1); // on its findings
    expect(emu.requests.map((r) => `${r.method} ${r.route} ${r.status}`)).toEqual([
      'POST null 200', // the comment lookup (GraphQL)
      'POST null 200', // the addComment mutation
    ]);
    expect(emu.issue(issue.number)?.comments).toHaveLength(1);
    expect(proxy.connects.length).toBeGreaterThan(0);
    for (const c of proxy.connects) expect(c).toEqual({ target: host(), authorization: basic });
  });

  it('a loopback API URL goes direct although a proxy is set (the proxy sees nothing)', async () => {
    const { token } = freshRepo(emu, 'no-proxy');
    const issue = emu.addIssue({
      title: '[Feature] Export',
      labels: ['feature'],
      assignees: ['alice'],
    });
    proxy.connects.length = 0;
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      // The emulator's own 127.0.0.1 address (loopback is never proxied; no_proxy: unit tests).
      env: env({ GITHUB_API_URL: emu.url, GITHUB_GRAPHQL_URL: emu.graphqlUrl }),
      workspaceFiles: { [CONFIG_PATH]: CONFIG },
      inputs: { comment: 'always' },
    });
    expect(run.exitCode).toBe(0);
    expect(emu.requests.length).toBeGreaterThan(0);
    expect(proxy.connects).toEqual([]);
    expect(run.stdout).not.toContain('go through the proxy');
  });
});
