// One compiler for label globs: what the config loader accepts is what the engine runs.
import { describe, expect, it } from 'vitest';
import { globProblems } from '../../src/config/globs.js';
import { compileLabelGlob, labelGlobError, matchableLabel } from '../../src/label-glob.js';
import { LabelPatternSet } from '../../src/label-patterns.js';
import { normalizeLabel } from '../../src/names.js';

const matches = (glob: string, label: string): boolean =>
  compileLabelGlob(glob)?.(matchableLabel(normalizeLabel(label))) ?? false;

describe('label globs', () => {
  it('plain names are not globs; globs match case-insensitively, across `/`, with `!` and a leading dot literal', () => {
    expect(compileLabelGlob('bug')).toBeNull();
    expect(matches('type: *', 'Type: Bug')).toBe(true);
    expect(matches('*bug', 'area/bug')).toBe(true);
    expect(matches('!urgent*', '!urgent now')).toBe(true);
    expect(matches('.hidden*', '.hidden label')).toBe(true);
    expect(matches('{bug,defect}', 'Defect')).toBe(true);
  });

  it('a glob the loader refuses is one the compiler cannot compile, and the reverse', () => {
    for (const glob of ['cost[', 'a{b', 'x)']) {
      expect(labelGlobError(glob)).toMatch(/missing/i);
      expect(() => compileLabelGlob(glob)).toThrow();
      expect(globProblems({ ignore: { labels: [glob] } })).toHaveLength(1);
    }
    for (const glob of ['type: *', '!urgent*', '[ab]c', 'needs triage']) {
      expect(labelGlobError(glob)).toBeUndefined();
      expect(globProblems({ ignore: { labels: [glob] } })).toEqual([]);
    }
  });

  it('the engine matches with it, and still matches a malformed pattern literally', () => {
    const set = new LabelPatternSet(['type: *', 'cost[']);
    expect(set.firstMatch(['other', 'TYPE: feature'])).toBe('TYPE: feature');
    expect(set.firstMatch(['cost['])).toBe('cost[');
    expect(set.firstMatch(['cost'])).toBeUndefined();
  });
});
