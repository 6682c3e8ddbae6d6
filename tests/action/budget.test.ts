// The GraphQL rate-limit budget, end to end: the action in process against the emulator, whose
// GraphQL answers carry `rateLimit` computed by GitHub's formula from a configurable bucket.
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator/index.js';
import {
  ADD_COMMENT,
  COMMENT_LOOKUP,
  CONFIG,
  CONFIG_PATH,
  createdCommentBodies,
  freshRepo,
  issueEvent,
  requestLines,
  runAction,
  scheduleEvent,
  useEmulator,
} from './in-process.js';

const workspaceFiles = { [CONFIG_PATH]: CONFIG };
const PAGE = 'graphql BacklogLintBacklog';

let emu: Emulator;
useEmulator((e) => (emu = e));
afterEach(() => emu.rateLimits.reset());

/** The reset of the token's GraphQL window, as GitHub's REST `GET /rate_limit` says it. */
async function resetAt(token: string): Promise<string> {
  const res = await fetch(`${emu.url}/rate_limit`, {
    headers: { authorization: `token ${token}` },
  });
  const body = (await res.json()) as { resources: { graphql: { reset: number } } };
  return new Date(body.resources.graphql.reset * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

describe('GraphQL budget', () => {
  it('the summary and report.json say what the run cost and what remains', async () => {
    const { token } = freshRepo(emu, 'cost');
    emu.seedBacklog(250);
    emu.rateLimits.set('graphql', { remaining: 500, resetIn: 1800 });
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      inputs: { 'fail-on': 'never' },
    });

    expect(run.exitCode).toBe(0);
    expect(requestLines(emu)).toEqual([PAGE, PAGE, PAGE]);
    // Each query asks for its rateLimit; GitHub's formula prices each page at 2 points.
    for (const r of emu.requests) {
      expect(r.graphql?.fields).toEqual(
        expect.arrayContaining(['rateLimit.cost', 'rateLimit.remaining', 'rateLimit.resetAt']),
      );
      expect(r.graphql?.cost).toBe(2);
    }
    const reset = await resetAt(token);
    expect(run.report?.cost).toEqual({ points: 6, requests: 3, remaining: 494, resetAt: reset });
    expect(run.summary).toContain(
      `GraphQL cost: 6 points in 3 requests; 494 points left until the reset at ${reset}`,
    );
    expect(run.annotations.filter((a) => a.title === 'backlog-lint: rate-limit budget')).toEqual(
      [],
    );
  });

  it('a budget too small for the backlog: said up front, the pages it allows, an incomplete report, nothing written', async () => {
    const { token } = freshRepo(emu, 'budget');
    const seeded = emu.seedBacklog(450);
    // 5 pages at 2 points need 10, and 1 more is kept for the report issue's duplicates check
    // after the read: 11. 7 remain: page 1 leaves 5, 1 in reserve, enough for 2 more pages.
    emu.rateLimits.set('graphql', { remaining: 7, resetIn: 1800 });
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      workspaceFiles,
      inputs: { 'fail-on': 'never', 'report-issue': 'Backlog report', fix: 'true' },
    });

    // Three pages, then nothing: no fourth page hitting RATE_LIMITED, no wait, no write.
    expect(requestLines(emu)).toEqual([PAGE, PAGE, PAGE]);
    expect(emu.requests.every((r) => r.status === 200 && !r.fault)).toBe(true);
    expect(emu.writes()).toEqual([]);
    const reset = await resetAt(token);

    const budgetWarnings = run.annotations.filter(
      (a) => a.title === 'backlog-lint: rate-limit budget',
    );
    expect(budgetWarnings).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: `The GraphQL rate-limit budget does not cover this backlog: 450 open issues need about 11 points (5 pages × 2 + 1 after the read) and 7 remain until the reset at ${reset}. Reading the first 3 page(s) (300 issues) only: the report will be incomplete and nothing is written to GitHub.`,
      }),
    ]);
    // Said before the pages it allows were read: the warning precedes the read's log line.
    const warnAt = run.stdout.indexOf('The GraphQL rate-limit budget does not cover');
    expect(warnAt).toBeGreaterThan(-1);
    expect(warnAt).toBeLessThan(run.stdout.indexOf('Read 300 open issues in 3 page(s).'));

    const reason = `The GraphQL rate-limit budget ran short: 3 of 5 pages read (300 of 450 issues); the rest needs about 5 more points and 1 remain until the reset at ${reset}`;
    expect(run.outputs.complete).toBe('false');
    expect(run.outputs['issues-checked']).toBe('300');
    expect(run.exitCode).toBe(1);
    expect(run.failures).toEqual([
      `backlog-lint: the run is incomplete — ${reason}. The partial report covers what was read.`,
    ]);
    expect(run.report).toMatchObject({
      complete: false,
      incompleteReason: reason,
      issuesChecked: 300,
    });
    expect(run.report?.cost).toEqual({ points: 6, requests: 3, remaining: 1, resetAt: reset });
    const read = new Set(seeded.issues.slice(0, 300));
    expect(run.report?.findings.length).toBeGreaterThan(0);
    expect(run.report?.findings.every((f) => read.has(f.issue))).toBe(true);
    expect(run.summary).toContain('**⚠️ Incomplete run: The GraphQL rate-limit budget ran short');
    expect(run.summary).toContain(
      `GraphQL cost: 6 points in 3 requests; 1 point left until the reset at ${reset}`,
    );
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        title: 'backlog-lint: nothing written',
        message: expect.stringContaining('fixes, the report issue: left as they are') as unknown,
      }),
    );
  });

  it('issue event: the comment lookup is in the cost; the comment itself does not carry it', async () => {
    const { token } = freshRepo(emu, 'issue-cost');
    const issue = emu.addIssue({
      title: '[Feature] Export',
      labels: ['feature'],
      assignees: ['bob'],
    });
    emu.rateLimits.set('graphql', { remaining: 300, resetIn: 1800 });
    const run = await runAction({
      emu,
      event: issueEvent(emu, issue.number),
      token,
      workspaceFiles,
      inputs: { 'fail-on': 'never' },
    });
    expect(run.exitCode).toBe(0);
    expect(requestLines(emu)).toEqual([COMMENT_LOOKUP, ADD_COMMENT]);
    // The query asks for its rateLimit (1 point); a mutation cannot and is not counted.
    expect(emu.requests[0]?.graphql?.fields).toContain('rateLimit.cost');
    const [body = ''] = createdCommentBodies(emu);
    const reset = await resetAt(token);
    // `remaining` is what the lookup's answer said: the mutation after it is charged too (1 point).
    expect(run.report?.cost).toEqual({ points: 1, requests: 1, remaining: 299, resetAt: reset });
    expect(run.summary).toContain(
      `GraphQL cost: 1 point in 1 request; 299 points left until the reset at ${reset}`,
    );
    // A body that changed with every run would be rewritten on every run.
    expect(body).toContain('### backlog-lint');
    expect(body).not.toContain('GraphQL cost');
  });
});
