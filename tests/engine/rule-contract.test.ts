// The engine's side of the rule contract: `fixable` is enforced, not just declared. Fake
// rules (handed to the Linter in place of the registry) report fixes with and without it.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { Linter } from '../../src/engine/linter.js';
import { RuleContractError, type RuleModule, type RuleReport } from '../../src/rules/rule.js';
import { issue, makeConfig, options } from './helpers.js';

function fakeRule(
  fixable: boolean,
  report: Omit<RuleReport, 'message'>,
  where: 'check' | 'checkBacklog' | 'checkRelated' = 'check',
): RuleModule {
  const message = (n: number): RuleReport => ({ message: `#${n} fake`, ...report });
  const base = {
    id: 'fake-rule',
    defaultSeverity: 'warning' as const,
    docs: 'A rule for tests.',
    fixable,
    options: z.object({}).strict() as z.ZodType<Record<string, unknown>>,
  };
  if (where === 'check') return { ...base, check: (i) => [message(i.number)] };
  if (where === 'checkBacklog')
    return { ...base, checkBacklog: () => [{ issue: 1, ...message(1) }] };
  return {
    ...base,
    keep: () => true,
    checkRelated: (kept) => kept.map((i) => ({ issue: i.number, ...message(i.number) })),
  };
}

function run(rule: RuleModule, scope: 'issue' | 'backlog' = 'issue') {
  const config = makeConfig();
  const linter = new Linter(options(config, { scope }), [rule]);
  linter.add([issue({ number: 1 })]);
  return linter.finish();
}

describe('fixable is enforced by the engine', () => {
  it('keeps the fix of a fixable rule', () => {
    const result = run(fakeRule(true, { addLabels: ['team:web'] }));
    expect(result.findings).toEqual([
      {
        issue: 1,
        rule: 'fake-rule',
        severity: 'warning',
        message: '#1 fake',
        fix: { addLabels: ['team:web'], addAssignees: [] },
      },
    ]);
  });

  it('accepts a finding without a fix from a rule that is not fixable', () => {
    const result = run(fakeRule(false, {}));
    expect(result.findings.map((f) => [f.rule, f.message, f.fix])).toEqual([
      ['fake-rule', '#1 fake', undefined],
    ]);
  });

  it.each([
    ['addLabels', { addLabels: ['team:web'] }],
    ['suggestAssigneeFrom', { suggestAssigneeFrom: 'web' }],
  ])('throws RuleContractError when a non-fixable rule reports %s', (_, report) => {
    expect(() => run(fakeRule(false, report))).toThrow(RuleContractError);
    expect(() => run(fakeRule(false, report))).toThrow(
      'rule fake-rule: reported a fix (addLabels or suggestAssigneeFrom) but is not fixable',
    );
  });

  it('checks backlog-level and related-issue reports too', () => {
    const labels = { addLabels: ['team:web'] };
    expect(() => run(fakeRule(false, labels, 'checkBacklog'), 'backlog')).toThrow(
      RuleContractError,
    );
    expect(() => run(fakeRule(false, labels, 'checkRelated'))).toThrow(RuleContractError);
    expect(run(fakeRule(true, labels, 'checkRelated')).findings).toHaveLength(1);
  });
});
