// Pure parts of the action's setup: the test-only timing knob, the event file, issue numbers
// and the annotation budget's slots.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvent } from '../../src/action/event.js';
import { isIssueNumber, readInputs } from '../../src/action/inputs.js';
import { clientTiming } from '../../src/action/timing.js';
import { buildAnnotations } from '../../src/report/annotations.js';
import type { ReportModel } from '../../src/types.js';

describe('clientTiming', () => {
  it('takes known non-negative numbers only; nothing without the variable', () => {
    expect(clientTiming({})).toEqual({});
    expect(clientTiming({ BACKLOG_LINT_TEST_TIMING: 'not json' })).toEqual({});
    expect(
      clientTiming({
        BACKLOG_LINT_TEST_TIMING: JSON.stringify({
          requestTimeoutMs: 50,
          writeSpacingMs: -1,
          maxWaitSeconds: '2',
          other: 1,
        }),
      }),
    ).toEqual({ requestTimeoutMs: 50 });
  });
});

describe('readEvent', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'event-'));
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  it('null, an array or a number is not an event', () => {
    for (const [text, what] of [
      ['null', 'null'],
      ['[]', 'an array'],
      ['3', 'a number'],
    ] as const) {
      expect(() => readEvent({ GITHUB_EVENT_PATH: file(`e-${what}.json`, text) })).toThrow(
        `is not a JSON object (it holds ${what})`,
      );
    }
  });
  it('a missing file says so, naming the variable', () => {
    expect(() => readEvent({ GITHUB_EVENT_PATH: path.join(dir, 'none.json') })).toThrow(
      /GITHUB_EVENT_PATH=.*none\.json does not exist/,
    );
  });
  it('no variable: an empty payload (local runs)', () => {
    expect(readEvent({}).payload).toEqual({});
  });
});

describe('issue numbers', () => {
  it('whole numbers from 1 to 2^31-1 only', () => {
    expect([1, 2 ** 31 - 1].every(isIssueNumber)).toBe(true);
    expect([0, -1, 1.5, 1e308, 2 ** 31, Number.NaN, '3'].some(isIssueNumber)).toBe(false);
    for (const raw of ['-1', '0', '1.5', '1e308', '99999999999', '0x10']) {
      expect(() => readInputs((n) => (n === 'issue-number' ? raw : ''))).toThrow(
        /Input 'issue-number'/,
      );
    }
    expect(readInputs((n) => (n === 'issue-number' ? '#12' : '')).issueNumber).toBe(12);
  });
});

describe('buildAnnotations with slots', () => {
  const finding = (issue: number) => ({
    issue,
    rule: 'owner-role',
    severity: 'error' as const,
    message: `#${issue} wrong owner`,
  });
  const model = (n: number) =>
    ({
      result: { findings: Array.from({ length: n }, (_, i) => finding(i + 1)) },
    }) as unknown as ReportModel;

  it('one error slot kept for the failure: 9 errors and a pointer notice', () => {
    const out = buildAnnotations(model(12), { error: 9 });
    expect(out.filter((a) => a.level === 'error')).toHaveLength(9);
    expect(out.at(-1)).toMatchObject({ level: 'notice', title: 'backlog-lint: 3 more findings' });
  });
  it('default: 10 per level as before', () => {
    expect(buildAnnotations(model(12)).filter((a) => a.level === 'error')).toHaveLength(10);
  });
});
