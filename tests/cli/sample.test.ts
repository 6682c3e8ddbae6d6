// The sample backlog is the first thing a new user runs: it must keep showing a finding of
// every rule, clean issues, ignored issues, skipped pull requests and both kinds of waiver.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/index.js';
import { ruleIds } from '../../src/rules/index.js';
import { ROOT, SAMPLE, runSample } from './helpers.js';

let report: JsonReport;
let code: number;

beforeAll(async () => {
  const r = await runSample(['--format', 'json']);
  expect(r.stderr).toBe('');
  code = r.code;
  report = JSON.parse(r.stdout) as JsonReport;
});

describe('examples/sample-backlog.json with examples/backlog-lint.yml', () => {
  it('has a few dozen issues in REST format, pull requests mixed in', () => {
    const items = JSON.parse(readFileSync(join(ROOT, SAMPLE), 'utf8')) as Record<string, unknown>[];
    expect(items.length).toBeGreaterThanOrEqual(36);
    expect(items.length).toBeLessThanOrEqual(48);
    expect(items.filter((i) => i.pull_request).length).toBeGreaterThanOrEqual(2);
    for (const i of items) {
      expect(i.html_url).toMatch(/^https:\/\/github\.com\/acme\/rocket\/(issues|pull)\/\d+$/);
    }
  });

  it('produces at least one finding of every rule', () => {
    const rules = new Set(report.findings.map((f) => f.rule));
    expect([...ruleIds()].filter((id) => !rules.has(id))).toEqual([]);
    expect(code).toBe(1);
  });

  it('each rule fires on the issue written for it (as the README describes)', () => {
    const pairs = report.findings.map((f) => `#${f.issue} ${f.rule}`);
    expect(pairs).toEqual(
      expect.arrayContaining([
        '#10 type-required',
        '#12 type-required',
        '#13 type-ambiguous',
        '#14 type-ambiguous',
        '#7 owner-required',
        '#8 owner-required',
        '#9 owner-role',
        '#33 owner-role',
        '#15 owner-unknown',
        '#9 owner-label',
        '#16 owner-label',
        '#17 owner-label',
        '#24 owner-label',
        '#18 single-owner',
        '#19 milestone-required',
        '#45 owner-capacity',
        '#16 handoff-required',
      ]),
    );
    // Suggestions: the product role's default-assignee, else the least-loaded member.
    expect(report.findings.find((f) => f.issue === 8)?.fix?.addAssignees).toEqual(['alice']);
    expect(report.findings.find((f) => f.issue === 7)?.fix?.addAssignees).toEqual(['carol']);
  });

  it('only bob is over capacity', () => {
    const capacity = report.findings.filter((f) => f.rule === 'owner-capacity');
    expect(capacity).toHaveLength(1);
    expect(capacity[0]?.message).toMatch(/^bob holds \d+ open issues/);
  });

  it('label variants (case, spaces, emoji, globs) and native issue types classify cleanly', () => {
    // #3 "Type: Enhancement", #8 "customer  feedback", #23 "🎨️  Design", #6 "cost-overrun",
    // #26 "Market Research", #39 "Go To Market", #42 "Customer-Request", #45 "Stakeholder Report",
    // #37 GitHub issue type "Epic". None of them is untyped.
    const untyped = new Set(
      report.findings.filter((f) => f.rule === 'type-required').map((f) => f.issue),
    );
    for (const n of [3, 6, 8, 23, 26, 37, 39, 42, 45]) expect(untyped.has(n)).toBe(false);
  });

  it('has clean issues', () => {
    const withFindings = new Set(report.findings.map((f) => f.issue));
    const clean = [
      2, 3, 4, 5, 6, 20, 21, 22, 23, 25, 26, 27, 28, 29, 30, 36, 37, 39, 40, 41, 42, 44,
    ];
    expect(clean.filter((n) => withFindings.has(n))).toEqual([]);
    // #11 carries needs-triage, which type-required's ignore-labels exempts.
    expect(withFindings.has(11)).toBe(false);
  });

  it('skips pull requests, closed and ignored issues, with the reason', () => {
    const skipped = Object.fromEntries(report.skipped.map((s) => [s.item, s.reason]));
    expect(skipped['#1']).toMatch(/ignore\.issues/);
    expect(skipped['#34']).toMatch(/renovate\[bot\].*ignore\.authors/);
    expect(skipped['#35']).toMatch(/duplicate/);
    expect(skipped['#43']).toMatch(/closed/);
    expect(skipped['#31']).toMatch(/pull request/);
    expect(skipped['#38']).toMatch(/pull request/);
  });

  it('lists one active and one expired waiver', () => {
    expect(
      report.waivers.map((w) => ({ issue: w.issue, rules: w.rules, active: w.active })),
    ).toEqual([
      { issue: 32, rules: ['milestone-required'], active: true },
      { issue: 33, rules: ['owner-role'], active: false },
    ]);
    // #32 has no milestone, but its waiver is active.
    expect(report.findings.some((f) => f.issue === 32)).toBe(false);
  });

  it('role health is clean: every role has members, nobody is in two roles', () => {
    expect(report.roleHealth).toEqual([]);
  });
});
