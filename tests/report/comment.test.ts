import { describe, expect, it } from 'vitest';
import { COMMENT_MARKER, renderComment } from '../../src/report/comment.js';
import { finding, issue, model, sampleModel } from './fixtures.js';

const onIssue = (number: number) => ({ kind: 'issue' as const, number });
const onPr = { kind: 'pull-request' as const, number: 99 };

describe('renderComment on an issue', () => {
  it('starts with the hidden marker', () => {
    expect(COMMENT_MARKER).toBe('<!-- backlog-lint:sticky -->');
    expect(renderComment(sampleModel(), onIssue(12)).startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
  });

  it("lists the issue's findings with severity, rule, message and suggested fix", () => {
    const body = renderComment(sampleModel(), onIssue(12));
    expect(body).toContain('❌ 1 error · ⚠️ 1 warning');
    expect(body).toContain(
      '- ❌ **error** `owner-role`: Owned by role project, assigned to product only\n' +
        '  Suggested fix: assign bob.',
    );
    expect(body).toContain(
      '- ⚠️ **warning** `owner-label`: Label &quot;owner: project&quot; is missing\n' +
        '  Suggested fix: add label "owner: project".',
    );
    // Only this issue's findings.
    expect(body).not.toContain('No assignee');
  });

  it('says the issue passes when it has no findings', () => {
    const body = renderComment(sampleModel(), onIssue(20));
    expect(body).toContain('✅ This issue now passes backlog-lint: no ownership findings.');
    expect(body).not.toContain('**error**');
  });

  it('says why an ignored issue is not checked', () => {
    expect(renderComment(sampleModel(), onIssue(30))).toContain(
      'This issue is not checked by backlog-lint: label duplicate is ignored.',
    );
  });

  it('is deterministic and links the workflow run when known', () => {
    const m = sampleModel({ runUrl: 'https://github.com/acme/widgets/actions/runs/42' });
    expect(renderComment(m, onIssue(12))).toBe(renderComment(m, onIssue(12)));
    expect(renderComment(m, onIssue(12))).toContain(
      '<sub>[backlog-lint workflow run](https://github.com/acme/widgets/actions/runs/42)</sub>',
    );
    expect(renderComment(sampleModel(), onIssue(12))).not.toContain('<sub>');
  });

  it('flags an incomplete run', () => {
    const body = renderComment(
      sampleModel({ complete: false, incompleteReason: 'API error' }),
      onIssue(12),
    );
    expect(body).toContain('**⚠️ Incomplete run: API error.**');
  });

  it('escapes hostile issue text: no HTML, forged marker, mentions, links or broken lines', () => {
    const hostile =
      'x <!-- backlog-lint:sticky --> @alice <img src=x onerror=alert(1)> [x](javascript:alert(1)) a|b\nc';
    const m = model({
      mode: 'pull-request',
      result: {
        issues: [issue(7, { title: hostile })],
        findings: [
          finding(7, 'owner-unknown', 'warning', `Assignee @mallory is in no role: ${hostile}`, {
            addLabels: ['<b>'],
            addAssignees: ['@acme/team'],
          }),
        ],
      },
    });
    for (const body of [renderComment(m, onIssue(7)), renderComment(m, onPr)]) {
      expect(body.indexOf('<!--')).toBe(0);
      expect(body.lastIndexOf('<!--')).toBe(0); // the marker appears once
      expect(body).not.toMatch(/<img|<b>|@[A-Za-z]/);
      expect(body).not.toMatch(/(?<!\\)\[x(?<!\\)\]/);
      expect(body).toContain('a\\|b c');
    }
  });
});

describe('renderComment on a pull request', () => {
  const body = renderComment(sampleModel({ mode: 'pull-request' }), onPr);

  it('has a section per linked issue, linked and titled', () => {
    expect(body).toContain('2 of 4 linked issues have ownership findings.');
    expect(body).toContain(
      '#### [#12](https://github.com/acme/widgets/issues/12) Budget for Q3\n\n- ❌ **error** `owner-role`',
    );
    expect(body).toContain(
      '#### [#15](https://github.com/acme/widgets/issues/15) Roadmap 2026\n\n- ⚠️ **warning** `owner-required`: No assignee',
    );
    expect(body).toContain(
      '#### [#20](https://github.com/acme/widgets/issues/20) Pricing page\n\n✅ Passes backlog-lint.',
    );
    expect(body).toContain('Not checked: label duplicate is ignored.');
  });

  it('sums up the linked issues: all pass, all have findings, or none linked', () => {
    const clean = model({ mode: 'pull-request', result: { issues: [issue(1), issue(2)] } });
    expect(renderComment(clean, onPr)).toContain('✅ 2 linked issues: all pass backlog-lint.');
    const dirty = model({
      mode: 'pull-request',
      result: {
        issues: [issue(1), issue(2)],
        findings: [finding(1, 'type-required', 'error'), finding(2, 'type-required', 'error')],
      },
    });
    expect(renderComment(dirty, onPr)).toContain('All 2 linked issues have ownership findings.');
    expect(renderComment(model({ mode: 'pull-request' }), onPr)).toContain(
      'This pull request links no issues, so there is nothing to check.',
    );
  });

  it('lists linked items the action could not check', () => {
    const m = model({
      mode: 'pull-request',
      skipped: [{ item: 'other/repo#3', reason: 'not readable with this token' }],
    });
    expect(renderComment(m, onPr)).toContain(
      '**Not checked:**\n\n- other/repo\\#\u200B3: not readable with this token',
    );
  });
});

describe('renderComment size limit', () => {
  const big = model({
    mode: 'pull-request',
    runUrl: 'https://github.com/acme/widgets/actions/runs/42',
    result: {
      issues: Array.from({ length: 400 }, (_, i) => issue(i + 1, { title: 'T'.repeat(200) })),
      findings: Array.from({ length: 400 }, (_, i) => [
        finding(i + 1, 'owner-required', 'warning', 'No assignee '.repeat(10)),
        finding(i + 1, 'owner-label', 'warning', 'Missing label '.repeat(10)),
      ]).flat(),
    },
  });

  it('stays within the default 65,536 characters, cut by whole items with an "N more" line', () => {
    const body = renderComment(big, onPr);
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    const shown = body.match(/^- ⚠️ \*\*warning\*\*/gm)?.length ?? 0;
    const more = /… and (\d+) more findings not shown here/.exec(body);
    expect(more).not.toBeNull();
    expect(shown + Number(more?.[1])).toBe(800);
    // Every shown item is whole; the footer survives.
    const whole = body.match(
      /^- ⚠️ \*\*warning\*\* `[a-z-]+`: (No assignee ?|Missing label ?){10}$/gm,
    );
    expect(whole?.length).toBe(shown);
    expect(body.trimEnd().endsWith('</sub>')).toBe(true);
  });

  it('respects a small limit on an issue too', () => {
    const m = model({
      result: {
        issues: [issue(1)],
        findings: Array.from({ length: 50 }, () =>
          finding(1, 'owner-unknown', 'warning', 'x'.repeat(100)),
        ),
      },
    });
    const body = renderComment(m, onIssue(1), 1000);
    expect(body.length).toBeLessThanOrEqual(1000);
    expect(body).toMatch(/… and \d+ more findings not shown here/);
  });
});
