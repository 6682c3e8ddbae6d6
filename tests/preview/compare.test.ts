import { fitSections, jsChars } from '../../src/report/fit.js';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/index.js';
import { compareConfigs, previewSections, renderPreviewText } from '../../src/preview/index.js';
import { issue, makeConfig, options, type } from '../engine/helpers.js';

const backlog = () => [
  issue({ number: 1, title: 'Q3 <b>spend</b>', labels: ['budget'], assignees: ['alice'] }),
  issue({ number: 2, labels: ['budget'], assignees: ['bob'] }),
  issue({ number: 3, title: 'untyped' }),
  issue({ number: 4, labels: ['feature'], assignees: ['alice'] }),
];

function side(source: string, config: ReturnType<typeof makeConfig>) {
  return { source, config, result: lint(backlog(), options(config, { scope: 'backlog' })) };
}

const quiet = { 'owner-label': 'off', 'milestone-required': 'off' } as const;
const baseConfig = makeConfig({ rules: { ...quiet, 'type-required': 'warning' } });
const headConfig = makeConfig({
  rules: { ...quiet, 'type-required': 'error' },
  types: {
    ...makeConfig().types,
    budget: type('product', { labels: ['budget'] }),
  },
});

describe('compareConfigs', () => {
  it('lists exactly the issues that newly fail, newly pass or change owner, and rule changes', () => {
    const preview = compareConfigs(side('base.yml', baseConfig), side('head.yml', headConfig), {
      threshold: 'error',
    });
    expect(preview.newlyFailing.map((i) => [i.issue, i.findings.map((f) => f.rule)])).toEqual([
      [2, ['owner-role']],
      [3, ['type-required']],
    ]);
    expect(preview.newlyPassing.map((i) => i.issue)).toEqual([1]);
    expect(preview.ownerChanged).toEqual([
      expect.objectContaining({
        issue: 1,
        before: { type: 'budget', ownerRole: 'project' },
        after: { type: 'budget', ownerRole: 'product' },
      }),
      expect.objectContaining({ issue: 2 }),
    ]);
    expect(preview.rules).toEqual([
      {
        rule: 'type-required',
        before: { severity: 'warning', count: 1 },
        after: { severity: 'error', count: 1 },
      },
    ]);
    expect(preview.base).toMatchObject({ source: 'base.yml', failingIssues: 1, issuesChecked: 4 });
    expect(preview.head).toMatchObject({ source: 'head.yml', failingIssues: 2 });
    expect(preview.addedFindings).toBe(2);
  });

  it('finds no difference between a config and itself', () => {
    const preview = compareConfigs(side('a', baseConfig), side('a', baseConfig), {
      threshold: 'warning',
    });
    expect(preview).toMatchObject({
      newlyFailing: [],
      newlyPassing: [],
      ownerChanged: [],
      rules: [],
      addedFindings: 0,
    });
  });

  it('renders escaped markdown and plain text', () => {
    const preview = compareConfigs(side('base.yml', baseConfig), side('head.yml', headConfig), {
      threshold: 'error',
    });
    const md = fitSections(
      previewSections(preview, { heading: '###', pullRequest: true }),
      Infinity,
      jsChars,
    );
    expect(md).toContain('<!-- backlog-lint:config-preview -->');
    expect(md).toContain('Q3 &lt;b&gt;spend&lt;/b&gt;');
    expect(md).not.toContain('<b>');
    expect(renderPreviewText(preview)).toMatch(
      /✖ the head config adds 2 findings at error level or above\n$/,
    );
  });
});
