// End to end on the BUILT action: one run per mode of `node dist/index.js` as the runner
// starts it (tests/action/harness.ts), and the same scenario through run() of src/ in process
// (tests/action/in-process.ts), which the other scenario files use. The two must agree on
// everything a user sees: exit code, annotations, outputs, the job summary, report.json and
// the requests made. So the bundle is built from what the scenarios test, and the in-process
// io writes what @actions/core writes. What only the process shows is asserted here: nothing
// on stderr, the token masked by the step's first command.
// A difference after a change to src/: rebuild the bundle (`npm run package`; `npm test` does).
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator/index.js';
import * as bundle from './harness.js';
import * as inProcess from './in-process.js';
import {
  CONFIG,
  CONFIG_PATH,
  freshRepo,
  issueEvent,
  pullRequestEvent,
  requestLines,
  scheduleEvent,
  useEmulator,
  type ActionEvent,
  type ActionRun,
} from './harness.js';

let emu: Emulator;
useEmulator((e) => (emu = e));

const workspaceFiles = { [CONFIG_PATH]: CONFIG };
const wrongOwner = { title: '[Feature] Export to CSV', labels: ['feature'], assignees: ['bob'] };
const clean = {
  title: '[Feature] Dark mode',
  labels: ['feature', 'owner: product'],
  assignees: ['alice'],
};

interface Scenario {
  name: string;
  /** Fills a fresh repository; returns the event. */
  seed: () => ActionEvent;
  inputs?: Record<string, string>;
  /** The repository's config is read from the workspace (else through the API). */
  checkout: boolean | string;
  env?: Record<string, string>;
  /** The run writes to GitHub. */
  writes?: false;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'issue',
    seed: () => issueEvent(emu, emu.addIssue(wrongOwner).number),
    checkout: true,
  },
  {
    name: 'pull-request',
    seed: () => {
      emu.setFile(CONFIG_PATH, CONFIG);
      const a = emu.addIssue(clean);
      const b = emu.addIssue(wrongOwner);
      const pr = emu.addPullRequest({
        title: 'Export',
        body: `Fixes #${a.number}, see #${b.number}`,
      });
      return pullRequestEvent(emu, pr.number);
    },
    checkout: false,
  },
  {
    name: 'backlog',
    seed: () => {
      emu.seedBacklog(120, { pullRequests: 10 });
      return scheduleEvent(emu);
    },
    inputs: { 'report-issue': 'Backlog report', 'fail-on': 'warning', fix: 'true' },
    checkout: true,
  },
  {
    // Annotations with a file, line and column; the summary of a stopped run; no write.
    name: 'config error',
    seed: () => issueEvent(emu, emu.addIssue(wrongOwner).number),
    checkout: 'version: 1\nextends: recommended\nrules:\n  owner-rol: error\n',
    writes: false,
  },
  {
    // Debug logging: the effective config in a collapsed group, the client's debug lines.
    name: 'backlog with debug logging',
    seed: () => {
      emu.seedBacklog(5);
      return scheduleEvent(emu);
    },
    inputs: { 'fail-on': 'never', comment: 'never' },
    checkout: true,
    env: { RUNNER_DEBUG: '1' },
    writes: false,
  },
];

/** One run of `scenario` in a fresh repository; what it saw, with its run's names made neutral. */
async function runIn(
  runAction: typeof bundle.runAction,
  scenario: Scenario,
): Promise<{ run: ActionRun; seen: Record<string, unknown> }> {
  const { fullName, token } = freshRepo(emu, `e2e-${scenario.name.replace(/\W+/g, '-')}`);
  const event = scenario.seed();
  const run = await runAction({
    emu,
    event,
    token,
    inputs: scenario.inputs,
    env: scenario.env,
    ...(scenario.checkout === true && { workspaceFiles }),
    ...(typeof scenario.checkout === 'string' && {
      workspaceFiles: { [CONFIG_PATH]: scenario.checkout },
    }),
  });
  const neutral = (text: string) =>
    text
      .split(fullName)
      .join('OWNER/REPO')
      .split(run.outputs['report-path'] || '\0')
      .join('REPORT_PATH')
      .replace(/actions\/runs\/\d+/g, 'actions/runs/ID')
      // Per request: its id and time; per token: the rate limit left.
      .replace(/ with id [0-9A-F]+:[0-9A-F]+ in \d+ms/g, ' with id ID in Nms')
      .replace(/\d+ points left/g, 'N points left')
      .replace(/"remaining":\d+/g, '"remaining":0');
  const { 'report-path': reportPath, ...outputs } = run.outputs;
  const log = neutral(run.stdout.split(`::add-mask::${token}`).join('::add-mask::TOKEN')).split(
    '\n',
  );
  const seen = {
    exitCode: run.exitCode,
    log: log.filter((l) => !l.startsWith('::debug::')),
    // The client's debug line of a read-ahead request lands whenever its answer does (after a
    // config error, before or after the failure): compared in order of their own.
    debug: log.filter((l) => l.startsWith('::debug::')).sort(),
    outputs,
    summary: neutral(run.summary),
    report: JSON.parse(neutral(JSON.stringify(run.report))) as unknown,
    requests: requestLines(emu),
    writes: emu.writes().map((w) => `${w.method} ${w.route} ${w.status}`),
  };
  // The report's path is the step's own (RUNNER_TEMP): where it is, not the same string.
  if (reportPath) expect(reportPath).toMatch(/backlog-lint[/\\]report\.json$/);
  return { run, seen: { ...seen, reportPath: reportPath ? 'REPORT_PATH' : reportPath } };
}

describe('the bundle and run() in process agree: one run per mode, a config error, debug logging', () => {
  it.each(SCENARIOS)('$name mode', async (scenario) => {
    const built = await runIn(bundle.runAction, scenario);
    const here = await runIn(inProcess.runAction, scenario);

    // The process: nothing on stderr, the token masked first thing, an exit of its own.
    expect(built.run.stderr).toBe('');
    expect(built.run.signal).toBeNull();
    expect(built.run.commands[0]).toMatchObject({ command: 'add-mask' });
    expect(built.seen.requests).not.toEqual([]);
    if (scenario.writes !== false) expect(built.seen.writes).not.toEqual([]);

    expect(here.seen).toEqual(built.seen);
  });
});
