import { describe, expect, it } from 'vitest';
import { lintOne, makeConfig, messagesOf, role } from '../engine/helpers.js';

describe('owner-label', () => {
  it('reports a missing ownership label with a fix that adds it', () => {
    const result = lintOne({ number: 3, labels: ['feature'], assignees: ['alice'] });
    expect(result.findings).toEqual([
      {
        issue: 3,
        rule: 'owner-label',
        severity: 'warning',
        message: '#3 is owned by product but lacks its ownership label "owner: product"',
        fix: { addLabels: ['owner: product'], addAssignees: [] },
        subject: 'product',
      },
    ]);
  });

  it('matches the ownership label case- and whitespace-insensitively', () => {
    const result = lintOne({ labels: ['feature', ' Owner:  PRODUCT '], assignees: ['alice'] });
    expect(messagesOf(result, 'owner-label')).toEqual([]);
  });

  it('reports the label of another role without a fix (fix never removes)', () => {
    const result = lintOne({
      number: 4,
      labels: ['feature', 'owner: product', 'owner: project'],
      assignees: ['alice'],
    });
    expect(result.findings).toEqual([
      {
        issue: 4,
        rule: 'owner-label',
        severity: 'warning',
        message: '#4 is owned by product but has the ownership label "owner: project" of project',
        subject: 'project',
      },
    ]);
  });

  it('reports both problems when the own label is missing and another is present', () => {
    const result = lintOne({ labels: ['budget', 'owner: product'], assignees: ['bob'] });
    const ownerLabel = result.findings.filter((f) => f.rule === 'owner-label');
    expect(ownerLabel.map((f) => Boolean(f.fix))).toEqual([true, false]);
  });

  it('does nothing for roles without a label, and for untyped issues', () => {
    const config = makeConfig({ roles: { product: role(['alice']), project: role(['bob']) } });
    expect(
      messagesOf(lintOne({ labels: ['feature'], assignees: ['alice'] }, config), 'owner-label'),
    ).toEqual([]);
    expect(messagesOf(lintOne({ labels: ['owner: project'] }), 'owner-label')).toEqual([]);
  });
});
