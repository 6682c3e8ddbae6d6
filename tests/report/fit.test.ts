import { describe, expect, it } from 'vitest';
import { fitSections, jsChars, utf8Bytes, type Section } from '../../src/report/fit.js';
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

  it('never exceeds the limit, however small', () => {
    const m = sampleModel();
    for (let max = 0; max <= 3000; max += 7) {
      expect(utf8Bytes(renderSummary(m, max))).toBeLessThanOrEqual(max);
    }
  });
});
