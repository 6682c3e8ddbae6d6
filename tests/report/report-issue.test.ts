import { describe, expect, it } from 'vitest';
import { REPORT_MARKER, renderReportIssue } from '../../src/report/report-issue.js';
import { finding, issue, model, sampleModel } from './fixtures.js';

describe('renderReportIssue', () => {
  it('starts with the report marker and holds the full report', () => {
    const body = renderReportIssue(sampleModel());
    expect(REPORT_MARKER).toBe('<!-- backlog-lint:report -->');
    expect(body.startsWith(`${REPORT_MARKER}\n\n# backlog-lint: acme/widgets (backlog mode)`)).toBe(
      true,
    );
    expect(body).toContain('| [#12](https://github.com/acme/widgets/issues/12) | Budget for Q3 |');
    expect(body).toContain('## Load per owner');
  });

  it('cannot be given a second marker by an issue title', () => {
    const m = model({
      result: {
        issues: [issue(1, { title: '<!-- backlog-lint:report --> @alice' })],
        findings: [finding(1, 'type-required', 'error')],
      },
    });
    const body = renderReportIssue(m);
    expect(body.split('<!--')).toHaveLength(2);
    expect(body).not.toMatch(/@[a-z]/);
  });

  it('stays within the character limit, cut by whole rows with an "N more" line', () => {
    const n = 3000;
    const m = model({
      result: {
        issues: Array.from({ length: n }, (_, i) =>
          issue(i + 1, { title: `Title ${i + 1} ${'é'.repeat(40)}` }),
        ),
        findings: Array.from({ length: n }, (_, i) =>
          finding(i + 1, 'owner-required', 'warning', 'No assignee'),
        ),
      },
    });
    const body = renderReportIssue(m);
    expect(body.length).toBeLessThanOrEqual(65536);
    const rows = body.match(/^\| \[#\d+\]\(\S+\) \| .* \|$/gm) ?? [];
    const more =
      /… and (\d+) more issues with findings \(see the run's job summary or JSON report\)/.exec(
        body,
      );
    expect(more).not.toBeNull();
    expect(rows.length + Number(more?.[1])).toBe(n);
    expect(renderReportIssue(m, 5000).length).toBeLessThanOrEqual(5000);
  });
});
