// The engine's side of the rule contract: `fixable` is enforced, not just declared, and a
// report must name one of the rule's messages and fill exactly its placeholders. Fake rules
// (handed to the Linter in place of the registry) break the contract on purpose.
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { Linter } from '../../src/engine/linter.js';
import {
  RuleContractError,
  type RuleModule,
  type RuleReport,
  type BacklogReport,
} from '../../src/rules/rule.js';
import { issue, makeConfig, options } from './helpers.js';

const base = {
  id: 'fake-rule',
  defaultSeverity: 'warning' as const,
  docs: 'A rule for tests.',
  options: z.strictObject({}) as z.ZodMiniType<Record<string, unknown>>,
};

function fakeRule(
  fixable: boolean,
  report: Omit<RuleReport, 'messageId'>,
  where: 'check' | 'checkBacklog' | 'checkRelated' = 'check',
): RuleModule {
  const fake = (n: number): BacklogReport => ({ issue: n, messageId: 'fake', ...report });
  const rule = { ...base, fixable, messages: { fake: '{{issue}} fake' } };
  if (where === 'check') return { ...rule, check: (i) => [fake(i.number)] };
  if (where === 'checkBacklog') return { ...rule, checkBacklog: () => [fake(1)] };
  return {
    ...rule,
    keep: () => true,
    checkRelated: (kept) => kept.map((i) => fake(i.number)),
  };
}

/** A rule with these messages that reports `report` on every issue (or on the backlog). */
function messageRule(
  messages: Record<string, string>,
  report: RuleReport,
  where: 'check' | 'checkBacklog' = 'check',
): RuleModule {
  const rule = { ...base, fixable: false, messages };
  if (where === 'check') return { ...rule, check: () => [report] };
  return { ...rule, checkBacklog: () => [{ issue: 7, ...report }] };
}

function run(rule: RuleModule, scope: 'issue' | 'backlog' = 'issue', numbers = [1]) {
  const config = makeConfig();
  const linter = new Linter(options(config, { scope }), [rule]);
  linter.add(numbers.map((number) => issue({ number })));
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

describe('messages: the engine formats what rules report', () => {
  it("fills {{issue}} with the finding's issue and the placeholders with the data", () => {
    const rule = messageRule(
      { found: '{{issue}} has {{count}} of {{what}}; {{what}} again, on {{issue}}' },
      { messageId: 'found', data: { count: 3, what: 'labels' } },
    );
    expect(run(rule, 'issue', [4, 12]).findings.map((f) => f.message)).toEqual([
      '#4 has 3 of labels; labels again, on #4',
      '#12 has 3 of labels; labels again, on #12',
    ]);
  });

  it('formats backlog-level messages, with or without {{issue}}', () => {
    const rule = messageRule(
      { a: '{{who}} on {{issue}}', b: 'plain {{who}}' },
      { messageId: 'a', data: { who: 'dana' } },
      'checkBacklog',
    );
    expect(run(rule, 'backlog').findings.map((f) => f.message)).toEqual(['dana on #7']);
    const plain = messageRule(
      { b: 'plain {{who}}' },
      { messageId: 'b', data: { who: 'dana' } },
      'checkBacklog',
    );
    expect(run(plain, 'backlog').findings.map((f) => f.message)).toEqual(['plain dana']);
  });

  it('inserts data as it is: braces in values are not placeholders', () => {
    const rule = messageRule(
      { m: '{{issue}} label "{{label}}"' },
      { messageId: 'm', data: { label: '{{issue}} $& {{x}}' } },
    );
    expect(run(rule).findings[0]?.message).toBe('#1 label "{{issue}} $& {{x}}"');
  });

  it.each<[string, Record<string, string>, RuleReport, string]>([
    [
      'an unknown messageId',
      { known: '{{issue}} x' },
      { messageId: 'unknown' },
      'rule fake-rule: reported an unknown messageId "unknown"',
    ],
    [
      'a placeholder without data',
      { m: '{{issue}} owned by {{owner}}' },
      { messageId: 'm' },
      'rule fake-rule: message m has a placeholder {{owner}} but the report has no data for it',
    ],
    [
      'a placeholder missing from the data',
      { m: '{{issue}} {{owner}} {{role}}' },
      { messageId: 'm', data: { owner: 'x' } },
      'rule fake-rule: message m has a placeholder {{role}} but the report has no data for it',
    ],
    [
      'data no placeholder uses',
      { m: '{{issue}} owned by {{owner}}' },
      { messageId: 'm', data: { owner: 'x', role: 'y' } },
      'rule fake-rule: message m is reported with data it does not use: role',
    ],
    [
      'data for {{issue}}',
      { m: '{{issue}} x' },
      { messageId: 'm', data: { issue: '#2' } },
      'rule fake-rule: message m is reported with data it does not use: issue ({{issue}} is filled by the engine)',
    ],
  ])('throws RuleContractError for %s', (_, messages, report, error) => {
    expect(() => run(messageRule(messages, report))).toThrow(RuleContractError);
    expect(() => run(messageRule(messages, report))).toThrow(error);
  });

  it('checks the data of every text it formats, not only the first of a message id', () => {
    let n = 0;
    const rule: RuleModule = {
      ...base,
      fixable: false,
      messages: { m: '{{issue}} {{a}}' },
      check: (): RuleReport[] => [
        n++ === 0
          ? { messageId: 'm', data: { a: 'x' } }
          : { messageId: 'm', data: { a: 'y', b: 'z' } },
      ],
    };
    expect(() => run(rule, 'issue', [1, 2])).toThrow('data it does not use: b');
  });

  it('checks backlog-level reports too', () => {
    const rule = messageRule({ m: '{{who}}' }, { messageId: 'm' }, 'checkBacklog');
    expect(() => run(rule, 'backlog')).toThrow(
      'rule fake-rule: message m has a placeholder {{who}} but the report has no data for it',
    );
  });

  it.each([
    [{}, 'rule fake-rule: declares no messages'],
    [{ m: '  ' }, 'rule fake-rule: message m is empty'],
    [
      { m: '{{issue}} {{ owner }}' },
      'rule fake-rule: message m has a malformed placeholder {{ owner }}',
    ],
    [{ m: '{{issue}} {{}}' }, 'rule fake-rule: message m has a malformed placeholder {{}}'],
    [
      { m: '{{issue}} {{owner}' },
      'rule fake-rule: message m has a "{{" or "}}" that opens or closes no placeholder',
    ],
  ])('refuses a rule whose messages are malformed when the run starts: %j', (messages, error) => {
    const rule = messageRule(messages, { messageId: 'm' });
    expect(() => new Linter(options(makeConfig()), [rule])).toThrow(RuleContractError);
    expect(() => new Linter(options(makeConfig()), [rule])).toThrow(error);
  });
});
