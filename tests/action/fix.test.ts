// fix and dry-run, end to end: the action in process against the API emulator. fix only adds
// (labels, assignees) with POSTs; dry-run sends no write at all and lists what it would do.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator/index.js';
import {
  CONFIG,
  CONFIG_PATH,
  freshRepo,
  issueEvent,
  runAction,
  scheduleEvent,
  useEmulator,
  writeLines,
} from './in-process.js';

const LABELS = '/repos/{owner}/{repo}/issues/{issue_number}/labels';
const ASSIGNEES = '/repos/{owner}/{repo}/issues/{issue_number}/assignees';
const workspaceFiles = { [CONFIG_PATH]: CONFIG };

let emu: Emulator;
useEmulator((e) => (emu = e));

/** A backlog with fixable and unfixable findings. */
function seed() {
  // owner-required (assign alice, the default assignee) + owner-label (add "owner: product").
  const unowned = emu.addIssue({ title: '[Feature] Offline mode', labels: ['feature'] });
  // owner-label only (add "owner: project").
  const unlabeled = emu.addIssue({
    title: '[Budget] Q3',
    labels: ['budget'],
    assignees: ['bob'],
    milestone: 'Q3',
  });
  // Lacks its label (fixable) and carries the other role's (never removed: not fixable).
  const mislabeled = emu.addIssue({
    title: '[Feature] Search',
    labels: ['feature', 'owner: project'],
    assignees: ['alice'],
  });
  const clean = emu.addIssue({
    title: '[Feature] Dark mode',
    labels: ['feature', 'owner: product'],
    assignees: ['alice'],
  });
  return { unowned, unlabeled, mislabeled, clean };
}

describe('fix: true', () => {
  it('adds exactly the missing labels and assignees with POSTs, removes nothing; fixed findings are gone', async () => {
    const { token } = freshRepo(emu, 'fix');
    const { unowned, unlabeled, mislabeled, clean } = seed();
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      inputs: { fix: 'true', 'fail-on': 'warning' },
    });

    const writes = emu.writes().map((w) => [w.method, w.route, w.path.split('/')[5], w.body]);
    expect(writes).toEqual([
      ['POST', LABELS, String(unowned.number), { labels: ['owner: product'] }],
      ['POST', ASSIGNEES, String(unowned.number), { assignees: ['alice'] }],
      ['POST', LABELS, String(unlabeled.number), { labels: ['owner: project'] }],
      ['POST', LABELS, String(mislabeled.number), { labels: ['owner: product'] }],
    ]);
    expect(emu.writes().every((w) => w.status >= 200 && w.status < 300)).toBe(true);
    expect(emu.count({ method: 'DELETE' })).toBe(0);
    expect(emu.count({ method: 'PUT' })).toBe(0);
    expect(emu.count({ method: 'PATCH' })).toBe(0);

    expect(emu.issue(unowned.number)).toMatchObject({
      labels: ['feature', 'owner: product'],
      assignees: ['alice'],
    });
    expect(emu.issue(unlabeled.number)?.labels).toEqual(['budget', 'owner: project']);
    // The other role's label a person set stays.
    expect(emu.issue(mislabeled.number)?.labels).toEqual([
      'feature',
      'owner: project',
      'owner: product',
    ]);
    expect(emu.issue(clean.number)?.labels).toEqual(['feature', 'owner: product']);

    // Only the finding no fix can resolve is left.
    expect(run.report?.findings.map((f) => [f.issue, f.rule])).toEqual([
      [mislabeled.number, 'owner-label'],
    ]);
    expect(run.report?.findings[0]?.message).toContain(
      'has the ownership label "owner: project" of project',
    );
    expect(run.annotations.filter((a) => a.title).map((a) => a.title)).toEqual([
      `#${mislabeled.number} owner-label`,
    ]);
    expect(run.outputs).toMatchObject({ errors: '0', warnings: '1' });
    expect(run.exitCode).toBe(1);
    expect(run.summary).toContain('## Writes');
    expect(run.summary).toContain(
      `- #${unowned.number} add-assignees: assign alice to \\#${unowned.number} ✅ done`,
    );

    // Nothing left to fix on the next run.
    const again = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      inputs: { fix: 'true' },
    });
    expect(emu.writes()).toEqual([]);
    expect(again.report?.findings.map((f) => [f.issue, f.rule])).toEqual([
      [mislabeled.number, 'owner-label'],
    ]);
  }, 20_000);

  it('issue mode: fixes the issue, then the comment only tells what is left', async () => {
    const { token } = freshRepo(emu, 'fix-issue');
    const issue = emu.addIssue({ title: '[Feature] Offline mode', labels: ['feature'] });
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
      inputs: { fix: 'true', comment: 'always' },
    });
    expect(run.exitCode).toBe(0);
    expect(writeLines(emu)).toEqual([
      `POST ${LABELS}`,
      `POST ${ASSIGNEES}`,
      'graphql BacklogLintAddComment',
    ]);
    expect(emu.issue(issue.number)).toMatchObject({
      labels: ['feature', 'owner: product'],
      assignees: ['alice'],
    });
    expect(run.annotations).toEqual([]);
    expect(emu.issue(issue.number)?.comments[0]?.body).toContain(
      '✅ This issue now passes backlog-lint',
    );
  }, 20_000);

  it('an assignee GitHub silently drops: not counted as fixed, one warning naming the login', async () => {
    const { fullName, token } = freshRepo(emu, 'fix-unassignable');
    emu.state.setAssignable(['bob', 'carol', 'dana'], fullName); // alice has no access
    const a = emu.addIssue({
      title: '[Feature] Offline mode',
      labels: ['feature', 'owner: product'],
    });
    const b = emu.addIssue({ title: '[Feature] Sync', labels: ['feature', 'owner: product'] });
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      inputs: { fix: 'true', 'fail-on': 'warning' },
    });
    expect(emu.writes().map((w) => [w.route, w.status, w.body])).toEqual([
      [ASSIGNEES, 201, { assignees: ['alice'] }],
      [ASSIGNEES, 201, { assignees: ['alice'] }],
    ]);
    expect(emu.issue(a.number)?.assignees).toEqual([]);
    // Still unowned, still reported.
    expect(run.report?.findings.map((f) => [f.issue, f.rule])).toEqual([
      [a.number, 'owner-required'],
      [b.number, 'owner-required'],
    ]);
    const warnings = run.annotations.filter((w) => w.level === 'warning' && !w.title);
    expect(warnings).toEqual([
      {
        level: 'warning',
        message: expect.stringMatching(
          /^GitHub did not assign alice to #\d+ in acme\/fix-unassignable-\d+: only people with access/,
        ),
      },
    ]);
    expect(run.summary).toContain(
      `assign alice to \\#${a.number} \\(GitHub did not assign alice\\) ❌ not done`,
    );
    expect(run.exitCode).toBe(1);
  }, 20_000);

  it('with a read-only token: one warning, nothing fixed, the findings stay reported', async () => {
    const { token } = freshRepo(emu, 'fix-ro');
    emu.permissions.setToken(token, 'read-only');
    const issue = emu.addIssue({ title: '[Feature] Offline mode', labels: ['feature'] });
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
      inputs: { fix: 'true', comment: 'always', 'fail-on': 'warning' },
    });
    // The first refused write stops the others: one attempt, one warning.
    expect(emu.writes().map((w) => `${w.method} ${w.route} ${w.status}`)).toEqual([
      `POST ${LABELS} 403`,
    ]);
    const warnings = run.annotations.filter((a) => a.level === 'warning' && !a.title);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('The token cannot write to');
    expect(run.annotations.filter((a) => a.title).map((a) => a.title)).toEqual([
      `#${issue.number} owner-label`,
      `#${issue.number} owner-required`,
    ]);
    expect(run.exitCode).toBe(1);
    expect(emu.issue(issue.number)?.labels).toEqual(['feature']);
  });
});

