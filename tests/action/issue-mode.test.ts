// Issue mode, end to end: run() of src/ in process (tests/action/in-process.ts) on an `issues`
// event, against the API emulator. Asserts what a user sees (annotations, outputs, exit
// code, summary, the sticky comment) and what was asked of GitHub.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator/index.js';
import {
  CONFIG,
  CONFIG_PATH,
  freshRepo,
  issueCommentEvent,
  issueEvent,
  runAction,
  stickyComments,
  workflowDispatchEvent,
  useEmulator,
  requestLines,
  COMMENT_LOOKUP,
  ADD_COMMENT,
  createdCommentBodies,
  writeLines,
} from './in-process.js';

const MARKER = '<!-- backlog-lint:sticky -->';
const ISSUE = '/repos/{owner}/{repo}/issues/{issue_number}';
const COMMENT = '/repos/{owner}/{repo}/issues/comments/{comment_id}';
const workspaceFiles = { [CONFIG_PATH]: CONFIG };

/** A mention GitHub would notify: `@` right after a non-word character, then a login character. */
const RAW_MENTION = /(^|[^\w`])@[A-Za-z0-9]/m;

let emu: Emulator;
useEmulator((e) => (emu = e));

const cleanFeature = {
  title: '[Feature] Dark mode',
  labels: ['feature', 'owner: product'],
  assignees: ['alice'],
};
/** owner-role (error) + owner-label (warning). */
const wrongOwner = { title: '[Feature] Export to CSV', labels: ['feature'], assignees: ['bob'] };
/** owner-required + owner-label (warnings only). */
const unowned = { title: '[Feature] Offline mode', labels: ['feature'] };

describe('issue mode on an issues event', () => {
  it('a clean issue: no issue read, one request in all, no annotations, passes', async () => {
    const { token } = freshRepo(emu, 'clean');
    const issue = emu.addIssue(cleanFeature);
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
    });

    expect(run.exitCode).toBe(0);
    expect(run.annotations).toEqual([]);
    expect(run.outputs).toEqual({
      errors: '0',
      warnings: '0',
      notices: '0',
      'issues-checked': '1',
      'report-path': expect.stringMatching(/backlog-lint[/\\]report\.json$/),
      complete: 'true',
      known: '0',
      fixed: '0',
      'failing-issues': '[]',
    });
    // The payload has the issue: it is never read. on-findings: look for an earlier comment only.
    expect(emu.count({ method: 'GET', route: ISSUE })).toBe(0);
    expect(requestLines(emu)).toEqual([COMMENT_LOOKUP]);
    expect(emu.writes()).toEqual([]);
    expect(stickyComments(emu, issue.number)).toEqual([]);
    expect(run.summary).toContain('**1 issue checked** · ❌ 0 errors · ⚠️ 0 warnings');
    expect(run.summary).toContain('✅ No findings: every checked issue passes.');
    expect(run.report).toMatchObject({
      version: 1,
      repository: emu.repo.fullName,
      mode: 'issue',
      complete: true,
      issuesChecked: 1,
      counts: { error: 0, warning: 0, notice: 0 },
      findings: [],
    });
    expect(emu.stats.maxInFlight).toBe(1);
  });

  it('findings: one annotation each titled "#N rule-id", outputs, a comment, fails on error', async () => {
    const { token } = freshRepo(emu, 'findings');
    const issue = emu.addIssue(wrongOwner);
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
    });

    expect(run.exitCode).toBe(1);
    const n = issue.number;
    expect(run.annotations.filter((a) => a.title)).toEqual([
      {
        level: 'error',
        title: `#${n} owner-role`,
        message: expect.stringMatching(
          new RegExp(
            `^#${n} is a feature issue owned by product, but its assignee is bob \\(project\\)`,
          ),
        ),
      },
      {
        level: 'warning',
        title: `#${n} owner-label`,
        message: expect.stringContaining('lacks its ownership label "owner: product"'),
      },
    ]);
    expect(run.failures).toEqual(['backlog-lint: 1 error(s) (fail-on: error).']);
    expect(run.outputs).toMatchObject({
      errors: '1',
      warnings: '1',
      notices: '0',
      'issues-checked': '1',
      complete: 'true',
    });
    expect(run.report?.findings.map((f) => [f.issue, f.rule, f.severity])).toEqual([
      [n, 'owner-role', 'error'],
      [n, 'owner-label', 'warning'],
    ]);
    // Exactly: find the sticky comment, create it (the mutation's answer re-reads the thread).
    expect(requestLines(emu)).toEqual([COMMENT_LOOKUP, ADD_COMMENT]);
    const [body = ''] = createdCommentBodies(emu);
    expect(body.startsWith(MARKER)).toBe(true);
    expect(body).toContain('### backlog-lint');
    expect(body).toContain('❌ 1 error · ⚠️ 1 warning');
    expect(body).toContain('**error** `owner-role`');
    expect(body).toContain('Suggested fix: assign alice.');
    expect(stickyComments(emu, n)).toHaveLength(1);
    expect(run.summary).toContain('| `owner-role` | ❌ error | 1 |');
  });

  it.each([
    // [issue, fail-on, exit code]
    ['wrongOwner', 'error', 1],
    ['wrongOwner', 'never', 0],
    ['unowned', 'error', 0],
    ['unowned', 'warning', 1],
    ['unowned', 'never', 0],
  ] as const)('%s with fail-on: %s exits %d', async (which, failOn, code) => {
    const { token } = freshRepo(emu, `fail-on-${failOn}`);
    const issue = emu.addIssue(which === 'wrongOwner' ? wrongOwner : unowned);
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
      inputs: { 'fail-on': failOn, comment: 'never' },
    });
    expect(run.exitCode).toBe(code);
    if (code === 0) expect(run.failures).toEqual([]);
    else expect(run.failures).toEqual([expect.stringContaining(`(fail-on: ${failOn})`)]);
    expect(run.annotations.filter((a) => a.title).length).toBe(2);
    // comment: never and a payload: not a single request.
    expect(emu.requests).toEqual([]);
  });

  it('escapes issue text in the comment: no HTML, no @mention, no forged marker', async () => {
    const { token } = freshRepo(emu, 'escape');
    const issue = emu.addIssue({
      title: '[Feature] ping @alice <img src=x onerror=alert(1)> <!-- backlog-lint:sticky -->',
      labels: ['feature', 'owner: product'],
      assignees: ['mallory'], // owner-role + owner-unknown quote the login
      author: 'mallory',
    });
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
    });
    expect(run.exitCode).toBe(1);
    const [body = ''] = createdCommentBodies(emu);
    expect(body).toContain('mallory');
    expect(body).not.toMatch(RAW_MENTION);
    expect(body).not.toMatch(/<img/i);
    expect(body.split(MARKER)).toHaveLength(2); // the one real marker
    // The summary shows the title, neutralised the same way.
    expect(run.summary).toContain('ping @\u200Balice');
    expect(run.summary).not.toMatch(RAW_MENTION);
    expect(run.summary).not.toContain('<img');
    expect(run.summary).not.toContain('<!-- backlog-lint');
  });
});

