import { describe, expect, it } from 'vitest';
import { createMembership, lint } from '../../src/engine/index.js';
import { issue, lintOne, makeConfig, messagesOf, options, role, type } from './helpers.js';

describe('createMembership', () => {
  const config = makeConfig({
    roles: {
      product: role(['Alice', '@Dora', '@Acme/PMs']),
      project: role(['bob', 'alice']),
      design: role([]),
      ops: role(['@acme/sre']),
    },
  });
  const membership = createMembership(config, { '@acme/pms': ['pat', 'ALICE'] });

  it('compares logins case-insensitively and drops a typed @', () => {
    expect(membership.rolesOf('ALICE')).toEqual(['product', 'project']);
    expect(membership.rolesOf('dora')).toEqual(['product']);
    expect(membership.rolesOf('zed')).toEqual([]);
  });

  it('expands teams in place, keeping the config spelling and no duplicates', () => {
    expect(membership.membersOf('product')).toEqual(['Alice', 'Dora', 'pat']);
    expect(membership.allMembers()).toEqual(['Alice', 'Dora', 'pat', 'bob']);
  });

  it('tells complete, empty and unresolved roles apart', () => {
    expect(membership.status('product')).toEqual({ kind: 'complete' });
    expect(membership.status('design')).toEqual({ kind: 'empty' });
    expect(membership.status('ops')).toEqual({ kind: 'unresolved', teams: ['@acme/sre'] });
    expect(membership.status('nope')).toEqual({ kind: 'empty' });
  });
});

describe('teams in rules', () => {
  const config = makeConfig({
    roles: { product: role(['@acme/pm']), project: role(['bob']) },
  });

  it('uses resolved team members', () => {
    const teams = { '@ACME/PM': ['pat'] };
    expect(
      messagesOf(
        lintOne({ labels: ['feature'], assignees: ['Pat'] }, config, { teams }),
        'owner-role',
      ),
    ).toEqual([]);
    expect(
      messagesOf(
        lintOne({ labels: ['feature'], assignees: ['bob'] }, config, { teams }),
        'owner-role',
      ),
    ).toHaveLength(1);
  });

  it('skips a role whose team is unresolved with one notice, and still checks other roles', () => {
    const result = lint(
      [
        issue({ number: 1, labels: ['feature'], assignees: ['bob'] }),
        issue({ number: 2, labels: ['feature'], assignees: ['zed'] }),
        issue({ number: 3, labels: ['budget'], assignees: ['zed'] }),
      ],
      options(config),
    );
    expect(result.findings.filter((f) => f.rule === 'owner-role').map((f) => f.issue)).toEqual([3]);
    expect(result.notices.filter((n) => n.rule === 'owner-role')).toEqual([
      {
        kind: 'team-unresolved',
        rule: 'owner-role',
        role: 'product',
        message:
          'owner-role is not checked against role product: team @acme/pm could not be resolved, so its members are unknown',
      },
    ]);
  });

  it('skips a type owned by an unconfigured role with a notice', () => {
    const cfg = makeConfig({ types: { review: type('design', { labels: ['review'] }) } });
    const result = lintOne({ labels: ['review'], assignees: ['alice'] }, cfg);
    expect(messagesOf(result, 'owner-role')).toEqual([]);
    expect(result.notices).toContainEqual({
      kind: 'rule-skipped',
      rule: 'owner-role',
      role: 'design',
      message: 'owner-role is not checked against role design: the role is not configured',
    });
  });
});

describe('role health', () => {
  it('reports empty roles, people in several roles, missing owner roles and unresolved teams', () => {
    const config = makeConfig({
      roles: {
        product: role(['alice', '@acme/pm']),
        project: role(['bob', 'Alice']),
        design: role([]),
        ops: role(['@acme/sre']),
      },
      types: { review: type('qa', { labels: ['review'] }) },
    });
    const result = lint([], options(config, { teams: { '@acme/pm': ['bob'] } }));
    expect(result.roleHealth).toEqual([
      {
        kind: 'empty-role',
        role: 'design',
        message: 'role design has no members: rules that compare assignees with it are skipped',
      },
      {
        kind: 'unresolved-team',
        role: 'ops',
        member: '@acme/sre',
        message: 'team @acme/sre of role ops could not be resolved: its members are unknown',
      },
      {
        kind: 'member-in-several-roles',
        member: 'alice',
        message: 'alice is a member of several roles: product, project',
      },
      {
        kind: 'member-in-several-roles',
        member: 'bob',
        message: 'bob is a member of several roles: product, project',
      },
      {
        kind: 'missing-owner-role',
        type: 'review',
        role: 'qa',
        message: 'type review is owned by role qa, which is not configured',
      },
    ]);
  });

  it('is empty for a healthy config', () => {
    expect(lint([], options(makeConfig())).roleHealth).toEqual([]);
  });
});
