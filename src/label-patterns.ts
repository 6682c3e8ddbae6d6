// Label patterns (exact names or globs, case-insensitive) compiled once per config.
// Lookups are cached per distinct label: a repository has few distinct labels, so a
// 100,000-issue backlog costs a handful of glob tests, not millions.
import { compileLabelGlob, matchableLabel } from './label-glob.js';
import { normalizeLabel } from './names.js';

/**
 * Maps labels to the keys (indices into the pattern groups given) whose patterns match.
 * A glob also matches its own literal text, so a label such as "needs [triage]" can be
 * written as is.
 */
export class LabelPatternIndex {
  private readonly exact = new Map<string, number[]>();
  private readonly globs: { test: (label: string) => boolean; key: number }[] = [];
  private readonly cache = new Map<string, readonly number[]>();

  constructor(groups: readonly (readonly string[])[]) {
    groups.forEach((patterns, key) => {
      for (const pattern of patterns) {
        const normal = normalizeLabel(pattern);
        const keys = this.exact.get(normal);
        if (!keys) this.exact.set(normal, [key]);
        else if (!keys.includes(key)) keys.push(key);
        const test = compileGlob(pattern);
        if (test) this.globs.push({ test, key });
      }
    });
  }

  /** Keys whose patterns match the label, ascending. */
  keysOf(label: string): readonly number[] {
    let keys = this.cache.get(label);
    if (keys === undefined) {
      keys = this.lookup(label);
      this.cache.set(label, keys);
    }
    return keys;
  }

  private lookup(label: string): readonly number[] {
    const normal = normalizeLabel(label);
    const keys = new Set(this.exact.get(normal));
    if (this.globs.length > 0) {
      const matchable = matchableLabel(normal);
      for (const glob of this.globs) if (glob.test(matchable)) keys.add(glob.key);
    }
    return [...keys].sort((a, b) => a - b);
  }
}

/** A single list of label patterns, e.g. `ignore.labels` or a rule's `ignore-labels`. */
export class LabelPatternSet {
  private readonly index: LabelPatternIndex;
  readonly isEmpty: boolean;

  constructor(patterns: readonly string[]) {
    this.index = new LabelPatternIndex([patterns]);
    this.isEmpty = patterns.length === 0;
  }

  /** The first label that matches, if any. */
  firstMatch(labels: readonly string[]): string | undefined {
    if (this.isEmpty) return undefined;
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i] as string;
      if (this.index.keysOf(label).length > 0) return label;
    }
    return undefined;
  }
}

/** A glob's matcher (label-glob.ts), or null when the pattern is a plain name. */
function compileGlob(pattern: string): ((matchable: string) => boolean) | null {
  try {
    return compileLabelGlob(pattern);
  } catch {
    // The config loader reports bad globs; here such a pattern still matches literally.
    return null;
  }
}
