// Fitting a report into a size limit (job summary: 1 MiB of UTF-8; comments and issue bodies:
// 65,536 characters). Only whole rows are dropped, never half a row or half a table, and each
// cut list says how many rows it left out, so a cut report still renders and tells the truth.

/** Size of a string in the unit of the limit. Sizes add up over concatenation. */
export type Measure = (s: string) => number;
export const utf8Bytes: Measure = (s) => Buffer.byteLength(s, 'utf8');
export const jsChars: Measure = (s) => s.length;

/** GitHub rejects issue bodies and comments longer than this, counted in characters. */
export const GITHUB_BODY_MAX_CHARS = 65536;

/**
 * Rows built on demand: how many there are is known up front (for the "… and N more" line),
 * the text of one only when the fitting reaches it, at most once. A list of 100,000 issues
 * then costs the rows that fit in the limit, not 100,000 strings (README "Memory").
 */
export interface LazyRows {
  readonly length: number;
  /** Row `index` (0 ≤ index < length), built on first use. */
  at(index: number): string;
}

/** Rows `build(item)` of `items`, each built the first time it is asked for and then kept. */
export function lazyRows<T>(items: readonly T[], build: (item: T) => string): LazyRows {
  const built: string[] = [];
  const at = (index: number): string => {
    let text = built[index];
    if (text === undefined) {
      text = build(items[index] as T);
      built[index] = text;
    }
    return text;
  };
  return { length: items.length, at };
}

/** A block of the report: a fixed head and rows that may be cut from the end. */
export interface Section {
  /** Heading, table header or fixed text; non-empty whenever there are rows. */
  head: string;
  /** In order of importance: cutting keeps the first ones. A row may span several lines. */
  rows?: readonly string[] | LazyRows; // both: `length` and `at(index)`
  /** The line standing in for left-out rows (start it with "\n" to end a table first). */
  more?: (omitted: number) => string;
  /**
   * Rows left out before any fitting (a list capped at a number of rows): never shown, but
   * counted in the `more` line, which is then there even when every row in `rows` fits.
   */
  unlisted?: number;
  /** Lower numbers get space first when rows must be cut (default 0; ties: document order). */
  priority?: number;
}

const rowCount = (section: Section): number => section.rows?.length ?? 0;

const rowAt = (section: Section, index: number): string => section.rows?.at(index) ?? '';

function renderSection(section: Section, kept: number): string {
  const lines = [section.head];
  for (let i = 0; i < kept; i++) lines.push(rowAt(section, i));
  const omitted = rowCount(section) - kept + (section.unlisted ?? 0);
  if (omitted > 0 && section.more) lines.push(section.more(omitted));
  return lines.filter((line) => line !== '').join('\n');
}

function render(sections: readonly Section[], kept: readonly number[]): string {
  const blocks = sections.map((s, i) => renderSection(s, kept[i] ?? 0)).filter((b) => b !== '');
  return `${blocks.join('\n\n')}\n`;
}

/**
 * Whether every section with all its rows fits within `max`, found without building the
 * whole text: sizes add up over concatenation, and the count stops at the first row past
 * `max`, so no more rows are built than the limit holds.
 */
function fitsWhole(
  sections: readonly Section[],
  max: number,
  measure: Measure,
  rowSizes: Map<Section, number[]>,
): boolean {
  const newline = measure('\n');
  let used = 0;
  let blocks = 0;
  for (const section of sections) {
    let lines = 0;
    const line = (text: string): number => {
      if (text === '') return 0;
      const size = measure(text);
      used += size + (lines > 0 ? newline : 0);
      lines += 1;
      return size;
    };
    line(section.head);
    const sizes: number[] = [];
    rowSizes.set(section, sizes);
    for (let i = 0; i < rowCount(section) && used <= max; i++) sizes.push(line(rowAt(section, i)));
    const unlisted = section.unlisted ?? 0;
    if (unlisted > 0 && section.more && used <= max) line(section.more(unlisted));
    if (lines > 0) {
      used += blocks > 0 ? 2 * newline : 0;
      blocks += 1;
    }
    if (used > max) return false;
  }
  return used + newline <= max;
}

/** Cuts at the last whole line within `max`, or, if the first line is already too long, by code points. */
function cutTo(text: string, max: number, measure: Measure): string {
  let out = '';
  for (const line of text.split('\n')) {
    const next = out === '' ? line : `${out}\n${line}`;
    if (measure(next) > max) break;
    out = next;
  }
  if (out !== '') return out;
  for (const ch of text) {
    if (measure(out + ch) > max) break;
    out += ch;
  }
  return out;
}

/**
 * Renders the sections (blank line between them) within `max` as measured by `measure`.
 * When everything fits it is all there; otherwise rows are cut from the end of each list,
 * lists with a lower `priority` getting space first; if even the heads do not fit (absurdly
 * small limits), trailing sections are dropped, and as a last resort the text is cut.
 */
export function fitSections(sections: readonly Section[], max: number, measure: Measure): string {
  // Each row's size as fitsWhole measured it (the rows it reached), for the filling below.
  const rowSizes = new Map<Section, number[]>();
  if (fitsWhole(sections, max, measure, rowSizes)) return render(sections, sections.map(rowCount));

  // Start from heads plus every "more" line at its longest (all rows omitted), so filling
  // rows later never makes a "more" line grow past the space reserved for it.
  const live = [...sections];
  const kept = live.map(() => 0);
  while (live.length > 1 && measure(render(live, kept)) > max) {
    live.pop();
    kept.pop();
  }
  let used = measure(render(live, kept));
  if (used > max) return cutTo(render(live, kept), max, measure);

  const order = live
    .map((_, i) => i)
    .sort((a, b) => (live[a]?.priority ?? 0) - (live[b]?.priority ?? 0) || a - b);
  for (const i of order) {
    const section = live[i] as Section;
    const sizes = rowSizes.get(section);
    for (let r = 0; r < rowCount(section); r++) {
      const cost = (sizes?.[r] ?? measure(rowAt(section, r))) + 1; // + the newline joining it
      if (used + cost > max) break;
      used += cost;
      kept[i] = (kept[i] ?? 0) + 1;
    }
  }
  const out = render(live, kept);
  return measure(out) <= max ? out : cutTo(out, max, measure);
}
