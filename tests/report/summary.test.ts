import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderSummary } from '../../src/report/summary.js';
import type { IssueResult } from '../../src/types.js';
import { finding, issue, model, sampleModel } from './fixtures.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** The markdown table under a `## heading`, as arrays of cells (header row excluded). */
function tableRows(md: string, heading: string): string[] {
  const start = md.indexOf(`## ${heading}`);
  expect(start, `section ${heading}`).toBeGreaterThanOrEqual(0);
  const lines = md.slice(start).split('\n').slice(2);
  const end = lines.findIndex((l) => !l.startsWith('|'));
  return lines.slice(2, end === -1 ? undefined : end);
}

describe('renderSummary', () => {
  const md = renderSummary(sampleModel());

  it('starts with a title naming the repository and mode, and the config source', () => {
    expect(md.split('\n')[0]).toBe('# backlog-lint: acme/widgets (backlog mode)');
    expect(md).toContain('Config: .github/backlog-lint.yml');
  });

  it('shows totals of issues checked and findings by level', () => {
    expect(md).toContain(
      '**3 issues checked** · ❌ 1 error · ⚠️ 2 warnings · ℹ️ 0 notices · 1 skipped',
    );
  });

  it('counts findings per rule, most severe first', () => {
    expect(tableRows(md, 'Findings by rule')).toEqual([
      '| `owner-role` | ❌ error | 1 |',
      '| `owner-label` | ⚠️ warning | 1 |',
      '| `owner-required` | ⚠️ warning | 1 |',
    ]);
  });

  it('lists issues with findings, linked, with type, owner, assignees and findings', () => {
    const rows = tableRows(md, 'Issues with findings');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toBe(
      '| [#12](https://github.com/acme/widgets/issues/12) | Budget for Q3 | budget | project | alice (product) | ' +
        '❌ `owner-role` Owned by role project, assigned to product only<br>↳ **Fix:** assign bob<br>' +
        '⚠️ `owner-label` Label &quot;owner: project&quot; is missing<br>↳ **Fix:** add label "owner: project" |',
    );
    expect(rows[1]).toContain(
      '| [#15](https://github.com/acme/widgets/issues/15) | Roadmap 2026 |',
    );
    expect(rows[1]).toContain('| — | ⚠️ `owner-required` No assignee |');
  });

  it('reports load per owner and role, role health, notices, waivers and skipped issues', () => {
    expect(tableRows(md, 'Load per role')).toEqual(['| product | 2 | 1 |', '| project | 1 | 0 |']);
    expect(tableRows(md, 'Load per owner')).toEqual([
      '| alice | product | 2 |',
      '| bob | project | 0 |',
    ]);
    expect(md).toContain('## Role health\n\n- Role design has no members');
    expect(md).toContain('## Notices\n\n- owner-capacity skipped: only runs in backlog mode');
    expect(tableRows(md, 'Waivers')).toEqual([
      '| [#20](https://github.com/acme/widgets/issues/20) | `milestone-required` | 2099-01-01 | Q4 | active |',
      '| [#15](https://github.com/acme/widgets/issues/15) | all rules | 2020-01-01 | — | expired |',
    ]);
    expect(md).toContain(
      '## Skipped\n\n- [#30](https://github.com/acme/widgets/issues/30): label duplicate is ignored',
    );
  });

  it('draws a mermaid pie of issues per owner role, skipping empty slices', () => {
    expect(md).toContain(
      [
        '```mermaid',
        'pie showData',
        '    title Issues by owner role',
        '    "product" : 2',
        '    "project" : 1',
        '    "unclassified" : 1',
        '```',
      ].join('\n'),
    );
    expect(md).not.toContain('"design"');
  });

  it('escapes quotes in role names inside the pie', () => {
    const out = renderSummary(
      model({ result: { classification: { byRole: { 'de"sign': 3 }, untyped: 0, ambiguous: 2 } } }),
    );
    expect(out).toContain('    "de#quot;sign" : 3\n    "ambiguous" : 2');
  });

  it('says so when there are no findings', () => {
    const out = renderSummary(model({ result: { issues: [issue(1)] } }));
    expect(out).toContain('✅ No findings: every checked issue passes.');
    expect(out).not.toContain('## Findings by rule');
  });

  it('shows a prominent banner when the run is incomplete', () => {
    const out = renderSummary(
      sampleModel({ complete: false, incompleteReason: 'rate limit hit after 300 issues.' }),
    );
    const lines = out.split('\n');
    expect(lines.slice(4, 6)).toEqual([
      '> [!WARNING]',
      '> **⚠️ Incomplete run: rate limit hit after 300 issues.**',
    ]);
    expect(md).not.toContain('Incomplete');
  });

  it('lists planned writes under dry-run', () => {
    const out = renderSummary(
      sampleModel({
        dryRun: true,
        writes: [
          { kind: 'add-labels', issue: 12, description: 'add label "owner: project"', done: false },
          { kind: 'comment', issue: 12, description: 'update the sticky comment', done: false },
        ],
      }),
    );
    expect(out.split('\n')[0]).toBe('# backlog-lint: acme/widgets (backlog mode, dry-run)');
    expect(out).toContain(
      '## Planned writes (dry-run: nothing was written)\n\n' +
        '- #12 add-labels: add label &quot;owner: project&quot;\n' +
        '- #12 comment: update the sticky comment',
    );
  });

  it('lists done and failed writes outside dry-run', () => {
    const out = renderSummary(
      sampleModel({
        writes: [
          { kind: 'report-issue', issue: 7, description: 'update the report issue', done: true },
          { kind: 'add-assignees', issue: 12, description: 'assign bob', done: false },
        ],
      }),
    );
    expect(out).toContain(
      '## Writes\n\n- #7 report-issue: update the report issue ✅ done\n- #12 add-assignees: assign bob ❌ not done',
    );
  });

  it('lists items the action skipped along with the engine skips', () => {
    const out = renderSummary(
      sampleModel({ skipped: [{ item: 'pull request #5', reason: 'not an issue' }] }),
    );
    expect(out).toContain('- pull request \\#5: not an issue');
  });

  it('escapes hostile issue text in the issues table', () => {
    const hostile = issue(7, {
      title: '<img src=x onerror=alert(1)> @alice [x](javascript:alert(1)) a|b\n## forged',
      assignees: ['@acme/team'],
      assigneeRoles: {},
    });
    const out = renderSummary(
      model({
        result: {
          issues: [hostile],
          findings: [finding(7, 'owner-unknown', 'warning', '<!-- x -->')],
        },
      }),
    );
    const [row] = tableRows(out, 'Issues with findings');
    expect(row).toBeDefined();
    expect(row).not.toMatch(/<img|<!--|@[a-z]|\n/);
    expect(row?.split(/(?<!\\)\|/)).toHaveLength(8); // 6 cells + the outer pipes
    expect(out).not.toContain('\n## forged');
  });

  it('falls back to a link built from the repository, and never links non-http URLs', () => {
    const out = renderSummary(
      model({
        result: {
          issues: [issue(1, { url: '' }), issue(2, { url: 'javascript:alert(1)' })],
          findings: [finding(1, 'type-required', 'error'), finding(2, 'type-required', 'error')],
        },
      }),
    );
    expect(out).toContain('| [#1](https://github.com/acme/widgets/issues/1) |');
    expect(out).toContain('| [#2](https://github.com/acme/widgets/issues/2) |');
    expect(out).not.toContain('javascript:');
  });
});

