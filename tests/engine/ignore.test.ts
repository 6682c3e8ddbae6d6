import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/index.js';
import { issue, lintOne, makeConfig, options, rulesOf } from './helpers.js';

describe('ignore lists', () => {
  const config = makeConfig({
    ignore: { labels: ['wont*', 'duplicate'], authors: ['dependabot[bot]'], issues: [42] },
  });

  it('skips issues with an ignored label (glob, case-insensitive) and says why', () => {
    const result = lintOne({ number: 7, labels: ['WontFix'] }, config);
    expect(result.findings).toEqual([]);
    expect(result.skipped).toEqual([{ issue: 7, reason: 'label "WontFix" matches ignore.labels' }]);
    expect(result.issues[0]).toMatchObject({
      number: 7,
      status: 'ignored',
      ignoredReason: 'label "WontFix" matches ignore.labels',
    });
    expect(result.classification).toEqual({
      byRole: { product: 0, project: 0 },
      untyped: 0,
      ambiguous: 0,
    });
  });

  it('skips ignored authors case-insensitively, as literal logins (not globs)', () => {
    expect(lintOne({ number: 1, author: 'Dependabot[bot]' }, config).skipped).toEqual([
      { issue: 1, reason: 'author Dependabot[bot] is in ignore.authors' },
    ]);
    // As a glob, `dependabot[bot]` would match "dependabotb".
    expect(lintOne({ author: 'dependabotb' }, config).skipped).toEqual([]);
  });

  it('skips issue numbers of this repository only', () => {
    expect(lintOne({ number: 42 }, config).skipped).toEqual([
      { issue: 42, reason: 'listed in ignore.issues' },
    ]);
    const linked = lintOne({ number: 42, repository: 'acme/other' }, config);
    expect(linked.skipped).toEqual([]);
    expect(rulesOf(linked)).toEqual(['type-required']);
  });

  it('skips issues of an ignored GitHub issue type, case-insensitively', () => {
    const cfg = makeConfig({ ignore: { issueTypes: ['Discussion'] } });
    const result = lintOne({ number: 9, issueType: 'discussion' }, cfg);
    expect(result.findings).toEqual([]);
    expect(result.skipped).toEqual([
      { issue: 9, reason: 'issue type discussion is in ignore.issue-types' },
    ]);
  });

  it('skips closed issues', () => {
    const result = lintOne({ number: 3, state: 'closed', labels: ['budget'] });
    expect(result.findings).toEqual([]);
    expect(result.skipped).toEqual([{ issue: 3, reason: 'closed' }]);
    expect(result.load.roles['project']).toEqual({ issues: 0, unassigned: 0 });
  });

  it('keeps ignored issues in the issue list, in input order', () => {
    const result = lint(
      [issue({ number: 5 }), issue({ number: 42 }), issue({ number: 6 })],
      options(config),
    );
    expect(result.issues.map((i) => [i.number, i.status])).toEqual([
      [5, 'checked'],
      [42, 'ignored'],
      [6, 'checked'],
    ]);
  });
});

describe('per-rule ignore-labels', () => {
  it('stops only that rule for issues with the label', () => {
    const config = makeConfig({
      rules: { 'owner-role': ['error', { 'ignore-labels': ['handover'] }] },
    });
    const facts = { labels: ['budget', 'owner: project', 'Handover'], milestone: 'v1' };
    expect(rulesOf(lintOne({ ...facts, assignees: ['alice'] }, config))).toEqual([]);
    expect(rulesOf(lintOne({ ...facts, assignees: ['alice'] }))).toEqual(['owner-role']);
    // Other rules still check the issue.
    expect(rulesOf(lintOne({ ...facts, assignees: [] }, config))).toEqual(['owner-required']);
  });
});
