import { describe, expect, it } from 'vitest';
import { fitSections, jsChars, lazyRows, utf8Bytes, type Section } from '../../src/report/fit.js';
import { renderSummary } from '../../src/report/summary.js';
import { sampleModel } from './fixtures.js';

const list = (name: string, n: number, priority?: number): Section => ({
  head: `## ${name}`,
  rows: Array.from({ length: n }, (_, i) => `- ${name} ${i + 1}`),
  more: (k) => `- ${k} more ${name}`,
  ...(priority !== undefined && { priority }),
});

describe('fitSections', () => {
  it('keeps everything when it fits', () => {
    expect(fitSections([list('a', 2)], 100, jsChars)).toBe('## a\n- a 1\n- a 2\n');
  });

  it('cuts whole rows and gives lists with a lower priority space first', () => {
    const out = fitSections([list('a', 50, 2), list('b', 3, 1)], 120, jsChars);
    expect(out.length).toBeLessThanOrEqual(120);
    expect(out).toContain('## b\n- b 1\n- b 2\n- b 3\n');
    expect(out).toMatch(/- a \d+\n- \d+ more a\n/);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const rows = Array.from({ length: 10 }, () => 'é'.repeat(10));
    const out = fitSections([{ head: 'h', rows, more: (k) => `+${k}` }], 60, utf8Bytes);
    expect(utf8Bytes(out)).toBeLessThanOrEqual(60);
    expect(out).toBe(`h\n${rows[0]}\n${rows[1]}\n+8\n`);
  });

  it('renders rows built on demand like the same rows given whole, building only what it shows', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => i + 1);
    let built = 0;
    const lazy = (): Section => ({
      head: '## issues',
      rows: lazyRows(items, (n) => {
        built += 1;
        return `- issue ${n} ✅`;
      }),
      more: (k) => `- … and ${k} more issues`,
    });
    const eager: Section = {
      head: '## issues',
      rows: items.map((n) => `- issue ${n} ✅`),
      more: (k) => `- … and ${k} more issues`,
    };
    for (const max of [0, 40, 5000, 65536]) {
      built = 0;
      const out = fitSections([{ head: '# report' }, lazy(), list('b', 3, 1)], max, utf8Bytes);
      expect(out).toBe(fitSections([{ head: '# report' }, eager, list('b', 3, 1)], max, utf8Bytes));
      // The rows that fit, plus the one that did not (its size had to be known).
      expect(built).toBeLessThanOrEqual(Math.ceil(max / 10) + 1);
    }
    const cut = /- issue (\d+) ✅\n- … and (\d+) more issues\n$/.exec(
      fitSections([lazy()], 65536, jsChars),
    );
    expect(Number(cut?.[1]) + Number(cut?.[2])).toBe(100_000);
    const few = { ...lazy(), rows: lazyRows([1, 2], (n) => `- issue ${n}`) };
    expect(fitSections([few], 100, jsChars)).toBe('## issues\n- issue 1\n- issue 2\n');
  });

  it('counts rows left out before the fitting in the "more" line, shown even when the rest fit', () => {
    const capped: Section = { ...list('a', 3), unlisted: 5 };
    expect(fitSections([capped], 100, jsChars)).toBe('## a\n- a 1\n- a 2\n- a 3\n- 5 more a\n');
    // The rows fit only without the "more" line: a row is cut to make room for it.
    expect(fitSections([capped], 28, jsChars)).toBe('## a\n- a 1\n- a 2\n- 6 more a\n');
  });

  it('never exceeds the limit, however small', () => {
    const m = sampleModel();
    for (let max = 0; max <= 3000; max += 7) {
      expect(utf8Bytes(renderSummary(m, max))).toBeLessThanOrEqual(max);
    }
  });
});