describe('renderSummary size limit', () => {
  function hugeModel(n: number, message = 'No assignee') {
    const issues: IssueResult[] = Array.from({ length: n }, (_, i) =>
      issue(i + 1, { title: `Ünïcödé title ${'long '.repeat(20)}${i + 1}` }),
    );
    return model({
      result: {
        issues,
        findings: issues.map((i) => finding(i.number, 'owner-required', 'warning', message)),
        load: {
          members: Array.from({ length: 2000 }, (_, i) => ({
            login: `member${i}`,
            roles: ['product'],
            open: i,
          })),
          roles: {},
        },
        skipped: Array.from({ length: 3000 }, (_, i) => ({
          issue: n + i + 1,
          reason: 'label wontfix',
        })),
      },
    });
  }

  it('stays within a tiny limit, cutting the issues table by whole rows with an "N more" line', () => {
    const maxBytes = 6000;
    const out = renderSummary(hugeModel(5000), maxBytes);
    expect(bytes(out)).toBeLessThanOrEqual(maxBytes);
    const rows = tableRows(out, 'Issues with findings');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows)
      expect(r).toMatch(
        /^\| \[#\d+\]\(https:\/\/github\.com\/acme\/widgets\/issues\/\d+\) \| .* \|$/,
      );
    const more =
      /… and (\d+) more issues with findings \(full list in the JSON report at the `report-path` output\)/.exec(
        out,
      );
    expect(more).not.toBeNull();
    expect(rows.length + Number(more?.[1])).toBe(5000);
    // The most severe / first issues are the ones kept.
    expect(rows[0]).toContain('[#1]');
  });

  it('keeps the title and totals even when the limit is very small', () => {
    const out = renderSummary(hugeModel(100), 300);
    expect(bytes(out)).toBeLessThanOrEqual(300);
    expect(out).toMatch(/^# backlog-lint: acme\/widgets \(backlog mode\)/);
  });

  it('shows at most 1,000 issues, the rest counted in the "N more" line', () => {
    const out = renderSummary(hugeModel(20000));
    expect(bytes(out)).toBeLessThan(1024 * 1024); // 1,000 of these rows are ~250 KB
    const rows = tableRows(out, 'Issues with findings');
    expect(rows).toHaveLength(1000);
    expect(rows[0]).toContain('[#1]');
    expect(rows.at(-1)).toContain('[#1000]');
    expect(out).toContain(
      '|\n\n… and 19000 more issues with findings (full list in the JSON report at the `report-path` output)\n',
    );
    expect(out).toContain('## Load per owner');
  });

  it('at 1,001 issues one is left out and counted; at 1,000 none is', () => {
    const out = renderSummary(hugeModel(1001));
    expect(tableRows(out, 'Issues with findings')).toHaveLength(1000);
    expect(out).toContain('… and 1 more issues with findings (full list');
    const whole = renderSummary(hugeModel(1000));
    expect(tableRows(whole, 'Issues with findings')).toHaveLength(1000);
    expect(whole).not.toContain('more issues with findings');
  });

  it('cuts whole rows to stay under the default 1 MiB when 1,000 rows are more', () => {
    const out = renderSummary(
      hugeModel(3000, `No assignee. ${'Wörds of a long message. '.repeat(60)}`),
    );
    expect(bytes(out)).toBeLessThanOrEqual(1024 * 1024);
    const rows = tableRows(out, 'Issues with findings');
    expect(rows.length).toBeGreaterThan(500);
    expect(rows.length).toBeLessThan(1000);
    const more = /… and (\d+) more issues with findings \(full list/.exec(out);
    expect(rows.length + Number(more?.[1])).toBe(3000);
    expect(out).toContain('## Load per owner');
  });

  it('is not cut when it fits', () => {
    const out = renderSummary(hugeModel(50));
    expect(tableRows(out, 'Issues with findings')).toHaveLength(50);
    expect(out).not.toContain('more issues with findings');
  });
});

describe('renderMarkdown', () => {
  it('is the full summary with no size limit', () => {
    expect(renderMarkdown(sampleModel())).toBe(renderSummary(sampleModel()));
  });

  it('lists every issue with findings, with no cap on the rows', () => {
    const issues = Array.from({ length: 1500 }, (_, i) => issue(i + 1));
    const out = renderMarkdown(
      model({
        result: {
          issues,
          findings: issues.map((i) => finding(i.number, 'owner-required', 'warning')),
        },
      }),
    );
    expect(tableRows(out, 'Issues with findings')).toHaveLength(1500);
    expect(out).not.toContain('more issues with findings');
  });
});
