// The step's log is read by people: a normal run stays short (the effective config, ~470
// lines, only with debug logging; one line about the config otherwise), the job summary has
// no zero-filled load tables outside backlog mode, and `failing-issues` names the issues that
// fail the step.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator/index.js';
import {
  CONFIG_PATH,
  ROOT,
  freshRepo,
  issueEvent,
  pullRequestEvent,
  runAction,
  scheduleEvent,
  useEmulator,
  type ActionRun,
} from './in-process.js';

const config = readFileSync(path.join(ROOT, 'examples/backlog-lint.yml'), 'utf8');
const workspaceFiles = { [CONFIG_PATH]: config };

let emu: Emulator;
useEmulator((e) => (emu = e));

/** An unowned risk issue (not #1: the example config ignores issue 1). */
function riskIssue() {
  emu.addIssue({ title: 'How we triage', labels: ['documentation'] });
  return emu.addIssue({ title: 'Vendor lock-in', labels: ['risk'] });
}

/** The lines GitHub shows in the step's log: debug lines and masks are not shown without debug logging. */
function visibleLines(run: ActionRun): string[] {
  return run.stdout
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('::debug::') && !l.startsWith('::add-mask::'));
}

const DIGEST =
  /^backlog-lint: config \.github\/backlog-lint\.yml; preset recommended; roles \(members\): product 2, project 2, design 1; rules changed from recommended: type-required \{"ignore-labels":\["needs-triage"\]\}, owner-capacity notice→warning \{"max":8\}, handoff-required off→notice \{"from":"product","ignore-labels":\[\],"issue-types":\[\],"labels":\["committed"\],"milestone":false,"to":"project"\}\. The effective config: re-run with debug logging\.$/m;

describe('the log of a normal run', () => {
  it('backlog of 250 issues: under 60 lines, the config in one line, failing-issues = the issues with errors', async () => {
    const { token } = freshRepo(emu, 'logs-backlog');
    emu.seedBacklog(250, { pullRequests: 40 });
    const run = await runAction({ emu, event: scheduleEvent(emu), token, workspaceFiles });
    const lines = visibleLines(run);
    expect(lines.length, lines.join('\n')).toBeLessThan(60);
    expect(run.stdout).toMatch(DIGEST);
    expect(run.stdout).not.toContain('Effective config');
    expect(run.stdout).not.toContain('owner-capacity: [');

    const report = run.report!;
    expect(report.counts.error).toBeGreaterThan(0);
    const withErrors = [
      ...new Set(report.findings.filter((f) => f.severity === 'error').map((f) => f.issue)),
    ].sort((a, b) => a - b);
    expect(JSON.parse(run.outputs['failing-issues']!)).toEqual(withErrors);
    expect(run.exitCode).toBe(1);
    // Backlog mode: the load tables have something to say.
    expect(run.summary).toContain('## Load per role');
    expect(run.summary).toContain('## Load per owner');
  });

  it('issue event: a few lines, no load tables, and "Fix:" apart from the message', async () => {
    const { token } = freshRepo(emu, 'logs-issue');
    const issue = riskIssue();
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
      inputs: { 'fail-on': 'warning' },
    });
    const lines = visibleLines(run);
    expect(lines.length, lines.join('\n')).toBeLessThan(15);
    expect(run.stdout).toMatch(DIGEST);
    expect(run.summary).not.toContain('Load per');
    expect(run.summary).toContain(
      'lacks its ownership label &quot;owner: project&quot;<br>↳ **Fix:** add label "owner: project"<br>',
    );
    expect(run.outputs['failing-issues']).toBe(`[${issue.number}]`);
  });

  it('pull request: no load tables; fail-on never: failing-issues is []', async () => {
    const { token } = freshRepo(emu, 'logs-pr');
    const issue = riskIssue();
    const pr = emu.addPullRequest({ title: 'Mitigate', body: `Fixes #${issue.number}` });
    const run = await runAction({
      emu,
      event: pullRequestEvent(emu, pr.number),
      token,
      workspaceFiles,
      inputs: { 'fail-on': 'never' },
    });
    expect(run.report!.findings.length).toBeGreaterThan(0);
    expect(run.summary).not.toContain('Load per');
    expect(run.outputs['failing-issues']).toBe('[]');
    expect(run.exitCode).toBe(0);
  });

  it('with debug logging (RUNNER_DEBUG=1) the whole effective config is printed, collapsed', async () => {
    const { token } = freshRepo(emu, 'logs-debug');
    const issue = riskIssue();
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
      env: { RUNNER_DEBUG: '1' },
    });
    expect(run.stdout).toContain('::group::Effective config (.github/backlog-lint.yml)');
    expect(run.stdout).toContain('owner-capacity: [warning, {max: 8}]');
    expect(run.stdout).not.toMatch(DIGEST);
  });

  it('a config error: failing-issues is [] and nothing else is said about the config', async () => {
    const { token } = freshRepo(emu, 'logs-config-error');
    const issue = riskIssue();
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles: { [CONFIG_PATH]: 'rules:\n  owner-rol: error\n' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['failing-issues']).toBe('[]');
    expect(run.stdout).not.toContain('Effective config');
  });
});
