// Runs the BUILT action (dist/index.js) as a child process the way the GitHub runner does,
// against the GitHub API emulator on 127.0.0.1, and parses what a user would see: workflow
// commands (annotations), step outputs, the job summary, the JSON report and the exit code.
//
//   const emu = await startEmulator();
//   const run = await runAction({ emu, event: issueEvent(emu, 3), inputs: {}, token: 'tok' });
//   expect(run.exitCode).toBe(0);
//
// The runner itself (inputs, files, environment, the process) is tests/support/runner.ts,
// shared with the benchmark. tests/action/in-process.ts runs the same steps through `run()`
// of src/ in this process (same preparation, same parsing: `actionRunner` below); most
// scenario files use it, and the end-to-end ones keep this, the bundle.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Clock } from '../../src/github/clock.js';
import type { JsonReport } from '../../src/report/index.js';
import type { Emulator, RequestRecord } from '../emulator/index.js';
import { startEmulator, TOKEN_PRESETS } from '../emulator/index.js';
import { HANDLERS, type RestContext } from '../emulator/rest.js';
import {
  inputEnv,
  parseOutputFile,
  readActionYml,
  ROOT,
  runnerEnv,
  spawnStep,
  stepFiles,
} from '../support/runner.js';

export { inputEnvName, parseOutputFile, readActionYml, ROOT } from '../support/runner.js';

// ---------------------------------------------------------------- action.yml

/** What the runner executes: `runs.main` of action.yml (dist/index.js). */
export const BUNDLE = path.join(ROOT, readActionYml().runs.main);

// ---------------------------------------------------------------- event payloads

export interface ActionEvent {
  name: string;
  payload: Record<string, unknown>;
}

/** Calls one of the emulator's REST handlers directly: the exact JSON GitHub would put in a payload. */
function restJson(
  emu: Emulator,
  route: string,
  params: Record<string, string>,
): Record<string, unknown> {
  const handler = HANDLERS[route];
  if (!handler) throw new Error(`no emulator handler for ${route}`);
  const ctx = {
    state: emu.state,
    identity: { token: null, spec: TOKEN_PRESETS.admin },
    apiBase: emu.url,
    serverUrl: emu.serverUrl,
    route: undefined,
    params,
    query: new URLSearchParams(),
    body: undefined,
    accept: '',
    rateLimitOverview: () => ({}),
  } as unknown as RestContext;
  return handler(ctx).body as Record<string, unknown>;
}

function repoParams(emu: Emulator): { owner: string; repo: string } {
  return { owner: emu.repo.owner, repo: emu.repo.name };
}

function common(emu: Emulator, sender = 'octocat'): Record<string, unknown> {
  const user = emu.state.user(sender);
  return {
    repository: restJson(emu, 'GET /repos/{owner}/{repo}', repoParams(emu)),
    sender: { login: user.login, id: user.id, type: user.type },
  };
}

/** `issues` event for issue `number` of the default repository, as it is now in the emulator. */
export function issueEvent(emu: Emulator, number: number, action = 'opened'): ActionEvent {
  const issue = restJson(emu, 'GET /repos/{owner}/{repo}/issues/{issue_number}', {
    ...repoParams(emu),
    issue_number: String(number),
  });
  return { name: 'issues', payload: { action, issue, ...common(emu) } };
}

/** `issue_comment` event (a comment on issue or pull request `number`). */
export function issueCommentEvent(emu: Emulator, number: number, body = 'A comment'): ActionEvent {
  const issue = restJson(emu, 'GET /repos/{owner}/{repo}/issues/{issue_number}', {
    ...repoParams(emu),
    issue_number: String(number),
  });
  return {
    name: 'issue_comment',
    payload: {
      action: 'created',
      issue,
      comment: { id: 1, body, user: { login: 'octocat' } },
      ...common(emu),
    },
  };
}

/** `pull_request` (or `pull_request_target`) event for pull request `number`. */
export function pullRequestEvent(
  emu: Emulator,
  number: number,
  opts: { action?: string; name?: 'pull_request' | 'pull_request_target' } = {},
): ActionEvent {
  const pr = restJson(emu, 'GET /repos/{owner}/{repo}/pulls/{pull_number}', {
    ...repoParams(emu),
    pull_number: String(number),
  });
  return {
    name: opts.name ?? 'pull_request',
    payload: { action: opts.action ?? 'opened', number, pull_request: pr, ...common(emu) },
  };
}

export function workflowDispatchEvent(
  emu: Emulator,
  inputs: Record<string, string> = {},
): ActionEvent {
  return {
    name: 'workflow_dispatch',
    payload: {
      inputs,
      ref: `refs/heads/${emu.repo.defaultBranch}`,
      workflow: '.github/workflows/backlog-lint.yml',
      ...common(emu),
    },
  };
}

