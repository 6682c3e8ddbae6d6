// The one compiler of label globs (type labels, `ignore.labels`, rules' `ignore-labels`):
// the config loader validates a glob by compiling it here, and the engine matches labels
// with what this returns, so a glob is accepted exactly when it runs.
import picomatch from 'picomatch';
import { normalizeLabel } from './names.js';

// Case-insensitive (SPEC). `!` is an ordinary label character, not a negation; a leading
// dot is ordinary too. picomatch is lenient by default and would read `cost[` as a literal;
// strictBrackets makes an unbalanced bracket, brace or parenthesis an error, which is what
// a config author wants to hear about.
const OPTIONS: picomatch.PicomatchOptions = {
  nocase: true,
  dot: true,
  nonegate: true,
  windows: false,
  strictBrackets: true,
};
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
  // (picomatch refuses the empty pattern.)
  if (source !== '' && !GLOB_SPECIAL.test(source)) return null;
  // Compiled first, so a stray bracket in a would-be plain name is an error too.
  const regex = picomatch.makeRe(source, OPTIONS);
  if (!picomatch.scan(source, OPTIONS).isGlob) return null;
  return (matchable) => regex.test(matchable);
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
