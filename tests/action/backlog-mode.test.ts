// Backlog mode, end to end: the action (run() of src/, in process) on schedule / workflow_dispatch events against
// the API emulator: paging, the report issue, teams, and a fault mid-way.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator/index.js';
import {
  CONFIG,
  CONFIG_PATH,
  freshRepo,
  issueEvent,
  runAction,
  scheduleEvent,
  workflowDispatchEvent,
  useEmulator,
} from './in-process.js';

const ISSUES = '/repos/{owner}/{repo}/issues';
const ISSUE = '/repos/{owner}/{repo}/issues/{issue_number}';
const TEAM_MEMBERS = '/orgs/{org}/teams/{team_slug}/members';
const workspaceFiles = { [CONFIG_PATH]: CONFIG };

let emu: Emulator;
useEmulator((e) => (emu = e));

describe('backlog mode', () => {
  it('250 issues and 80 pull requests: 3 GraphQL pages, no REST issue list, every issue checked', async () => {
    const { token } = freshRepo(emu, 'backlog');
    const seeded = emu.seedBacklog(250, { pullRequests: 80 });
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      inputs: { 'fail-on': 'never' },
    });

    expect(run.exitCode).toBe(0);
    expect(run.outputs['issues-checked']).toBe('250');
    expect(run.outputs.complete).toBe('true');
    expect(emu.graphqlCount('repository.issues')).toBe(Math.ceil(250 / 100));
    expect(emu.count({ method: 'GET', route: ISSUES })).toBe(0);
    expect(emu.count({ method: 'GET', route: ISSUE })).toBe(0);
    expect(emu.requests).toHaveLength(3); // the pages, nothing else
    expect(emu.writes()).toEqual([]);
    expect(emu.stats.maxInFlight).toBe(1);

    const report = run.report;
    expect(report).not.toBeNull();
    if (!report) return;
    expect(report).toMatchObject({ mode: 'backlog', complete: true, issuesChecked: 250 });
    expect(Number(run.outputs.errors)).toBe(report.counts.error);
    expect(Number(run.outputs.warnings)).toBe(report.counts.warning);
    expect(Number(run.outputs.notices)).toBe(report.counts.notice);
    const prs = new Set(seeded.pullRequests);
    expect(report.findings.some((f) => prs.has(f.issue))).toBe(false);
    expect(report.findings.length).toBeGreaterThan(20);
    // Annotations: 10 per level at most, then one pointing to the summary.
    const titled = run.annotations.filter((a) => a.title);
    for (const level of ['error', 'warning', 'notice'] as const) {
      expect(titled.filter((a) => a.level === level).length).toBeLessThanOrEqual(10);
    }
    expect(titled.at(-1)?.title).toMatch(/^backlog-lint: \d+ more findings$/);
    expect(titled.at(-1)?.message).toContain('see the job summary of this run');
    expect(run.summary).toContain('**250 issues checked**');
    expect(run.summary).toContain('## Load per owner');
  });

  it('handoff-required: sub-issues read with the backlog pages (no extra request), types and signals in the report', async () => {
    const { token } = freshRepo(emu, 'handoff');
    const config = `${CONFIG}rules:\n  handoff-required: notice\n`;
    const milestone = emu.addMilestone('v2');
    const handedOff = emu.addIssue({
      title: 'Offline mode',
      labels: ['kind/feature', 'owner: product', 'priority/important-soon'],
      assignees: ['alice'],
      milestone: milestone.number,
    });
    emu.addIssue({
      title: 'Plan the offline mode delivery',
      labels: ['task', 'owner: project'],
      assignees: ['bob'],
      milestone: milestone.number,
      parent: handedOff.number,
    });
    // A closed sub-issue: GitHub counts it, the backlog does not hold it.
    const withClosedChild = emu.addIssue({
      title: 'Export to CSV',
      labels: ['enhancement', 'owner: product'],
      assignees: ['alice'],
      milestone: milestone.number,
    });
    emu.addIssue({
      title: 'Done',
      labels: ['bug'],
      state: 'closed',
      parent: withClosedChild.number,
    });
    const notHandedOff = emu.addIssue({
      title: 'Dark mode',
      labels: ['Type: Feature Request', 'owner: product', 'Blocked'],
      assignees: ['dana'],
      milestone: milestone.number,
    });
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles: { [CONFIG_PATH]: config },
      inputs: { 'fail-on': 'never' },
    });
    expect(emu.requests).toHaveLength(1); // one page: parents and sub-issue counts come with it
    // GitHub's formula: 1 (issues) + 100 (labels) + 100 (assignees) requests / 100 = 2 points;
    // `parent` and `subIssuesSummary` are objects, not connections: they cost nothing.
    expect(emu.requests[0]?.graphql?.cost).toBe(2);
    const report = run.report;
    expect(report).not.toBeNull();
    if (!report) return;
    expect(report.findings.filter((f) => f.rule === 'handoff-required')).toEqual([
      expect.objectContaining({
        issue: notHandedOff.number,
        severity: 'notice',
        message: `#${notHandedOff.number} is a feature issue owned by product and is scheduled (milestone "v2") but has no sub-issue and no project assignee; hand it off: add a sub-issue owned by project or assign a project member`,
      }),
    ]);
    expect(report.findings.filter((f) => f.rule === 'type-ambiguous')).toEqual([]);
    expect(report.issues).toEqual(
      expect.arrayContaining([
        {
          issue: handedOff.number,
          type: 'feature',
          ownerRole: 'product',
          signal: 'label "kind/feature"',
        },
        {
          issue: notHandedOff.number,
          type: 'feature',
          ownerRole: 'product',
          signal: 'label "Type: Feature Request"',
        },
      ]),
    );
  });

  it('owner-capacity: one finding per overloaded member, on the newest issue, in backlog mode only', async () => {
    const { token } = freshRepo(emu, 'capacity');
    const capacityConfig = `${CONFIG}rules:\n  owner-capacity: [warning, { max: 2 }]\n`;
    const risk = (n: number, assignees: string[]) =>
      emu.addIssue({
        title: `Risk ${n}: vendor renewal`,
        labels: ['risk', 'owner: project'],
        assignees,
        milestone: milestone.number,
      });
    const milestone = emu.addMilestone('Q3');
    const bobs = [risk(1, ['bob']), risk(2, ['bob']), risk(3, ['bob'])].map((i) => i.number);
    risk(4, ['carol']);
    risk(5, ['carol']);
    const files = { [CONFIG_PATH]: capacityConfig };

    const run = await runAction({ emu, event: scheduleEvent(emu), token, workspaceFiles: files });
    expect(run.exitCode).toBe(0); // a warning, fail-on: error
    const newest = Math.max(...bobs);
    const message = `bob holds 3 open issues owned by project, more than the maximum of 2: ${bobs.map((n) => `#${n}`).join(', ')}`;
    expect(run.report?.findings).toEqual([
      expect.objectContaining({
        issue: newest,
        rule: 'owner-capacity',
        severity: 'warning',
        message,
      }),
    ]);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        title: `#${newest} owner-capacity`,
        message: expect.stringContaining(message),
      }),
    );
    expect(run.outputs).toMatchObject({ warnings: '1', errors: '0', 'issues-checked': '5' });
    expect(run.summary).toContain('owner-capacity');

    // One issue of bob's, on its own: the load is not known, the rule does not run.
    const single = await runAction({
      emu,
      event: issueEvent(emu, newest),
      token,
      workspaceFiles: files,
      inputs: { comment: 'never' },
    });
    expect(single.exitCode).toBe(0);
    expect(single.report?.findings).toEqual([]);
    expect(single.requests).toEqual([]);
  });

  it('report-issue: created once, then updated in place, never duplicated, never linted', async () => {
    const { token } = freshRepo(emu, 'report');
    emu.seedBacklog(30);
    const title = 'Backlog ownership report';
    const inputs = { 'report-issue': title, 'fail-on': 'never' };

    const first = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      inputs,
    });
    expect(first.exitCode).toBe(0);
    const created = emu.writes();
    expect(created.map((w) => `${w.method} ${w.route} ${w.status}`)).toEqual([
      `POST ${ISSUES} 201`,
    ]);
    expect(created[0]?.body).toMatchObject({ title });
    const reportIssues = () => [...emu.repo.issues.values()].filter((i) => i.title === title);
    expect(reportIssues()).toHaveLength(1);
    const number = reportIssues()[0]?.number ?? 0;
    expect(reportIssues()[0]?.body).toContain('<!-- backlog-lint:report -->');
    expect(reportIssues()[0]?.body).toContain('**30 issues checked**');

    // Next run: the report issue is among the open issues; it is updated, not linted.
    const second = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      inputs,
    });
    expect(second.outputs['issues-checked']).toBe('30');
    expect(second.report?.findings.some((f) => f.issue === number)).toBe(false);
    expect(second.report?.skipped).toContainEqual({
      item: `#${number}`,
      reason: 'the backlog-lint report issue',
    });
    expect(emu.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `PATCH /repos/${emu.repo.fullName}/issues/${number}`,
    ]);
    expect(reportIssues()).toHaveLength(1);

    // Nothing changed since: read, and edited only to add this run to the trend's history.
    await runAction({ emu, event: workflowDispatchEvent(emu), token, workspaceFiles, inputs });
    expect(emu.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `PATCH /repos/${emu.repo.fullName}/issues/${number}`,
    ]);
    // No extra read: the report issue's body (and its history) came with the backlog page.
    expect(emu.count({ method: 'GET', route: ISSUE })).toBe(0);
    expect(reportIssues()).toHaveLength(1);
  });

  it('a read that fails on page 2 beyond retries: partial report, complete=false, the step fails', async () => {
    const { token } = freshRepo(emu, 'fault');
    const seeded = emu.seedBacklog(250);
    const fault = emu.faults.failPage(2, { status: 502, times: Infinity });
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      inputs: { 'fail-on': 'never', 'report-issue': 'Backlog report' },
    });

    expect(run.exitCode).toBe(1);
    expect(fault.hits).toBe(3); // the first try and 2 retries
    expect(emu.graphqlCount('repository.issues')).toBe(4);
    expect(run.outputs.complete).toBe('false');
    expect(run.outputs['issues-checked']).toBe('100');
    expect(run.failures).toEqual([
      expect.stringMatching(
        /^backlog-lint: the run is incomplete — Reading the backlog failed after 1 page\(s\) \(100 issues\): .*The partial report covers what was read\.$/,
      ),
    ]);
    expect(run.summary).toContain(
      '**⚠️ Incomplete run: Reading the backlog failed after 1 page\\(s\\) \\(100 issues\\)',
    );
    expect(run.report).toMatchObject({ complete: false, issuesChecked: 100 });
    expect(run.report?.incompleteReason).toMatch(/^Reading the backlog failed/);
    const page1 = new Set(seeded.issues.slice(0, 100));
    expect(run.report?.findings.length).toBeGreaterThan(0);
    expect(run.report?.findings.every((f) => page1.has(f.issue))).toBe(true);
    // An incomplete report is not published over the last complete one.
    expect(emu.writes()).toEqual([]);
  }, 30_000);
});

