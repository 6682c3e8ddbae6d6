import { describe, expect, it } from 'vitest';
import { failingIssues } from '../../src/action/outputs.js';
import {
  ANNOTATIONS_PER_LEVEL,
  findingsDigest,
  MAX_ISSUE_ROWS,
} from '../../src/report/findings-digest.js';
import { findingsOfFirstIssues } from '../../src/report/format.js';
import { compareText } from '../../src/names.js';
import { LEVELS, type Finding, type Level } from '../../src/types.js';
import { finding, result } from './fixtures.js';

// A backlog's findings in the engine's order (errors, then warnings, then notices), over more
// issues than the issues table lists, issues out of order and some with several findings.
function backlogFindings(): Finding[] {
  const rules = ['owner-role', 'label-required', 'milestone-required', 'owner-capacity'];
  const out: Finding[] = [];
  LEVELS.forEach((level, l) => {
    for (let k = 0; k < 900 + 300 * l; k++) {
      const issue = ((k * 7919 + l * 13) % 1700) + 1;
      out.push(finding(issue, rules[(k + l) % rules.length] ?? 'owner-role', level));
    }
  });
  return out;
}

describe('the findings digest (one pass over a result’s findings)', () => {
  const findings = backlogFindings();
  const r = result({ findings });
  const d = findingsDigest(r);

  it('counts and first findings of each level are those of the findings themselves', () => {
    for (const level of LEVELS) {
      const of = findings.filter((f) => f.severity === level);
      expect(d.count[level]).toBe(of.length);
      expect(d.first[level]).toEqual(of.slice(0, ANNOTATIONS_PER_LEVEL));
    }
  });

  it('per-rule counts: errors first, then most findings, then by rule id', () => {
    const naive = new Map<string, { rule: string; level: Level; n: number }>();
    for (const f of findings) {
      const key = `${f.severity} ${f.rule}`;
      const e = naive.get(key) ?? { rule: f.rule, level: f.severity, n: 0 };
      e.n += 1;
      naive.set(key, e);
    }
    const expected = [...naive.values()].sort(
      (a, b) =>
        LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
        b.n - a.n ||
        compareText(a.rule, b.rule),
    );
    expect(d.perRule).toEqual(expected);
  });

  it('the issues `fail-on` fails, ascending, as the failing-issues output gives them', () => {
    const numbers = (levels: Level[]) =>
      [...new Set(findings.filter((f) => levels.includes(f.severity)).map((f) => f.issue))].sort(
        (a, b) => a - b,
      );
    expect(d.failingOnError).toEqual(numbers(['error']));
    expect(d.failingOnWarning).toEqual(numbers(['error', 'warning']));
    expect(failingIssues(r, 'error')).toBe(JSON.stringify(numbers(['error'])));
    expect(failingIssues(r, 'warning')).toBe(JSON.stringify(numbers(['error', 'warning'])));
    expect(failingIssues(r, 'never')).toBe('[]');
  });

  it('groups the first MAX_ISSUE_ROWS issues as findingsOfFirstIssues does, and counts them all', () => {
    const expected = findingsOfFirstIssues(findings, MAX_ISSUE_ROWS);
    expect(d.issues).toBe(expected.issues);
    expect(d.issues).toBeGreaterThan(MAX_ISSUE_ROWS);
    expect([...d.groups]).toEqual([...expected.groups]);
  });

  it('is built once per result', () => {
    expect(findingsDigest(r)).toBe(d);
    expect(findingsDigest(result({ findings }))).not.toBe(d);
  });
});