describe('sticky comment lifecycle', () => {
  it('create → unchanged (no write) → edited in place to the clean message, never duplicated', async () => {
    const { token } = freshRepo(emu, 'sticky');
    const issue = emu.addIssue(unowned);
    const n = issue.number;
    const inputs = { 'fail-on': 'warning' };

    const first = await runAction({
      emu,
      event: issueEvent(emu, n),
      token,
      workspaceFiles,
      inputs,
    });
    expect(first.exitCode).toBe(1);
    expect(writeLines(emu)).toEqual([ADD_COMMENT]);
    const [created] = stickyComments(emu, n);
    expect(created?.body).toContain('`owner-required`');

    // Same issue, same findings: the comment is found and left alone.
    const second = await runAction({
      emu,
      event: issueEvent(emu, n, 'edited'),
      token,
      workspaceFiles,
      inputs,
    });
    expect(second.exitCode).toBe(1);
    expect(requestLines(emu)).toEqual([COMMENT_LOOKUP]);
    expect(emu.writes()).toEqual([]);
    expect(second.summary).toMatch(
      /comment: the backlog-lint comment on \\#\d+ is up to date ✅ done/,
    );

    // A person fixes the issue: the event payload now has the label and the assignee.
    emu.state.applyAttributes(emu.repo, issue, {
      labels: ['feature', 'owner: product'],
      assignees: ['alice'],
    });
    const third = await runAction({
      emu,
      event: issueEvent(emu, n, 'assigned'),
      token,
      workspaceFiles,
      inputs,
    });
    expect(third.exitCode).toBe(0);
    expect(third.annotations).toEqual([]);
    expect(emu.writes().map((w) => `${w.method} ${w.route}`)).toEqual([`PATCH ${COMMENT}`]);
    expect(emu.writes()[0]?.path).toMatch(new RegExp(`/comments/${created?.id}$`));
    const after = stickyComments(emu, n);
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(created?.id);
    expect(after[0]?.body).toContain(
      '✅ This issue now passes backlog-lint: no ownership findings.',
    );
    expect(after[0]?.body).not.toContain('owner-required');

    // Clean and already saying so: nothing to write.
    await runAction({ emu, event: issueEvent(emu, n, 'labeled'), token, workspaceFiles, inputs });
    expect(emu.writes()).toEqual([]);
    expect(stickyComments(emu, n)).toHaveLength(1);
  });

  it('finds its comment among other comments and edits it, leaving the others alone', async () => {
    const { token } = freshRepo(emu, 'sticky-others');
    emu.permissions.setToken(token, 'github-token');
    const issue = emu.addIssue({
      ...unowned,
      comments: ['First!', { body: `quoting ${MARKER}? no`, author: 'mallory' }],
    });
    // Our earlier comment (by the workflow token's bot), between other people's comments.
    const ours = emu.addComment(issue.number, {
      body: `${MARKER}\n\nold text`,
      author: 'github-actions[bot]',
    });
    emu.addComment(issue.number, { body: 'Later comment' });
    await runAction({ emu, event: issueEvent(emu, issue.number), token, workspaceFiles });
    expect(emu.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `PATCH /repos/${emu.repo.fullName}/issues/comments/${ours.id}`,
    ]);
    const bodies = emu.issue(issue.number)?.comments.map((c) => c.body) ?? [];
    expect(bodies[0]).toBe('First!');
    expect(bodies[1]).toBe(`quoting ${MARKER}? no`); // someone else's text holding the marker
    expect(bodies[2]).toContain('`owner-required`');
    expect(bodies[3]).toBe('Later comment');
  });

  it('comment: always comments on a clean issue; never makes no comment request at all', async () => {
    const { token } = freshRepo(emu, 'policy');
    const clean = emu.addIssue(cleanFeature);
    const always = await runAction({
      emu,
      event: issueEvent(emu, clean.number),
      token,
      workspaceFiles,
      inputs: { comment: 'always' },
    });
    expect(always.exitCode).toBe(0);
    expect(requestLines(emu)).toEqual([COMMENT_LOOKUP, ADD_COMMENT]);
    expect(stickyComments(emu, clean.number)[0]?.body).toContain('✅ This issue now passes');

    const dirty = emu.addIssue(wrongOwner);
    const never = await runAction({
      emu,
      event: issueEvent(emu, dirty.number),
      token,
      workspaceFiles,
      inputs: { comment: 'never' },
    });
    expect(never.exitCode).toBe(1);
    expect(emu.requests).toEqual([]);
    expect(stickyComments(emu, dirty.number)).toEqual([]);
  });

  it('comment: on-findings on a clean issue without an earlier comment writes nothing', async () => {
    const { token } = freshRepo(emu, 'on-findings');
    const clean = emu.addIssue(cleanFeature);
    const run = await runAction({
      emu,
      event: issueEvent(emu, clean.number),
      token,
      workspaceFiles,
    });
    expect(emu.graphqlCount('BacklogLintOwnComments')).toBe(1);
    expect(emu.writes()).toEqual([]);
    // Nothing was written, and the summary does not pretend otherwise.
    expect(run.summary).not.toContain('## Writes');
    expect(run.report?.writes).toEqual([]);
  });
});

