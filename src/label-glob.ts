// The one compiler of label globs (type labels, `ignore.labels`, rules' `ignore-labels`):
// the config loader validates a glob by compiling it here, and the engine matches labels
// with what this returns, so a glob is accepted exactly when it runs.
import picomatch from 'picomatch';
import { normalizeLabel } from './names.js';

// Case-insensitive (SPEC). `!` is an ordinary label character, not a negation; a leading
// dot is ordinary too. picomatch is lenient by default and would read `cost[` as a literal;
// strictBrackets makes an unbalanced bracket, brace or parenthesis an error, which is what
// a config author wants to hear about.
export const LABEL_GLOB_OPTIONS: picomatch.PicomatchOptions = {
  nocase: true,
  dot: true,
  nonegate: true,
  windows: false,
  strictBrackets: true,
};
// picomatch's own limit on a pattern's length (its MAX_LENGTH).
const PICOMATCH_MAX_LENGTH = 65_536;
// Every character picomatch gives a meaning (wildcards, classes, braces, extglobs, escapes).
const GLOB_SPECIAL = /[*?[\]{}()!+@\\|]/;
// Labels are not paths: stand in for `/` so `*` also matches across it ("*bug" ~ "area/bug").
const SLASH_STAND_IN = '\uE000';

/** A label as the compiled globs test it: normalised, `/` stood in for. */
export function matchableLabel(normalLabel: string): string {
  return normalLabel.replaceAll('/', SLASH_STAND_IN);
}

/**
 * The matcher of a label pattern (over `matchableLabel` of normalised labels), or null when
 * the pattern is a plain name (matched exactly). Throws picomatch's error when the glob is
 * malformed.
 */
export function compileLabelGlob(pattern: string): ((matchable: string) => boolean) | null {
  const source = matchableLabel(normalizeLabel(pattern));
  // Without any of picomatch's special characters a pattern is a plain name, and compiling
  // it could neither fail nor make a glob: most patterns (a preset's hundreds of label
  // names) skip picomatch, which an issue event's start would otherwise spend ~2 ms on.
  // (picomatch refuses the empty pattern, and one longer than its 64 KiB.)
  if (source !== '' && source.length <= PICOMATCH_MAX_LENGTH && !GLOB_SPECIAL.test(source))
    return null;
  const regex = precompiled.has(source) ? precompiled.get(source)! : compileSource(source);
  return regex && ((matchable) => regex.test(matchable));
}

/** picomatch's regex of a glob's matchable form, or null when it is not a glob after all. */
function compileSource(source: string): RegExp | null {
  // Compiled first, so a stray bracket in a would-be plain name is an error too.
  const regex = picomatch.makeRe(source, LABEL_GLOB_OPTIONS);
  return picomatch.scan(source, LABEL_GLOB_OPTIONS).isGlob ? regex : null;
}

/** A glob compiled ahead of time: picomatch's regex, or null when it is not a glob. */
export type PrecompiledGlob = { source: string; flags: string } | null;

// The built-in presets' globs (the recommended preset's `cost*`), compiled when the bundle is
// built (dist/presets.json, `$label-globs`): picomatch's first compile costs an issue event
// ~1 ms of CPU, for the same regex every time. Keyed by the glob's matchable form.
const precompiled = new Map<string, RegExp | null>();

/** What picomatch makes of each glob (that compiles), keyed by its matchable form. */
export function precompileLabelGlobs(globs: Iterable<string>): Record<string, PrecompiledGlob> {
  const table: Record<string, PrecompiledGlob> = {};
  for (const glob of globs) {
    const source = matchableLabel(normalizeLabel(glob));
    if (!GLOB_SPECIAL.test(source)) continue;
    const regex = compileSource(source);
    table[source] = regex && { source: regex.source, flags: regex.flags };
  }
  return table;
}

/**
 * Globs compiled at build time: compileLabelGlob takes their regex instead of picomatch's.
 * Answers how to take them back (for tests).
 */
export function usePrecompiledLabelGlobs(table: Record<string, PrecompiledGlob>): () => void {
  const before = new Map(precompiled);
  for (const [source, compiled] of Object.entries(table))
    precompiled.set(source, compiled && new RegExp(compiled.source, compiled.flags));
  return () => {
    precompiled.clear();
    for (const [source, regex] of before) precompiled.set(source, regex);
  };
}

/** picomatch's complaint about `glob`, or undefined when it compiles. */
export function labelGlobError(glob: string): string | undefined {
  try {
    compileLabelGlob(glob);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