describe('dry-run: true', () => {
  it('with fix, comment: always and report-issue: zero writes; the summary lists the planned ones', async () => {
    const { token } = freshRepo(emu, 'dry');
    const { unowned, unlabeled, mislabeled } = seed();
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      inputs: {
        fix: 'true',
        'dry-run': 'true',
        'report-issue': 'Backlog report',
        'fail-on': 'never',
      },
    });
    expect(run.exitCode).toBe(0);
    expect(emu.writes()).toEqual([]);
    expect(
      emu.requests.every((r) => r.method === 'GET' || (r.graphql && !r.graphql.mutation)),
    ).toBe(true);
    expect(run.summary).toContain('(backlog mode, dry-run)');
    expect(run.summary).toContain('## Planned writes (dry-run: nothing was written)');
    // Markdown-escaped: renders as `add label(s) "owner: product" to #1`.
    for (const line of [
      `- #${unowned.number} add-labels: add label\\(s\\) &quot;owner: product&quot; to \\#${unowned.number}\n`,
      `- #${unowned.number} add-assignees: assign alice to \\#${unowned.number}\n`,
      `- #${unlabeled.number} add-labels: add label\\(s\\) &quot;owner: project&quot; to \\#${unlabeled.number}\n`,
      `- #${mislabeled.number} add-labels: add label\\(s\\) &quot;owner: product&quot; to \\#${mislabeled.number}\n`,
      '- report-issue: create the report issue &quot;Backlog report&quot;\n',
    ]) {
      expect(run.summary).toContain(line);
    }
    // Not fixed, so still reported.
    expect(
      run.report?.findings.filter((f) => f.issue === unowned.number).map((f) => f.rule),
    ).toEqual(['owner-label', 'owner-required']);
    expect(run.report?.dryRun).toBe(true);
    expect(run.report?.writes.every((w) => !w.done)).toBe(true);
  });

  it('issue mode: no comment request either', async () => {
    const { token } = freshRepo(emu, 'dry-issue');
    const issue = emu.addIssue({ title: '[Feature] Offline mode', labels: ['feature'] });
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
      inputs: { 'dry-run': 'true', fix: 'true', comment: 'always' },
    });
    expect(emu.requests).toEqual([]);
    expect(run.summary).toContain(
      `comment: create or update the backlog-lint comment on \\#${issue.number}`,
    );
    expect(run.exitCode).toBe(0);
  });
});
