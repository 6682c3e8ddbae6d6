import { describe, expect, it } from 'vitest';
import { lintOne, makeConfig, messagesOf } from '../engine/helpers.js';

describe('type-required', () => {
  it('reports an issue that matches no type', () => {
    const result = lintOne({ number: 1, labels: ['question'] });
    expect(result.findings).toEqual([
      {
        issue: 1,
        rule: 'type-required',
        severity: 'warning',
        message: '#1 matches no type: add a type label, a title prefix or a GitHub issue type',
      },
    ]);
  });

  it('accepts an issue typed by label, title prefix or issue type', () => {
    expect(messagesOf(lintOne({ labels: ['budget'] }), 'type-required')).toEqual([]);
    expect(messagesOf(lintOne({ title: '[Budget] Q3' }), 'type-required')).toEqual([]);
    expect(messagesOf(lintOne({ issueType: 'Feature' }), 'type-required')).toEqual([]);
  });

  it('leaves ambiguous issues to type-ambiguous', () => {
    const result = lintOne({ labels: ['budget', 'feature'] });
    expect(messagesOf(result, 'type-required')).toEqual([]);
  });

  it('skips issues carrying one of its ignore-labels', () => {
    const config = makeConfig({
      rules: { 'type-required': ['warning', { 'ignore-labels': ['needs-*'] }] },
    });
    expect(messagesOf(lintOne({ labels: ['Needs-Triage'] }, config), 'type-required')).toEqual([]);
    expect(messagesOf(lintOne({ labels: ['triage'] }, config), 'type-required')).toHaveLength(1);
  });
});