describe('teams', () => {
  const teamConfig = `version: 1
roles:
  product:
    members: ['@acme/pms']
    label: 'owner: product'
  project:
    members: [bob]
    label: 'owner: project'
`;

  it('resolves @org/team members: one request per team page', async () => {
    const { token } = freshRepo(emu, 'teams');
    const members = Array.from({ length: 150 }, (_, i) => `pm${i + 1}`);
    emu.addTeam('acme', 'pms', ['alice', ...members]);
    emu.addIssue({
      title: '[Feature] A',
      labels: ['feature', 'owner: product'],
      assignees: ['pm150'],
    });
    emu.addIssue({
      title: '[Feature] B',
      labels: ['feature', 'owner: product'],
      assignees: ['bob'],
    });
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles: { [CONFIG_PATH]: teamConfig },
    });
    expect(emu.count({ method: 'GET', route: TEAM_MEMBERS })).toBe(2); // 151 members, 100 a page
    expect(emu.filter({ route: TEAM_MEMBERS })[0]?.path).toBe('/orgs/acme/teams/pms/members');
    expect(run.report?.findings.map((f) => [f.rule, f.issue])).toEqual([['owner-role', 2]]);
    expect(run.exitCode).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.title)).toEqual([
      '#2 owner-role',
      undefined, // the step's failure message
    ]);
  });

  it("the workflow token can't read teams: one clear error naming the permission, no crash", async () => {
    const { token } = freshRepo(emu, 'teams-denied');
    emu.permissions.setToken(token, 'github-token');
    emu.addTeam('acme', 'pms', ['alice']);
    emu.addIssue({
      title: '[Feature] A',
      labels: ['feature', 'owner: product'],
      assignees: ['alice'],
    });
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles: { [CONFIG_PATH]: teamConfig },
    });
    expect(run.stdout).not.toContain('crashed');
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('Cannot read the members of team @acme/pms (HTTP 403)');
    expect(errors[0]?.message).toContain('`read:org`');
    expect(errors[0]?.message).toContain('"Members: read"');
    expect(emu.count({ route: TEAM_MEMBERS })).toBe(1); // no retry of a permission error
    // The rest of the run still happens: the backlog is read and reported.
    expect(run.outputs).toMatchObject({ 'issues-checked': '1', complete: 'true' });
    expect(run.summary).toContain('**1 issue checked**');
    // The summary says why the roles were not checked against their members.
    expect(run.report?.skipped).toContainEqual({
      item: '@acme/pms',
      reason: expect.stringContaining(
        'cannot be read with this token (HTTP 403): it needs read:org',
      ),
    });
    expect(run.summary).toContain('## Skipped');
  });

  it('a server error on the team read beyond retries: the run is incomplete, not a crash', async () => {
    const { token } = freshRepo(emu, 'teams-fault');
    emu.addTeam('acme', 'pms', ['alice']);
    emu.addIssue({
      title: '[Feature] A',
      labels: ['feature', 'owner: product'],
      assignees: ['alice'],
    });
    emu.faults.status(502, { match: { route: TEAM_MEMBERS }, times: Infinity });
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles: { [CONFIG_PATH]: teamConfig },
      inputs: { 'report-issue': 'Backlog report' },
    });
    expect(run.stdout).not.toContain('crashed');
    expect(run.exitCode).toBe(1);
    expect(run.outputs.complete).toBe('false');
    expect(run.failures).toEqual([
      expect.stringMatching(
        /^backlog-lint: the run is incomplete — Reading the members of the configured teams failed: /,
      ),
    ]);
    expect(run.report?.issuesChecked).toBe(1);
    expect(emu.writes()).toEqual([]); // no report issue from an incomplete run
  }, 30_000);
});
