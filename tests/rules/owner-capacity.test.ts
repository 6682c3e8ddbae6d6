import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/index.js';
import { issue, makeConfig, messagesOf, onlyRules, options, role } from '../engine/helpers.js';

const config = onlyRules(['owner-capacity'], {
  rules: { 'owner-capacity': ['notice', { max: 2 }] },
});

function budget(number: number, assignees: string[], directives: string[] = []) {
  return issue({ number, labels: ['budget'], assignees, directives });
}

describe('owner-capacity', () => {
  it('reports a member over max once, on their highest-numbered issue, listing all', () => {
    const result = lint(
      [budget(4, ['bob']), budget(9, ['bob']), budget(2, ['bob']), budget(5, ['carol'])],
      options(config, { scope: 'backlog' }),
    );
    expect(result.findings).toEqual([
      {
        issue: 9,
        rule: 'owner-capacity',
        severity: 'notice',
        message: 'bob holds 3 open issues owned by project, more than the maximum of 2: #2, #4, #9',
        subject: 'bob',
      },
    ]);
  });

  it('accepts exactly max, and counts only issues owned by the member’s roles', () => {
    const result = lint(
      [
        budget(1, ['bob']),
        budget(2, ['bob']),
        issue({ number: 3, labels: ['feature'], assignees: ['bob'] }),
      ],
      options(config, { scope: 'backlog' }),
    );
    expect(result.findings).toEqual([]);
    expect(result.load.members.find((m) => m.login === 'bob')?.open).toBe(2);
  });

  it('only runs when the whole backlog is known', () => {
    const issues = [budget(1, ['bob']), budget(2, ['bob']), budget(3, ['bob'])];
    expect(lint(issues, options(config, { scope: 'issue' })).findings).toEqual([]);
    expect(lint(issues, options(config, { scope: 'backlog' })).findings).toHaveLength(1);
  });

  it('is waived by a directive on the issue it is attached to', () => {
    const issues = [
      budget(1, ['bob']),
      budget(2, ['bob']),
      budget(3, ['bob'], ['<!-- backlog-lint-disable owner-capacity -->']),
    ];
    expect(lint(issues, options(config, { scope: 'backlog' })).findings).toEqual([]);
  });

  it('is skipped with a notice when no role has members', () => {
    const empty = makeConfig({
      roles: { product: role([]), project: role([]) },
      rules: { 'owner-capacity': ['notice', { max: 0 }] },
    });
    const result = lint([budget(1, ['bob'])], options(empty, { scope: 'backlog' }));
    expect(messagesOf(result, 'owner-capacity')).toEqual([]);
    expect(result.notices).toContainEqual(
      expect.objectContaining({ kind: 'rule-skipped', rule: 'owner-capacity' }),
    );
  });
});
