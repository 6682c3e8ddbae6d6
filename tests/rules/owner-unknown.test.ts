import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/index.js';
import { issue, lintOne, makeConfig, messagesOf, options, role } from '../engine/helpers.js';

describe('owner-unknown', () => {
  it('reports each assignee that belongs to no role', () => {
    const result = lintOne({ number: 9, labels: ['budget'], assignees: ['zed', 'bob', 'yan'] });
    expect(result.findings.filter((f) => f.rule === 'owner-unknown')).toEqual([
      {
        issue: 9,
        rule: 'owner-unknown',
        severity: 'notice',
        message: '#9 is assigned to zed, who belongs to no configured role',
        subject: 'zed',
      },
      {
        issue: 9,
        rule: 'owner-unknown',
        severity: 'notice',
        message: '#9 is assigned to yan, who belongs to no configured role',
        subject: 'yan',
      },
    ]);
  });

  it('checks untyped issues too, and accepts members', () => {
    expect(messagesOf(lintOne({ number: 5, assignees: ['zed'] }), 'owner-unknown')).toEqual([
      '#5 is assigned to zed, who belongs to no configured role',
    ]);
    expect(messagesOf(lintOne({ assignees: ['Alice', 'carol'] }), 'owner-unknown')).toEqual([]);
  });

  it('is skipped with one notice per role when a role has no members', () => {
    const config = makeConfig({ roles: { product: role([]), project: role([]) } });
    const result = lint(
      [issue({ assignees: ['zed'] }), issue({ assignees: ['yan'] })],
      options(config),
    );
    expect(messagesOf(result, 'owner-unknown')).toEqual([]);
    expect(result.notices.filter((n) => n.rule === 'owner-unknown').map((n) => n.role)).toEqual([
      'product',
      'project',
    ]);
  });

  it('is skipped while a team of some role is unresolved: the assignee may be in it', () => {
    const config = makeConfig({
      roles: { product: role(['alice', '@acme/pm']), project: role(['bob']) },
    });
    const result = lintOne({ assignees: ['zed'] }, config);
    expect(messagesOf(result, 'owner-unknown')).toEqual([]);
    expect(result.notices).toContainEqual(
      expect.objectContaining({ kind: 'team-unresolved', rule: 'owner-unknown', role: 'product' }),
    );
    const resolved = lintOne({ assignees: ['zed'] }, config, { teams: { '@acme/pm': ['pat'] } });
    expect(messagesOf(resolved, 'owner-unknown')).toHaveLength(1);
  });
});
