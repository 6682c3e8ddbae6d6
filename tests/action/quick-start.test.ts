// The README's quick start does what it says: its config and its workflow (the issue
// workflow of examples/workflows/), an issue labelled `feature` assigned to bob → the step
// fails on `owner-role`, a comment explains it; assigned to alice → the comment says clean.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { expect, it } from 'vitest';
import type { Emulator } from '../emulator/index.js';
import {
  CONFIG_PATH,
  ROOT,
  freshRepo,
  issueEvent,
  runAction,
  stickyComments,
  useEmulator,
} from './in-process.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const quickStart = readme.slice(
  readme.indexOf('## Quick start'),
  readme.indexOf('\n## ', readme.indexOf('## Quick start') + 3),
);
/** The config block of the quick start (indented in its numbered list). */
const config = /```yaml\n((?: {3}.*\n|\n)+?) {3}```/.exec(quickStart)![1]!.replace(/^ {3}/gm, '');
const workflowFile = 'examples/workflows/backlog-lint-issue.yml';
const workflowText = readFileSync(path.join(ROOT, workflowFile), 'utf8');
const step = (
  parseYaml(workflowText) as {
    jobs: { lint: { steps: { uses?: string; with?: Record<string, string> }[] } };
  }
).jobs.lint.steps.find((s) => s.uses?.startsWith('backlog-lint/backlog-lint@'))!;

let emu: Emulator;
useEmulator((e) => (emu = e));

it("the README's quick start: fails on owner-role with a comment, then says clean", async () => {
  expect(quickStart).toContain('```yaml\n' + workflowText + '```');
  expect(quickStart).toContain('Open an issue labelled `feature` and assign it to bob');
  expect(quickStart).toContain('Assign it to alice and label it `owner: product`');
  expect(config).toMatch(/^# \.github\/backlog-lint\.yml\nroles:/);
  const { token } = freshRepo(emu, 'quick-start');
  const issue = emu.addIssue({ title: 'Export to CSV', labels: ['feature'], assignees: ['bob'] });
  const inputs = step.with ?? {};
  // The workflow checks out .github: the config is in the workspace.
  const workspaceFiles = { [CONFIG_PATH]: config };

  const first = await runAction({
    emu,
    event: issueEvent(emu, issue.number),
    token,
    inputs,
    workspaceFiles,
  });
  expect(first.exitCode).toBe(1);
  expect(first.report?.findings.map((f) => f.rule)).toContain('owner-role');
  const role = first.report!.findings.find((f) => f.rule === 'owner-role')!;
  expect(role.message).toBe(
    `#${issue.number} is a feature issue owned by product, but its assignee is bob (project)`,
  );
  expect(stickyComments(emu, issue.number)).toHaveLength(1);
  expect(stickyComments(emu, issue.number)[0]!.body).toContain('`owner-role`');

  emu.state.applyAttributes(emu.repo, issue, {
    labels: ['feature', 'owner: product'],
    assignees: ['alice'],
  });
  const second = await runAction({
    emu,
    event: issueEvent(emu, issue.number, 'assigned'),
    token,
    inputs,
    workspaceFiles,
  });
  expect(second.exitCode).toBe(0);
  expect(stickyComments(emu, issue.number)).toHaveLength(1);
  expect(stickyComments(emu, issue.number)[0]!.body).toContain('✅ This issue now passes');
});