export function scheduleEvent(emu: Emulator, cron = '17 6 * * 1-5'): ActionEvent {
  return { name: 'schedule', payload: { schedule: cron, ...common(emu) } };
}

// ---------------------------------------------------------------- workflow commands

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  title?: string;
  file?: string;
  line?: number;
  col?: number;
  endLine?: number;
  endColumn?: number;
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

// @actions/core's escaping (lib/command.js escapeData / escapeProperty), reversed.
function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
function unescapeProperty(s: string): string {
  return s
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
}

/** Every `::command key=value,...::message` line of a step's stdout. */
export function parseCommands(stdout: string): WorkflowCommand[] {
  const out: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m?.[1]) continue;
    const properties: Record<string, string> = {};
    for (const pair of (m[2] ?? '').split(',')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    out.push({ command: m[1], properties, message: unescapeData(m[3] ?? '') });
  }
  return out;
}

export function annotationsOf(commands: WorkflowCommand[]): Annotation[] {
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  return commands
    .filter((c) => c.command === 'error' || c.command === 'warning' || c.command === 'notice')
    .map((c) => {
      const a: Annotation = { level: c.command as Annotation['level'], message: c.message };
      const p = c.properties;
      if (p.title !== undefined) a.title = p.title;
      if (p.file !== undefined) a.file = p.file;
      if (p.line !== undefined) a.line = num(p.line);
      if (p.col !== undefined) a.col = num(p.col);
      if (p.endLine !== undefined) a.endLine = num(p.endLine);
      if (p.endColumn !== undefined) a.endColumn = num(p.endColumn);
      return a;
    });
}

// ---------------------------------------------------------------- running the action

export interface RunActionOptions {
  emu: Emulator;
  event: ActionEvent;
  /** The workflow's `with:`; inputs not given get action.yml's defaults. */
  inputs?: Record<string, string>;
  token: string;
  /** Files of the checkout, relative to GITHUB_WORKSPACE. */
  workspaceFiles?: Record<string, string>;
  /**
   * Called with the workspace (and the run's scratch root, outside it) after the files are
   * written and before the step starts: symbolic links, large files, directories.
   */
  prepareWorkspace?: (workspace: string, root: string) => void;
  /** Extra environment (wins over everything the harness sets). */
  env?: Record<string, string>;
  runAttempt?: number;
  /** Kill the step after this long (ms). Default 60 s. */
  timeoutMs?: number;
  /**
   * The GitHub client's clock (its waits and request timeouts): a test's fake clock fires a
   * hung request's timeout at once. In process only: a child process has its own clock.
   */
  clock?: Clock;
}

export interface ActionRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  commands: WorkflowCommand[];
  annotations: Annotation[];
  /** Values of `::add-mask::`. */
  masks: string[];
  outputs: Record<string, string>;
  /** GITHUB_STEP_SUMMARY after the step. */
  summary: string;
  /** The JSON report at the `report-path` output, when it exists. */
  report: JsonReport | null;
  /** The emulator's requests made during this run. */
  requests: RequestRecord[];
  /** The step's failure messages (`::error::` without a title: core.setFailed). */
  failures: string[];
  workspace: string;
  durationMs: number;
}

const tempDirs: string[] = [];
let runSeq = 0;

/** Removes the temp directories of every run so far (call in afterAll). */
export function cleanupRuns(): void {
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** One prepared step, ready to run: its exact environment, its working directory. */
export interface PreparedStep {
  env: Record<string, string>;
  cwd: string;
  timeoutMs: number;
  /** The client's clock, for a run in this process (RunActionOptions.clock). */
  clock?: Clock;
}

/** What running a step left: the process's exit and output. */
export interface StepExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wallMs: number;
}

export type StepExecutor = (step: PreparedStep) => Promise<StepExit>;

export interface ActionRunner {
  /**
   * Runs one step like the runner would. Before it starts, the emulator's request log is
   * checked for validation errors of earlier runs (they throw) and cleared, so
   * `emu.requests` / `emu.count()` / `emu.writes()` describe this run only.
   */
  runAction(opts: RunActionOptions): Promise<ActionRun>;
  /**
   * Runs several steps at once against one emulator, as two workflow runs would (their
   * requests interleave; each run's own requests are still serial). The log is cleared once
   * before; afterwards `emu.requests` holds every run's requests and the emulator's
   * one-in-flight check is reset, since two runs overlap by design.
   */
  runConcurrently(runs: RunActionOptions[]): Promise<ActionRun[]>;
}

