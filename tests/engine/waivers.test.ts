import { describe, expect, it } from 'vitest';
import { parseDirectives } from '../../src/engine/index.js';
import type { Waiver } from '../../src/types.js';
import { lintOne, rulesOf, TODAY } from './helpers.js';

function parseOne(text: string): Waiver {
  const [waiver] = parseDirectives(12, [text], TODAY);
  if (!waiver) throw new Error('no waiver');
  return waiver;
}

describe('parseDirectives', () => {
  it('reads rule ids, until and reason', () => {
    expect(
      parseOne(
        '<!-- backlog-lint-disable owner-role, single-owner until=2026-12-31 reason="waiting for hire" -->',
      ),
    ).toEqual({
      issue: 12,
      rules: ['owner-role', 'single-owner'],
      until: '2026-12-31',
      reason: 'waiting for hire',
      active: true,
    });
  });

  it('waives every rule when no rule id is given', () => {
    expect(parseOne('<!--backlog-lint-disable-->')).toEqual({
      issue: 12,
      rules: [],
      until: null,
      reason: null,
      active: true,
    });
  });

  it('accepts the text without comment delimiters, single quotes and upper-case ids', () => {
    expect(parseOne("backlog-lint-disable OWNER-ROLE reason='handover'")).toMatchObject({
      rules: ['owner-role'],
      reason: 'handover',
      active: true,
    });
  });

  it('expires after until; until itself is still covered', () => {
    expect(parseOne('backlog-lint-disable until=2026-06-14')).toMatchObject({ active: false });
    expect(parseOne(`backlog-lint-disable until=${TODAY}`)).toMatchObject({ active: true });
    expect(parseOne('backlog-lint-disable until=2026-06-14').problem).toBeUndefined();
  });

  it('flags unknown rule ids with a suggestion, and waives nothing', () => {
    expect(parseOne('backlog-lint-disable owner-rol, owner-label')).toEqual({
      issue: 12,
      rules: ['owner-label'],
      until: null,
      reason: null,
      active: false,
      problem: 'unknown rule "owner-rol" (did you mean "owner-role"?)',
    });
  });

  it('suggests a rule id from its first word, like every other did-you-mean', () => {
    // One helper (src/config/did-you-mean.ts) for config keys, CLI flags and waivers alike.
    expect(parseOne('backlog-lint-disable milestone').problem).toBe(
      'unknown rule "milestone" (did you mean "milestone-required"?)',
    );
    expect(parseOne('backlog-lint-disable owner-lable').problem).toBe(
      'unknown rule "owner-lable" (did you mean "owner-label"?)',
    );
  });

  it('flags bad dates, unknown settings, unclosed quotes and other directives', () => {
    expect(parseOne('backlog-lint-disable until=2026-02-30').problem).toBe(
      'bad date "2026-02-30" for until (expected YYYY-MM-DD)',
    );
    expect(parseOne('backlog-lint-disable until=31/12/2026').active).toBe(false);
    expect(parseOne('backlog-lint-disable owner-role by=alice').problem).toBe(
      'unknown setting "by" (allowed: until, reason)',
    );
    expect(parseOne('backlog-lint-disable reason="no end').problem).toBe(
      'unclosed quote in reason',
    );
    expect(parseOne('backlog-lint-disable-next-line owner-role').problem).toBe(
      'not a backlog-lint-disable directive',
    );
  });

  it('returns one waiver per directive', () => {
    const waivers = parseDirectives(
      3,
      ['backlog-lint-disable owner-role', 'backlog-lint-disable type-required'],
      TODAY,
    );
    expect(waivers.map((w) => w.rules)).toEqual([['owner-role'], ['type-required']]);
  });
});

describe('waivers while linting', () => {
  // budget issue assigned to a product member: owner-role, owner-label, milestone-required
  const facts = { number: 12, labels: ['budget'], assignees: ['alice'] };

  it('hides findings of the waived rules only', () => {
    const result = lintOne({
      ...facts,
      directives: ['<!-- backlog-lint-disable owner-role, owner-label reason="handover" -->'],
    });
    expect(rulesOf(result)).toEqual(['milestone-required']);
    expect(result.waivers).toEqual([
      {
        issue: 12,
        rules: ['owner-role', 'owner-label'],
        until: null,
        reason: 'handover',
        active: true,
      },
    ]);
  });

  it('hides every finding when no rule is named', () => {
    const result = lintOne({ ...facts, directives: ['<!-- backlog-lint-disable -->'] });
    expect(result.findings).toEqual([]);
    expect(result.counts).toEqual({ error: 0, warning: 0, notice: 0 });
  });

  it('applies the rules again once expired, and still lists the waiver', () => {
    const result = lintOne({
      ...facts,
      directives: ['<!-- backlog-lint-disable until=2026-01-31 -->'],
    });
    expect(rulesOf(result)).toEqual(['owner-role', 'milestone-required', 'owner-label']);
    expect(result.waivers).toMatchObject([{ issue: 12, until: '2026-01-31', active: false }]);
  });

  it('waives nothing on an unknown rule id and says so in a notice', () => {
    const result = lintOne({
      ...facts,
      directives: ['<!-- backlog-lint-disable ownerrole -->'],
    });
    expect(rulesOf(result)).toContain('owner-role');
    expect(result.notices).toEqual([
      {
        kind: 'waiver',
        message:
          '#12: a backlog-lint-disable comment waives nothing: unknown rule "ownerrole" (did you mean "owner-role"?)',
      },
    ]);
  });
});
