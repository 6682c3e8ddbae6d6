// One compiler for label globs: what the config loader accepts is what the engine runs.
import picomatch from 'picomatch';
import { describe, expect, it, vi } from 'vitest';
import { globProblems } from '../../src/config/globs.js';
import {
  compileLabelGlob,
  LABEL_GLOB_OPTIONS,
  labelGlobError,
  matchableLabel,
  precompileLabelGlobs,
  usePrecompiledLabelGlobs,
} from '../../src/label-glob.js';
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
    const texts = [
      ...chars.flatMap((a) => chars.flatMap((b) => [a + b, `x${a}${b}`, `${a}${b}y`])),
      'a'.repeat(65_536), // picomatch's longest
      'a'.repeat(65_537),
    ];
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
        picomatch.makeRe(source, LABEL_GLOB_OPTIONS);
        return picomatch.scan(source, LABEL_GLOB_OPTIONS).isGlob;
      });
      expect(ours, JSON.stringify(text.slice(0, 40))).toBe(theirs);
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

  it("globs compiled ahead of time (the presets', in presets.json) are picomatch's regexes, taken instead of compiling", () => {
    const table = precompileLabelGlobs(['Cost*', 'type: *', 'bug', '[ab]c', 'a\\*b', 'area/*']);
    const picomatchOf = (source: string) => {
      const regex = picomatch.makeRe(source, LABEL_GLOB_OPTIONS);
      return picomatch.scan(source, LABEL_GLOB_OPTIONS).isGlob
        ? { source: regex.source, flags: regex.flags }
        : null;
    };
    // Keyed by the matchable form; a plain name is not compiled at all; an escaped star is no glob.
    expect(Object.keys(table).sort()).toEqual([
      '[ab]c',
      'a\\*b',
      `area${matchableLabel('/')}*`,
      'cost*',
      'type: *',
    ]);
    for (const [source, compiled] of Object.entries(table))
      expect(compiled).toEqual(picomatchOf(source));
    expect(table['a\\*b']).toBeNull();

    // Taken instead of picomatch's compile: a table entry wins (here one that matches nothing).
    const undo = usePrecompiledLabelGlobs({ ...table, 'zz*': { source: '^$never', flags: '' } });
    const makeRe = vi.spyOn(picomatch, 'makeRe');
    try {
      expect(matches('COST*', 'cost center')).toBe(true);
      expect(matches('cost*', 'costxyz')).toBe(true);
      expect(matches('cost*', 'overcost')).toBe(false);
      expect(matches('area/*', 'Area/Billing')).toBe(true);
      expect(compileLabelGlob('a\\*b')).toBeNull();
      expect(matches('zz*', 'zzz')).toBe(false);
      expect(makeRe).not.toHaveBeenCalled();
      expect(matches('other*', 'others')).toBe(true); // not in the table: picomatch compiles it
      expect(makeRe).toHaveBeenCalledTimes(1);
    } finally {
      makeRe.mockRestore();
      undo();
    }
    expect(matches('zz*', 'zzz')).toBe(true); // taken back: picomatch's again
  });
});
