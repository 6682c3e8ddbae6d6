import { describe, expect, it } from 'vitest';
import {
  appendRun,
  change,
  HISTORY_MAX_RUNS,
  historyEntry,
  parseHistory,
  renderHistoryBlock,
  trendSections,
} from '../../src/report/history.js';
import { renderReportIssue } from '../../src/report/report-issue.js';
import { renderSummary } from '../../src/report/summary.js';
import type { HistoryEntry } from '../../src/types.js';
import { finding, issue, model } from './fixtures.js';

function entry(at: string, over: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    at,
    checked: 10,
    counts: { error: 2, warning: 1, notice: 0 },
    rules: { 'owner-role': 2, 'owner-label': 1 },
    roles: { product: 1, project: 2 },
    unowned: 4,
    ...over,
  };
}

describe('history entry', () => {
  it('counts findings per severity, rule and owner role, known ones included, and unowned issues', () => {
    const m = model({
      result: {
        issues: [
          issue(1, { assignees: ['alice'], assigneeRoles: { alice: ['product'] } }), // owned
          issue(2, {
            ownerRole: 'project',
            assignees: ['alice'],
            assigneeRoles: { alice: ['product'] },
          }),
          issue(3, { type: null, types: [], ownerRole: null }),
          issue(4, { status: 'ignored', ownerRole: null }),
        ],
        findings: [finding(2, 'owner-role', 'error'), finding(3, 'type-required', 'warning')],
      },
      baseline: {
        source: 'b.json',
        known: [finding(2, 'milestone-required', 'warning')],
        knownCounts: { error: 0, warning: 1, notice: 0 },
        fixed: [],
      },
    });
    expect(historyEntry(m, new Date('2026-12-01T06:00:00Z'))).toEqual({
      at: '2026-12-01T06:00:00.000Z',
      checked: 3,
      counts: { error: 1, warning: 2, notice: 0 },
      rules: { 'owner-role': 1, 'type-required': 1, 'milestone-required': 1 },
      roles: { project: 2, '(none)': 1 },
      unowned: 2,
    });
  });
});

describe('history block', () => {
  it('round-trips through the issue body, hidden, and cannot be closed by a role name', () => {
    const runs = [entry('2026-11-30T06:00:00.000Z', { roles: { 'x --> <b>': 1 } })];
    const block = renderHistoryBlock(runs);
    expect(block.startsWith('<!-- backlog-lint:history v1\n')).toBe(true);
    expect(block.indexOf('-->')).toBe(block.length - 3);
    expect(block).not.toMatch(/<b>/);
    expect(parseHistory(`intro\n\n${block}\n\nrest`)).toEqual({ runs });
  });

  it('starts afresh with a notice when the block does not parse; none when absent', () => {
    expect(parseHistory('no block here')).toEqual({ runs: [] });
    expect(parseHistory(null)).toEqual({ runs: [] });
    const broken = parseHistory('<!-- backlog-lint:history v1\n[{"at": oops\n-->');
    expect(broken.runs).toEqual([]);
    expect(broken.notice).toMatch(/could not be read \(it is not valid JSON\); it starts afresh/);
    const wrong = parseHistory('<!-- backlog-lint:history v1\n[{"at": "yesterday"}]\n-->');
    expect(wrong.notice).toMatch(/not in the expected shape/);
  });

  it('keeps the last 52 runs', () => {
    let runs: HistoryEntry[] = [];
    for (let i = 0; i < 60; i++) {
      runs = appendRun(runs, entry(`2026-01-01T00:00:${String(i).padStart(2, '0')}Z`));
    }
    expect(runs).toHaveLength(HISTORY_MAX_RUNS);
    expect(runs[0]?.at).toBe('2026-01-01T00:00:08Z');
  });
});

describe('trend sections', () => {
  it('show the change since the last run per rule and role, and an xychart of the runs', () => {
    const runs = [
      entry('2026-11-23T06:00:00Z'),
      entry('2026-11-30T06:00:00Z', {
        counts: { error: 3, warning: 0, notice: 0 },
        rules: { 'owner-role': 3 },
        roles: { product: 0, project: 3 },
        unowned: 3,
      }),
    ];
    const [section] = trendSections({ runs });
    const text = section?.head ?? '';
    expect(text).toMatch(
      /Since the last run \(2026-11-23\): ❌ errors 3 \(▲ 1\) · ⚠️ warnings 0 \(▼ 1\)/,
    );
    expect(text).toMatch(/unowned issues 3 \(▼ 1\)/);
    expect(text).toContain('| `owner-role` | 2 | 3 | ▲ 1 |');
    expect(text).toContain('| `owner-label` | 1 | 0 | ▼ 1 |');
    expect(text).toContain('| project | 2 | 3 | ▲ 1 |');
    expect(text).toContain('| product | 1 | 0 | ▼ 1 |');
    expect(text).toContain('xychart-beta');
    expect(text).toContain('x-axis ["11-23", "11-30"]');
    expect(text).toContain('bar [3, 3]');
    expect(text).toContain('line [4, 3]');
  });

  it('make equal dates distinct on the axis and say when it is the first run', () => {
    const same = [entry('2026-11-30T06:00:00Z'), entry('2026-11-30T07:00:00Z')];
    expect(trendSections({ runs: same })[0]?.head).toContain('x-axis ["11-30", "11-30 (2)"]');
    expect(trendSections({ runs: [same[0]!] })[0]?.head).toMatch(/First run recorded/);
    expect(trendSections(undefined)).toEqual([]);
    expect(change(1, 1)).toBe('=');
  });

  it('appear in the summary and the report issue, which also carries the hidden history', () => {
    const runs = [entry('2026-11-23T06:00:00Z'), entry('2026-11-30T06:00:00Z')];
    const m = model({ trend: { runs, notice: 'The trend history … starts afresh' } });
    expect(renderSummary(m)).toMatch(/## Trend\n\n> \[!NOTE\]\n> The trend history/);
    const body = renderReportIssue(m);
    expect(parseHistory(body)).toEqual({ runs });
    expect(body).toContain('## Trend');
    expect(renderSummary(m)).not.toContain('backlog-lint:history');
  });
});
