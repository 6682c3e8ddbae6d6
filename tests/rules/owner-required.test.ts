import { describe, expect, it } from 'vitest';
import { lintOne, makeConfig, messagesOf, role, type } from '../engine/helpers.js';

describe('owner-required', () => {
  it('reports a typed issue without assignee', () => {
    const result = lintOne({ number: 3, labels: ['budget'] });
    expect(result.findings.filter((f) => f.rule === 'owner-required')).toEqual([
      {
        issue: 3,
        rule: 'owner-required',
        severity: 'warning',
        message: '#3 is a budget issue owned by project and has no assignee',
      },
    ]);
  });

  it('names and fixes with the default assignee when the role has one', () => {
    const config = makeConfig({
      roles: {
        product: role(['alice']),
        project: role(['bob', 'carol'], { defaultAssignee: 'carol' }),
      },
    });
    const [finding] = lintOne({ number: 3, labels: ['budget'] }, config).findings.filter(
      (f) => f.rule === 'owner-required',
    );
    expect(finding?.message).toBe(
      '#3 is a budget issue owned by project and has no assignee; suggested assignee: carol',
    );
    expect(finding?.fix).toEqual({ addLabels: [], addAssignees: ['carol'] });
  });

  it('uses "an" before a type starting with a vowel', () => {
    const config = makeConfig({ types: { estimate: type('project', { labels: ['estimate'] }) } });
    expect(
      messagesOf(lintOne({ number: 4, labels: ['estimate'] }, config), 'owner-required'),
    ).toEqual(['#4 is an estimate issue owned by project and has no assignee']);
  });

  it('accepts assigned issues and leaves untyped ones to type-required', () => {
    expect(
      messagesOf(lintOne({ labels: ['budget'], assignees: ['bob'] }), 'owner-required'),
    ).toEqual([]);
    expect(messagesOf(lintOne({ labels: [] }), 'owner-required')).toEqual([]);
  });

  it('still reports when the owning role has no members: nobody is assigned either way', () => {
    const config = makeConfig({ roles: { product: role(['alice']), project: role([]) } });
    expect(messagesOf(lintOne({ labels: ['budget'] }, config), 'owner-required')).toHaveLength(1);
  });
});
