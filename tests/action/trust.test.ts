// Trust, end to end (issue 7): the action in process against an emulator that plays the attacker
// and the flaky network. It never edits what it does not own, never publishes a partial
// result over a good one, never reads outside the workspace, never leaks the token, ends
// on a hung API, and converges when two runs race.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator/index.js';
import { fakeClock } from '../support/fake-clock.js';
import {
  CONFIG,
  CONFIG_PATH,
  COMMENT_LOOKUP,
  ADD_COMMENT,
  writeLines,
  freshRepo,
  issueEvent,
  pullRequestEvent,
  requestLines,
  runAction,
  runConcurrently,
  scheduleEvent,
  stickyComments,
  useEmulator,
  workflowDispatchEvent,
  type ActionRun,
} from './in-process.js';
// The BACKLOG_LINT_TEST_TIMING knob is read by the bundle from its environment (in process,
// the harness hands run() the timing): one hung-API test runs the bundle to prove it works.
import { runAction as runBundle } from './harness.js';

const MARKER = '<!-- backlog-lint:sticky -->';
const REPORT_MARKER = '<!-- backlog-lint:report -->';
const COMMENT = '/repos/{owner}/{repo}/issues/comments/{comment_id}';
const ISSUES = '/repos/{owner}/{repo}/issues';
const TEAM_MEMBERS = '/orgs/{org}/teams/{team_slug}/members';
const workspaceFiles = { [CONFIG_PATH]: CONFIG };

/**
 * Small timeouts and no back-off: the tests never wait real seconds (src/action/timing.ts;
 * in process, tests/action/in-process.ts hands them to run() with waitScale 0).
 */
const timing = (requestTimeoutMs: number) => ({
  BACKLOG_LINT_TEST_TIMING: JSON.stringify({
    requestTimeoutMs,
    serverErrorBackoffMs: 1,
    writeSpacingMs: 0,
    maxWaitSeconds: 1,
  }),
});
/** Generous per-request timeout: a loaded machine never trips it on a healthy emulator. */
const FAST = timing(5000);
/** A hung API that answers nothing at all: no healthy request to leave time for. */
const HANG_ONLY = timing(100);

const wrongOwner = { title: '[Feature] Export to CSV', labels: ['feature'], assignees: ['bob'] };
const clean = {
  title: '[Feature] Dark mode',
  labels: ['feature', 'owner: product'],
  assignees: ['alice'],
};

let emu: Emulator;
useEmulator((e) => (emu = e));

/** The workflow token (`github-actions[bot]`), as most workflows use it. */
function workflowRepo(name: string): string {
  const { token } = freshRepo(emu, name);
  emu.permissions.setToken(token, 'github-token');
  return token;
}

const warningsOf = (run: ActionRun) => run.annotations.filter((a) => a.level === 'warning');

