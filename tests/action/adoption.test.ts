// Adoption on a messy backlog, end to end with the action in process (tests/action/in-process.ts) and the CLI
// (bin/backlog-lint.js) against the API emulator: the baseline ratchet, the config-change
// preview on pull requests, and the trend kept in the report issue.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator/index.js';
import {
  CONFIG,
  CONFIG_PATH,
  ROOT,
  freshRepo,
  issueEvent,
  pullRequestEvent,
  runAction,
  scheduleEvent,
  stickyComments,
  useEmulator,
} from './in-process.js';

let emu: Emulator;
useEmulator((e) => (emu = e));

/** Few rules, so each test's findings are exactly the ones it sets up. */
const QUIET = `${CONFIG}rules:
  owner-label: off
  milestone-required: off
  owner-unknown: off
  single-owner: off
  owner-capacity: off
`;

const requestsOf = () =>
  emu.requests.map((r) =>
    r.graphql ? `graphql ${r.graphql.operationName}` : `${r.method} ${r.route}`,
  );

/**
 * The CLI as users run it (bin/ → dist/cli), against the emulator. Asynchronous: the emulator
 * answers from this process's event loop.
 */
async function cli(args: string[], token: string, cwd: string) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/backlog-lint.js'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...emu.env({ token }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code, stdout, stderr };
}