describe('where the issue comes from', () => {
  it('a re-run (GITHUB_RUN_ATTEMPT=2) reads the issue fresh: the payload may be stale', async () => {
    const { token } = freshRepo(emu, 'rerun');
    const issue = emu.addIssue(wrongOwner);
    const stale = issueEvent(emu, issue.number);
    // Fixed since the event fired.
    emu.state.applyAttributes(emu.repo, issue, {
      labels: ['feature', 'owner: product'],
      assignees: ['alice'],
    });

    const first = await runAction({
      emu,
      event: stale,
      token,
      workspaceFiles,
      inputs: { comment: 'never' },
    });
    expect(first.exitCode).toBe(1); // attempt 1 trusts the payload
    expect(emu.count({ method: 'GET', route: ISSUE })).toBe(0);

    const rerun = await runAction({
      emu,
      event: stale,
      token,
      workspaceFiles,
      runAttempt: 2,
      inputs: { comment: 'never' },
    });
    expect(rerun.exitCode).toBe(0);
    expect(rerun.annotations).toEqual([]);
    expect(emu.count({ method: 'GET', route: ISSUE })).toBe(1);
    expect(rerun.stdout).toContain('re-run attempt 2: the payload may be stale');
    expect(rerun.outputs['issues-checked']).toBe('1');
  });

  it('issue-number on workflow_dispatch lints that issue through the API', async () => {
    const { token } = freshRepo(emu, 'dispatch');
    emu.addIssue(cleanFeature);
    const issue = emu.addIssue(wrongOwner);
    const run = await runAction({
      emu,
      event: workflowDispatchEvent(emu, { issue: String(issue.number) }),
      token,
      workspaceFiles,
      inputs: { 'issue-number': `#${issue.number}` },
    });
    expect(run.exitCode).toBe(1);
    expect(run.report?.mode).toBe('issue');
    expect(run.outputs['issues-checked']).toBe('1');
    expect(run.annotations.map((a) => a.title).filter(Boolean)).toEqual([
      `#${issue.number} owner-role`,
      `#${issue.number} owner-label`,
    ]);
    expect(requestLines(emu)).toEqual([`GET ${ISSUE}`, COMMENT_LOOKUP, ADD_COMMENT]);
    expect(stickyComments(emu, issue.number)).toHaveLength(1);
  });

  it('issue_comment on an issue: the payload issue, no read', async () => {
    const { token } = freshRepo(emu, 'comment-event');
    const issue = emu.addIssue(wrongOwner);
    const run = await runAction({
      emu,
      event: issueCommentEvent(emu, issue.number),
      token,
      workspaceFiles,
      inputs: { comment: 'never' },
    });
    expect(run.report?.mode).toBe('issue');
    expect(run.outputs['issues-checked']).toBe('1');
    expect(run.exitCode).toBe(1);
    expect(emu.requests).toEqual([]);
  });

  it('issue-number of an issue that does not exist: a clear failure, nothing written', async () => {
    const { token } = freshRepo(emu, 'missing');
    const run = await runAction({
      emu,
      event: workflowDispatchEvent(emu),
      token,
      workspaceFiles,
      inputs: { 'issue-number': '404', comment: 'always' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.failures).toEqual([
      expect.stringMatching(
        /^backlog-lint: the run is incomplete — Reading issue #404 of acme\/missing-\d+ failed: Not Found/,
      ),
    ]);
    expect(run.outputs.complete).toBe('false');
    expect(emu.writes()).toEqual([]);
  });

  it('an issues event that carries a pull request is skipped, never linted', async () => {
    const { token } = freshRepo(emu, 'pr-as-issue');
    const target = emu.addIssue(wrongOwner);
    const pr = emu.addPullRequest({
      title: 'Export',
      body: `Fixes #${target.number}`,
      labels: ['feature'],
      assignees: ['bob'],
    });
    const run = await runAction({
      emu,
      event: { ...issueEvent(emu, pr.number), name: 'issues' },
      token,
      workspaceFiles,
      inputs: { comment: 'always' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.annotations).toEqual([]);
    expect(run.outputs['issues-checked']).toBe('0');
    expect(run.report?.mode).toBe('issue');
    expect(run.report?.skipped).toEqual([
      { item: `#${pr.number}`, reason: 'pull requests are never linted as issues' },
    ]);
    expect(run.summary).toContain('pull requests are never linted as issues');
    expect(emu.requests).toEqual([]);
    expect(emu.issue(pr.number)?.comments).toEqual([]);
  });

  it('mode: issue with issue-number of a pull request: read, skipped, not linted', async () => {
    const { token } = freshRepo(emu, 'pr-number');
    const pr = emu.addPullRequest({ title: 'A change', labels: ['feature'] });
    const run = await runAction({
      emu,
      event: workflowDispatchEvent(emu),
      token,
      workspaceFiles,
      inputs: { mode: 'issue', 'issue-number': String(pr.number) },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['issues-checked']).toBe('0');
    expect(run.report?.findings).toEqual([]);
    expect(requestLines(emu)).toEqual([`GET ${ISSUE}`]);
  });
});

describe('inputs', () => {
  it.each([
    [
      'fail-on',
      'sometimes',
      "Input 'fail-on': 'sometimes' is not allowed; use one of: error, warning, never.",
    ],
    [
      'comment',
      'sometimes',
      "Input 'comment': 'sometimes' is not allowed; use one of: on-findings, always, never.",
    ],
    [
      'mode',
      'everything',
      "Input 'mode': 'everything' is not allowed; use one of: auto, issue, pull-request, backlog.",
    ],
    ['fix', 'yes', "Input 'fix': 'yes' is not a boolean; use true or false."],
    ['dry-run', '1', "Input 'dry-run': '1' is not a boolean; use true or false."],
    [
      'issue-number',
      'abc',
      "Input 'issue-number': 'abc' is not an issue number (a whole number from 1 to 2147483647).",
    ],
  ])(
    '%s: %s fails naming the input and the allowed values, with zero requests',
    async (name, value, message) => {
      const { token } = freshRepo(emu, 'inputs');
      const issue = emu.addIssue(wrongOwner);
      const run = await runAction({
        emu,
        event: issueEvent(emu, issue.number),
        token,
        workspaceFiles,
        inputs: { [name]: value },
      });
      expect(run.exitCode).toBe(1);
      expect(run.failures).toEqual([message]);
      expect(run.annotations).toEqual([{ level: 'error', message }]);
      expect(emu.requests).toEqual([]);
      expect(run.outputs).toEqual({});
    },
  );
});

describe('the token', () => {
  it('never appears in stdout, stderr, summary, outputs or report, even when GitHub fails', async () => {
    const { token } = freshRepo(emu, 'secret');
    const secret = `ghs_${token}SeCrEt0123456789`;
    const issue = emu.addIssue(wrongOwner);
    // Every write fails with a server error: the error path prints what went wrong.
    emu.faults.status(500, { match: { write: true }, times: Infinity });
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token: secret,
      workspaceFiles,
    });
    expect(run.exitCode).toBe(1);
    expect(run.failures.join('\n')).toMatch(/incomplete.*Writing to GitHub failed/);
    expect(emu.requests.every((r) => r.token === secret)).toBe(true);
    // The only place it appears is the runner's own mask command, which the runner consumes.
    expect(run.masks).toEqual([secret]);
    const stdout = run.stdout.replace(`::add-mask::${secret}`, '');
    for (const [where, text] of Object.entries({
      stdout,
      stderr: run.stderr,
      summary: run.summary,
      outputs: JSON.stringify(run.outputs),
      report: JSON.stringify(run.report),
    })) {
      expect(text.includes(secret), `${where} holds the token`).toBe(false);
    }
  });
});