describe('1. only what the token wrote is its own', () => {
  it("another user's and another app's comments with the marker are never edited", async () => {
    const token = workflowRepo('hijack-comment');
    const issue = emu.addIssue(wrongOwner);
    const mallory = emu.addComment(issue.number, {
      body: `${MARKER}\nI am the bot`,
      author: 'mallory',
    });
    const otherApp = emu.addComment(issue.number, {
      body: `${MARKER}\nme too`,
      author: 'other-app[bot]',
    });
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
      env: FAST,
    });
    expect(run.exitCode).toBe(1); // on its findings
    expect(writeLines(emu)).toEqual([ADD_COMMENT]);
    expect(emu.state.comments.get(mallory.id)?.body).toBe(`${MARKER}\nI am the bot`);
    expect(emu.state.comments.get(otherApp.id)?.body).toBe(`${MARKER}\nme too`);
    expect(stickyComments(emu, issue.number).map((c) => c.author)).toEqual([
      'mallory',
      'other-app[bot]',
      'github-actions[bot]',
    ]);
  });

  it('a byte-identical copy of its comment by someone else does not stop it from posting', async () => {
    const token = workflowRepo('hijack-identical');
    const issue = emu.addIssue(wrongOwner);
    await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
      env: FAST,
    });
    const [own] = stickyComments(emu, issue.number);
    expect(own?.author).toBe('github-actions[bot]');
    // The attacker replaces it with a byte-identical comment of their own.
    const stored = emu.issue(issue.number);
    if (stored) stored.comments = [];
    emu.state.comments.delete(own?.id ?? 0);
    emu.addComment(issue.number, { body: own?.body ?? '', author: 'mallory' });
    await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
      env: FAST,
    });
    expect(writeLines(emu)).toEqual([ADD_COMMENT]);
    expect(stickyComments(emu, issue.number).map((c) => c.author)).toEqual([
      'mallory',
      'github-actions[bot]',
    ]);
  });

  it('an app token owns its own bot’s comment, not github-actions[bot]’s; every page is searched', async () => {
    const { token } = freshRepo(emu, 'app-token');
    emu.permissions.setToken(token, { login: 'backlog-app[bot]', kind: 'installation' });
    const issue = emu.addIssue(wrongOwner);
    const actions = emu.addComment(issue.number, {
      body: `${MARKER}\nby the workflow token`,
      author: 'github-actions[bot]',
    });
    for (let i = 0; i < 150; i++)
      emu.addComment(issue.number, { body: `chatter ${i}`, author: 'alice' });
    const mine = emu.addComment(issue.number, {
      body: `${MARKER}\nold`,
      author: 'backlog-app[bot]',
    });
    await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
      env: FAST,
    });
    expect(emu.graphqlCount('BacklogLintOwnComments')).toBe(2); // 152 comments: 2 pages
    expect(emu.writes().map((w) => w.path)).toEqual([
      `/repos/${emu.repo.fullName}/issues/comments/${mine.id}`,
    ]);
    expect(emu.state.comments.get(mine.id)?.body).toContain('`owner-role`');
    expect(emu.state.comments.get(actions.id)?.body).toBe(`${MARKER}\nby the workflow token`);
  });

  it('the report issue is found by title, own authorship and marker: a look-alike is linted, never written', async () => {
    const token = workflowRepo('hijack-report');
    const title = 'Backlog report';
    const fake = emu.addIssue({ title, body: `${REPORT_MARKER}\nmine now`, author: 'mallory' });
    const titled = emu.addIssue({ title: `${title} ${REPORT_MARKER}`, author: 'mallory' });
    emu.addIssue(clean);
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      env: FAST,
      inputs: { 'report-issue': title, 'fail-on': 'never' },
    });
    expect(run.exitCode).toBe(0);
    expect(emu.issue(fake.number)?.body).toBe(`${REPORT_MARKER}\nmine now`);
    expect(emu.writes().map((w) => `${w.method} ${w.route} ${w.status}`)).toEqual([
      `POST ${ISSUES} 201`,
    ]);
    const created = [...emu.repo.issues.values()].filter(
      (i) => i.title === title && i.author === 'github-actions[bot]',
    );
    expect(created).toHaveLength(1);
    // Both look-alikes are ordinary issues: linted, not set apart.
    expect(run.outputs['issues-checked']).toBe('3');
    expect(run.report?.findings.some((f) => f.issue === fake.number)).toBe(true);
    expect(run.report?.findings.some((f) => f.issue === titled.number)).toBe(true);

    // Next run: the own report issue is updated, not the look-alike.
    emu.addIssue(wrongOwner);
    await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      env: FAST,
      inputs: { 'report-issue': title, 'fail-on': 'never' },
    });
    expect(emu.writes().map((w) => w.path)).toEqual([
      `/repos/${emu.repo.fullName}/issues/${created[0]?.number}`,
    ]);
  });
});