/** runAction / runConcurrently over one way of executing a prepared step. */
export function actionRunner(execute: StepExecutor, check: () => void = () => {}): ActionRunner {
  let concurrent = false;
  const runAction = async (opts: RunActionOptions): Promise<ActionRun> => {
    check();
    if (!concurrent) {
      checkEmulator(opts.emu);
      opts.emu.clearLog();
    }
    return runStep(opts, execute);
  };
  const runConcurrently = async (runs: RunActionOptions[]): Promise<ActionRun[]> => {
    const emu = runs[0]?.emu;
    if (!emu) return [];
    checkEmulator(emu);
    emu.clearLog();
    concurrent = true;
    try {
      return await Promise.all(runs.map((r) => runAction(r)));
    } finally {
      concurrent = false;
      emu.stats.maxInFlight = Math.min(emu.stats.maxInFlight, 1);
    }
  };
  return { runAction, runConcurrently };
}

/** `node dist/index.js` with exactly the step's environment, in the workspace. */
const spawnBundle: StepExecutor = ({ clock, ...step }) => {
  if (clock)
    throw new Error('a clock drives a run in this process only (tests/action/in-process.ts)');
  return spawnStep({ entry: BUNDLE, ...step });
};

/** The built action, `node dist/index.js`, as a child process. */
export const { runAction, runConcurrently } = actionRunner(spawnBundle, () => {
  if (!existsSync(BUNDLE))
    throw new Error(`${BUNDLE} is missing: build it with \`npm run package\``);
});

