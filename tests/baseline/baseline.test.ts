import { describe, expect, it } from 'vitest';
import {
  applyBaseline,
  baselineOf,
  BaselineError,
  countLevels,
  formatBaseline,
  parseBaseline,
} from '../../src/baseline/index.js';
import { lint } from '../../src/engine/index.js';
import { issue, makeConfig, options, type } from '../engine/helpers.js';

const backlog = () => [
  // owner-required (product), owner-label (product missing)
  issue({ number: 1, labels: ['feature'] }),
  // owner-role: expected project, assigned to a product member
  issue({ number: 2, labels: ['budget', 'owner: project'], assignees: ['alice'] }),
  // owner-unknown twice (two logins in no role)
  issue({ number: 3, labels: ['risk', 'owner: project'], assignees: ['bob', 'zed', 'amy'] }),
  // type-required
  issue({ number: 4 }),
];

describe('baseline file', () => {
  it('is sorted JSON keyed by issue, rule and subject, without messages', () => {
    const result = lint(backlog(), options(makeConfig(), { scope: 'backlog' }));
    const text = formatBaseline(baselineOf(result));
    expect(JSON.parse(text)).toEqual({
      version: 1,
      generatedBy: 'backlog-lint',
      entries: [
        { issue: 1, rule: 'milestone-required', subject: 'product' },
        { issue: 1, rule: 'owner-label', subject: 'product' },
        { issue: 1, rule: 'owner-required', subject: 'product' },
        { issue: 2, rule: 'milestone-required', subject: 'project' },
        { issue: 2, rule: 'owner-role', subject: 'project' },
        { issue: 3, rule: 'milestone-required', subject: 'project' },
        { issue: 3, rule: 'owner-unknown', subject: 'amy' },
        { issue: 3, rule: 'owner-unknown', subject: 'zed' },
        { issue: 3, rule: 'single-owner' },
        { issue: 4, rule: 'type-required' },
      ].filter((e) => result.findings.some((f) => f.issue === e.issue && f.rule === e.rule)),
    });
    expect(text).not.toMatch(/message|title/);
    // Stable: the same findings in another order give the same bytes.
    const reversed = lint(backlog().reverse(), options(makeConfig(), { scope: 'backlog' }));
    expect(formatBaseline(baselineOf(reversed))).toBe(text);
    expect(parseBaseline(text, 'b.json')).toEqual(baselineOf(result));
  });

  it('does not depend on message wording', () => {
    const result = lint(backlog(), options(makeConfig(), { scope: 'backlog' }));
    const reworded = {
      ...result,
      findings: result.findings.map((f) => ({ ...f, message: `${f.message} (reworded)` })),
    };
    expect(formatBaseline(baselineOf(reworded))).toBe(formatBaseline(baselineOf(result)));
  });

  it('says which file and what is wrong', () => {
    expect(() => parseBaseline('{', 'base.json')).toThrow(BaselineError);
    expect(() => parseBaseline('{', 'base.json')).toThrow(/baseline base\.json: not valid JSON/);
    expect(() =>
      parseBaseline('{"version":1,"entries":[{"issue":3,"rule":"owner-rol"}]}', 'b.json'),
    ).toThrow(/baseline b\.json: not a backlog-lint baseline at entries\.0\.rule/);
    expect(() => parseBaseline('{"version":2,"entries":[]}', 'b.json')).toThrow(/at version/);
  });

  it("says in words what a bad entry holds and what was expected (zod's English messages)", () => {
    const shape =
      '(expected { "version": 1, "entries": [{ "issue": 12, "rule": "owner-role", "subject": "product" }] })';
    expect(() =>
      parseBaseline('{"version":1,"entries":[{"issue":"3","rule":"owner-role"}]}', 'b.json'),
    ).toThrow(
      `baseline b.json: not a backlog-lint baseline at entries.0.issue: Invalid input: expected number, received string ${shape}`,
    );
    expect(() => parseBaseline('{"version":2,"entries":[]}', 'b.json')).toThrow(
      `baseline b.json: not a backlog-lint baseline at version: Invalid input: expected 1 ${shape}`,
    );
  });
});