describe('2. an incomplete run never rewrites what is on GitHub', () => {
  it('pull request: the linked issues cannot be read → the good comment stays, one warning, the step fails', async () => {
    const token = workflowRepo('pr-partial');
    emu.setFile(CONFIG_PATH, CONFIG);
    const issue = emu.addIssue(wrongOwner);
    const pr = emu.addPullRequest({ title: 'Work', body: `Fixes #${issue.number}` });
    const good = emu.addComment(pr.number, {
      body: `${MARKER}\ngood report`,
      author: 'github-actions[bot]',
    });
    emu.faults.status(502, { match: { graphql: 'BacklogLintLinkedIssues' }, times: Infinity });
    const run = await runAction({ emu, event: pullRequestEvent(emu, pr.number), token, env: FAST });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.complete).toBe('false');
    expect(emu.writes()).toEqual([]);
    expect(emu.state.comments.get(good.id)?.body).toBe(`${MARKER}\ngood report`);
    expect(warningsOf(run)).toEqual([
      expect.objectContaining({
        title: 'backlog-lint: nothing written',
        message: expect.stringMatching(
          new RegExp(
            `^backlog-lint wrote nothing to GitHub \\(the comment on #${pr.number}: left as they are\\) because the run is incomplete — Reading the issues linked`,
          ),
        ),
      }),
    ]);
    expect(run.failures).toEqual([
      expect.stringMatching(/^backlog-lint: the run is incomplete — Reading the issues linked/),
    ]);
    expect(run.report).toMatchObject({ complete: false });
    expect(run.summary).toContain('Incomplete run');
  });

  it('issue: team members cannot be read (server error) → the comment stays', async () => {
    const token = workflowRepo('team-partial');
    emu.addTeam('acme', 'pms', ['alice']);
    const issue = emu.addIssue(wrongOwner);
    const good = emu.addComment(issue.number, {
      body: `${MARKER}\ngood`,
      author: 'github-actions[bot]',
    });
    emu.faults.status(502, { match: { route: TEAM_MEMBERS }, times: Infinity });
    const config = CONFIG.replace('members: [alice, dana]', 'members: ["@acme/pms", dana]');
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      env: FAST,
      workspaceFiles: { [CONFIG_PATH]: config },
    });
    expect(run.outputs.complete).toBe('false');
    expect(emu.writes()).toEqual([]);
    expect(emu.state.comments.get(good.id)?.body).toBe(`${MARKER}\ngood`);
    expect(warningsOf(run).filter((w) => !w.title?.startsWith('#'))).toEqual([
      expect.objectContaining({ title: 'backlog-lint: nothing written' }),
    ]);
  });

  it('the comment lookup fails → incomplete, said as a lookup (not a write) failure, nothing written', async () => {
    const token = workflowRepo('lookup-fails');
    const issue = emu.addIssue(wrongOwner);
    emu.faults.status(502, { match: { graphql: 'BacklogLintOwnComments' }, times: Infinity });
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
      env: FAST,
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.complete).toBe('false');
    expect(emu.writes()).toEqual([]);
    expect(run.report?.incompleteReason).toMatch(
      /^Finding the backlog-lint comment on #\d+ failed: /,
    );
    expect(run.failures.join('\n')).not.toContain('Writing to GitHub failed');
    // The findings are still reported.
    expect(run.report?.findings.map((f) => f.rule)).toContain('owner-role');
  });

  it('backlog: page 2 fails → the report issue keeps the last complete report', async () => {
    const token = workflowRepo('report-partial');
    emu.seedBacklog(150);
    const title = 'Backlog report';
    const report = emu.addIssue({
      title,
      body: `${REPORT_MARKER}\nlast good`,
      author: 'github-actions[bot]',
    });
    emu.faults.failPage(2, { status: 502, times: Infinity });
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      env: FAST,
      inputs: { 'report-issue': title, 'fail-on': 'never' },
    });
    expect(run.exitCode).toBe(1);
    expect(emu.writes()).toEqual([]);
    expect(emu.issue(report.number)?.body).toBe(`${REPORT_MARKER}\nlast good`);
    expect(run.report).toMatchObject({ complete: false, issuesChecked: 100 });
  });
});

describe('3. fixes only after a complete read', () => {
  it('a failed page: no label, no assignee is written', async () => {
    const token = workflowRepo('fix-partial');
    emu.seedBacklog(150);
    emu.faults.failPage(2, { status: 502, times: Infinity });
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      env: FAST,
      inputs: { fix: 'true', 'fail-on': 'never' },
    });
    expect(run.outputs.complete).toBe('false');
    expect(emu.writes()).toEqual([]);
    expect(warningsOf(run).filter((w) => !w.title?.startsWith('#'))).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('wrote nothing to GitHub (fixes: left as they are)'),
      }),
    ]);
    // The fixable findings are reported, with the suggestion, but nothing was applied.
    expect(
      run.report?.findings.some((f) => /Suggested fix|suggested assignee/.test(f.message)),
    ).toBe(true);
  });
});

