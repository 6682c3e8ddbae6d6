// Pull-request mode, end to end: the action in process on `pull_request` (and comment) events,
// against the API emulator. The issues a pull request closes or mentions are linted; the
// sticky comment goes on the pull request; the config comes from the base branch.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator/index.js';
import {
  CONFIG,
  CONFIG_PATH,
  freshRepo,
  issueCommentEvent,
  pullRequestEvent,
  runAction,
  stickyComments,
  useEmulator,
} from './in-process.js';

const CONTENTS = '/repos/{owner}/{repo}/contents/{path}';
const PULL = '/repos/{owner}/{repo}/pulls/{pull_number}';
const PULL_FILES = '/repos/{owner}/{repo}/pulls/{pull_number}/files';
const RAW_MENTION = /(^|[^\w`])@[A-Za-z0-9]/m;

let emu: Emulator;
useEmulator((e) => (emu = e));

const clean = {
  title: '[Feature] Dark mode',
  labels: ['feature', 'owner: product'],
  assignees: ['alice'],
};
const wrongOwner = { title: '[Feature] Export to CSV', labels: ['feature'], assignees: ['bob'] };

const requestsOf = () =>
  emu.requests.map((r) =>
    r.graphql ? `graphql ${r.graphql.operationName}` : `${r.method} ${r.route}`,
  );

describe('pull-request mode on a pull_request event', () => {
  it('lints the issues the PR closes, links and mentions; comments on the PR; config from the base branch', async () => {
    const { token } = freshRepo(emu, 'pr');
    emu.setFile(CONFIG_PATH, CONFIG); // default branch = the PR's base
    const closes = emu.addIssue(clean);
    const linked = emu.addIssue({ ...wrongOwner, title: '[Feature] Export for @alice <b>now</b>' });
    const mentioned = emu.addIssue({
      title: '[Budget] Q3 forecast',
      labels: ['budget', 'owner: project'],
      assignees: ['bob'],
      milestone: 'Q3',
    });
    const closed = emu.addIssue({ ...wrongOwner, state: 'closed' });
    const other = emu.addPullRequest({ title: 'Another PR' });
    const pr = emu.addPullRequest({
      title: 'Export',
      body: `Fixes #${closes.number}\n\nSee #${mentioned.number}, #${closed.number}, #${other.number} and #999.\n\n\`#${wrongOwner.title}\``,
      linkedIssues: [linked.number],
    });

    const run = await runAction({ emu, event: pullRequestEvent(emu, pr.number), token });

    expect(run.exitCode).toBe(1);
    expect(run.report?.mode).toBe('pull-request');
    expect(run.report?.configSource).toBe(`api:${CONFIG_PATH}@main`);
    expect(run.outputs).toMatchObject({
      'issues-checked': '3',
      errors: '1',
      warnings: '1',
      complete: 'true',
    });
    expect(run.annotations.filter((a) => a.title).map((a) => [a.level, a.title])).toEqual([
      ['error', `#${linked.number} owner-role`],
      ['warning', `#${linked.number} owner-label`],
    ]);
    expect(run.report?.skipped).toEqual(
      expect.arrayContaining([
        { item: `#${closed.number}`, reason: 'closed issue' },
        { item: `#${other.number}`, reason: 'pull request' },
        { item: '#999', reason: 'no issue with this number' },
      ]),
    );
    // The payload has the PR body and base: config, the PR's changed files (does it change
    // the config?), one GraphQL read, then the comment.
    expect(requestsOf()).toEqual([
      `GET ${CONTENTS}`,
      `GET ${PULL_FILES}`,
      'graphql BacklogLintLinkedIssues',
      'graphql BacklogLintOwnComments',
      'graphql BacklogLintAddComment',
    ]);
    expect(emu.filter({ route: CONTENTS })[0]?.query).toEqual({ ref: 'main' });
    expect(emu.count({ route: PULL })).toBe(0);

    const [comment] = stickyComments(emu, pr.number);
    expect(comment?.body).toContain('### backlog-lint: issues linked to this pull request');
    expect(comment?.body).toContain(`#${closes.number}`);
    expect(comment?.body).toContain('✅ Passes backlog-lint.');
    expect(comment?.body).toContain('Export for @\u200Balice &lt;b&gt;now&lt;/b&gt;');
    expect(comment?.body).not.toMatch(RAW_MENTION);
    expect(comment?.body).not.toContain('<b>');
    expect(comment?.body).toContain('**Not checked:**');
    expect(comment?.body).toContain('#999: no issue with this number');
    // Nothing on the linked issues themselves.
    for (const n of [closes.number, linked.number, mentioned.number]) {
      expect(emu.issue(n)?.comments).toEqual([]);
    }
  });

  it('pull_request_target routes the same way: linked issues linted, one comment on the PR', async () => {
    const { token } = freshRepo(emu, 'pr-target');
    emu.setFile(CONFIG_PATH, CONFIG);
    const linked = emu.addIssue(wrongOwner);
    const pr = emu.addPullRequest({ title: 'From a fork', body: `Closes #${linked.number}` });
    const event = pullRequestEvent(emu, pr.number, { name: 'pull_request_target' });

    const run = await runAction({ emu, event, token });

    expect(run.report?.mode).toBe('pull-request');
    expect(run.outputs).toMatchObject({ 'issues-checked': '1', errors: '1', complete: 'true' });
    expect(run.annotations.filter((a) => a.title).map((a) => a.title)).toContain(
      `#${linked.number} owner-role`,
    );
    expect(stickyComments(emu, pr.number)).toHaveLength(1);
    expect(emu.issue(linked.number)?.comments).toEqual([]);
  });

  it('reads the config from the BASE branch, not the default branch', async () => {
    const { token } = freshRepo(emu, 'pr-base');
    // main says owner-label is an error; the release branch turns it off.
    emu.setFile(CONFIG_PATH, `${CONFIG}rules:\n  owner-label: error\n`);
    emu.setFile(CONFIG_PATH, `${CONFIG}rules:\n  owner-label: 'off'\n`, 'release');
    const issue = emu.addIssue({
      title: '[Feature] Search',
      labels: ['feature'],
      assignees: ['alice'],
    });
    const pr = emu.addPullRequest({
      title: 'Backport',
      base: 'release',
      linkedIssues: [issue.number],
    });

    const run = await runAction({ emu, event: pullRequestEvent(emu, pr.number), token });
    expect(emu.filter({ route: CONTENTS }).map((r) => r.query)).toEqual([{ ref: 'release' }]);
    expect(run.report?.configSource).toBe(`api:${CONFIG_PATH}@release`);
    expect(run.report?.findings).toEqual([]);
    expect(run.exitCode).toBe(0);

    // The same PR against main would have failed.
    const onMain = emu.addPullRequest({ title: 'Forward', linkedIssues: [issue.number] });
    const main = await runAction({ emu, event: pullRequestEvent(emu, onMain.number), token });
    expect(main.report?.configSource).toBe(`api:${CONFIG_PATH}@main`);
    expect(main.annotations.filter((a) => a.title)).toEqual([
      expect.objectContaining({ level: 'error', title: `#${issue.number} owner-label` }),
    ]);
    expect(main.exitCode).toBe(1);
  });

  it("another repository's issue with the same number is not checked, never confused with ours", async () => {
    emu.addRepo('acme/elsewhere');
    const { token } = freshRepo(emu, 'pr-cross');
    emu.setFile(CONFIG_PATH, CONFIG); // the base branch's config: pull requests never use the checkout's
    const foreign = emu.addIssue({ ...wrongOwner, repo: 'acme/elsewhere' });
    const local = emu.addIssue(clean);
    expect(foreign.number).toBe(local.number);
    const pr = emu.addPullRequest({
      title: 'Both',
      body: `Fixes #${local.number}`,
      linkedIssues: [`acme/elsewhere#${foreign.number}`],
    });
    const run = await runAction({
      emu,
      event: pullRequestEvent(emu, pr.number),
      token,
      inputs: { fix: 'true', comment: 'always' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.annotations).toEqual([]);
    expect(run.outputs['issues-checked']).toBe('1');
    expect(run.report?.skipped).toEqual([
      {
        item: `acme/elsewhere#${foreign.number}`,
        reason: 'issue of another repository (its own backlog-lint config applies there)',
      },
    ]);
    const [comment] = stickyComments(emu, pr.number);
    expect(comment?.body).toContain('✅ 1 linked issue: all pass backlog-lint.');
    expect(comment?.body).toContain('acme/elsewhere\\#');
    // Nothing written to the other repository.
    expect(emu.writes().map((w) => w.graphql?.operationName)).toEqual(['BacklogLintAddComment']);
    expect(emu.issue(foreign.number, 'acme/elsewhere')?.labels).toEqual(['feature']);
  });

  it('a PR linking no issues: nothing to check, no new comment (on-findings)', async () => {
    const { token } = freshRepo(emu, 'pr-none');
    emu.setFile(CONFIG_PATH, CONFIG);
    const pr = emu.addPullRequest({ title: 'Typo', body: 'No issue.' });
    const run = await runAction({ emu, event: pullRequestEvent(emu, pr.number), token });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['issues-checked']).toBe('0');
    expect(requestsOf()).toEqual([
      `GET ${CONTENTS}`,
      `GET ${PULL_FILES}`,
      'graphql BacklogLintLinkedIssues',
      'graphql BacklogLintOwnComments',
    ]);
    expect(emu.writes()).toEqual([]);
  });

  it('a fork PR with a read-only token: one warning explaining the write permission; passes or fails on findings alone', async () => {
    const { token } = freshRepo(emu, 'fork');
    emu.addRepo('mallory/fork-of-widgets');
    emu.permissions.setToken(token, 'read-only');
    emu.setFile(CONFIG_PATH, CONFIG);
    const good = emu.addIssue(clean);
    const bad = emu.addIssue(wrongOwner);
    const cleanPr = emu.addPullRequest({
      title: 'From a fork',
      body: `Fixes #${good.number}`,
      headRepo: 'mallory/fork-of-widgets',
    });

    const passes = await runAction({
      emu,
      event: pullRequestEvent(emu, cleanPr.number),
      token,
      inputs: { comment: 'always' },
    });
    expect(passes.exitCode).toBe(0);
    expect(passes.failures).toEqual([]);
    const warnings = passes.annotations.filter((a) => a.level === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(
      /^The token cannot write to acme\/fork-\d+ \(comment on #\d+: Resource not accessible by integration\)/,
    );
    expect(warnings[0]?.message).toContain('Pull requests from forks get a read-only token');
    expect(warnings[0]?.message).toContain('`pull-requests: write`');
    // The addComment mutation, refused (FORBIDDEN in an HTTP 200, as GitHub answers).
    expect(emu.writes().map((w) => w.graphql?.operationName)).toEqual(['BacklogLintAddComment']);
    expect(passes.summary).toMatch(
      /comment: create or update the backlog-lint comment on \\#\d+ ❌ not done/,
    );
    expect(passes.outputs.complete).toBe('true');

    const badPr = emu.addPullRequest({
      title: 'Also from a fork',
      body: `Fixes #${bad.number}`,
      headRepo: 'mallory/fork-of-widgets',
    });
    const fails = await runAction({ emu, event: pullRequestEvent(emu, badPr.number), token });
    expect(fails.exitCode).toBe(1);
    expect(fails.failures).toEqual(['backlog-lint: 1 error(s) (fail-on: error).']);
    expect(fails.annotations.filter((a) => a.level === 'warning' && !a.title)).toHaveLength(1);
    expect(fails.annotations.filter((a) => a.title).map((a) => a.title)).toEqual([
      `#${bad.number} owner-role`,
      `#${bad.number} owner-label`,
    ]);
    expect(fails.outputs).toMatchObject({ errors: '1', complete: 'true' });
  });
});

describe('pull-request mode without a pull_request payload', () => {
  it('a comment on a PR (issue_comment): reads the PR for its body and base, lints what it links', async () => {
    const { token } = freshRepo(emu, 'pr-comment');
    emu.setFile(CONFIG_PATH, CONFIG, 'develop');
    const issue = emu.addIssue(wrongOwner);
    const pr = emu.addPullRequest({
      title: 'Work',
      base: 'develop',
      body: `Part of #${issue.number}`,
    });
    const run = await runAction({ emu, event: issueCommentEvent(emu, pr.number), token });
    expect(run.report?.mode).toBe('pull-request');
    expect(run.report?.configSource).toBe(`api:${CONFIG_PATH}@develop`);
    expect(requestsOf()).toEqual([
      `GET ${PULL}`,
      `GET ${CONTENTS}`,
      `GET ${PULL_FILES}`,
      'graphql BacklogLintLinkedIssues',
      'graphql BacklogLintOwnComments',
      'graphql BacklogLintAddComment',
    ]);
    expect(run.outputs['issues-checked']).toBe('1');
    expect(run.exitCode).toBe(1);
    expect(stickyComments(emu, pr.number)).toHaveLength(1);
  });

  it('a re-run reads the PR fresh: an edited body is followed', async () => {
    const { token } = freshRepo(emu, 'pr-rerun');
    emu.setFile(CONFIG_PATH, CONFIG);
    const a = emu.addIssue(clean);
    const b = emu.addIssue(wrongOwner);
    const pr = emu.addPullRequest({ title: 'Work', body: `Fixes #${a.number}` });
    const event = pullRequestEvent(emu, pr.number);
    // Edited after the event fired.
    const stored = emu.issue(pr.number);
    if (stored) stored.body = `Fixes #${a.number}, see #${b.number}`;

    const first = await runAction({ emu, event, token });
    expect(first.outputs['issues-checked']).toBe('1');
    expect(first.exitCode).toBe(0);

    const rerun = await runAction({ emu, event, token, runAttempt: 2 });
    expect(emu.count({ route: PULL })).toBe(1);
    expect(rerun.outputs['issues-checked']).toBe('2');
    expect(rerun.exitCode).toBe(1);
    // Same sticky comment, edited in place.
    expect(stickyComments(emu, pr.number)).toHaveLength(1);
  });

  it('mode: pull-request with issue-number that is not a PR: a clear failure', async () => {
    const { token } = freshRepo(emu, 'pr-number');
    const issue = emu.addIssue(clean);
    const run = await runAction({
      emu,
      event: { name: 'workflow_dispatch', payload: {} },
      token,
      inputs: { mode: 'pull-request', 'issue-number': String(issue.number) },
    });
    expect(run.exitCode).toBe(1);
    expect(run.failures).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Could not read pull request #${issue.number} of acme/pr-number-\\d+: Not Found`,
        ),
      ),
    ]);
    expect(emu.writes()).toEqual([]);
  });
});