describe('applyBaseline', () => {
  it('splits new from known findings and lists fixed entries', () => {
    const config = makeConfig();
    const before = lint(backlog(), options(config, { scope: 'backlog' }));
    const baseline = baselineOf(before);
    // #2 gets the right owner (its owner-role is fixed); a new issue #5 has no type.
    const now = backlog().map((i) => (i.number === 2 ? { ...i, assignees: ['bob'] } : i));
    now.push(issue({ number: 5 }));
    const after = lint(now, options(config, { scope: 'backlog' }));
    const out = applyBaseline(after, baseline, { wholeBacklog: true });
    expect(out.result.findings.map((f) => `${f.issue} ${f.rule}`)).toEqual(['5 type-required']);
    expect(out.result.counts).toEqual(countLevels(out.result.findings));
    expect(out.result.counts.error + out.result.counts.warning + out.result.counts.notice).toBe(1);
    expect(out.known).toHaveLength(after.findings.length - 1);
    expect(out.known.every((f) => f.issue !== 5)).toBe(true);
    expect(out.fixed).toEqual([{ issue: 2, rule: 'owner-role', subject: 'project' }]);
  });

  it('treats a finding whose expected owner role changed as new', () => {
    const before = lint(
      [issue({ number: 2, labels: ['budget'], assignees: ['alice'] })],
      options(makeConfig()),
    );
    const baseline = baselineOf(before);
    // budget is now owned by product: alice is right, but the label rule expects product now.
    const config = makeConfig({
      types: { budget: type('product', { labels: ['budget'] }) },
    });
    const after = lint(
      [issue({ number: 2, labels: ['budget'], assignees: ['bob'] })],
      options(config),
    );
    const out = applyBaseline(after, baseline, { wholeBacklog: false });
    expect(out.result.findings.find((f) => f.rule === 'owner-role')).toBeDefined();
    expect(out.fixed).toContainEqual({ issue: 2, rule: 'owner-role', subject: 'project' });
  });

  it('judges only the issues read when not the whole backlog (issue mode)', () => {
    const config = makeConfig();
    const baseline = baselineOf(lint(backlog(), options(config, { scope: 'backlog' })));
    const one = lint([backlog()[0]!], options(config));
    const out = applyBaseline(one, baseline, { wholeBacklog: false });
    expect(out.result.findings).toEqual([]);
    expect(out.fixed).toEqual([]);
    expect(out.known.map((f) => f.issue)).toEqual(one.findings.map(() => 1));
  });

  it('matches owner-capacity by member, wherever it lands', () => {
    const config = makeConfig({ rules: { 'owner-capacity': ['notice', { max: 1 }] } });
    const two = [
      issue({
        number: 10,
        labels: ['budget', 'owner: project'],
        assignees: ['bob'],
        milestone: 'M',
      }),
      issue({
        number: 11,
        labels: ['budget', 'owner: project'],
        assignees: ['bob'],
        milestone: 'M',
      }),
    ];
    const baseline = baselineOf(lint(two, options(config, { scope: 'backlog' })));
    expect(baseline.entries).toEqual([{ issue: 11, rule: 'owner-capacity', subject: 'bob' }]);
    const three = [
      ...two,
      issue({
        number: 12,
        labels: ['budget', 'owner: project'],
        assignees: ['bob'],
        milestone: 'M',
      }),
    ];
    const out = applyBaseline(lint(three, options(config, { scope: 'backlog' })), baseline, {
      wholeBacklog: true,
    });
    expect(out.known.map((f) => `${f.issue} ${f.rule}`)).toEqual(['12 owner-capacity']);
    expect(out.fixed).toEqual([]);
  });
});
