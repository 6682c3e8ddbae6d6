import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/text.js';
import { finding, issue, model, sampleModel } from './fixtures.js';

// eslint-disable-next-line no-control-regex -- looking for escape characters is the point
const ANSI = /\u001B\[/;

describe('renderText', () => {
  const plain = renderText(sampleModel(), { color: false });

  it('groups findings under their issue with aligned severity and rule columns', () => {
    expect(plain).toContain(
      [
        '#12 Budget for Q3',
        '  error    owner-role          Owned by role project, assigned to product only (fix: assign bob)',
        '  warning  owner-label         Label "owner: project" is missing (fix: add label "owner: project")',
        '',
        '#15 Roadmap 2026',
        '  warning  owner-required      No assignee',
      ].join('\n'),
    );
  });

  it('lists notices, role health, waivers and skipped issues after the findings', () => {
    expect(plain).toContain('Notices:\n  owner-capacity skipped: only runs in backlog mode');
    expect(plain).toContain('Role health:\n  Role design has no members');
    expect(plain).toContain('Waivers:\n  #20 milestone-required (active, until 2099-01-01)');
    expect(plain).toContain('Skipped:\n  #30 label duplicate is ignored');
  });

  it('ends with a one-line total', () => {
    expect(plain.trimEnd().split('\n').at(-1)).toBe(
      '✖ 1 error, 2 warnings, 0 notices in 4 issues (3 checked, 1 skipped)',
    );
  });

  it('says when there are no findings', () => {
    const out = renderText(model({ result: { issues: [issue(1), issue(2)] } }), { color: false });
    expect(out).toBe('✔ no findings in 2 issues\n');
  });

  it('uses no ANSI codes without colour, and colours severities and the total with it', () => {
    expect(plain).not.toMatch(ANSI);
    const coloured = renderText(sampleModel(), { color: true });
    expect(coloured).toContain('\u001B[31merror    \u001B[39m');
    expect(coloured).toContain('\u001B[33mwarning  \u001B[39m');
    expect(coloured.trimEnd().split('\n').at(-1)).toBe(
      '\u001B[1m\u001B[31m✖ 1 error, 2 warnings, 0 notices in 4 issues (3 checked, 1 skipped)\u001B[39m\u001B[22m',
    );
    // Same text once the colours are removed.
    // eslint-disable-next-line no-control-regex -- stripping our own SGR codes
    expect(coloured.replace(/\u001B\[\d+m/g, '')).toBe(plain);
  });

  it('strips escape sequences and newlines from issue text', () => {
    const m = model({
      result: {
        issues: [issue(1, { title: 'evil\u001B[2J\u001B[1;1H\nfake ✔ no findings\u0007' })],
        findings: [finding(1, 'type-required', 'error', 'no type\u001B]0;pwned\u0007')],
      },
    });
    const out = renderText(m, { color: false });
    expect(out).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/); // eslint-disable-line no-control-regex
    expect(out).toContain('#1 evil fake ✔ no findings\n  error    type-required       no type\n');
  });

  it('shows an incomplete run first', () => {
    const out = renderText(sampleModel({ complete: false, incompleteReason: 'rate limit' }), {
      color: false,
    });
    expect(out.split('\n')[0]).toBe('⚠ Incomplete run: rate limit');
  });

  it('caps long skipped lists', () => {
    const m = model({
      result: {
        skipped: Array.from({ length: 25 }, (_, i) => ({ issue: i + 1, reason: 'wontfix' })),
      },
    });
    const out = renderText(m, { color: false });
    expect(out).toContain('  #20 wontfix\n  … and 5 more skipped (see --format json)');
    expect(out).not.toContain('#21 wontfix');
  });
});
