// One compiler for label globs: what the config loader accepts is what the engine runs.
import picomatch from 'picomatch';
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

  it('reads every pattern as picomatch does: the plain names it skips picomatch for included', () => {
    // compileLabelGlob skips picomatch for text without its special characters. Against
    // picomatch itself, on every text of one or two printable ASCII characters (and some
    // others), alone and beside letters: same verdict — plain name, glob, or malformed.
    const chars = [
      ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
      '\uE000', // the stand-in for `/`
      'é',
      '🐛',
      '\u200D',
    ];
    const texts = chars.flatMap((a) => chars.flatMap((b) => [a + b, `x${a}${b}`, `${a}${b}y`]));
    const options = {
      nocase: true,
      dot: true,
      nonegate: true,
      windows: false,
      strictBrackets: true,
    };
    const verdict = (read: () => boolean) => {
      try {
        return read() ? 'glob' : 'plain';
      } catch {
        return 'malformed';
      }
    };
    const seen = { plain: 0, glob: 0, malformed: 0 };
    for (const text of texts) {
      const source = matchableLabel(normalizeLabel(text));
      const ours = verdict(() => compileLabelGlob(text) !== null);
      const theirs = verdict(() => {
        picomatch.makeRe(source, options);
        return picomatch.scan(source, options).isGlob;
      });
      expect(ours, JSON.stringify(text)).toBe(theirs);
      seen[ours]++;
    }
    expect(seen.plain).toBeGreaterThan(texts.length / 2);
    expect(seen.glob).toBeGreaterThan(1000);
    expect(seen.malformed).toBeGreaterThan(100);
  });

  it('the engine matches with it, and still matches a malformed pattern literally', () => {
    const set = new LabelPatternSet(['type: *', 'cost[']);
    expect(set.firstMatch(['other', 'TYPE: feature'])).toBe('TYPE: feature');
    expect(set.firstMatch(['cost['])).toBe('cost[');
    expect(set.firstMatch(['cost'])).toBeUndefined();
  });
});
