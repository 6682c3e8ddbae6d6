import { describe, expect, it } from 'vitest';
import { lintOne } from '../engine/helpers.js';

describe('type-ambiguous', () => {
  it('reports types owned by different roles, naming each owner', () => {
    const result = lintOne({ number: 2, labels: ['feature', 'budget'] });
    expect(result.findings).toContainEqual({
      issue: 2,
      rule: 'type-ambiguous',
      severity: 'error',
      message: '#2 matches types owned by different roles: feature (product), budget (project)',
    });
    expect(result.issues[0]).toMatchObject({ ownerRole: null, type: null });
  });

  it('accepts several types owned by the same role', () => {
    const result = lintOne({ labels: ['roadmap', 'feature'], assignees: ['alice'] });
    expect(result.findings.filter((f) => f.rule === 'type-ambiguous')).toEqual([]);
    // The type is the first match in config order, not label order.
    expect(result.issues[0]).toMatchObject({
      types: ['feature', 'roadmap'],
      type: 'feature',
      ownerRole: 'product',
    });
  });

  it('does not report untyped issues', () => {
    expect(lintOne({ labels: [] }).findings.map((f) => f.rule)).toEqual(['type-required']);
  });
});
