import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/index.js';
import { issue, makeConfig, onlyRules, options, role } from './helpers.js';

const budget = (number: number, assignees: string[] = []) =>
  issue({ number, labels: ['budget'], assignees });

describe('assignee suggestions', () => {
  const config = onlyRules(['owner-required', 'owner-role']);
  // bob holds 2 project issues, carol none.
  const backlog = [budget(1, ['bob']), budget(2, ['bob']), budget(10), budget(11), budget(12)];

  it('suggests the least-loaded member in backlog scope, spreading several issues', () => {
    const result = lint(backlog, options(config, { scope: 'backlog' }));
    expect(result.findings.map((f) => [f.issue, f.fix?.addAssignees])).toEqual([
      [10, ['carol']],
      [11, ['carol']],
      // carol now has 2 like bob: ties go to the member listed first.
      [12, ['bob']],
    ]);
    expect(result.findings[0]?.message).toBe(
      '#10 is a budget issue owned by project and has no assignee; suggested assignee: carol',
    );
    // The reported load is the real one, not counting suggestions.
    expect(result.load.members.find((m) => m.login === 'carol')?.open).toBe(0);
  });

  it('suggests nobody outside backlog scope without a default assignee', () => {
    const result = lint(backlog, options(config, { scope: 'issue' }));
    expect(result.findings.map((f) => f.fix)).toEqual([undefined, undefined, undefined]);
    expect(result.findings[0]?.message).toBe(
      '#10 is a budget issue owned by project and has no assignee',
    );
  });

  it('prefers the default assignee, in every scope', () => {
    const withDefault = onlyRules(['owner-required'], {
      roles: {
        product: role(['alice']),
        project: role(['bob', 'carol'], { defaultAssignee: 'bob' }),
      },
    });
    for (const scope of ['issue', 'backlog'] as const) {
      const result = lint(backlog, options(withDefault, { scope }));
      expect(result.findings.map((f) => f.fix?.addAssignees)).toEqual([['bob'], ['bob'], ['bob']]);
    }
  });

  it('suggests a member of the owning role for owner-role', () => {
    const result = lint(
      [budget(1, ['bob']), budget(5, ['alice'])],
      options(config, { scope: 'backlog' }),
    );
    expect(result.findings).toEqual([
      {
        issue: 5,
        rule: 'owner-role',
        severity: 'error',
        message:
          '#5 is a budget issue owned by project, but its assignee is alice (product); suggested assignee: carol',
        fix: { addLabels: [], addAssignees: ['carol'] },
      },
    ]);
  });

  it('has no suggestion when the role has no members', () => {
    const empty = makeConfig({ roles: { product: role(['alice']), project: role([]) } });
    const result = lint([budget(3)], options(empty, { scope: 'backlog' }));
    const finding = result.findings.find((f) => f.rule === 'owner-required');
    expect(finding?.fix).toBeUndefined();
  });

  it('writes a finding without a suggestion with no fix at all, and one with it as the last key', () => {
    // What report.json shows: no `"fix": null` or empty fix when nobody can be suggested.
    const outside = lint(backlog, options(config, { scope: 'issue' }));
    expect(JSON.stringify(outside.findings[0])).toBe(
      '{"issue":10,"rule":"owner-required","severity":"warning","message":"#10 is a budget issue owned by project and has no assignee"}',
    );
    // Library users see the same: no `fix` key (not even one set to undefined).
    expect(Object.keys(outside.findings[0] ?? {})).toEqual([
      'issue',
      'rule',
      'severity',
      'message',
    ]);
    const suggested = lint(backlog, options(config, { scope: 'backlog' }));
    expect(JSON.stringify(suggested.findings[0])).toBe(
      '{"issue":10,"rule":"owner-required","severity":"warning","message":"#10 is a budget issue owned by project and has no assignee; suggested assignee: carol","fix":{"addLabels":[],"addAssignees":["carol"]}}',
    );
  });

  it('never writes @login in messages', () => {
    const withAt = onlyRules(['owner-required', 'owner-role'], {
      roles: { product: role(['@alice']), project: role(['@bob'], { defaultAssignee: '@bob' }) },
    });
    const result = lint([budget(1), budget(2, ['alice'])], options(withAt));
    expect(result.findings).toHaveLength(2);
    for (const finding of result.findings) expect(finding.message).not.toContain('@');
  });
});