describe('4. config paths stay inside the workspace', () => {
  const SECRET = 'TOPSECRET-value-42';

  async function refused(
    name: string,
    inputs: Record<string, string>,
    files: Record<string, string> = {},
    prepare?: (ws: string, root: string) => void,
  ): Promise<ActionRun> {
    const token = workflowRepo(name);
    const issue = emu.addIssue(wrongOwner);
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      env: FAST,
      inputs,
      workspaceFiles: files,
      prepareWorkspace: prepare,
    });
    expect(run.exitCode).toBe(1);
    expect(emu.writes()).toEqual([]);
    expect(run.outputs.complete).toBe('false');
    for (const text of [run.stdout, run.summary]) expect(text).not.toContain(SECRET);
    return run;
  }
  const configError = (run: ActionRun) =>
    run.annotations.find((a) => a.title === 'backlog-lint config')?.message ?? '';

  it('an absolute config-path is refused', async () => {
    const run = await refused('abs', { 'config-path': '/etc/passwd' });
    expect(configError(run)).toMatch(/config-path `\/etc\/passwd` is an absolute path/);
    expect(run.stdout).not.toContain('root:x:0:0');
  });

  it('config-path with .. out of the workspace is refused', async () => {
    const run = await refused('dotdot', { 'config-path': '../secret.yml' }, {}, (_ws, root) =>
      writeFileSync(path.join(root, 'secret.yml'), `token: ${SECRET}\n`),
    );
    expect(configError(run)).toMatch(/points outside the workspace/);
  });

  it('a symbolic link out of the workspace is refused', async () => {
    const run = await refused('symlink', {}, {}, (ws, root) => {
      writeFileSync(path.join(root, 'secret.yml'), `version: ${SECRET}\n`);
      mkdirSync(path.join(ws, '.github'), { recursive: true });
      symlinkSync(path.join(root, 'secret.yml'), path.join(ws, CONFIG_PATH));
    });
    expect(configError(run)).toMatch(
      /resolves through a symbolic link to a file outside the workspace/,
    );
  });

  it('.git/config is never read', async () => {
    const run = await refused(
      'dotgit',
      { 'config-path': '.git/config' },
      {
        '.git/config': `[remote "origin"]\n\turl = https://x:${SECRET}@github.com/acme/w\n`,
      },
    );
    expect(configError(run)).toMatch(/inside \.git\//);
  });

  it('extends: /dev/zero, a device through a link, a directory, a 2 MiB file: refused without reading them', async () => {
    const base = `version: 1\nroles:\n  product:\n    members: [alice]\n`;
    for (const [name, ref, pattern, prepare] of [
      ['dev-zero', '/dev/zero', /is an absolute path/, undefined],
      [
        'dev-link',
        './zero.yml',
        /symbolic link to a file outside the workspace/,
        (ws: string) => symlinkSync('/dev/zero', path.join(ws, '.github', 'zero.yml')),
      ],
      [
        'dir',
        './shared.yml',
        /is not a regular file/,
        (ws: string) => mkdirSync(path.join(ws, '.github', 'shared.yml')),
      ],
      [
        'huge',
        './big.yml',
        /is 2097152 bytes; files larger than 1048576 bytes/,
        (ws: string) =>
          writeFileSync(path.join(ws, '.github', 'big.yml'), Buffer.alloc(2 * 1024 * 1024, 0x20)),
      ],
    ] as const) {
      const run = await refused(
        `extends-${name}`,
        {},
        { [CONFIG_PATH]: `extends: ['${ref}']\n${base}` },
        prepare,
      );
      expect(configError(run)).toMatch(pattern);
      expect(run.annotations.find((a) => a.title === 'backlog-lint config')).toMatchObject({
        file: CONFIG_PATH,
        line: 1,
      });
    }
  });

  it('a 5 MB config is refused with a clear error, before it is parsed', async () => {
    const run = await refused('big-config', {}, {}, (ws) => {
      mkdirSync(path.join(ws, '.github'), { recursive: true });
      writeFileSync(path.join(ws, CONFIG_PATH), `version: 1\n# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    });
    expect(configError(run)).toMatch(/files larger than 1048576 bytes \(1024 KiB\) are not read/);
  });

  it('a file that is not a config: the error names the key and position, never its content', async () => {
    const run = await refused(
      'not-config',
      {},
      {
        [CONFIG_PATH]: `extends: ['./secrets.env']\n`,
        '.github/secrets.env': `${SECRET}\n`,
      },
    );
    expect(configError(run)).toMatch(/expected a mapping of settings at the top level, got text/);
  });
});

describe('5. pull requests use the base branch config', () => {
  it('a checked-out head config that turns the rules off does not win', async () => {
    const token = workflowRepo('pr-head-config');
    emu.setFile(CONFIG_PATH, CONFIG);
    const issue = emu.addIssue(wrongOwner);
    const pr = emu.addPullRequest({ title: 'Loosen', body: `Fixes #${issue.number}` });
    const loose = `${CONFIG}rules:\n  owner-role: off\n  owner-label: off\n`;
    const run = await runAction({
      emu,
      event: pullRequestEvent(emu, pr.number),
      token,
      env: FAST,
      workspaceFiles: { [CONFIG_PATH]: loose },
    });
    expect(run.report?.configSource).toBe(`api:${CONFIG_PATH}@main`);
    expect(run.report?.findings.map((f) => f.rule)).toContain('owner-role');
    expect(run.exitCode).toBe(1);
  });

  it('relative extends of the base config are read at the base ref too', async () => {
    const token = workflowRepo('pr-extends');
    emu.setFile(CONFIG_PATH, `extends: [recommended, ./roles.yml]\n`);
    emu.setFile('.github/roles.yml', CONFIG.replace('extends: recommended\n', ''));
    const issue = emu.addIssue(wrongOwner);
    const pr = emu.addPullRequest({ title: 'Work', body: `Fixes #${issue.number}` });
    const run = await runAction({ emu, event: pullRequestEvent(emu, pr.number), token, env: FAST });
    expect(run.annotations.filter((a) => a.title === 'backlog-lint config')).toEqual([]);
    expect(run.report?.findings.map((f) => f.rule)).toContain('owner-role');
  });
});

describe('6. the token is redacted from every text derived from a response', () => {
  it('an error body echoing the request headers reaches no log, annotation, summary or report', async () => {
    const token = workflowRepo('echo');
    const issue = emu.addIssue(wrongOwner);
    emu.faults.echoHeaders({ match: { graphql: 'BacklogLintOwnComments' }, times: Infinity });
    // runAction itself throws when the token appears anywhere but `::add-mask::`.
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
      env: FAST,
    });
    expect(run.outputs.complete).toBe('false');
    expect(run.report?.incompleteReason).toContain('authorization: [REDACTED]');
    expect(run.summary).toContain('[REDACTED]');
    expect(run.report?.incompleteReason).not.toContain(token);
  });

  it('in backlog mode (GraphQL) and on a team read (REST) too', async () => {
    const token = workflowRepo('echo-backlog');
    emu.seedBacklog(120);
    emu.faults.echoHeaders({ match: { graphql: 'repository.issues', page: 2 }, times: Infinity });
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      env: FAST,
    });
    expect(run.report?.incompleteReason).toContain('[REDACTED]');

    const token2 = workflowRepo('echo-team');
    emu.addTeam('acme', 'pms', ['alice']);
    emu.addIssue(clean);
    emu.faults.echoHeaders({ match: { route: TEAM_MEMBERS }, status: 500, times: Infinity });
    const config = CONFIG.replace('members: [alice, dana]', 'members: ["@acme/pms", dana]');
    const team = await runAction({
      emu,
      event: scheduleEvent(emu),
      token: token2,
      env: FAST,
      workspaceFiles: { [CONFIG_PATH]: config },
    });
    expect(team.report?.incompleteReason).toContain('[REDACTED]');
  });
});