describe('baseline (ratchet)', () => {
  it('written by the CLI, read back by the action: one new finding fails, one fixed is listed, known ones pass', async () => {
    const { fullName, token } = freshRepo(emu, 'baseline');
    const wrongOwner = emu.addIssue({
      title: '[Budget] Q3 spend',
      labels: ['budget'],
      assignees: ['alice'],
    });
    const untyped = emu.addIssue({ title: 'Look into the thing' });
    const unowned = emu.addIssue({ title: '[Feature] Dark mode', labels: ['feature'] });
    emu.addIssue({ title: '[Feature] Export', labels: ['feature'], assignees: ['dana'] }); // clean

    const dir = mkdtempSync(path.join(os.tmpdir(), 'backlog-lint-baseline-'));
    try {
      const config = path.join(dir, 'backlog-lint.yml');
      writeFileSync(config, QUIET);
      const w = await cli(
        ['--repo', fullName, '--config', config, '--write-baseline', 'baseline.json'],
        token,
        dir,
      );
      expect(w.stderr).toContain('wrote baseline.json: 3 finding(s) on 3 issue(s)');
      expect(w.code).toBe(0);
      const baseline = readFileSync(path.join(dir, 'baseline.json'), 'utf8');
      expect(JSON.parse(baseline).entries).toEqual([
        { issue: wrongOwner.number, rule: 'owner-role', subject: 'project' },
        { issue: untyped.number, rule: 'type-required' },
        { issue: unowned.number, rule: 'owner-required', subject: 'product' },
      ]);

      // Since then: #wrongOwner got its project owner (fixed); a new issue has the wrong owner (new).
      emu.issue(wrongOwner.number)!.assignees = ['bob'];
      const fresh = emu.addIssue({
        title: '[Risk] Vendor lock-in',
        labels: ['risk'],
        assignees: ['dana'],
      });

      const run = await runAction({
        emu,
        event: scheduleEvent(emu),
        token,
        workspaceFiles: { [CONFIG_PATH]: QUIET, '.github/backlog-lint-baseline.json': baseline },
        inputs: { baseline: '.github/backlog-lint-baseline.json' },
      });
      expect(run.outputs).toMatchObject({
        errors: '1',
        warnings: '0',
        notices: '0',
        known: '2',
        fixed: '1',
        // Only new findings at or above fail-on: the known ones are left out.
        'failing-issues': JSON.stringify([fresh.number]),
      });
      // Only the new error fails the step.
      expect(run.exitCode).toBe(1);
      expect(run.failures).toEqual(['backlog-lint: 1 error(s) (fail-on: error).']);
      expect(run.annotations.filter((a) => a.title?.startsWith('#'))).toEqual([
        expect.objectContaining({ level: 'error', title: `#${fresh.number} owner-role` }),
      ]);
      const report = run.report!;
      expect(report.baseline).toEqual({
        source: '.github/backlog-lint-baseline.json',
        new: 1,
        known: 2,
        fixed: 1,
      });
      expect(report.findings.map((f) => [f.issue, f.rule, f.known === true])).toEqual([
        [fresh.number, 'owner-role', false],
        [untyped.number, 'type-required', true],
        [unowned.number, 'owner-required', true],
      ]);
      expect(report.fixedSinceBaseline).toEqual([
        { issue: wrongOwner.number, rule: 'owner-role', subject: 'project' },
      ]);
      // The summary opens with the ratchet.
      const [, , opening] = run.summary.split('\n\n');
      expect(opening).toMatch(/^\*\*Ratchet: 1 new · 2 known · 1 fixed since the baseline\*\*/);
      expect(run.summary).toContain('## Known findings (in the baseline)');
      expect(run.summary).toContain(`- #${wrongOwner.number} owner-role (project)`);

      // fail-on warning: the known findings are warnings, still not failing.
      const warnRun = await runAction({
        emu,
        event: scheduleEvent(emu),
        token,
        workspaceFiles: { [CONFIG_PATH]: QUIET, '.github/backlog-lint-baseline.json': baseline },
        inputs: { baseline: '.github/backlog-lint-baseline.json', 'fail-on': 'warning' },
      });
      expect(warnRun.outputs).toMatchObject({
        errors: '1',
        warnings: '0',
        known: '2',
        'failing-issues': JSON.stringify([fresh.number]),
      });
      expect(warnRun.failures).toEqual([
        'backlog-lint: 1 error(s) and 0 warning(s) (fail-on: warning).',
      ]);

      // Issue mode: only that issue's entries matter; a known finding passes, no comment.
      const issueRun = await runAction({
        emu,
        event: issueEvent(emu, unowned.number, 'edited'),
        token,
        workspaceFiles: { [CONFIG_PATH]: QUIET, 'baseline.json': baseline },
        inputs: { baseline: 'baseline.json' },
      });
      expect(issueRun.exitCode).toBe(0);
      expect(issueRun.outputs).toMatchObject({ known: '1', fixed: '0', warnings: '0' });
      expect(stickyComments(emu, unowned.number)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the baseline through the API when the workspace has none; a bad one stops the run', async () => {
    const { token } = freshRepo(emu, 'baseline-api');
    emu.setFile(CONFIG_PATH, QUIET);
    const untyped = emu.addIssue({ title: 'Look into the thing' });
    emu.setFile(
      'baseline.json',
      JSON.stringify({ version: 1, entries: [{ issue: untyped.number, rule: 'type-required' }] }),
    );
    const ok = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      inputs: { baseline: 'baseline.json' },
    });
    expect(ok.exitCode).toBe(0);
    expect(ok.outputs).toMatchObject({ known: '1', warnings: '0' });
    expect(ok.report?.baseline?.source).toBe('api:baseline.json');

    emu.setFile('baseline.json', '{"version": 1, "entries": [{"issue": 1, "rule": "owner-rol"}]}');
    const bad = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      inputs: { baseline: 'baseline.json', 'report-issue': 'Report' },
    });
    expect(bad.exitCode).toBe(1);
    expect(bad.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        title: 'backlog-lint baseline',
        file: 'baseline.json',
      }),
    );
    expect(bad.annotations[0]?.message).toMatch(/not a backlog-lint baseline at entries\.0\.rule/);
    expect(emu.writes()).toEqual([]);
  });
  it('the baseline path is confined like the config: absolute, escaping and linked-out paths are refused, nothing read or written', async () => {
    const { token } = freshRepo(emu, 'baseline-confined');
    emu.setFile(CONFIG_PATH, QUIET);
    const untyped = emu.addIssue({ title: 'Look into the thing' });
    const entries = JSON.stringify({
      version: 1,
      entries: [{ issue: untyped.number, rule: 'type-required' }],
    });
    // The same valid baseline everywhere an escaping path could reach: only the rule stops it.
    emu.setFile('outside.json', entries);
    const cases: [string, RegExp][] = [
      ['/etc/passwd', /is an absolute path; only files inside the repository's workspace are read/],
      ['../outside.json', /points outside the workspace/],
      ['.git/baseline.json', /inside \.git\/, which is never read/],
      ['linked.json', /resolves through a symbolic link to a file outside the workspace/],
    ];
    for (const [input, message] of cases) {
      const run = await runAction({
        emu,
        event: scheduleEvent(emu),
        token,
        workspaceFiles: { [CONFIG_PATH]: QUIET },
        prepareWorkspace: (workspace, root) => {
          writeFileSync(path.join(root, 'outside.json'), entries);
          symlinkSync(path.join(root, 'outside.json'), path.join(workspace, 'linked.json'));
        },
        inputs: { baseline: input, 'report-issue': 'Report' },
      });
      expect(run.exitCode, input).toBe(1);
      const refusal = run.annotations.filter((a) => a.title === 'backlog-lint baseline');
      expect(refusal, input).toHaveLength(1);
      expect(refusal[0]?.message, input).toMatch(message);
      // Refused before anything is read through the API or written.
      expect(emu.count({ route: '/repos/{owner}/{repo}/contents/{path}' }), input).toBe(0);
      expect(emu.writes(), input).toEqual([]);
      expect(run.outputs).toMatchObject({ known: '0', fixed: '0', 'failing-issues': '[]' });
    }
  });

  it('pull requests read the baseline of the base branch through the API, never the checkout', async () => {
    const { token } = freshRepo(emu, 'baseline-pr');
    emu.setFile(CONFIG_PATH, QUIET);
    const linked = emu.addIssue({ title: 'Look into the thing' });
    emu.setFile(
      'baseline.json',
      JSON.stringify({ version: 1, entries: [{ issue: linked.number, rule: 'type-required' }] }),
    );
    const pr = emu.addPullRequest({ title: 'Work', body: `Closes #${linked.number}` });
    const run = await runAction({
      emu,
      event: pullRequestEvent(emu, pr.number),
      token,
      // A checkout whose baseline would hide nothing: not read.
      workspaceFiles: { 'baseline.json': '{"version": 1, "entries": []}' },
      inputs: { baseline: 'baseline.json', 'fail-on': 'warning', comment: 'never' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ known: '1', warnings: '0', 'failing-issues': '[]' });
    expect(run.report?.baseline?.source).toBe('api:baseline.json@main');
    const reads = emu.filter({ route: '/repos/{owner}/{repo}/contents/{path}' });
    expect(
      reads.map((r) => `${decodeURIComponent(r.path.split('/contents/')[1] ?? '')}@${r.query.ref}`),
    ).toEqual([`${CONFIG_PATH}@main`, 'baseline.json@main']);
  });
});