async function runStep(opts: RunActionOptions, execute: StepExecutor): Promise<ActionRun> {
  const { emu } = opts;

  const root = mkdtempSync(path.join(os.tmpdir(), 'backlog-lint-action-'));
  tempDirs.push(root);
  const workspace = path.join(root, 'workspace');
  mkdirSync(workspace, { recursive: true });
  for (const [rel, text] of Object.entries(opts.workspaceFiles ?? {})) {
    const abs = path.join(workspace, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  opts.prepareWorkspace?.(workspace, root);
  const files = stepFiles(path.join(root, 'files'), opts.event.payload);

  const repo = emu.repo;
  const runId = String(1_000_000 + ++runSeq);
  const env: Record<string, string> = {
    ...runnerEnv({
      files,
      workspace,
      eventName: opts.event.name,
      github: {
        GITHUB_API_URL: emu.url,
        GITHUB_GRAPHQL_URL: emu.graphqlUrl,
        GITHUB_SERVER_URL: emu.serverUrl,
        GITHUB_REPOSITORY: repo.fullName,
        GITHUB_REPOSITORY_OWNER: repo.owner,
      },
      runId,
      runNumber: String(runSeq),
      runAttempt: opts.runAttempt ?? 1,
      ref: `refs/heads/${repo.defaultBranch}`,
    }),
    // Waits (write spacing, rate limits, back-off) are taken in the client's clock only:
    // logged and counted, never slept (src/github/clock.ts). A test may pass its own.
    BACKLOG_LINT_TEST_TIMING: JSON.stringify({ waitScale: 0 }),
    ...inputEnv(opts.inputs, opts.token),
    ...(opts.env ?? {}),
  };

  const step = await execute({
    env,
    cwd: workspace,
    timeoutMs: opts.timeoutMs ?? 60_000,
    ...(opts.clock && { clock: opts.clock }),
  });
  const { stdout, stderr, code: exitCode, signal } = step;

  const commands = parseCommands(stdout);
  const outputText = readFileSync(files.output, 'utf8');
  const outputs = parseOutputFile(outputText);
  const summary = readFileSync(files.summary, 'utf8');
  let report: JsonReport | null = null;
  let reportText = '';
  const reportPath = outputs['report-path'];
  if (reportPath && existsSync(reportPath)) {
    reportText = readFileSync(reportPath, 'utf8');
    report = JSON.parse(reportText) as JsonReport;
  }
  // Every run: the token shows up only in the runner's `::add-mask::` command.
  const places = {
    stdout: stdout.split(`::add-mask::${opts.token}`).join(''),
    stderr,
    summary,
    GITHUB_OUTPUT: outputText,
    report: reportText,
  };
  for (const [where, text] of Object.entries(places)) {
    if (opts.token.length >= 8 && text.includes(opts.token)) {
      throw new Error(`the token leaked into the step's ${where}`);
    }
  }
  return {
    exitCode,
    signal,
    stdout,
    stderr,
    commands,
    annotations: annotationsOf(commands),
    masks: commands.filter((c) => c.command === 'add-mask').map((c) => c.message),
    outputs,
    summary,
    report,
    requests: [...emu.requests],
    failures: commands
      .filter((c) => c.command === 'error' && c.properties.title === undefined)
      .map((c) => c.message),
    workspace,
    durationMs: step.wallMs,
  };
}

// ---------------------------------------------------------------- emulator per test

/**
 * What every test asserts about the requests the action made (call it in afterEach; runAction
 * also calls it before each run): every REST route exists in GitHub's OpenAPI description
 * with valid parameters and bodies, every GraphQL document validates against GitHub's schema
 * and selects only fields the emulator answers, and requests were serial.
 */
export function checkEmulator(emu: Emulator): void {
  emu.assertNoValidationErrors();
  if (emu.unsupportedFields.size > 0) {
    throw new Error(
      `GraphQL fields without an emulator resolver: ${[...emu.unsupportedFields].join(', ')}`,
    );
  }
  if (emu.stats.maxInFlight > 1) {
    throw new Error(`requests were not serial: ${emu.stats.maxInFlight} in flight at once`);
  }
}

/**
 * The emulator of a test file (or describe block): started before its tests and handed to
 * `set`, checked after each test (`checkEmulator`), stopped after them, with the runs' temp
 * directories removed.
 *
 *   let emu: Emulator;
 *   useEmulator((e) => (emu = e));
 */
export function useEmulator(
  set: (emu: Emulator) => void,
  opts?: Parameters<typeof startEmulator>[0],
): void {
  let emu: Emulator | undefined;
  beforeAll(async () => {
    emu = await startEmulator(opts);
    set(emu);
  });
  afterEach(() => {
    if (emu) checkEmulator(emu);
  });
  afterAll(async () => {
    await emu?.stop();
    cleanupRuns();
  });
}

let repoSeq = 0;

/**
 * A fresh repository for one test, made the emulator's default (the emulator has no reset):
 * helpers (`addIssue`, `setFile`, `seedBacklog`, ...) and `emu.repo` now mean it. Faults of
 * earlier tests are dropped. Returns a unique token name for the test, too.
 */
export function freshRepo(
  emu: Emulator,
  name?: string,
  opts: Parameters<Emulator['addRepo']>[1] = {},
): { fullName: string; token: string } {
  const n = ++repoSeq;
  const fullName = `acme/${name ?? 'repo'}-${n}`;
  emu.addRepo(fullName, opts);
  emu.state.defaultRepo = fullName;
  emu.faults.clear();
  emu.clearLog();
  return { fullName, token: `ghs_test${n}Tok${Math.random().toString(36).slice(2, 10)}` };
}

/** The run's requests as `METHOD /route` lines, GraphQL ones as `graphql OperationName`. */
export function requestLines(emu: Emulator): string[] {
  return emu.requests.map((r) =>
    r.graphql ? `graphql ${r.graphql.operationName ?? '(anonymous)'}` : `${r.method} ${r.route}`,
  );
}

/** The sticky comment's lookup: GraphQL, every page, own comments only (`viewerDidAuthor`). */
export const COMMENT_LOOKUP = 'graphql BacklogLintOwnComments';

/** Creating the sticky comment: the `addComment` mutation (its answer re-reads the thread). */
export const ADD_COMMENT = 'graphql BacklogLintAddComment';

/** The run's writes as lines (GraphQL mutations as `graphql OperationName`), with the status. */
export function writeLines(emu: Emulator, withStatus = false): string[] {
  return emu
    .writes()
    .map(
      (r) =>
        `${r.graphql ? `graphql ${r.graphql.operationName ?? '(anonymous)'}` : `${r.method} ${r.route}`}${withStatus ? ` ${r.status}` : ''}`,
    );
}

/** Bodies of the comments the run created (the `addComment` mutation's `body` variable). */
export function createdCommentBodies(emu: Emulator): string[] {
  return emu.requests
    .filter((r) => r.graphql?.operationName === 'BacklogLintAddComment')
    .map((r) => String(r.graphql?.variables.body ?? ''));
}

/** Comments on an issue / PR whose body holds the sticky marker. */
export function stickyComments(
  emu: Emulator,
  number: number,
): { id: number; body: string; author: string }[] {
  const issue = emu.issue(number);
  if (!issue) throw new Error(`no issue #${number}`);
  return issue.comments
    .filter((c) => c.body.includes('<!-- backlog-lint:sticky -->'))
    .map((c) => ({ id: c.id, body: c.body, author: c.author }));
}

/** A clean config (every role has members, so no finding hides behind a skipped rule). */
export const CONFIG = `version: 1
extends: recommended
roles:
  product:
    members: [alice, dana]
    label: 'owner: product'
    default-assignee: alice
  project:
    members: [bob, carol]
    label: 'owner: project'
    default-assignee: bob
`;

export const CONFIG_PATH = '.github/backlog-lint.yml';