describe('7. rate limits are recognised by their headers', () => {
  it('a rate-limited team read is not a permission problem: the run is incomplete', async () => {
    const token = workflowRepo('team-limit');
    emu.permissions.setToken(token, 'admin');
    emu.addTeam('acme', 'pms', ['alice']);
    const issue = emu.addIssue(wrongOwner);
    emu.faults.rateLimit({ match: { route: TEAM_MEMBERS }, resetIn: 3600, times: Infinity });
    const config = CONFIG.replace('members: [alice, dana]', 'members: ["@acme/pms", dana]');
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      env: FAST,
      workspaceFiles: { [CONFIG_PATH]: config },
    });
    expect(run.outputs.complete).toBe('false');
    expect(run.stdout).not.toContain('read:org');
    expect(run.report?.incompleteReason).toMatch(/rate limit/);
    expect(emu.writes()).toEqual([]);
  });

  it('a secondary limit (403 + retry-after) on the lookup beyond the waits: incomplete, not "cannot write"', async () => {
    const token = workflowRepo('lookup-limit');
    const issue = emu.addIssue(wrongOwner);
    emu.faults.secondaryRateLimit({ match: { graphql: true }, retryAfter: 3600, times: Infinity });
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
      env: FAST,
    });
    expect(run.outputs.complete).toBe('false');
    expect(run.stdout).not.toContain('The token cannot write');
    expect(emu.writes()).toEqual([]);
  });
});

