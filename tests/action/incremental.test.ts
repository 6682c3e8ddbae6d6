// Incremental backlog runs, end to end: the built action on schedule events against the API
// emulator and its Actions cache service (@actions/cache v6, cache service v2). A first run
// reads the backlog in full and stores its snapshot; the backlog then changes (new, edited,
// closed, reopened, transferred issues); the next run reads only what changed, and its
// findings equal those of a full read of the same backlog.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { touchState, updateIssue, type Emulator } from '../emulator/index.js';
import type { JsonReport } from '../../src/report/index.js';
import {
  CONFIG,
  CONFIG_PATH,
  freshRepo,
  runAction,
  scheduleEvent,
  useEmulator,
  type ActionRun,
} from './harness.js';

let emu: Emulator;
useEmulator((e) => (emu = e));

// RUNNER_TEMP is the same directory from run to run on a runner (the snapshot's path is part
// of the cache version), and so it is here.
const runnerTemp = mkdtempSync(path.join(os.tmpdir(), 'backlog-lint-incremental-'));
afterAll(() => rmSync(runnerTemp, { recursive: true, force: true }));

const workspaceFiles = { [CONFIG_PATH]: CONFIG };
const TITLE = 'Backlog report';
const CHANGED = 'BacklogLintChangedIssues';
const FULL = 'BacklogLintBacklog';

async function schedule(
  token: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
  files: Record<string, string> = workspaceFiles,
): Promise<ActionRun> {
  const run = await runAction({
    emu,
    event: scheduleEvent(emu),
    token,
    workspaceFiles: files,
    inputs: { 'fail-on': 'never', 'report-issue': TITLE, ...inputs },
    env: { ...emu.cacheEnv(), RUNNER_TEMP: runnerTemp, ...env },
  });
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  return run;
}

const pages = (name: string): number =>
  emu.requests.filter((r) => r.graphql?.operationName === name).length;

/** The run's annotations about the cache: none untitled (the toolkit's own), none an error. */
const cacheAnnotations = (run: ActionRun) =>
  run.annotations
    .filter((a) => /cache|snapshot|restore|save/i.test(a.message))
    .map((a) => ({ level: a.level, title: a.title, message: a.message }));

/** What a user compares between two runs: findings, counts, checked issues, skipped items. */
function outcome(report: JsonReport | null) {
  if (!report) throw new Error('no report');
  return {
    complete: report.complete,
    issuesChecked: report.issuesChecked,
    counts: report.counts,
    findings: report.findings,
    skipped: report.skipped,
    load: report.load,
  };
}

type Run = (inputs?: Record<string, string>) => Promise<ActionRun>;

/**
 * The next run reads in full for `reason`, with the findings of a full read of the same
 * backlog (`incremental: false`, run right after); both runs, and the pages of changed issues
 * the first read before it fell back.
 */
async function readsInFull(
  run: Run,
  reason: string,
): Promise<{ incremental: ActionRun; full: ActionRun; changedPages: number }> {
  const incremental = await run();
  const changedPages = pages(CHANGED);
  expect(incremental.report?.backlogRead).toMatchObject({ kind: 'full', reason });
  const full = await run({ incremental: 'false' });
  expect(outcome(incremental.report)).toEqual(outcome(full.report));
  return { incremental, full, changedPages };
}