describe('config-change preview on pull requests', () => {
  it('a PR that changes a rule severity and a type owner: exactly the affected issues, nothing written to issues', async () => {
    const { token } = freshRepo(emu, 'preview');
    emu.setFile(CONFIG_PATH, QUIET); // base = main
    const budgetAlice = emu.addIssue({
      title: '[Budget] Q3 spend',
      labels: ['budget'],
      assignees: ['alice'],
    });
    const budgetBob = emu.addIssue({
      title: '[Budget] Q4 spend',
      labels: ['budget'],
      assignees: ['bob'],
    });
    const untyped = emu.addIssue({ title: 'Look into the thing' });
    emu.addIssue({ title: '[Feature] Export', labels: ['feature'], assignees: ['dana'] }); // unaffected
    emu.addIssue({ title: '[Risk] Vendor', labels: ['risk'], assignees: ['carol'] }); // unaffected
    const linked = emu.addIssue({
      title: '[Feature] Dark mode',
      labels: ['feature'],
      assignees: ['alice'],
    });

    // The PR: budget moves to product, type-required becomes an error.
    const head = `${QUIET.replace('rules:\n', 'types:\n  budget:\n    owner: product\n    labels: [budget]\nrules:\n  type-required: error\n')}`;
    emu.state.addBranch('ownership-change');
    emu.setFile(CONFIG_PATH, head, 'ownership-change');
    const pr = emu.addPullRequest({
      title: 'Budget is product work now',
      body: `Closes #${linked.number}`,
      head: 'ownership-change',
    });

    // The backlog's report issue (the action's own: its identity wrote it, with the marker;
    // untyped) is not linted by the preview either.
    emu.addIssue({
      title: 'Backlog ownership report',
      body: '<!-- backlog-lint:report -->\nlast report',
      author: 'octocat', // who the test token is
    });

    const run = await runAction({
      emu,
      event: pullRequestEvent(emu, pr.number),
      token,
      inputs: { 'report-issue': 'Backlog ownership report' },
    });
    expect(requestsOf()).toEqual([
      'GET /repos/{owner}/{repo}/contents/{path}', // base config
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files', // does the PR change it? yes
      'GET /repos/{owner}/{repo}/contents/{path}', // head config, at the head commit
      'graphql BacklogLintLinkedIssues',
      'graphql BacklogLintBacklog', // the backlog, once, for both configs
      'graphql BacklogLintOwnComments',
      'graphql BacklogLintAddComment',
    ]);
    const [baseRead, headRead] = emu.filter({ route: '/repos/{owner}/{repo}/contents/{path}' });
    expect(baseRead?.query.ref).toBe('main');
    expect(headRead?.query.ref).toMatch(/^[0-9a-f]{40}$/);
    // The only write: the PR's sticky comment.
    expect(emu.writes().map((w) => w.graphql?.operationName)).toEqual(['BacklogLintAddComment']);
    expect(stickyComments(emu, pr.number)).toHaveLength(1);

    const [comment] = stickyComments(emu, pr.number);
    const body = comment?.body ?? '';
    expect(body).toContain('### Config change preview');
    expect(body).toContain(
      '**2 issues newly failing · 1 issue newly passing · 2 issues with another type or owner role**',
    );
    const section = (title: string) => (body.split(`**${title}`)[1] ?? '').split('\n\n**')[0] ?? '';
    const numbers = (text: string) =>
      [...text.matchAll(/^- \[#(\d+)\]/gm)].map((m) => Number(m[1]));
    // Newly failing: bob now has the wrong role for budget; the untyped issue is an error now.
    expect(numbers(section('Newly failing'))).toEqual([budgetBob.number, untyped.number]);
    expect(section('Newly failing')).toContain('`owner-role`');
    expect(section('Newly failing')).toContain('`type-required`');
    // Newly passing: alice is product, budget's new owner.
    expect(numbers(section('Newly passing'))).toEqual([budgetAlice.number]);
    const owners = section('Type or owner role changed');
    expect([...owners.matchAll(/^\| \[#(\d+)\]/gm)].map((m) => Number(m[1]))).toEqual([
      budgetAlice.number,
      budgetBob.number,
    ]);
    expect(owners).toContain('| budget (project) | budget (product) |');
    const rules = section('Findings per rule, before → after');
    expect(rules).toContain('| `type-required` | ⚠️ warning · 1 | ❌ error · 1 |');
    // owner-role: one finding before (alice) and after (bob): same count, not listed.
    expect(rules).not.toContain('`owner-role`');
    expect(run.summary).toContain('## Config change preview');
    // The linked issue is clean under the base config: the step passes.
    expect(run.exitCode).toBe(0);
  });

  it('a PR that changes only a file the config extends: previewed, the extended file read at the head', async () => {
    const { token } = freshRepo(emu, 'preview-extends');
    const config = CONFIG.replace(
      'extends: recommended',
      'extends: [recommended, ./shared-rules.yml]',
    );
    const shared =
      'rules:\n  owner-label: off\n  milestone-required: off\n  type-required: warning\n';
    // A checkout that would pass: pull requests never read it (base branch through the API).
    const workspaceFiles = { [CONFIG_PATH]: config, '.github/shared-rules.yml': 'nonsense: [' };
    emu.setFile(CONFIG_PATH, config);
    emu.setFile('.github/shared-rules.yml', shared);
    const untyped = emu.addIssue({ title: 'Look into the thing' });
    emu.state.addBranch('stricter');
    emu.setFile('.github/shared-rules.yml', shared.replace('warning', 'error'), 'stricter');
    const pr = emu.addPullRequest({ title: 'Stricter', body: 'No issue', head: 'stricter' });

    await runAction({
      emu,
      event: pullRequestEvent(emu, pr.number),
      token,
      workspaceFiles,
      inputs: { comment: 'always' },
    });
    const contents = emu.filter({ route: '/repos/{owner}/{repo}/contents/{path}' });
    const head = contents[2]?.query.ref ?? '';
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    // The base config and the file it extends at the base branch, then both at the head commit.
    expect(contents.map((r) => `${r.path.split('/contents/')[1]}@${r.query.ref}`)).toEqual([
      '.github%2Fbacklog-lint.yml@main',
      '.github%2Fshared-rules.yml@main',
      `.github%2Fbacklog-lint.yml@${head}`,
      `.github%2Fshared-rules.yml@${head}`,
    ]);
    const [comment] = stickyComments(emu, pr.number);
    expect(comment?.body).toContain('**1 issue newly failing · 0 issues newly passing');
    expect(comment?.body).toContain(`- [#${untyped.number}]`);
    expect(comment?.body).toContain('| `type-required` | ⚠️ warning · 1 | ❌ error · 1 |');

    // A pull request that touches neither: one request to know it, no preview.
    const other = emu.addPullRequest({ title: 'Docs', body: 'No issue' });
    const plain = await runAction({
      emu,
      event: pullRequestEvent(emu, other.number),
      token,
      workspaceFiles,
    });
    expect(requestsOf()).toEqual([
      'GET /repos/{owner}/{repo}/contents/{path}', // base config
      'GET /repos/{owner}/{repo}/contents/{path}', // the file it extends, base branch
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
      'graphql BacklogLintLinkedIssues',
      'graphql BacklogLintOwnComments',
    ]);
    expect(plain.summary).not.toContain('Config change preview');
  });

  it('the CLI (bin/) with --repo --compare-config: both configs from one read of the issues', async () => {
    const { fullName, token } = freshRepo(emu, 'preview-cli');
    const untyped = emu.addIssue({ title: 'Look into the thing' });
    emu.addIssue({ title: '[Feature] Export', labels: ['feature'], assignees: ['dana'] });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backlog-lint-compare-'));
    try {
      writeFileSync(path.join(dir, 'base.yml'), QUIET);
      writeFileSync(path.join(dir, 'head.yml'), `${QUIET}  type-required: error\n`);
      emu.clearLog();
      const r = await cli(
        ['--repo', fullName, '--config', 'head.yml', '--compare-config', 'base.yml', '-f', 'json'],
        token,
        dir,
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout);
      expect(out.newlyFailing.map((i: { issue: number }) => i.issue)).toEqual([untyped.number]);
      expect(out.repository).toBe(fullName);
      expect(emu.requests.map((q) => q.graphql?.operationName ?? q.route)).toEqual([
        'BacklogLintBacklog',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a token that cannot read the PR files: one warning, no preview, the linked issues still linted', async () => {
    const { token } = freshRepo(emu, 'preview-denied');
    emu.permissions.setToken(token, { kind: 'installation', pullRequests: 'none' });
    emu.setFile(CONFIG_PATH, QUIET);
    const linked = emu.addIssue({ title: '[Feature] Dark mode', labels: ['feature'] });
    const pr = emu.addPullRequest({ title: 'Docs', body: `Closes #${linked.number}` });
    const run = await runAction({
      emu,
      event: pullRequestEvent(emu, pr.number),
      token,
      inputs: { comment: 'never' },
    });
    expect(run.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', title: 'backlog-lint config preview' }),
    );
    expect(run.outputs['issues-checked']).toBe('1');
    expect(run.outputs.warnings).toBe('1'); // owner-required on the linked issue
    expect(run.summary).not.toContain('Config change preview');
  });

  it('a head config with an error: annotated on the changed file and line, the step fails, nothing written', async () => {
    const { token } = freshRepo(emu, 'preview-bad');
    emu.setFile(CONFIG_PATH, QUIET);
    const linked = emu.addIssue({ title: '[Feature] Dark mode', labels: ['feature'] });
    emu.state.addBranch('typo');
    emu.setFile(CONFIG_PATH, `${QUIET}  owner-rol: error\n`, 'typo');
    const pr = emu.addPullRequest({
      title: 'Typo',
      body: `Closes #${linked.number}`,
      head: 'typo',
    });

    const run = await runAction({ emu, event: pullRequestEvent(emu, pr.number), token });
    expect(run.exitCode).toBe(1);
    const line = `${QUIET}  owner-rol: error\n`.split('\n').indexOf('  owner-rol: error') + 1;
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        title: 'backlog-lint config of this pull request',
        file: CONFIG_PATH,
        line,
      }),
    );
    expect(run.failures.join('\n')).toMatch(/config of this pull request is invalid/);
    expect(emu.writes()).toEqual([]);
  });
});

describe('trend in the report issue', () => {
  it('three backlog runs build a history of three and show the change since the last run', async () => {
    const { token } = freshRepo(emu, 'trend');
    const title = 'Backlog ownership report';
    const inputs = { 'report-issue': title, 'fail-on': 'never' };
    const files = { [CONFIG_PATH]: QUIET };
    emu.addIssue({ title: 'Look into the thing' }); // type-required
    const unowned = emu.addIssue({ title: '[Feature] Dark mode', labels: ['feature'] }); // owner-required
    const report = () => [...emu.repo.issues.values()].find((i) => i.title === title);
    const history = () => {
      const m = /<!-- backlog-lint:history v1\n(.*)\n-->/.exec(report()?.body ?? '');
      return m
        ? (JSON.parse(m[1] ?? '') as {
            counts: Record<'error' | 'warning' | 'notice', number>;
            unowned: number;
          }[])
        : [];
    };

    const first = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles: files,
      inputs,
    });
    expect(first.exitCode).toBe(0);
    expect(history()).toHaveLength(1);
    expect(first.summary).toContain('First run recorded in the report issue');

    // Second run: one more untyped issue, the feature gets its owner.
    emu.addIssue({ title: 'Another thing' });
    emu.issue(unowned.number)!.assignees = ['alice'];
    const second = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles: files,
      inputs,
    });
    expect(history()).toHaveLength(2);
    expect(second.summary).toMatch(/\| `type-required` \| 1 \| 2 \| ▲ 1 \|/);
    expect(second.summary).toMatch(/\| `owner-required` \| 1 \| 0 \| ▼ 1 \|/);

    // Third run: an incomplete one adds nothing...
    const fault = emu.faults.status(502, { match: { graphql: true }, times: Infinity });
    const broken = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles: files,
      inputs,
    });
    expect(broken.outputs.complete).toBe('false');
    expect(history()).toHaveLength(2);
    emu.faults.clear();
    void fault;

    // ...a complete one does.
    emu.addIssue({ title: '[Risk] Vendor', labels: ['risk'], assignees: ['alice'] }); // owner-role
    const third = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles: files,
      inputs,
    });
    expect(third.exitCode).toBe(0);
    const runs = history();
    expect(runs).toHaveLength(3);
    expect(runs.map((r) => r.counts.error + r.counts.warning + r.counts.notice)).toEqual([2, 2, 3]);
    expect(third.summary).toMatch(/Since the last run \(\d{4}-\d{2}-\d{2}\): ❌ errors 1 \(▲ 1\)/);
    expect(third.summary).toMatch(/\| `owner-role` \| 0 \| 1 \| ▲ 1 \|/);
    expect(third.summary).toMatch(/\| project \| 0 \| 1 \| ▲ 1 \|/);
    const chart = /```mermaid\nxychart-beta\n([\s\S]*?)```/.exec(third.summary)?.[1] ?? '';
    expect(chart).toMatch(/x-axis \["\d\d-\d\d", "\d\d-\d\d \(2\)", "\d\d-\d\d \(3\)"\]/);
    expect(chart).toContain('bar [2, 2, 3]');
    expect(report()?.body).toContain('xychart-beta');

    // A history edited by hand into nonsense: started afresh with a notice, never a failure.
    const issue = report()!;
    issue.body = (issue.body ?? '').replace(
      /history v1\n.*\n-->/,
      'history v1\n[{"oops": 1}]\n-->',
    );
    const afresh = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles: files,
      inputs,
    });
    expect(afresh.exitCode).toBe(0);
    expect(afresh.annotations).toContainEqual(
      expect.objectContaining({ level: 'notice', title: 'backlog-lint trend' }),
    );
    expect(history()).toHaveLength(1);

    // Dry-run: the summary shows the change from the body the backlog read found (no extra
    // request), nothing is written.
    const before = report()?.body;
    const dry = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles: files,
      inputs: { ...inputs, 'dry-run': 'true' },
    });
    expect(dry.summary).toContain('Since the last run');
    expect(dry.summary).toContain('## Planned writes (dry-run: nothing was written)');
    expect(emu.writes()).toEqual([]);
    expect(requestsOf()).toEqual(['graphql BacklogLintBacklog']);
    expect(report()?.body).toBe(before);
  });
});
