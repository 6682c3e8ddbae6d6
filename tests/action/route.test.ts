import { describe, expect, it } from 'vitest';
import { InputError, readInputs } from '../../src/action/inputs.js';
import { route } from '../../src/action/route.js';

const inputs = (over: Record<string, string> = {}) => readInputs((n) => over[n] ?? '');

describe('readInputs', () => {
  it('applies the defaults of action.yml', () => {
    expect(inputs()).toEqual({
      token: '',
      configPath: '.github/backlog-lint.yml',
      mode: 'auto',
      issueNumber: null,
      failOn: 'error',
      comment: 'on-findings',
      reportIssue: '',
      fix: false,
      dryRun: false,
      baseline: '',
      incremental: true,
    });
  });

  it('names the input and the allowed values on a bad value', () => {
    expect(() => inputs({ mode: 'everything' })).toThrow(
      "Input 'mode': 'everything' is not allowed; use one of: auto, issue, pull-request, backlog.",
    );
    expect(() => inputs({ 'fail-on': 'errors' })).toThrow(/Input 'fail-on'.*error, warning, never/);
    expect(() => inputs({ comment: 'sometimes' })).toThrow(
      /Input 'comment'.*on-findings, always, never/,
    );
    expect(() => inputs({ fix: 'yes' })).toThrow(
      "Input 'fix': 'yes' is not a boolean; use true or false.",
    );
    expect(() => inputs({ 'dry-run': '1' })).toThrow(/Input 'dry-run'/);
    expect(() => inputs({ 'issue-number': 'abc' })).toThrow(
      /Input 'issue-number': 'abc' is not an issue number/,
    );
    expect(() => inputs({ 'issue-number': '0' })).toThrow(InputError);
  });

  it('accepts case variants and a leading # on issue-number', () => {
    const i = inputs({ mode: 'Backlog', 'fail-on': 'WARNING', fix: 'True', 'issue-number': '#42' });
    expect(i).toMatchObject({ mode: 'backlog', failOn: 'warning', fix: true, issueNumber: 42 });
  });
});

describe('route (mode auto)', () => {
  const issue = { number: 7, title: 'x', labels: [] };
  it('lints the payload issue on issues / issue_comment events', () => {
    for (const eventName of ['issues', 'issue_comment']) {
      const r = route(inputs(), { eventName, payload: { issue }, runAttempt: 1 });
      expect(r).toMatchObject({ mode: 'issue', number: 7, payloadIssue: issue });
    }
  });

  it('reads the issue fresh on a re-run, since the payload may be stale', () => {
    const r = route(inputs(), { eventName: 'issues', payload: { issue }, runAttempt: 2 });
    expect(r).toMatchObject({ mode: 'issue', number: 7, payloadIssue: null });
    expect(r.why).toMatch(/re-run attempt 2/);
  });

  it('routes a comment on a pull request to pull-request mode; body and base are fetched', () => {
    const pr = { number: 9, body: 'Fixes #3', pull_request: { url: 'x' } };
    expect(
      route(inputs(), { eventName: 'issue_comment', payload: { issue: pr }, runAttempt: 1 }),
    ).toMatchObject({
      mode: 'pull-request',
      number: 9,
      // A comment's `issue` has no base branch, and the config is read from it.
      body: null,
      baseRef: null,
    });
  });

  it('keeps an issues event that carries a pull request in issue mode (where it is skipped)', () => {
    const pr = { number: 9, body: 'Fixes #3', pull_request: { url: 'x' } };
    expect(
      route(inputs(), { eventName: 'issues', payload: { issue: pr }, runAttempt: 1 }),
    ).toMatchObject({ mode: 'issue', number: 9, payloadIssue: pr });
  });

  it('fetches the pull request on a re-run, since the payload may be stale', () => {
    const payload = { pull_request: { number: 5, body: 'Fixes #1', base: { ref: 'main' } } };
    const r = route(inputs(), { eventName: 'pull_request', payload, runAttempt: 3 });
    expect(r).toMatchObject({ mode: 'pull-request', number: 5, body: null, baseRef: null });
    expect(r.why).toMatch(/re-run attempt 3/);
  });

  it('routes pull_request and pull_request_target to pull-request mode with the base branch', () => {
    for (const eventName of ['pull_request', 'pull_request_target']) {
      const payload = { pull_request: { number: 5, body: null, base: { ref: 'main' } } };
      expect(route(inputs(), { eventName, payload, runAttempt: 1 })).toMatchObject({
        mode: 'pull-request',
        number: 5,
        body: '',
        baseRef: 'main',
      });
    }
  });

  it('routes schedule, workflow_dispatch and push to backlog, or to issue with issue-number', () => {
    for (const eventName of ['schedule', 'workflow_dispatch', 'push']) {
      expect(route(inputs(), { eventName, payload: {}, runAttempt: 1 }).mode).toBe('backlog');
      expect(
        route(inputs({ 'issue-number': '12' }), { eventName, payload: {}, runAttempt: 1 }),
      ).toMatchObject({
        mode: 'issue',
        number: 12,
        payloadIssue: null,
      });
    }
  });

  it('refuses an event it cannot route, saying which input to set', () => {
    expect(() => route(inputs(), { eventName: 'release', payload: {}, runAttempt: 1 })).toThrow(
      /mode 'auto' does not know what to lint on a 'release' event; set mode/,
    );
  });

  it('explicit issue mode without a number is a clear error', () => {
    expect(() =>
      route(inputs({ mode: 'issue' }), { eventName: 'schedule', payload: {}, runAttempt: 1 }),
    ).toThrow(/mode 'issue' needs an issue: set issue-number/);
  });
});
