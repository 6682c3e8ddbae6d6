import { describe, expect, it } from 'vitest';
import { lintOne, makeConfig, messagesOf } from '../engine/helpers.js';

describe('milestone-required', () => {
  it('reports a project issue without milestone', () => {
    const result = lintOne({ number: 6, labels: ['risk', 'owner: project'], assignees: ['bob'] });
    expect(result.findings).toEqual([
      {
        issue: 6,
        rule: 'milestone-required',
        severity: 'warning',
        message: '#6 is a risk issue owned by project and has no milestone',
      },
    ]);
  });

  it('accepts issues with a milestone and issues of roles not listed', () => {
    expect(
      messagesOf(lintOne({ labels: ['risk'], milestone: 'v1' }), 'milestone-required'),
    ).toEqual([]);
    expect(messagesOf(lintOne({ labels: ['feature'] }), 'milestone-required')).toEqual([]);
    expect(messagesOf(lintOne({ labels: [] }), 'milestone-required')).toEqual([]);
  });

  it('checks the roles given in options', () => {
    const config = makeConfig({
      rules: { 'milestone-required': ['warning', { roles: ['product'] }] },
    });
    expect(messagesOf(lintOne({ labels: ['feature'] }, config), 'milestone-required')).toHaveLength(
      1,
    );
    expect(messagesOf(lintOne({ labels: ['risk'] }, config), 'milestone-required')).toEqual([]);
  });
});
