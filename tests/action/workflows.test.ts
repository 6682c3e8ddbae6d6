// The README's copy-paste workflows (examples/workflows/*.yml) work as written: for every
// trigger of every workflow, the action runs (in process) with the workflow's `with:` inputs and a
// token holding exactly the workflow's `permissions:`, against the API emulator, and does
// what the workflow is for (the sticky comment, the report issue). With one permission less
// it degrades the documented way: one clear warning when a write is refused.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { type Access, type Emulator, type TokenSpec } from '../emulator/index.js';
import {
  CONFIG,
  CONFIG_PATH,
  ROOT,
  freshRepo,
  issueEvent,
  pullRequestEvent,
  readActionYml,
  runAction,
  scheduleEvent,
  stickyComments,
  workflowDispatchEvent,
  type ActionEvent,
  type ActionRun,
  useEmulator,
} from './in-process.js';

const DIR = path.join(ROOT, 'examples/workflows');

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, string | number | boolean>;
}
interface Workflow {
  name: string;
  on: Record<string, { types?: string[] } | Array<{ cron: string }> | null>;
  permissions?: Record<string, string> | 'read-all' | 'write-all';
  jobs: Record<string, { permissions?: Workflow['permissions']; steps: Step[] }>;
}

const files = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const workflows = files.map((file) => {
  const text = readFileSync(path.join(DIR, file), 'utf8');
  const wf = parseYaml(text) as Workflow;
  const [job] = Object.values(wf.jobs);
  if (!job) throw new Error(`${file}: no job`);
  const step = job.steps.find((s) => s.uses?.startsWith('backlog-lint/backlog-lint@'));
  if (!step) throw new Error(`${file}: no step uses backlog-lint/backlog-lint@...`);
  const inputs = Object.fromEntries(
    Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)]),
  );
  return {
    file,
    text,
    wf,
    step,
    inputs,
    permissions: job.permissions ?? wf.permissions,
    checkout: job.steps.some((s) => s.uses?.startsWith('actions/checkout@')),
  };
});

/** The workflow token GitHub would mint for a `permissions:` block (unlisted scopes: none). */
function tokenSpec(perms: Workflow['permissions']): Partial<TokenSpec> {
  const all: Access | null = perms === 'read-all' ? 'read' : perms === 'write-all' ? 'write' : null;
  const get = (scope: string): Access => {
    if (all) return all;
    const v = typeof perms === 'object' ? perms[scope] : undefined;
    return v === 'write' || v === 'read' ? v : 'none';
  };
  return {
    login: 'github-actions[bot]',
    kind: 'installation',
    issues: get('issues'),
    pullRequests: get('pull-requests'),
    contents: get('contents'),
    // The workflow token never reads organisation teams.
    members: 'none',
    teamDenial: 403,
  };
}

let emu: Emulator;
useEmulator((e) => (emu = e));

const REPORT_TITLE_INPUT = 'report-issue';

/** A repository with something to report, and the event for `trigger`. */
function scenario(
  trigger: string,
  config: Workflow['on'][string],
): {
  event: ActionEvent;
  check: (run: ActionRun, inputs: Record<string, string>) => void;
} {
  const types = config && !Array.isArray(config) ? config.types : undefined;
  emu.setFile(CONFIG_PATH, CONFIG);
  const issue = emu.addIssue({
    title: '[Feature] Export',
    labels: ['feature'],
    assignees: ['bob'],
  });
  switch (trigger) {
    case 'issues':
      return {
        event: issueEvent(emu, issue.number, types?.[0] ?? 'opened'),
        check: (run) => {
          expect(run.report?.mode).toBe('issue');
          expect(stickyComments(emu, issue.number)).toHaveLength(1);
        },
      };
    case 'pull_request':
    case 'pull_request_target': {
      const pr = emu.addPullRequest({ title: 'Export', body: `Fixes #${issue.number}` });
      return {
        event: pullRequestEvent(emu, pr.number, { action: types?.[0] ?? 'opened', name: trigger }),
        check: (run) => {
          expect(run.report?.mode).toBe('pull-request');
          expect(run.report?.configSource).toBe(`api:${CONFIG_PATH}@main`);
          expect(stickyComments(emu, pr.number)).toHaveLength(1);
          expect(emu.issue(issue.number)?.comments).toEqual([]);
        },
      };
    }
    case 'schedule':
    case 'workflow_dispatch':
      return {
        event:
          trigger === 'schedule'
            ? scheduleEvent(emu, Array.isArray(config) ? config[0]?.cron : undefined)
            : workflowDispatchEvent(emu),
        check: (run, inputs) => {
          expect(run.report?.mode).toBe('backlog');
          const title = inputs[REPORT_TITLE_INPUT];
          expect(title, 'the backlog workflow keeps a report issue').toBeTruthy();
          const reports = [...emu.repo.issues.values()].filter((i) => i.title === title);
          expect(reports).toHaveLength(1);
          expect(reports[0]?.body).toContain('<!-- backlog-lint:report -->');
        },
      };
    default:
      throw new Error(`no scenario for the trigger ${trigger}`);
  }
}

