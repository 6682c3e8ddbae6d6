// The example outputs the README shows (docs/examples/*.md) are what the action really produces
// (the backlog run on the bundle, with the Actions cache a runner has; the others in process —
// tests/action/e2e.test.ts shows the bundle agrees): a small realistic backlog in the API emulator, the shipped example config
// (examples/backlog-lint.yml), and three runs — backlog (job summary), issue (sticky
// comment) and pull request (sticky comment). The committed files must equal this output;
// regenerate them with
//
//   UPDATE_EXAMPLES=1 npx vitest run tests/action/examples.test.ts
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import {
  CONFIG_PATH,
  ROOT,
  checkEmulator,
  cleanupRuns,
  issueEvent,
  pullRequestEvent,
  runAction,
  scheduleEvent,
} from './in-process.js';
import { runAction as runBundle } from './harness.js';

const OUT = path.join(ROOT, 'docs/examples');
const UPDATE = process.env.UPDATE_EXAMPLES === '1';
const HOW = 'UPDATE_EXAMPLES=1 npx vitest run tests/action/examples.test.ts';
const config = readFileSync(path.join(ROOT, 'examples/backlog-lint.yml'), 'utf8');
const workspaceFiles = { [CONFIG_PATH]: config };
const TOKEN = 'ghs_examples';

let emu: Emulator;
const produced: Record<string, string> = {};

/** A small backlog: a bit of everything the README talks about. */
function seed(emu: Emulator): { sso: number; risk: number; pr: number } {
  const add = (spec: Parameters<Emulator['addIssue']>[0]) => emu.addIssue(spec).number;
  add({ title: 'How we triage issues', labels: ['documentation'], author: 'alice' }); // #1, ignored by the config
  add({ title: '[Roadmap] 2026 H1', labels: ['roadmap', 'owner: product'], assignees: ['alice'] });
  const sso = add({
    title: '[Feature] Single sign-on with SAML',
    labels: ['feature'],
    assignees: ['bob'],
  });
  add({
    title: '[Budget] Q3 cloud spend',
    labels: ['budget', 'owner: project'],
    assignees: ['carol'],
    milestone: 'Q3',
  });
  const risk = add({ title: 'Vendor lock-in on the search provider', labels: ['risk'] });
  add({
    title: 'Customer feedback: exports are slow',
    labels: ['customer-feedback', 'owner: product'],
    assignees: ['dana', 'bob'],
  });
  add({ title: 'Improve the onboarding docs', labels: ['documentation'], assignees: ['erin'] });
  add({
    title: '[Design] New settings page',
    labels: ['design', 'owner: design'],
    assignees: ['erin'],
  });
  add({ title: 'Pricing page for the new plan', labels: ['pricing', 'schedule'] });
  add({
    title: '[Schedule] Release train calendar',
    labels: ['schedule', 'owner: project'],
    assignees: ['bob'],
    body: 'Standing calendar.\n\n<!-- backlog-lint-disable milestone-required until=2099-12-31 reason="standing calendar, no milestone" -->',
  });
  add({
    title: 'Bump lodash from 4.17.20 to 4.17.21',
    labels: ['dependencies'],
    author: 'dependabot[bot]',
  });
  const pr = emu.addPullRequest({
    title: 'SAML single sign-on',
    body: `Fixes #${sso}\n\nAlso mitigates #${risk}.`,
  }).number;
  return { sso, risk, pr };
}

beforeAll(async () => {
  emu = await startEmulator(); // acme/widgets
  const { sso, pr } = seed(emu);
  // The backlog run on the bundle: @actions/cache finds its service in the process's own
  // environment, which an in-process run does not touch.
  const backlog = await runBundle({
    emu,
    event: scheduleEvent(emu),
    token: TOKEN,
    workspaceFiles,
    inputs: { 'fail-on': 'never' },
    // On a runner: the Actions cache is there (the first run reads in full and stores).
    env: emu.cacheEnv(),
  });
  // The rate-limit window's reset is an hour from the emulator's first request: pinned so the
  // committed example does not change with every run.
  produced['job-summary.md'] = backlog.summary.replace(
    /(left until the reset at )\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/,
    '$12026-12-01T13:00:00Z',
  );
  await runAction({ emu, event: issueEvent(emu, sso), token: TOKEN, workspaceFiles });
  produced['issue-comment.md'] = emu.issue(sso)?.comments.at(-1)?.body ?? '';
  // Pull requests read the base branch's config through the API, never the checkout's.
  for (const [file, text] of Object.entries(workspaceFiles)) emu.setFile(file, text);
  await runAction({ emu, event: pullRequestEvent(emu, pr), token: TOKEN, workspaceFiles });
  produced['pr-comment.md'] = emu.issue(pr)?.comments.at(-1)?.body ?? '';
  checkEmulator(emu);
}, 60_000);

afterAll(async () => {
  await emu.stop();
  cleanupRuns();
});

const NOTE = (file: string) =>
  `<!-- ${file}: produced by the built action (tests/action/examples.test.ts); regenerate with ${HOW} -->\n`;

describe('docs/examples', () => {
  it.each(['job-summary.md', 'issue-comment.md', 'pr-comment.md'])(
    '%s is what the action produces now',
    (file) => {
      const body = produced[file] ?? '';
      expect(body.length).toBeGreaterThan(100);
      const expected = NOTE(file) + body;
      const target = path.join(OUT, file);
      if (UPDATE) {
        mkdirSync(OUT, { recursive: true });
        writeFileSync(target, expected);
      }
      expect(existsSync(target), `${target} is missing: run ${HOW}`).toBe(true);
      const committed = readFileSync(target, 'utf8');
      if (committed !== expected) {
        throw new Error(`${path.relative(ROOT, target)} is out of date: run ${HOW}`);
      }
    },
  );

  it('show findings, the escaped title and no mention', () => {
    expect(produced['issue-comment.md']).toContain('`owner-role`');
    expect(produced['pr-comment.md']).toContain('Single sign-on with SAML');
    expect(produced['job-summary.md']).toContain('## Waivers');
    for (const text of Object.values(produced)) expect(text).not.toMatch(/(^|[^\w`])@[A-Za-z0-9]/m);
  });
});
