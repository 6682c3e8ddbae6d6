// Finds the `<!-- backlog-lint-disable ... -->` waivers in an issue body. Only the raw
// comments are kept (the engine parses them), so a 100k-issue backlog never holds bodies.
//
// Decision: a comment inside a fenced code block (``` or ~~~) or an inline code span is
// documentation, not a waiver (GitHub renders it as text), so it is ignored. Indented code
// blocks are not detected (four-space indentation is ambiguous inside lists).

/** At most this many directives are kept per issue (a body cannot balloon the facts). */
export const MAX_DIRECTIVES = 20;
/** Longer comments are not directives (keeps the compact facts compact). */
export const MAX_DIRECTIVE_LENGTH = 1000;

const MARKER = /backlog-lint-disable/i;
const DIRECTIVE = /^<!--\s*backlog-lint-disable(?:\s|-->)/i;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** Returns the raw text (`<!-- ... -->`) of every backlog-lint-disable comment outside code. */
export function extractDirectives(body: string | null | undefined): string[] {
  // Every directive starts with `<!--`: a plain search for it (several times faster than the
  // case-insensitive marker) rules out most bodies (~11 MB of them in a 10,000-issue backlog).
  if (!body || !body.includes('<!--') || !MARKER.test(body)) return [];
  const out: string[] = [];
  for (const segment of proseSegments(body)) {
    scanSegment(segment, out);
    if (out.length >= MAX_DIRECTIVES) break;
  }
  return out.slice(0, MAX_DIRECTIVES);
}

/** The body with fenced code blocks removed, as runs of consecutive non-code lines. */
function proseSegments(body: string): string[] {
  const lines = body.split(/\r?\n/);
  const segments: string[] = [];
  let current: string[] = [];
  let fence: { char: string; length: number } | null = null;
  for (const line of lines) {
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length) fence = null;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    // A backtick fence's info string may not contain a backtick (CommonMark).
    if (open?.[1] && !(open[1][0] === '`' && (open[2] ?? '').includes('`'))) {
      fence = { char: open[1][0] ?? '`', length: open[1].length };
      if (current.length) segments.push(current.join('\n'));
      current = [];
      continue;
    }
    current.push(line);
  }
  if (current.length) segments.push(current.join('\n'));
  return segments;
}

/**
 * The characters `scanSegment` acts on. What lies between them is passed over in one search:
 * a character-by-character loop over every body with a directive was long enough for V8 to
 * compile it with TurboFan on the spot (3–12 ms per 10,000-issue run, `node --trace-opt`).
 */
const SEGMENT_SPECIAL = /[\\`<]/g;

/** Left to right, like a markdown inline parser: a code span or an HTML comment, whichever starts first. */
export function scanSegment(s: string, out: string[]): void {
  let i = 0;
  while (i >= 0 && i < s.length && out.length < MAX_DIRECTIVES) {
    SEGMENT_SPECIAL.lastIndex = i;
    const next = SEGMENT_SPECIAL.exec(s);
    if (next === null) return;
    i = scanAt(s, next.index, out);
  }
}

/**
 * `scanSegment` one character at a time: what the search in `scanSegment` is tested against
 * (tests/issues/issue-facts.test.ts).
 */
export function scanSegmentByCharacter(s: string, out: string[]): void {
  let i = 0;
  while (i >= 0 && i < s.length && out.length < MAX_DIRECTIVES) i = scanAt(s, i, out);
}

/**
 * One step of the scan at `i`: past an escaped character, a code span or an HTML comment
 * (keeping it when it is a directive), else past the character. -1 ends the scan (a comment
 * that never closes).
 */
function scanAt(s: string, i: number, out: string[]): number {
  const c = s[i];
  if (c === '\\') return i + 2;
  if (c === '`') {
    let n = 0;
    while (s[i + n] === '`') n++;
    const close = findClosingRun(s, i + n, n);
    return close >= 0 ? close + n : i + n;
  }
  if (c === '<' && s.startsWith('<!--', i)) {
    const end = s.indexOf('-->', i + 4);
    if (end < 0) return -1;
    const comment = s.slice(i, end + 3);
    if (comment.length <= MAX_DIRECTIVE_LENGTH && DIRECTIVE.test(comment)) out.push(comment);
    return end + 3;
  }
  return i + 1;
}

/** Index of the closing backtick run of exactly `n`, within the same paragraph; -1 if none. */
function findClosingRun(s: string, from: number, n: number): number {
  const blank = /\n[ \t]*\n/g;
  blank.lastIndex = from;
  const para = blank.exec(s);
  const limit = para ? para.index : s.length;
  let i = from;
  while (i < limit) {
    if (s[i] === '`') {
      let m = 0;
      while (s[i + m] === '`') m++;
      if (m === n) return i + m <= limit ? i : -1;
      i += m;
    } else i++;
  }
  return -1;
}