describe('incremental backlog runs', () => {
  it('full read and snapshot first; then only the changed issues, with the findings of a full read', async () => {
    const { token } = freshRepo(emu, 'incremental');
    emu.seedBacklog(450, { closed: 50, pullRequests: 30 });
    const closedBefore = [...emu.repo.issues.values()].filter(
      (i) => !i.pullRequest && i.state === 'closed',
    );

    // 1. No snapshot yet: a full read, stored for the next run.
    const first = await schedule(token);
    expect(pages(FULL)).toBe(4);
    expect(pages(CHANGED)).toBe(0);
    expect(first.report?.backlogRead).toMatchObject({
      kind: 'full',
      reason: 'no snapshot of an earlier complete run',
      pages: 4,
      saved: true,
    });
    expect(first.summary).toContain(
      'Backlog read: full, 4 pages (no snapshot of an earlier complete run); snapshot stored for the next run',
    );
    expect(emu.cache.keys()).toHaveLength(1);
    const reportIssue = [...emu.repo.issues.values()].find((i) => i.title === TITLE);
    expect(reportIssue).toBeDefined();

    // 2. The backlog changes: edited, closed, reopened, new, transferred in (a new number).
    const open = [...emu.repo.issues.values()].filter(
      (i) => !i.pullRequest && i.state === 'open' && i.title !== TITLE,
    );
    updateIssue(open[0], (i) => (i.labels = ['budget']));
    updateIssue(open[1], (i) => (i.assignees = []));
    updateIssue(
      open[2],
      (i) => ((i.labels = ['feature', 'owner: product']), (i.assignees = ['bob'])),
    );
    updateIssue(open[3], (i) => ((i.state = 'closed'), (i.closedAt = new Date().toISOString())));
    updateIssue(open[4], (i) => (i.body = '<!-- backlog-lint-disable owner-role reason="x" -->'));
    updateIssue(closedBefore[0], (i) => ((i.state = 'open'), (i.closedAt = null)));
    emu.addIssue({ title: 'New risk', labels: ['risk'], createdAt: new Date().toISOString() });
    emu.addIssue({
      title: 'Moved here',
      labels: ['pricing'],
      assignees: ['carol'],
      createdAt: new Date().toISOString(),
    });

    const second = await schedule(token);
    expect(pages(FULL)).toBe(0);
    expect(pages(CHANGED)).toBe(1);
    expect(pages('BacklogLintRepositoryNames')).toBe(1); // labels, milestones, types: none renamed
    expect(second.report?.backlogRead).toMatchObject({
      kind: 'since',
      pages: 2,
      added: 4, // the new, the moved, the reopened issue, and the report issue the first run wrote
      removed: 1,
      saved: true,
    });
    // The report issue (written by the first run) is among the updated issues, set apart.
    expect(second.report?.skipped).toContainEqual(
      expect.objectContaining({ item: `#${reportIssue?.number}` }),
    );
    expect(second.summary).toMatch(
      /Backlog read: incremental, \d+ issues updated since .* in 2 pages/,
    );

    // 3. A full read of the same backlog (incremental off) finds exactly the same.
    const full = await schedule(token, { incremental: 'false' });
    expect(pages(FULL)).toBe(5); // 403 open issues now
    expect(full.report?.backlogRead).toEqual({ kind: 'full', pages: 5 });
    expect(outcome(second.report)).toEqual(outcome(full.report));
    expect(second.outputs['issues-checked']).toBe(full.outputs['issues-checked']);
    expect(second.outputs.errors).toBe(full.outputs.errors);
  });

  it('GitHub Enterprise Server (cache service v1): stored, restored and read since, like on github.com', async () => {
    const { token } = freshRepo(emu, 'enterprise-cache');
    emu.seedBacklog(150);
    const ghes = { ...emu.enterpriseCacheEnv(), RUNNER_TEMP: runnerTemp };
    const callsBefore = emu.cache.calls.length;
    const calls = () => emu.cache.calls.slice(callsBefore);
    const enterpriseRun = (inputs: Record<string, string> = {}) =>
      runAction({
        emu,
        event: scheduleEvent(emu),
        token,
        workspaceFiles,
        inputs: { 'fail-on': 'never', 'report-issue': TITLE, ...inputs },
        env: ghes,
      });

    const first = await enterpriseRun();
    expect(first.exitCode).toBe(0);
    expect(first.report?.backlogRead).toMatchObject({ kind: 'full', saved: true });
    // The v1 protocol, not v2's twirp: reserve, upload the archive in chunks, commit.
    expect(calls().map((c) => `${c.method} ${c.status}`)).toEqual(
      expect.arrayContaining(['reserveCache 201', 'uploadChunk 204', 'commitCache 204']),
    );
    expect(calls().some((c) => c.method.startsWith('Create'))).toBe(false);

    const open = [...emu.repo.issues.values()].filter((i) => i.state === 'open' && !i.pullRequest);
    updateIssue(open[0], (i) => (i.labels = ['budget']));
    updateIssue(open[1], (i) => ((i.state = 'closed'), (i.closedAt = new Date().toISOString())));
    const second = await enterpriseRun();
    expect(second.exitCode).toBe(0);
    expect(calls().filter((c) => c.method === 'getCacheEntry')).toEqual([
      expect.objectContaining({ status: 204 }), // the first run: nothing stored yet
      expect.objectContaining({ status: 200 }),
    ]);
    expect(second.report?.backlogRead).toMatchObject({ kind: 'since', removed: 1, saved: true });
    expect(second.annotations.filter((a) => /cache|snapshot/i.test(a.message))).toEqual([]);

    const full = await enterpriseRun({ incremental: 'false' });
    expect(outcome(second.report)).toEqual(outcome(full.report));
  });

  it('an issue transferred away (gone without an update) is noticed: the run reads in full', async () => {
    const { token } = freshRepo(emu, 'transfer');
    emu.seedBacklog(250);
    await schedule(token);
    const open = [...emu.repo.issues.values()].filter(
      (i) => i.state === 'open' && i.title !== TITLE,
    );
    emu.repo.issues.delete(open[7]!.number); // transferred: this repository no longer has it
    touchState();
    updateIssue(open[8], (i) => (i.labels = ['schedule']));

    const run = await schedule(token);
    expect(pages(CHANGED)).toBe(1);
    expect(pages(FULL)).toBe(3);
    expect(run.report?.backlogRead).toMatchObject({
      kind: 'full',
      reason: expect.stringContaining('transferred, deleted'),
      pages: 4,
      saved: true,
    });
    const full = await schedule(token, { incremental: 'false' });
    expect(outcome(run.report)).toEqual(outcome(full.report));
  });

  it('a renamed label (issues change without an update) is noticed: the run reads in full', async () => {
    const { token } = freshRepo(emu, 'label-rename');
    emu.seedBacklog(150);
    await schedule(token);
    // GitHub renames a label on every issue that has it, without updating the issues.
    const label = emu.repo.labels.get('budget')!;
    emu.repo.labels.delete('budget');
    label.name = 'cost';
    emu.repo.labels.set('cost', label);
    for (const i of emu.repo.issues.values())
      i.labels = i.labels.map((l) => (l === 'budget' ? 'cost' : l));
    touchState();

    const run = await schedule(token);
    expect(run.report?.backlogRead).toMatchObject({
      kind: 'full',
      reason: 'the label "budget" of the snapshot no longer exists (renamed or deleted)',
    });
    const full = await schedule(token, { incremental: 'false' });
    expect(outcome(run.report)).toEqual(outcome(full.report));
  });

  it('a renamed or deleted milestone, a label renamed in case only: the run reads in full', async () => {
    const { token } = freshRepo(emu, 'milestone-rename');
    emu.seedBacklog(150);
    // handoff-required names the milestone that schedules an issue: a product feature on v1.0.
    const files = { [CONFIG_PATH]: `${CONFIG}rules:\n  handoff-required: warning\n` };
    const run: Run = (inputs = {}) => schedule(token, inputs, {}, files);
    const milestone = [...emu.repo.milestones.values()].find((m) => m.title === 'v1.0')!;
    emu.addIssue({
      title: 'Checkout redesign',
      labels: ['feature'],
      assignees: ['alice'],
      milestone: milestone.number,
    });
    const first = await run();
    expect(JSON.stringify(first.report?.findings)).toContain('milestone \\"v1.0\\"');

    // GitHub renames a milestone: its issues show the new title, and none of them is updated.
    milestone.title = 'v1.0 (shipped)';
    touchState();
    const { full, changedPages } = await readsInFull(
      run,
      'the milestone "v1.0" of the snapshot no longer exists (renamed or deleted)',
    );
    expect(changedPages).toBe(1); // read since, then found the name gone
    expect(JSON.stringify(full.report?.findings)).toContain('milestone \\"v1.0 (shipped)\\"');

    // A milestone deleted: its issues lose it, none updated.
    expect((await run()).report?.backlogRead).toMatchObject({ kind: 'since' });
    emu.repo.milestones.delete(milestone.number);
    for (const i of emu.repo.issues.values())
      if (i.milestone === milestone.number) i.milestone = null;
    touchState();
    await readsInFull(
      run,
      'the milestone "v1.0 (shipped)" of the snapshot no longer exists (renamed or deleted)',
    );

    // A label renamed in case only: reports quote it as GitHub spells it now.
    expect((await run()).report?.backlogRead).toMatchObject({ kind: 'since' });
    const label = emu.repo.labels.get('feature')!;
    label.name = 'Feature';
    for (const i of emu.repo.issues.values())
      i.labels = i.labels.map((l) => (l === 'feature' ? 'Feature' : l));
    touchState();
    await readsInFull(
      run,
      'the label "feature" of the snapshot no longer exists (renamed or deleted)',
    );
  });

  it('a renamed or disabled issue type: the run reads in full once, then since again', async () => {
    const { token } = freshRepo(emu, 'issue-type-rename');
    emu.seedBacklog(150); // ~30% of the issues have a type: Feature, Task or Bug
    const run: Run = (inputs = {}) => schedule(token, inputs);
    const first = await run();
    expect(first.report?.backlogRead).toMatchObject({ kind: 'full' });
    expect((await run()).report?.backlogRead).toMatchObject({ kind: 'since' });
    const bugs = [...emu.repo.issues.values()].filter((i) => i.issueType === 'Bug').length;
    expect(bugs).toBeGreaterThan(5);
    const task = [...emu.state.owner('acme').issueTypes.values()].find((t) => t.name === 'Task');
    if (!task) throw new Error('no Task type');
    try {
      // An admin renames Bug: its issues show the new name, and none of them is updated.
      emu.renameIssueType('Bug', 'Defect');
      const { incremental: renamed, changedPages } = await readsInFull(
        run,
        'the issue type "Bug" of the snapshot is now called "Defect"',
      );
      expect(changedPages).toBe(1); // read since, then found the type renamed
      // The rename mattered: a since-read alone would have kept the Bug issues' old type.
      expect(outcome(renamed.report)).not.toEqual(outcome(first.report));
      expect((await run()).report?.backlogRead).toMatchObject({ kind: 'since' });

      // A type the organisation disables leaves the repository's list (its issues keep it):
      // one full read, and the snapshot then no longer knows it.
      task.isEnabled = false;
      touchState();
      expect((await run()).report?.backlogRead).toMatchObject({
        kind: 'full',
        reason:
          'the issue type "Task" of the snapshot is no longer among the repository\'s (deleted or disabled)',
      });
      expect((await run()).report?.backlogRead).toMatchObject({ kind: 'since' });

      // Types that cannot be read in a since-read leave the snapshot's list as it was, so a
      // rename meanwhile is still caught by the next run.
      const unreadable = emu.faults.graphqlError(
        [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }],
        { match: { graphql: 'repository.issueTypes' } },
      );
      expect((await run()).report?.backlogRead).toMatchObject({ kind: 'since' });
      expect(unreadable.hits).toBe(1);
      emu.renameIssueType('Feature', 'Idea');
      await readsInFull(run, 'the issue type "Feature" of the snapshot is now called "Idea"');
    } finally {
      // The organisation's types are shared with the other tests' repositories.
      task.isEnabled = true;
      const types = emu.state.owner('acme').issueTypes;
      if (types.has('defect')) emu.renameIssueType('Defect', 'Bug');
      if (types.has('idea')) emu.renameIssueType('Idea', 'Feature');
    }
  });

  it('dry-run: the snapshot is read but never stored; without a cache service nothing is said of one', async () => {
    const { token } = freshRepo(emu, 'incremental-dry-run');
    emu.seedBacklog(150);
    const stored = emu.cache.keys().length;
    const dry = await schedule(token, { 'dry-run': 'true' });
    expect(dry.report?.backlogRead).toMatchObject({
      kind: 'full',
      saved: false,
      saveProblem: 'dry-run: nothing is written',
    });
    expect(dry.summary).toContain('; snapshot not stored (dry-run: nothing is written)');
    expect(emu.cache.keys()).toHaveLength(stored);
    // Nor are the issue types read for a snapshot that is not stored.
    expect(pages('BacklogLintRepositoryNames')).toBe(0);
    // No Actions cache service (GHES without one, a local run): no snapshot to speak of.
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      inputs: { 'fail-on': 'never', 'report-issue': TITLE, 'dry-run': 'true' },
      env: { RUNNER_TEMP: runnerTemp },
    });
    expect(run.exitCode).toBe(0);
    expect(run.report?.backlogRead).not.toHaveProperty('saved');
    expect(run.report?.backlogRead).not.toHaveProperty('saveProblem');
    expect(run.summary).not.toMatch(/snapshot (not )?stored/);
    expect(pages('BacklogLintRepositoryNames')).toBe(0);
  });

  it('a budget too small for the since-read: an incomplete run that stores nothing', async () => {
    const { token } = freshRepo(emu, 'budget');
    emu.seedBacklog(150);
    await schedule(token);
    const stored = emu.cache.keys().length;
    for (const i of emu.repo.issues.values()) updateIssue(i, (x) => (x.labels = ['schedule']));
    // 151 changed issues: 2 pages (2 points each here) + 1 point kept for the report issue.
    emu.rateLimits.set('graphql', { remaining: 3, resetIn: 1800 });
    try {
      const run = await runAction({
        emu,
        event: scheduleEvent(emu),
        token,
        workspaceFiles,
        inputs: { 'fail-on': 'never', 'report-issue': TITLE },
        env: { ...emu.cacheEnv(), RUNNER_TEMP: runnerTemp },
      });
      expect(run.exitCode).toBe(1);
      expect(run.outputs.complete).toBe('false');
      expect(pages(CHANGED)).toBe(1);
      expect(run.report?.backlogRead).toMatchObject({ kind: 'since', pages: 1 });
      expect(run.report?.backlogRead?.saved).toBeUndefined();
      expect(run.report?.incompleteReason).toMatch(/rate-limit budget ran short/);
      expect(emu.cache.keys()).toHaveLength(stored);
      expect(emu.writes()).toEqual([]);
    } finally {
      emu.rateLimits.reset();
    }
  });

  it('a config change reads in full; a corrupt or missing cache never fails the run', async () => {
    const { token } = freshRepo(emu, 'fallbacks');
    emu.seedBacklog(120);
    await schedule(token);

    const changed = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles: { [CONFIG_PATH]: `${CONFIG}ignore:\n  issues: [99999]\n` },
      inputs: { 'fail-on': 'never', 'report-issue': TITLE },
      env: { ...emu.cacheEnv(), RUNNER_TEMP: runnerTemp },
    });
    expect(changed.exitCode).toBe(0);
    expect(changed.report?.backlogRead?.reason).toMatch(/effective config/);

    // The stored entries are corrupt: a warning, a full read, a complete run, a new snapshot.
    // @actions/cache catches the failed unpacking itself and prints it as an untitled warning;
    // the run takes it as its own reason and says it once, titled.
    for (const key of emu.cache.keys()) emu.cache.corrupt(key);
    const corrupt = await schedule(token, {}, {});
    expect(corrupt.report?.complete).toBe(true);
    expect(corrupt.report?.backlogRead).toMatchObject({
      kind: 'full',
      saved: true,
      reason: expect.stringMatching(/^the Actions cache could not be read: .*tar.* failed/),
    });
    expect(corrupt.summary).toContain(
      'Backlog read: full, 2 pages (the Actions cache could not be read:',
    );
    expect(cacheAnnotations(corrupt)).toEqual([
      {
        level: 'warning',
        title: 'backlog-lint: incremental run',
        message: expect.stringMatching(
          /^the Actions cache could not be read: .*tar.* failed.*; reading the backlog in full\.$/,
        ),
      },
    ]);

    // The cache service refuses the save (403: not retried, so no real waits here): a
    // warning, the run's findings stand.
    emu.cache.failNext('CreateCacheEntry', 403);
    const unsaved = await schedule(token);
    expect(unsaved.report?.complete).toBe(true);
    // The toolkit's reason (not a generic one), in one titled warning.
    expect(unsaved.report?.backlogRead).toMatchObject({
      saved: false,
      saveProblem: expect.stringMatching(/^Unable to reserve cache with key backlog-lint-snapshot/),
    });
    expect(cacheAnnotations(unsaved)).toEqual([
      {
        level: 'warning',
        title: 'backlog-lint: incremental run',
        message: expect.stringMatching(
          /^The backlog snapshot could not be stored \(Unable to reserve cache with key .*\): the next run reads the backlog in full\./,
        ),
      },
    ]);
    expect(unsaved.outputs.complete).toBe('true');

    // No cache service at all (e.g. run outside Actions): a full read, no warning about it.
    const none = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      inputs: { 'fail-on': 'never', 'report-issue': TITLE },
    });
    expect(none.exitCode).toBe(0);
    expect(none.report?.backlogRead).toMatchObject({
      kind: 'full',
      reason: expect.stringContaining('not available'),
    });
  });
});