it('finds the three README workflows', () => {
  expect(files).toEqual([
    'backlog-lint-backlog.yml',
    'backlog-lint-issue.yml',
    'backlog-lint-pull-request.yml',
  ]);
});

describe.each(workflows)('$file', (w) => {
  it('uses only inputs and outputs that action.yml declares', () => {
    const action = readActionYml();
    for (const name of Object.keys(w.inputs)) expect(Object.keys(action.inputs)).toContain(name);
    const id = w.step.id;
    for (const m of w.text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      expect(m[1]).toBe(id);
      expect(Object.keys(action.outputs)).toContain(m[2]);
    }
    expect(w.permissions, 'a least-privilege permissions block').toBeTypeOf('object');
  });

  const triggers = Object.entries(w.wf.on);
  it.each(triggers)(
    'on %s: does its job with exactly the permissions it grants',
    async (trigger, config) => {
      const { token } = freshRepo(emu, w.file.replace(/\.ya?ml$/, ''));
      emu.permissions.setToken(token, tokenSpec(w.permissions));
      const { event, check } = scenario(trigger, config);
      const run = await runAction({
        emu,
        event,
        token,
        inputs: w.inputs,
        // actions/checkout (sparse: .github) puts the config in the workspace; without it the
        // action reads it through the API.
        workspaceFiles: w.checkout ? { [CONFIG_PATH]: CONFIG } : {},
      });
      expect(run.annotations.filter((a) => !a.title || a.title.startsWith('backlog-lint'))).toEqual(
        run.failures.map((message) => ({ level: 'error', message })),
      );
      expect(emu.writes().every((r) => r.status < 300)).toBe(true);
      expect(run.outputs.complete).toBe('true');
      check(run, w.inputs);
      // The step fails on findings exactly as its fail-on input says.
      const failOn = w.inputs['fail-on'] ?? 'error';
      const errors = Number(run.outputs.errors);
      const warnings = Number(run.outputs.warnings);
      const fails =
        failOn === 'error' ? errors > 0 : failOn === 'warning' ? errors + warnings > 0 : false;
      expect(run.exitCode).toBe(fails ? 1 : 0);
    },
  );

  const writes = Object.entries(typeof w.permissions === 'object' ? w.permissions : {}).filter(
    ([, v]) => v === 'write',
  );
  it.each(writes)(
    'with %s: read instead of write, one clear warning and no failure from it',
    async (scope) => {
      const { token } = freshRepo(emu, `${w.file.replace(/\.ya?ml$/, '')}-ro`);
      const perms = { ...(w.permissions as Record<string, string>), [scope]: 'read' };
      emu.permissions.setToken(token, tokenSpec(perms));
      const [trigger, config] = triggers[0] ?? ['', null];
      const { event } = scenario(trigger, config);
      const run = await runAction({
        emu,
        event,
        token,
        inputs: w.inputs,
        workspaceFiles: w.checkout ? { [CONFIG_PATH]: CONFIG } : {},
      });
      // One write, refused: a REST 403, or a GraphQL mutation's FORBIDDEN error (in an HTTP 200).
      const refused = emu.writes();
      expect(refused).toHaveLength(1);
      const [write] = refused;
      if (write?.graphql) {
        expect(write.graphql.operationName).toBe('BacklogLintAddComment');
      } else {
        expect(write?.status).toBe(403);
      }
      const warnings = run.annotations.filter((a) => a.level === 'warning' && !a.title);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.message).toMatch(
        /^The token cannot write to acme\/[\w-]+ \(.*Resource not accessible by integration\)\./,
      );
      expect(warnings[0]?.message).toContain('Grant `issues: write` / `pull-requests: write`');
      // The refusal is not a failure: the step passes or fails on its findings alone.
      expect(run.outputs.complete).toBe('true');
      expect(
        run.failures.every((f) => f.startsWith('backlog-lint: ') && f.includes('(fail-on:')),
      ).toBe(true);
    },
  );
});
