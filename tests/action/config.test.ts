// Where the config comes from, and what a broken one does: the action in process against the API
// emulator. A config error is annotated on the file's line and nothing reaches GitHub.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator/index.js';
import {
  CONFIG,
  CONFIG_PATH,
  freshRepo,
  issueEvent,
  pullRequestEvent,
  runAction,
  scheduleEvent,
  useEmulator,
} from './in-process.js';

const CONTENTS = '/repos/{owner}/{repo}/contents/{path}';
const COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments';

let emu: Emulator;
useEmulator((e) => (emu = e));

const wrongOwner = { title: '[Feature] Export', labels: ['feature'], assignees: ['bob'] };

describe('config source', () => {
  it('the workspace file: no API read of the config', async () => {
    const { token } = freshRepo(emu, 'cfg-ws');
    emu.setFile(CONFIG_PATH, 'rules:\n  owner-role: off\n'); // a different one in the repository
    const issue = emu.addIssue(wrongOwner);
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles: { [CONFIG_PATH]: CONFIG },
      inputs: { comment: 'never' },
    });
    expect(emu.count({ route: CONTENTS })).toBe(0);
    expect(run.report?.configSource).toBe(CONFIG_PATH);
    expect(run.summary).toContain(`Config: ${CONFIG_PATH.replace(/\./g, '.')}`);
    expect(run.report?.findings.map((f) => f.rule)).toEqual(['owner-role', 'owner-label']);
  });

  it('no workspace file: the repository file through the contents API (default branch)', async () => {
    const { token } = freshRepo(emu, 'cfg-api');
    emu.setFile(CONFIG_PATH, `${CONFIG}rules:\n  owner-role: 'off'\n`);
    const issue = emu.addIssue(wrongOwner);
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      inputs: { comment: 'never' },
    });
    const reads = emu.filter({ route: CONTENTS });
    expect(reads.map((r) => [decodeURIComponent(r.path), r.query])).toEqual([
      [`/repos/${emu.repo.fullName}/contents/.github/backlog-lint.yml`, {}],
    ]);
    expect(run.report?.configSource).toBe(`api:${CONFIG_PATH}`);
    expect(run.report?.findings.map((f) => f.rule)).toEqual(['owner-label']);
    expect(run.exitCode).toBe(0);
  });

  it('a custom config-path in the workspace', async () => {
    const { token } = freshRepo(emu, 'cfg-path');
    const issue = emu.addIssue(wrongOwner);
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles: { 'config/lint.yaml': `${CONFIG}rules:\n  owner-label: 'off'\n` },
      inputs: { 'config-path': 'config/lint.yaml', comment: 'never' },
    });
    expect(run.report?.configSource).toBe('config/lint.yaml');
    expect(run.report?.findings.map((f) => f.rule)).toEqual(['owner-role']);
    // The log says in one line which config ran and what it changes from the preset.
    expect(run.stdout).toMatch(
      /^backlog-lint: config config\/lint\.yaml; preset recommended; .*rules changed from recommended: owner-label warning→off\./m,
    );
    expect(emu.requests).toEqual([]);
  });

  it('no config anywhere: the recommended preset runs and one notice says so', async () => {
    const { token } = freshRepo(emu, 'cfg-none');
    const issue = emu.addIssue(wrongOwner);
    const run = await runAction({ emu, event: issueEvent(emu, issue.number), token });
    expect(emu.filter({ route: CONTENTS }).map((r) => r.status)).toEqual([404]);
    expect(run.report?.configSource).toBe('preset:recommended');
    const configNotices = run.annotations.filter((a) => a.title === 'backlog-lint config');
    expect(configNotices).toEqual([
      {
        level: 'notice',
        title: 'backlog-lint config',
        message: `No config file at ${CONFIG_PATH} (workspace or repository): running the recommended preset. Roles have no members until you add ${CONFIG_PATH}.`,
      },
    ]);
    expect(run.summary).toContain('Config: preset:recommended');
    // Roles without members: their rules are skipped (with a notice), never a false finding.
    expect(run.report?.findings.filter((f) => f.rule === 'owner-role')).toEqual([]);
    expect(run.exitCode).toBe(0);
  });
});

describe('config errors', () => {
  const bad = `version: 1
extends: recommended
rules:
  owner-rol: error
`;

  it('an unknown rule: annotated at file/line/col, step fails, NOTHING written even with fix and comment: always', async () => {
    const { token } = freshRepo(emu, 'cfg-bad');
    const issue = emu.addIssue({ title: '[Feature] Export', labels: ['feature'] });
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles: { [CONFIG_PATH]: bad },
      inputs: { fix: 'true', comment: 'always' },
    });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors[0]).toEqual({
      level: 'error',
      title: 'backlog-lint config',
      file: CONFIG_PATH,
      line: 4,
      col: 3,
      message: expect.stringMatching(/owner-rol.*did you mean .?owner-role/i),
    });
    expect(run.failures).toEqual([
      'backlog-lint config is invalid (1 problem(s)); see the annotations.',
    ]);
    expect(emu.writes()).toEqual([]);
    // The sticky comment's lookup leaves before the config is parsed: the one request.
    expect(emu.requests.map((r) => r.graphql?.operationName)).toEqual(['BacklogLintOwnComments']);
    expect(emu.issue(issue.number)?.comments).toEqual([]);
    expect(emu.issue(issue.number)?.labels).toEqual(['feature']);
    expect(run.summary).toContain('## backlog-lint: config error');
    expect(run.summary).toContain(`${CONFIG_PATH}:4:3`);
    expect(run.outputs).toMatchObject({ complete: 'false', 'issues-checked': '0' });
  });

  it('a YAML syntax error in the repository file of a PR base branch: annotated, nothing written', async () => {
    const { token } = freshRepo(emu, 'cfg-yaml');
    emu.setFile(CONFIG_PATH, 'version: 1\nroles:\n  product:\n    members: [alice\n');
    const issue = emu.addIssue(wrongOwner);
    const pr = emu.addPullRequest({ title: 'Work', body: `Fixes #${issue.number}` });
    const run = await runAction({
      emu,
      event: pullRequestEvent(emu, pr.number),
      token,
      inputs: { comment: 'always', fix: 'true' },
    });
    expect(run.exitCode).toBe(1);
    const [first] = run.annotations;
    expect(first).toMatchObject({
      level: 'error',
      file: CONFIG_PATH,
      title: 'backlog-lint config',
    });
    expect(first?.line).toBeGreaterThanOrEqual(4);
    expect(emu.requests.map((r) => `${r.method} ${r.route}`)).toEqual([`GET ${CONTENTS}`]);
    expect(emu.writes()).toEqual([]);
    expect(emu.count({ route: COMMENTS })).toBe(0);
  });

  it('in backlog mode with report-issue: no backlog read, no report issue', async () => {
    const { token } = freshRepo(emu, 'cfg-backlog');
    emu.seedBacklog(5);
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles: { [CONFIG_PATH]: bad },
      inputs: { 'report-issue': 'Backlog report', fix: 'true' },
    });
    expect(run.exitCode).toBe(1);
    expect(emu.requests).toEqual([]);
  });
});
