import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/index.js';
import { issue, lintOne, makeConfig, messagesOf, options, role } from '../engine/helpers.js';

describe('owner-role', () => {
  it('names the expected role and the roles of the assignees', () => {
    const result = lintOne({ number: 12, labels: ['budget'], assignees: ['alice'] });
    expect(result.findings.filter((f) => f.rule === 'owner-role')).toEqual([
      {
        issue: 12,
        rule: 'owner-role',
        severity: 'error',
        message: '#12 is a budget issue owned by project, but its assignee is alice (product)',
      },
    ]);
  });

  it('lists every assignee, including ones without a role', () => {
    const result = lintOne({ number: 13, labels: ['feature'], assignees: ['bob', 'zed'] });
    expect(messagesOf(result, 'owner-role')).toEqual([
      '#13 is a feature issue owned by product, but its assignees are bob (project), zed (no role)',
    ]);
  });

  it('accepts an issue when one assignee is a member, comparing logins case-insensitively', () => {
    expect(
      messagesOf(lintOne({ labels: ['budget'], assignees: ['alice', 'BOB'] }), 'owner-role'),
    ).toEqual([]);
    expect(messagesOf(lintOne({ labels: ['feature'], assignees: ['dora'] }), 'owner-role')).toEqual(
      [],
    );
  });

  it('does not check unassigned, untyped or ambiguous issues', () => {
    expect(messagesOf(lintOne({ labels: ['budget'] }), 'owner-role')).toEqual([]);
    expect(messagesOf(lintOne({ assignees: ['alice'] }), 'owner-role')).toEqual([]);
    expect(
      messagesOf(lintOne({ labels: ['budget', 'feature'], assignees: ['zed'] }), 'owner-role'),
    ).toEqual([]);
  });

  it('suggests the default assignee of the owning role as fix', () => {
    const config = makeConfig({
      roles: {
        product: role(['alice']),
        project: role(['bob'], { defaultAssignee: '@bob' }),
      },
    });
    const [finding] = lintOne(
      { number: 12, labels: ['budget'], assignees: ['alice'] },
      config,
    ).findings;
    expect(finding?.message).toBe(
      '#12 is a budget issue owned by project, but its assignee is alice (product); suggested assignee: bob',
    );
    expect(finding?.fix).toEqual({ addLabels: [], addAssignees: ['bob'] });
  });

  it('skips a role without members with one notice for the whole run', () => {
    const config = makeConfig({ roles: { product: role(['alice']), project: role([]) } });
    const result = lint(
      [1, 2, 3].map((number) => issue({ number, labels: ['budget'], assignees: ['alice'] })),
      options(config),
    );
    expect(messagesOf(result, 'owner-role')).toEqual([]);
    expect(result.notices.filter((n) => n.rule === 'owner-role')).toEqual([
      {
        kind: 'rule-skipped',
        rule: 'owner-role',
        role: 'project',
        message:
          'owner-role is not checked against role project: the role has no members configured',
      },
    ]);
  });

  it('does not run when off', () => {
    const config = makeConfig({ rules: { 'owner-role': 'off' } });
    expect(
      messagesOf(lintOne({ labels: ['budget'], assignees: ['alice'] }, config), 'owner-role'),
    ).toEqual([]);
  });
});