describe('8. two runs at once converge on one comment, one report issue', () => {
  it('issue + issue: exactly one own comment', async () => {
    const token = workflowRepo('race-issue');
    const issue = emu.addIssue(wrongOwner);
    // The creations meet at the server: each run found no comment before either wrote.
    emu.faults.barrier(2, { match: { graphql: 'BacklogLintAddComment' } });
    const opts = { emu, event: issueEvent(emu, issue.number), token, workspaceFiles, env: FAST };
    const runs = await runConcurrently([opts, opts]);
    expect(runs.map((r) => r.exitCode)).toEqual([1, 1]);
    expect(emu.graphqlCount('BacklogLintAddComment')).toBe(2);
    expect(emu.count({ method: 'DELETE', route: COMMENT })).toBeGreaterThanOrEqual(1);
    expect(stickyComments(emu, issue.number)).toHaveLength(1);
  });

  it('backlog + backlog: exactly one open report issue', async () => {
    const token = workflowRepo('race-backlog');
    emu.seedBacklog(20);
    emu.faults.barrier(2, { match: { method: 'POST', route: ISSUES } });
    const title = 'Backlog report';
    const opts = {
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      env: FAST,
      inputs: { 'report-issue': title, 'fail-on': 'never' },
    };
    await runConcurrently([opts, opts]);
    expect(emu.count({ method: 'POST', route: ISSUES })).toBe(2);
    const open = [...emu.repo.issues.values()].filter(
      (i) => i.title === title && i.state === 'open',
    );
    expect(open).toHaveLength(1);
  });

  it('a later run tidies duplicates it finds: keeps the oldest own comment', async () => {
    const token = workflowRepo('tidy');
    const issue = emu.addIssue(wrongOwner);
    const first = emu.addComment(issue.number, {
      body: `${MARKER}\nold`,
      author: 'github-actions[bot]',
    });
    emu.addComment(issue.number, { body: `${MARKER}\nold`, author: 'github-actions[bot]' });
    const theirs = emu.addComment(issue.number, { body: `${MARKER}\nold`, author: 'mallory' });
    await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
      env: FAST,
    });
    expect(stickyComments(emu, issue.number).map((c) => c.id)).toEqual([first.id, theirs.id]);
    expect(emu.state.comments.get(first.id)?.body).toContain('`owner-role`');
  });
});

describe('9. every request has a timeout', () => {
  it('a hung comment lookup: retried within the bound, then a partial, incomplete report', async () => {
    const token = workflowRepo('hang-issue');
    const issue = emu.addIssue(wrongOwner);
    emu.faults.hang({ match: { graphql: 'BacklogLintOwnComments' } });
    // The lookup is the run's only request (the config is in the workspace).
    const run = await runBundle({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
      env: HANG_ONLY,
      timeoutMs: 30_000,
    });
    expect(run.signal).toBeNull(); // it ended on its own
    expect(run.exitCode).toBe(1);
    expect(emu.graphqlCount('BacklogLintOwnComments')).toBe(3); // first try + 2 retries
    expect(run.outputs.complete).toBe('false');
    expect(run.report?.incompleteReason).toMatch(/timeout/i);
    expect(run.report?.findings.map((f) => f.rule)).toContain('owner-role');
    expect(emu.writes()).toEqual([]);
  });

  it('a backlog whose page 2 hangs: the first page is reported, nothing more is asked', async () => {
    const token = workflowRepo('hang-backlog');
    emu.seedBacklog(150);
    emu.faults.hang({ match: { graphql: 'repository.issues', page: 2 } });
    // The run's clock fires each held attempt's timeout at once: no real wait, and a timeout
    // no healthy request on a slow machine could reach.
    const clock = fakeClock();
    const running = runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      env: timing(60_000),
      inputs: { 'report-issue': 'Backlog report', 'fail-on': 'never' },
      clock,
      timeoutMs: 10_000,
    });
    let held = 0;
    void (async () => {
      for (;;) {
        await emu.nextHeld();
        held++;
        clock.elapse(60_000);
      }
    })();
    const run = await running;
    expect(run.signal).toBeNull();
    expect(held).toBe(3); // page 2: first try + 2 retries, each timed out
    expect(run.report).toMatchObject({ complete: false, issuesChecked: 100 });
    expect(run.report?.incompleteReason).toMatch(/failed after 1 page.*timeout/);
    expect(emu.graphqlCount('repository.issues')).toBe(4); // page 1, then page 2 three times
    expect(emu.writes()).toEqual([]);
  });
});

