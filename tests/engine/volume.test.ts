// Sanity check at backlog scale; speed itself is measured by the benchmark, not asserted.
import { describe, expect, it } from 'vitest';
import { Linter } from '../../src/engine/index.js';
import { generateIssues } from './generate.js';
import { makeConfig, options } from './helpers.js';

describe('100,000 issues', () => {
  it('are linted in pages of 100', () => {
    const issues = generateIssues(100_000);
    const linter = new Linter(options(makeConfig(), { scope: 'backlog' }));
    for (let start = 0; start < issues.length; start += 100) {
      linter.add(issues.slice(start, start + 100));
    }
    const result = linter.finish();
    expect(result.issues).toHaveLength(100_000);
    expect(result.counts.error + result.counts.warning + result.counts.notice).toBe(
      result.findings.length,
    );
    // Every member holds far more than 10 issues: one capacity finding each.
    expect(result.findings.filter((f) => f.rule === 'owner-capacity')).toHaveLength(4);
  });
});
