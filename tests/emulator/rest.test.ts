import { Octokit } from '@octokit/rest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';

const AUTH = { authorization: 'token test-token' };

function parseLink(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(',')) {
    const m = /<([^>]+)>;\s*rel="(\w+)"/.exec(part.trim());
    if (m && m[1] && m[2]) out[m[2]] = m[1];
  }
  return out;
}

describe('REST emulation', () => {
  let emu: Emulator;
  let octokit: Octokit;

  beforeAll(async () => {
    emu = await startEmulator();
    emu.seedBacklog(250, { pullRequests: 50 });
    octokit = new Octokit({ auth: 'test-token', baseUrl: emu.url });
  });
  afterAll(() => emu.stop());
  afterEach(() => {
    // Every answer the emulator gave matched GitHub's OpenAPI response schemas (self-check).
    expect(emu.validationErrors.filter((v) => v.kind === 'rest-response')).toEqual([]);
  });

  it('mixes pull requests into GET /repos/{owner}/{repo}/issues and paginates with Link headers', async () => {
    emu.clearLog();
    const first = await fetch(`${emu.url}/repos/acme/widgets/issues?per_page=100&state=all`, {
      headers: AUTH,
    });
    expect(first.status).toBe(200);
    const links = parseLink(first.headers.get('link'));
    expect(Object.keys(links).sort()).toEqual(['last', 'next']);
    expect(links.next).toBe(
      `${emu.url}/repositories/${emu.repo.id}/issues?per_page=100&state=all&page=2`,
    );
    expect(links.last).toContain('page=3');

    // Follow the links exactly like a client: through GitHub's /repositories/{id} form.
    const second = await fetch(links.next ?? '', { headers: AUTH });
    const l2 = parseLink(second.headers.get('link'));
    expect(Object.keys(l2).sort()).toEqual(['first', 'last', 'next', 'prev']);
    const third = await fetch(l2.next ?? '', { headers: AUTH });
    const l3 = parseLink(third.headers.get('link'));
    expect(Object.keys(l3).sort()).toEqual(['first', 'prev']);

    const all = [
      ...((await first.json()) as Array<Record<string, unknown>>),
      ...((await second.json()) as Array<Record<string, unknown>>),
      ...((await third.json()) as Array<Record<string, unknown>>),
    ];
    expect(all).toHaveLength(300);
    expect(all.filter((i) => 'pull_request' in i)).toHaveLength(50);
    expect(new Set(all.map((i) => i.number)).size).toBe(300);
    // Newest first by default, like GitHub.
    expect(all[0]?.number).toBe(300);
    expect(emu.count({ method: 'GET', route: '/repos/{owner}/{repo}/issues' })).toBe(3);
    expect(emu.validationErrors).toEqual([]);
  });

  it('works with Octokit pagination (per_page capped at 100)', async () => {
    emu.clearLog();
    const items = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: 'acme',
      repo: 'widgets',
      state: 'open',
      per_page: 100,
    });
    expect(items).toHaveLength(300);
    const issuesOnly = items.filter((i) => !i.pull_request);
    expect(issuesOnly).toHaveLength(250);
    const res = await fetch(`${emu.url}/repos/acme/widgets/issues?per_page=500`, { headers: AUTH });
    expect(((await res.json()) as unknown[]).length).toBe(100);
    expect(emu.validationErrors).toEqual([]);
  });

  it('returns issues and pull requests with GitHub field names', async () => {
    const label = emu.addLabel('owner: product');
    const ms = emu.addMilestone('Q1');
    emu.addIssueType('Epic', { color: 'PURPLE' });
    const issue = emu.addIssue({
      title: 'Roadmap for Q1',
      body: 'body text',
      author: 'alice',
      labels: [label.name],
      assignees: ['bob'],
      milestone: ms.title,
      issueType: 'Epic',
    });
    const pr = emu.addPullRequest({
      title: 'Fix it',
      body: `Fixes #${issue.number}`,
      author: 'dependabot[bot]',
    });

    const { data } = await octokit.rest.issues.get({
      owner: 'acme',
      repo: 'widgets',
      issue_number: issue.number,
    });
    expect(data).toMatchObject({
      number: issue.number,
      title: 'Roadmap for Q1',
      body: 'body text',
      state: 'open',
      html_url: `https://github.com/acme/widgets/issues/${issue.number}`,
      user: { login: 'alice', type: 'User' },
      labels: [{ name: 'owner: product' }],
      assignees: [{ login: 'bob' }],
      assignee: { login: 'bob' },
      milestone: { title: 'Q1', number: ms.number },
      type: { name: 'Epic', color: 'purple' },
      node_id: issue.nodeId,
      id: issue.id,
    });
    expect(data).not.toHaveProperty('pull_request');
    expect(typeof data.created_at).toBe('string');
    expect(data.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const asIssue = await octokit.rest.issues.get({
      owner: 'acme',
      repo: 'widgets',
      issue_number: pr.number,
    });
    expect(asIssue.data.pull_request?.html_url).toBe(
      `https://github.com/acme/widgets/pull/${pr.number}`,
    );
    expect(asIssue.data.user?.login).toBe('dependabot[bot]');
    expect(asIssue.data.user?.type).toBe('Bot');

    const pull = await octokit.rest.pulls.get({
      owner: 'acme',
      repo: 'widgets',
      pull_number: pr.number,
    });
    expect(pull.data.base.ref).toBe('main');
    expect(pull.data.body).toBe(`Fixes #${issue.number}`);
    await expect(
      octokit.rest.pulls.get({ owner: 'acme', repo: 'widgets', pull_number: issue.number }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it('answers 404 with a GitHub-shaped body for missing issues and repositories', async () => {
    const res = await fetch(`${emu.url}/repos/acme/widgets/issues/99999`, { headers: AUTH });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest/issues/issues#get-an-issue',
      status: '404',
    });
    const repo = await fetch(`${emu.url}/repos/acme/nope`, { headers: AUTH });
    expect(repo.status).toBe(404);
    expect(emu.validationErrors).toEqual([]);
  });

  it('flags routes that are not in GitHub’s OpenAPI description', async () => {
    emu.clearLog();
    const res = await fetch(`${emu.url}/repos/acme/widgets/issues/1/owners`, { headers: AUTH });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ message: 'Not Found' });
    const wrongMethod = await fetch(`${emu.url}/repos/acme/widgets/issues/1/comments`, {
      method: 'PUT',
      headers: AUTH,
      body: '{}',
    });
    expect(wrongMethod.status).toBe(404);
    expect(emu.validationErrors.map((v) => [v.kind, v.path])).toEqual([
      ['rest-route', '/repos/acme/widgets/issues/1/owners'],
      ['rest-route', '/repos/acme/widgets/issues/1/comments'],
    ]);
    expect(emu.validationErrors[1]?.message).toContain('GET, POST');
    expect(() => emu.assertNoValidationErrors()).toThrow(/owners/);
    emu.clearLog();
  });

  it('flags unknown query parameters and invalid request bodies (422 like GitHub)', async () => {
    emu.clearLog();
    await fetch(`${emu.url}/repos/acme/widgets/issues?status=open`, { headers: AUTH });
    expect(emu.validationErrors.map((v) => v.kind)).toEqual(['rest-query']);
    emu.clearLog();
    const res = await fetch(`${emu.url}/repos/acme/widgets/issues/1/labels`, {
      method: 'POST',
      headers: AUTH,
      body: JSON.stringify({ labels: 'bug' }),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { message: string }).message).toMatch(/^Invalid request\./);
    const noTitle = await fetch(`${emu.url}/repos/acme/widgets/issues`, {
      method: 'POST',
      headers: AUTH,
      body: JSON.stringify({ body: 'x' }),
    });
    expect(noTitle.status).toBe(422);
    expect(((await noTitle.json()) as { message: string }).message).toContain(
      '"title" wasn\'t supplied.',
    );
    expect(emu.validationErrors.map((v) => v.kind)).toEqual(['rest-body', 'rest-body']);
    emu.clearLog();
  });

  it('sends rate-limit headers on every answer and decrements remaining', async () => {
    const a = await fetch(`${emu.url}/repos/acme/widgets`, { headers: AUTH });
    const b = await fetch(`${emu.url}/repos/acme/widgets`, { headers: AUTH });
    for (const r of [a, b]) {
      for (const h of [
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-reset',
        'x-ratelimit-used',
      ])
        expect(r.headers.get(h)).toMatch(/^\d+$/);
      expect(r.headers.get('x-ratelimit-resource')).toBe('core');
    }
    expect(Number(b.headers.get('x-ratelimit-remaining'))).toBe(
      Number(a.headers.get('x-ratelimit-remaining')) - 1,
    );
    expect(Number(a.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    const repo = (await a.json()) as Record<string, unknown>;
    expect(repo).toMatchObject({
      full_name: 'acme/widgets',
      default_branch: 'main',
      id: emu.repo.id,
    });

    // GET /rate_limit is free and reports the same bucket.
    const rl = await octokit.rest.rateLimit.get();
    expect(rl.data.resources.core.remaining).toBe(Number(b.headers.get('x-ratelimit-remaining')));
    const rl2 = await octokit.rest.rateLimit.get();
    expect(rl2.data.resources.core.remaining).toBe(rl.data.resources.core.remaining);

    // Exhausted primary limit: 403 with remaining 0.
    emu.rateLimits.set('core', { remaining: 0, resetIn: 60 });
    const limited = await fetch(`${emu.url}/repos/acme/widgets`, { headers: AUTH });
    expect(limited.status).toBe(403);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(((await limited.json()) as { message: string }).message).toMatch(
      /API rate limit exceeded/,
    );
    emu.rateLimits.reset();
  });

  it("lists a pull request's changed files (head branch against base) and serves its head commit", async () => {
    emu.setFile('docs/a.md', 'a\n');
    emu.setFile('docs/gone.md', 'bye\n');
    emu.state.addBranch('pr-files');
    emu.setFile('docs/a.md', 'a\nb\n', 'pr-files');
    emu.setFile('docs/new.md', 'new\n', 'pr-files');
    emu.state.deleteFile('docs/gone.md', 'pr-files');
    const pr = emu.addPullRequest({ title: 'Files', head: 'pr-files' });
    const { data } = await octokit.rest.pulls.listFiles({
      owner: 'acme',
      repo: 'widgets',
      pull_number: pr.number,
      per_page: 100,
    });
    expect(data.map((f) => [f.filename, f.status])).toEqual([
      ['docs/a.md', 'modified'],
      ['docs/gone.md', 'removed'],
      ['docs/new.md', 'added'],
    ]);
    const { data: head } = await octokit.rest.pulls.get({
      owner: 'acme',
      repo: 'widgets',
      pull_number: pr.number,
    });
    const atHead = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'widgets',
      path: 'docs/a.md',
      ref: head.head.sha,
    });
    const file = atHead.data as { content: string };
    expect(Buffer.from(file.content, 'base64').toString('utf8')).toBe('a\nb\n');
    // A pull request whose head branch was never set up changes nothing.
    const same = emu.addPullRequest({ title: 'Nothing' });
    const none = await octokit.rest.pulls.listFiles({
      owner: 'acme',
      repo: 'widgets',
      pull_number: same.number,
    });
    expect(none.data).toEqual([]);
  });

  it('serves file contents base64-encoded per ref, raw on request, 404 when missing', async () => {
    const yaml = 'version: 1\nextends: recommended\n# ünïcödé\n' + 'x'.repeat(100) + '\n';
    emu.setFile('.github/backlog-lint.yml', yaml);
    emu.setFile('.github/backlog-lint.yml', 'version: 1\n', 'release');
    const { data } = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'widgets',
      path: '.github/backlog-lint.yml',
    });
    expect(Array.isArray(data)).toBe(false);
    const file = data as {
      type: string;
      encoding: string;
      content: string;
      path: string;
      sha: string;
      size: number;
    };
    expect(file).toMatchObject({
      type: 'file',
      encoding: 'base64',
      path: '.github/backlog-lint.yml',
    });
    expect(file.content.split('\n').every((l) => l.length <= 60)).toBe(true);
    expect(Buffer.from(file.content, 'base64').toString('utf8')).toBe(yaml);
    expect(file.size).toBe(Buffer.byteLength(yaml));
    expect(file.sha).toMatch(/^[0-9a-f]{40}$/);

    const onBranch = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'widgets',
      path: '.github/backlog-lint.yml',
      ref: 'release',
    });
    expect(Buffer.from((onBranch.data as { content: string }).content, 'base64').toString()).toBe(
      'version: 1\n',
    );

    const raw = await fetch(`${emu.url}/repos/acme/widgets/contents/.github%2Fbacklog-lint.yml`, {
      headers: { ...AUTH, accept: 'application/vnd.github.raw+json' },
    });
    expect(await raw.text()).toBe(yaml);

    const dir = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'widgets',
      path: '.github',
    });
    expect((dir.data as Array<{ name: string }>).map((e) => e.name)).toEqual(['backlog-lint.yml']);

    const missing = await fetch(`${emu.url}/repos/acme/widgets/contents/.github/nope.yml`, {
      headers: AUTH,
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content',
      status: '404',
    });
    const badRef = await fetch(
      `${emu.url}/repos/acme/widgets/contents/.github/backlog-lint.yml?ref=nope`,
      { headers: AUTH },
    );
    expect(badRef.status).toBe(404);
    expect(((await badRef.json()) as { message: string }).message).toBe(
      'No commit found for the ref nope',
    );
  });

  it('creates, lists and edits comments; adds labels and assignees', async () => {
    const issue = emu.addIssue({ title: 'Needs owner' });
    emu.clearLog();
    const created = await octokit.rest.issues.createComment({
      owner: 'acme',
      repo: 'widgets',
      issue_number: issue.number,
      body: '<!-- marker -->\nhello',
    });
    expect(created.status).toBe(201);
    expect(created.data.user?.login).toBe('octocat');
    const listed = await octokit.rest.issues.listComments({
      owner: 'acme',
      repo: 'widgets',
      issue_number: issue.number,
    });
    expect(listed.data.map((c) => c.body)).toEqual(['<!-- marker -->\nhello']);
    const edited = await octokit.rest.issues.updateComment({
      owner: 'acme',
      repo: 'widgets',
      comment_id: created.data.id,
      body: '<!-- marker -->\nbye',
    });
    expect(edited.data.body).toBe('<!-- marker -->\nbye');

    const labels = await octokit.rest.issues.addLabels({
      owner: 'acme',
      repo: 'widgets',
      issue_number: issue.number,
      labels: ['owner: project'],
    });
    expect(labels.data.map((l) => l.name)).toEqual(['owner: project']);
    const assigned = await octokit.rest.issues.addAssignees({
      owner: 'acme',
      repo: 'widgets',
      issue_number: issue.number,
      assignees: ['carol'],
    });
    expect(assigned.status).toBe(201);
    expect(assigned.data.assignees?.map((a) => a.login)).toEqual(['carol']);
    expect(emu.issue(issue.number)?.comments[0]?.body).toBe('<!-- marker -->\nbye');
    expect(emu.writes().map((w) => `${w.method} ${w.route ?? ''}`)).toEqual([
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/assignees',
    ]);

    // A comment over GitHub's 65,536-character limit is refused.
    const tooLong = await fetch(`${emu.url}/repos/acme/widgets/issues/${issue.number}/comments`, {
      method: 'POST',
      headers: AUTH,
      body: JSON.stringify({ body: 'x'.repeat(65537) }),
    });
    expect(tooLong.status).toBe(422);
    expect(emu.validationErrors).toEqual([]);
  });

  it('refuses assignees who cannot be assigned (422 on PATCH, silently dropped by add-assignees)', async () => {
    const issue = emu.addIssue({ title: 'x' });
    emu.state.setAssignable(['alice', 'bob']);
    try {
      const patch = await fetch(`${emu.url}/repos/acme/widgets/issues/${issue.number}`, {
        method: 'PATCH',
        headers: AUTH,
        body: JSON.stringify({ assignees: ['mallory'] }),
      });
      expect(patch.status).toBe(422);
      expect(await patch.json()).toMatchObject({
        message: 'Validation Failed',
        errors: [{ value: 'mallory', resource: 'Issue', field: 'assignees', code: 'invalid' }],
      });
      const add = await octokit.rest.issues.addAssignees({
        owner: 'acme',
        repo: 'widgets',
        issue_number: issue.number,
        assignees: ['mallory', 'alice'],
      });
      expect(add.data.assignees?.map((a) => a.login)).toEqual(['alice']);
    } finally {
      emu.state.setAssignable(null);
    }
  });

  it('creates issues, and finds them with the search API', async () => {
    const created = await octokit.rest.issues.create({
      owner: 'acme',
      repo: 'widgets',
      title: 'Backlog lint report',
      body: 'report',
      labels: ['backlog-lint'],
    });
    expect(created.status).toBe(201);
    const found = await octokit.rest.search.issuesAndPullRequests({
      q: 'repo:acme/widgets is:issue is:open in:title "Backlog lint report"',
    });
    expect(found.data.items.map((i) => i.number)).toEqual([created.data.number]);
    expect(found.headers['x-ratelimit-resource']).toBe('search');
  });
});