describe('10. smaller defects', () => {
  it('retry back-off is per request: a later request starts again at the first retry', async () => {
    const token = workflowRepo('backoff');
    emu.addTeam('acme', 'pms', ['alice']);
    emu.seedBacklog(5);
    emu.faults.status(502, { match: { route: TEAM_MEMBERS }, times: 2 });
    emu.faults.status(502, { match: { graphql: 'repository.issues' }, times: 1 });
    const config = CONFIG.replace('members: [alice, dana]', 'members: ["@acme/pms", dana]');
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      env: { ...FAST, RUNNER_DEBUG: '1' },
      workspaceFiles: { [CONFIG_PATH]: config },
      inputs: { 'fail-on': 'never' },
    });
    expect(run.outputs.complete).toBe('true');
    const retries = run.commands
      .filter((c) => c.command === 'debug' && /: retry \d+$/.test(c.message))
      .map((c) => c.message.replace(/^.* (\S+): retry/, '$1 retry'));
    expect(retries).toEqual([
      '/orgs/acme/teams/pms/members retry 1',
      '/orgs/acme/teams/pms/members retry 2',
      'query retry 1',
    ]);
  });

  it('a rate limit given up at once does not claim retries were made', async () => {
    const token = workflowRepo('no-retry-claim');
    emu.seedBacklog(5);
    emu.faults.graphqlRateLimited({ resetIn: 3600, times: Infinity });
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      env: FAST,
    });
    expect(run.outputs.complete).toBe('false');
    expect(run.report?.incompleteReason).toMatch(/resets in \d+s/);
    expect(run.stdout).not.toMatch(/after 2 retries/);
  });

  it('an event file holding null, or missing: a clear message, no request', async () => {
    const token = workflowRepo('event-null');
    const nul = await runAction({
      emu,
      event: { name: 'issues', payload: null as unknown as Record<string, unknown> },
      token,
      env: FAST,
    });
    expect(nul.exitCode).toBe(1);
    expect(nul.failures).toEqual([expect.stringMatching(/is not a JSON object \(it holds null\)/)]);
    expect(nul.stdout).not.toContain('TypeError');
    const missing = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      env: { ...FAST, GITHUB_EVENT_PATH: '/nonexistent/event.json' },
    });
    expect(missing.failures).toEqual([
      expect.stringMatching(/GITHUB_EVENT_PATH=\/nonexistent\/event\.json does not exist/),
    ]);
    expect(emu.requests).toEqual([]);
  });

  it.each(['-1', '0', '1.5', '1e308', '99999999999'])(
    'issue-number %s: refused before any request',
    async (value) => {
      const token = workflowRepo('bad-number');
      const run = await runAction({
        emu,
        event: workflowDispatchEvent(emu),
        token,
        env: FAST,
        inputs: { 'issue-number': value },
      });
      expect(run.exitCode).toBe(1);
      expect(run.failures).toEqual([expect.stringContaining("Input 'issue-number'")]);
      expect(emu.requests).toEqual([]);
    },
  );

  it('the fail-on failure is never an 11th error annotation', async () => {
    const token = workflowRepo('eleven');
    for (let i = 0; i < 12; i++) emu.addIssue({ ...wrongOwner, title: `[Feature] ${i}` });
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      env: FAST,
    });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors.length).toBeLessThanOrEqual(10);
    expect(errors.at(-1)?.message).toBe('backlog-lint: 12 error(s) (fail-on: error).');
  });

  it('an issue event that creates the comment: lookup + create (the answer re-reads), 2 requests', async () => {
    const token = workflowRepo('lines');
    const issue = emu.addIssue(wrongOwner);
    await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
      env: FAST,
    });
    expect(requestLines(emu)).toEqual([COMMENT_LOOKUP, ADD_COMMENT]);
  });
});
