import { describe, expect, it } from 'vitest';
import { lintOne, makeConfig, messagesOf, role } from '../engine/helpers.js';

describe('single-owner', () => {
  it('reports more than one assignee from managed roles', () => {
    const result = lintOne({ number: 8, labels: ['feature'], assignees: ['alice', 'Dora'] });
    expect(result.findings.filter((f) => f.rule === 'single-owner')).toEqual([
      {
        issue: 8,
        rule: 'single-owner',
        severity: 'warning',
        message: '#8 has 2 assignees from managed roles (alice, Dora); at most 1 allowed',
      },
    ]);
  });

  it('counts managed members across roles, not assignees without a role', () => {
    expect(messagesOf(lintOne({ assignees: ['alice', 'bob'] }), 'single-owner')).toHaveLength(1);
    expect(messagesOf(lintOne({ assignees: ['alice', 'zed'] }), 'single-owner')).toEqual([]);
  });

  it('honours max', () => {
    const config = makeConfig({ rules: { 'single-owner': ['warning', { max: 2 }] } });
    expect(messagesOf(lintOne({ assignees: ['alice', 'Dora'] }, config), 'single-owner')).toEqual(
      [],
    );
    expect(
      messagesOf(
        lintOne({ number: 7, assignees: ['alice', 'Dora', 'bob'] }, config),
        'single-owner',
      ),
    ).toEqual(['#7 has 3 assignees from managed roles (alice, Dora, bob); at most 2 allowed']);
  });

  it('is skipped with a notice when no role has members', () => {
    const config = makeConfig({ roles: { product: role([]), project: role([]) } });
    const result = lintOne({ assignees: ['alice', 'bob'] }, config);
    expect(messagesOf(result, 'single-owner')).toEqual([]);
    expect(result.notices).toContainEqual({
      kind: 'rule-skipped',
      rule: 'single-owner',
      message: 'single-owner is not checked: no role has members configured',
    });
  });
});
