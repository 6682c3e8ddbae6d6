import { describe, expect, it } from 'vitest';
import { Linter, lint } from '../../src/engine/index.js';
import type { Level } from '../../src/types.js';
import { generateIssues } from './generate.js';
import { issue, makeConfig, options } from './helpers.js';

const config = makeConfig({
  ignore: { labels: ['wontfix'] },
  rules: { 'owner-capacity': ['notice', { max: 5 }] },
});

describe('Linter', () => {
  it('gives the same result streamed page by page as in one go', () => {
    const issues = generateIssues(450);
    const opts = options(config, { scope: 'backlog' });
    const linter = new Linter(opts);
    for (let start = 0; start < issues.length; start += 100) {
      linter.add(issues.slice(start, start + 100));
    }
    const streamed = linter.finish();
    expect(streamed).toEqual(lint(issues, opts));
    // The sample exercises capacity, waivers and suggestions, so the equality means something.
    const rules = new Set(streamed.findings.map((f) => f.rule));
    expect(rules).toContain('owner-capacity');
    expect(streamed.waivers.some((w) => w.active)).toBe(true);
    expect(streamed.findings.some((f) => f.fix?.addAssignees.length)).toBe(true);
  });

  it('sorts findings by severity, then issue number, then rule id', () => {
    const result = lint(
      [
        issue({ number: 5, labels: ['budget'], assignees: ['alice'] }), // error + warnings
        issue({ number: 2, labels: [] }), // warning
        issue({ number: 1, labels: ['budget', 'feature'], assignees: ['zed'] }), // error + notice
      ],
      options(config),
    );
    expect(result.findings.map((f) => [f.severity, f.issue, f.rule])).toEqual([
      ['error', 1, 'type-ambiguous'],
      ['error', 5, 'owner-role'],
      ['warning', 2, 'type-required'],
      ['warning', 5, 'milestone-required'],
      ['warning', 5, 'owner-label'],
      ['notice', 1, 'owner-unknown'],
    ]);
  });

  it('orders findings the same whatever order the issues arrive in', () => {
    const issues = generateIssues(300);
    const opts = options(config, { scope: 'backlog' });
    const ascending = lint(issues, opts);
    expect(lint([...issues].reverse(), opts).findings).toEqual(ascending.findings);
    const shuffled = issues.map((_, i) => issues[(i * 7) % issues.length] ?? issue());
    expect(lint(shuffled, opts).findings).toEqual(ascending.findings);
  });

  it('counts findings per level', () => {
    const result = lint(generateIssues(200), options(config, { scope: 'backlog' }));
    const expected: Record<Level, number> = { error: 0, warning: 0, notice: 0 };
    for (const finding of result.findings) expected[finding.severity]++;
    expect(result.counts).toEqual(expected);
    expect(result.counts.error + result.counts.warning + result.counts.notice).toBeGreaterThan(0);
  });

  it('reports load per member and role, and classification of checked issues', () => {
    const result = lint(
      [
        issue({ number: 1, labels: ['budget'], assignees: ['bob'] }),
        issue({ number: 2, labels: ['budget'] }),
        issue({ number: 3, labels: ['risk'], assignees: ['BOB', 'alice'] }),
        issue({ number: 4, labels: ['feature'], assignees: ['bob'] }),
        issue({ number: 5, labels: ['feature', 'risk'] }),
        issue({ number: 6 }),
        issue({ number: 7, labels: ['wontfix', 'budget'], assignees: ['bob'] }),
      ],
      options(config),
    );
    expect(result.load).toEqual({
      members: [
        { login: 'bob', roles: ['project'], open: 2 },
        { login: 'alice', roles: ['product'], open: 0 },
        { login: 'carol', roles: ['project'], open: 0 },
        { login: 'Dora', roles: ['product'], open: 0 },
      ],
      roles: { product: { issues: 1, unassigned: 0 }, project: { issues: 3, unassigned: 1 } },
    });
    expect(result.classification).toEqual({
      byRole: { product: 1, project: 3 },
      untyped: 1,
      ambiguous: 1,
    });
    expect(result.issues[2]?.assigneeRoles).toEqual({ BOB: ['project'], alice: ['product'] });
  });

  it('checks an issue given twice once', () => {
    const twice = issue({ number: 8, labels: ['budget'] });
    const result = lint([twice, { ...twice }], options(config));
    expect(result.issues).toHaveLength(1);
    expect(result.findings.filter((f) => f.rule === 'owner-required')).toHaveLength(1);
    expect(result.skipped).toEqual([{ issue: 8, reason: 'given twice; checked once' }]);
    expect(result.load.roles['project']).toEqual({ issues: 1, unassigned: 1 });
  });

  it('tells issues apart by number and repository, whatever the number', () => {
    const huge = issue({ number: 2 ** 40, labels: ['budget'] });
    const result = lint(
      [huge, { ...huge }, { ...huge, repository: 'acme/other' }, issue({ number: 0 })],
      options(config),
    );
    expect(result.issues.map((i) => i.number)).toEqual([2 ** 40, 2 ** 40, 0]);
    expect(result.skipped).toEqual([{ issue: 2 ** 40, reason: 'given twice; checked once' }]);
  });

  it('shares values between results read-only', () => {
    const result = lint(
      [
        issue({ number: 1, labels: ['budget'], assignees: ['bob'] }),
        issue({ number: 2, labels: ['budget'], assignees: ['bob'] }),
        issue({ number: 3, labels: ['feature'], assignees: ['bob'] }),
      ],
      options(config),
    );
    const [first, second] = result.issues;
    expect(first?.types).toEqual(['budget']);
    expect(first?.types).toBe(second?.types);
    // Readonly in the types; the casts check that the shared values are frozen at run time too.
    expect(() => (first?.types as string[]).push('risk')).toThrow(TypeError);
    expect(() => (first?.assigneeRoles['bob'] as string[]).push('product')).toThrow(TypeError);
    const fix = result.findings.find((f) => f.rule === 'owner-label')?.fix;
    expect(fix).toEqual({ addLabels: ['owner: project'], addAssignees: [] });
    expect(() => (fix?.addLabels as string[]).push('x')).toThrow(TypeError);
  });

  it('ends the run at finish(): the result is kept, later pages are refused', () => {
    const linter = new Linter(options(config, { scope: 'backlog' }));
    linter.add([issue({ number: 1, labels: ['budget'] })]);
    const result = linter.finish();
    expect(linter.finish()).toBe(result);
    const ownerRequired = result.findings.find((f) => f.rule === 'owner-required');
    expect(ownerRequired?.message).toMatch(/suggested assignee: bob$/);
    expect(() => linter.add([issue({ number: 2 })])).toThrow('after finish()');
  });

  it('returns a clean result for an empty backlog', () => {
    const result = new Linter(options(config, { scope: 'backlog' })).finish();
    expect(result.findings).toEqual([]);
    expect(result.counts).toEqual({ error: 0, warning: 0, notice: 0 });
    expect(result.notices).toEqual([]);
  });
});
