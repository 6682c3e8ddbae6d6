// The CLI's adoption flags: --write-baseline / --baseline (the ratchet) and --compare-config
// (what a config change does), run in-process against small backlogs in scratch directories.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/index.js';
import { restIssue, run, scratch } from './helpers.js';

const CONFIG = `version: 1
extends: recommended
roles:
  product: { members: [alice, dana], label: 'owner: product' }
  project: { members: [bob, carol], label: 'owner: project' }
rules:
  milestone-required: off
  owner-label: off
`;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function dir(files: Record<string, string | unknown[]>) {
  const d = scratch(files);
  cleanups.push(d.remove);
  return d.dir;
}

const day1 = [
  restIssue(1, { title: '[Budget] Q3 spend', labels: ['budget'], assignees: ['alice'] }), // owner-role
  restIssue(2, { title: 'Something', labels: [] }), // type-required
  restIssue(3, { title: '[Feature] Dark mode', labels: ['feature'], assignees: ['dana'] }), // clean
];

describe('--write-baseline then --baseline', () => {
  it('writes sorted JSON, then reports one new and one fixed finding', async () => {
    const cwd = dir({ 'c.yml': CONFIG, 'day1.json': day1 });
    const written = await run(
      ['--input', 'day1.json', '--config', 'c.yml', '--write-baseline', 'baseline.json'],
      { cwd },
    );
    expect(written.code).toBe(0);
    expect(written.stderr).toMatch(/wrote baseline\.json: 2 finding\(s\) on 2 issue\(s\)/);
    const file = readFileSync(join(cwd, 'baseline.json'), 'utf8');
    expect(JSON.parse(file)).toEqual({
      version: 1,
      generatedBy: 'backlog-lint',
      entries: [
        { issue: 1, rule: 'owner-role', subject: 'project' },
        { issue: 2, rule: 'type-required' },
      ],
    });
    // The same backlog again gives the same bytes.
    await run(['--input', 'day1.json', '--config', 'c.yml', '--write-baseline', 'again.json'], {
      cwd,
    });
    expect(readFileSync(join(cwd, 'again.json'), 'utf8')).toBe(file);

    // Day 2: #1 now has its project owner (fixed), #4 is new and untyped (new), #2 unchanged (known).
    const day2 = [
      restIssue(1, { title: '[Budget] Q3 spend', labels: ['budget'], assignees: ['bob'] }),
      day1[1]!,
      day1[2]!,
      restIssue(4, { title: 'Another thing' }),
    ];
    const cwd2 = dir({ 'c.yml': CONFIG, 'day2.json': day2, 'baseline.json': file });
    const json = await run(
      ['--input', 'day2.json', '--config', 'c.yml', '--baseline', 'baseline.json', '-f', 'json'],
      { cwd: cwd2 },
    );
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report.baseline).toEqual({ source: 'baseline.json', new: 1, known: 1, fixed: 1 });
    expect(report.findings.map((f) => [f.issue, f.rule, f.known ?? false])).toEqual([
      [4, 'type-required', false],
      [2, 'type-required', true],
    ]);
    expect(report.counts).toEqual({ error: 0, warning: 1, notice: 0 });
    expect(report.knownCounts).toEqual({ error: 0, warning: 1, notice: 0 });
    expect(report.fixedSinceBaseline).toEqual([
      { issue: 1, rule: 'owner-role', subject: 'project' },
    ]);

    const text = await run(
      ['--input', 'day2.json', '--config', 'c.yml', '--baseline', 'baseline.json'],
      { cwd: cwd2 },
    );
    expect(text.stdout.split('\n')[0]).toBe(
      'Ratchet: 1 new · 1 known · 1 fixed since the baseline',
    );
    expect(text.stdout).toMatch(/Known \(in the baseline, not failing\):\n {2}#2 warning/);
    expect(text.stdout).toMatch(/Fixed since the baseline.*:\n {2}#1 owner-role \(project\)/);

    const md = await run(
      [
        '--input',
        'day2.json',
        '--config',
        'c.yml',
        '--baseline',
        'baseline.json',
        '-f',
        'markdown',
      ],
      { cwd: cwd2 },
    );
    const afterHeader = md.stdout.split('\n\n')[2];
    expect(afterHeader).toMatch(/^\*\*Ratchet: 1 new · 1 known · 1 fixed since the baseline\*\*/);
    expect(md.stdout).toMatch(/## Known findings \(in the baseline\)/);
  });

  it('fails only on new findings at or above --fail-on', async () => {
    const cwd = dir({ 'c.yml': CONFIG, 'day1.json': day1 });
    await run(['--input', 'day1.json', '--config', 'c.yml', '--write-baseline', 'b.json'], {
      cwd,
    });
    const same = await run(['--input', 'day1.json', '--config', 'c.yml', '--baseline', 'b.json'], {
      cwd,
    });
    expect(same.code).toBe(0);
    const without = await run(['--input', 'day1.json', '--config', 'c.yml'], { cwd });
    expect(without.code).toBe(1);
  });

  it('says what is wrong with a bad or missing baseline (exit 2)', async () => {
    const cwd = dir({ 'c.yml': CONFIG, 'day1.json': day1, 'bad.json': '{"version":1}' });
    const bad = await run(['--input', 'day1.json', '--config', 'c.yml', '--baseline', 'bad.json'], {
      cwd,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/baseline bad\.json: not a backlog-lint baseline at entries/);
    const missing = await run(
      ['--input', 'day1.json', '--config', 'c.yml', '--baseline', 'nope.json'],
      { cwd },
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/baseline file not found: nope\.json/);
  });
});

describe('--compare-config', () => {
  const HEAD = CONFIG.replace(
    'rules:\n',
    // budget moves to product; type-required becomes an error.
    'types:\n  budget: { owner: product, labels: [budget] }\nrules:\n  type-required: error\n',
  );
  const issues = [
    ...day1,
    restIssue(5, { title: 'Budget review', labels: ['budget'], assignees: ['bob'] }),
  ];

  it('prints the difference as JSON and exits 1 when the head adds errors', async () => {
    const cwd = dir({ 'base.yml': CONFIG, 'head.yml': HEAD, 'issues.json': issues });
    const r = await run(
      [
        '--input',
        'issues.json',
        '--config',
        'head.yml',
        '--compare-config',
        'base.yml',
        '-f',
        'json',
      ],
      { cwd },
    );
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    // #1 (budget, alice) passes now that budget is product's; #5 (budget, bob) fails; #2's
    // type-required is an error now.
    expect(out.newlyFailing.map((i: { issue: number }) => i.issue)).toEqual([2, 5]);
    expect(out.newlyPassing.map((i: { issue: number }) => i.issue)).toEqual([1]);
    expect(out.ownerChanged).toEqual([
      expect.objectContaining({
        issue: 1,
        before: { type: 'budget', ownerRole: 'project' },
        after: { type: 'budget', ownerRole: 'product' },
      }),
      expect.objectContaining({
        issue: 5,
        before: { type: 'budget', ownerRole: 'project' },
        after: { type: 'budget', ownerRole: 'product' },
      }),
    ]);
    expect(out.rules).toContainEqual({
      rule: 'type-required',
      before: { severity: 'warning', count: 1 },
      after: { severity: 'error', count: 1 },
    });
    expect(out.base.source).toBe('base.yml');
    expect(out.head.source).toBe('head.yml');
  });

  it('prints text; the reverse change adds an error; --fail-on never exits 0', async () => {
    const cwd = dir({ 'base.yml': HEAD, 'head.yml': CONFIG, 'issues.json': issues });
    const args = ['--input', 'issues.json', '--config', 'head.yml', '--compare-config', 'base.yml'];
    const r = await run(args, { cwd });
    expect(r.stdout).toMatch(/Newly passing \(2\):\n {2}#2 Something/);
    expect(r.stdout).toMatch(
      /Newly failing \(1\):\n {2}#1 \[Budget\] Q3 spend\n {4}error owner-role/,
    );
    expect(r.stdout).toMatch(/#1 \[Budget\] Q3 spend: budget \(product\) → budget \(project\)/);
    expect(r.stdout).toMatch(/type-required +error 1 → warning 1/);
    expect(r.stdout).toMatch(/✖ the head config adds 1 finding at error level or above/);
    expect(r.code).toBe(1);
    expect((await run([...args, '--fail-on', 'never'], { cwd })).code).toBe(0);
    const same = await run(
      ['--input', 'issues.json', '--config', 'head.yml', '--compare-config', 'head.yml'],
      { cwd },
    );
    expect(same.stdout).toMatch(/✔ the head config adds no finding at error level or above/);
    expect(same.code).toBe(0);
  });

  it('refuses to mix with baselines', async () => {
    const r = await run(['--input', 'x.json', '--compare-config', 'a.yml', '--baseline', 'b.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--compare-config compares two configs/);
  });
});
