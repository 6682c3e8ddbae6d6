// Reads an exported backlog for the CLI: a JSON array of REST issue objects
// (`gh api repos/o/r/issues`, `GET /repos/{owner}/{repo}/issues`) or of
// `gh issue list --json ...` entries. Pull requests are skipped, not linted.
import type { IssueFacts } from '../types.js';
import {
  fromGhIssue,
  fromRestIssue,
  isObject,
  isRestPullRequest,
  IssueShapeError,
} from './issue-facts.js';

/** Bad input file: the message names the file and, for a bad entry, its index and field. */
export class IssueInputError extends Error {
  readonly file: string;
  readonly index: number | null;
  readonly field: string | null;
  readonly line: number | null;
  readonly column: number | null;
  constructor(
    message: string,
    where: { file: string; index?: number; field?: string; line?: number; column?: number },
  ) {
    super(message);
    this.name = 'IssueInputError';
    this.file = where.file;
    this.index = where.index ?? null;
    this.field = where.field ?? null;
    this.line = where.line ?? null;
    this.column = where.column ?? null;
  }
}

export interface ReadIssuesResult {
  issues: IssueFacts[];
  skipped: { item: string; reason: string }[];
  /** The first REST `repository_url` seen (for exports without html urls), when there is one. */
  repositoryUrl?: string;
}

/** REST objects carry `html_url` / `user` (and `pull_request` on PRs); `gh` ones `author` / `url`. */
function isRestShape(o: Record<string, unknown>): boolean {
  return 'html_url' in o || 'user' in o || 'pull_request' in o || 'repository_url' in o;
}

const PR_URL = /\/pull\/\d+\/?$/;

const EXPECTED =
  'a JSON array of issues (GitHub REST issue objects or `gh issue list --json number,title,labels,assignees,milestone,body,author,url,state` output), `gh api --paginate` output (arrays back to back, or `--slurp`: an array of arrays) or NDJSON (one issue object per line)';

/** One entry to read, with the words that locate it in the file. */
interface Entry {
  item: unknown;
  /** `entry [3]`, `entry [1][3]` (slurp), `line 4` (NDJSON), `entry [3] of the array at line 120`. */
  where: string;
  index: number;
}

/**
 * The top-level JSON values of the text, in order. One value is the common case (one
 * `JSON.parse`); `gh api --paginate` writes one array per page back to back and
 * `--jq '.[]'` one object per line, so several values follow each other, separated by
 * whitespace only. Syntax errors are reported with line and column.
 */
function topLevelValues(src: string, file: string): { value: unknown; line: number }[] {
  try {
    return [{ value: JSON.parse(src) as unknown, line: 1 }];
  } catch {
    // not one value: several, or a syntax error somewhere
  }
  const values: { value: unknown; line: number }[] = [];
  const scan = jsonValueSpans(src);
  if ('error' in scan) {
    const at = scan.error < 0 ? src.length : scan.error;
    const { line, column } = lineColumn(src, at);
    const what =
      at >= src.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(src[at])}`;
    throw new IssueInputError(`${file}:${line}:${column}: invalid JSON: ${what}`, {
      file,
      line,
      column,
    });
  }
  // Line numbers counted once through the text, not from the start for every value: NDJSON
  // has one value per line.
  let line = 1;
  let counted = 0;
  for (const [from, to] of scan.spans) {
    for (let i = src.indexOf('\n', counted); i >= 0 && i < from; i = src.indexOf('\n', i + 1)) {
      line++;
    }
    counted = from;
    values.push({ value: JSON.parse(src.slice(from, to)) as unknown, line });
  }
  return values;
}

function describeValue(v: unknown): string {
  return v === null
    ? 'null'
    : Array.isArray(v)
      ? 'an array'
      : typeof v === 'object'
        ? 'an object'
        : typeof v;
}

/** The entries of every accepted shape, each located for error messages. */
function entriesOf(values: { value: unknown; line: number }[], file: string): Entry[] {
  const entries: Entry[] = [];
  const only = values.length === 1 ? values[0] : undefined;
  if (only !== undefined) {
    const data = only.value;
    if (Array.isArray(data)) {
      // `--slurp`: an array of page arrays (an empty one is still a page).
      if (data.length > 0 && data.every((page) => Array.isArray(page))) {
        (data as unknown[][]).forEach((page, p) =>
          page.forEach((item, i) =>
            entries.push({ item, where: `entry [${p}][${i}]`, index: entries.length }),
          ),
        );
        return entries;
      }
      data.forEach((item, i) => entries.push({ item, where: `entry [${i}]`, index: i }));
      return entries;
    }
    // One NDJSON line: an issue object alone.
    if (isObject(data) && 'number' in data) {
      return [{ item: data, where: 'line 1', index: 0 }];
    }
    throw new IssueInputError(`${file}: expected ${EXPECTED}, got ${describeValue(data)}`, {
      file,
    });
  }
  for (const { value, line } of values) {
    if (Array.isArray(value)) {
      value.forEach((item, i) =>
        entries.push({
          item,
          where: `entry [${i}] of the array at line ${line}`,
          index: entries.length,
        }),
      );
    } else if (isObject(value)) {
      entries.push({ item: value, where: `line ${line}`, index: entries.length });
    } else {
      throw new IssueInputError(
        `${file}:${line}: expected an issue object or an array of them, got ${describeValue(value)} (the input may hold ${EXPECTED})`,
        { file, line },
      );
    }
  }
  return entries;
}

export function readIssuesJson(text: string, file: string): ReadIssuesResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Nothing at all (`gh api --paginate --jq '.[]'` on a repository without issues): 0 issues.
  if (src.trim() === '') return { issues: [], skipped: [] };
  const entries = entriesOf(topLevelValues(src, file), file);
  const issues: IssueFacts[] = [];
  const skipped: ReadIssuesResult['skipped'] = [];
  const seen = new Set<number>();
  let repositoryUrl: string | undefined;
  for (const { item, where, index } of entries) {
    let number: unknown;
    try {
      if (!isObject(item))
        throw new IssueShapeError('', `expected an issue object, got ${describeValue(item)}`);
      number = item.number;
      const rest = isRestShape(item);
      if (repositoryUrl === undefined && typeof item.repository_url === 'string') {
        repositoryUrl = item.repository_url;
      }
      const url = rest ? item.html_url : item.url;
      if ((rest && isRestPullRequest(item)) || (typeof url === 'string' && PR_URL.test(url))) {
        skipped.push({
          item: typeof number === 'number' ? `#${number}` : where,
          reason: 'pull request',
        });
        continue;
      }
      const facts = rest ? fromRestIssue(item) : fromGhIssue(item);
      if (!facts) continue; // unreachable: pull requests are handled above
      if (seen.has(facts.number)) {
        skipped.push({ item: `#${facts.number}`, reason: `duplicate entry (${where})` });
        continue;
      }
      seen.add(facts.number);
      issues.push(facts);
    } catch (err) {
      if (!(err instanceof IssueShapeError)) throw err;
      const which = typeof number === 'number' ? ` (issue #${number})` : '';
      throw new IssueInputError(`${file}: ${where}${which}: ${err.message}`, {
        file,
        index,
        field: err.field || undefined,
      });
    }
  }
  return { issues, skipped, ...(repositoryUrl !== undefined && { repositoryUrl }) };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Offset of the first JSON syntax error, -1 when the text is valid. V8's messages carry no
 * position on every Node version (Node 20 prints none), so the position is found here; this
 * only runs after `JSON.parse` failed.
 */
export function jsonErrorOffset(s: string): number {
  const scan = jsonValueSpans(s, 1);
  return 'error' in scan ? scan.error : -1;
}

/**
 * The [start, end) offsets of the whitespace-separated top-level JSON values of `s`, or the
 * offset of the first syntax error. `max` values at most (1: the text must be one value).
 */
function jsonValueSpans(
  s: string,
  max = Infinity,
): { spans: [number, number][] } | { error: number } {
  let i = 0;
  const fail = (): never => {
    throw new JsonStop(i);
  };
  const ws = (): void => {
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const str = (): void => {
    i++; // opening quote
    while (i < s.length) {
      const c = s[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const n = s[i + 1] ?? '';
        if ('"\\/bfnrt'.includes(n) && n !== '') i += 2;
        else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) i += 6;
        else {
          i++;
          fail();
        }
      } else if (c < ' ') fail();
      else i++;
    }
    fail();
  };
  const num = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (depth: number): void => {
    if (depth > 10_000) fail();
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (s[i] !== '"') fail();
        str();
        ws();
        if (s[i] !== ':') fail();
        i++;
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === '"') return str();
    for (const lit of ['true', 'false', 'null']) {
      if (s.startsWith(lit, i)) {
        i += lit.length;
        return;
      }
    }
    num.lastIndex = i;
    if (num.test(s)) {
      i = num.lastIndex;
      return;
    }
    fail();
  };
  const spans: [number, number][] = [];
  try {
    ws();
    do {
      const from = i;
      value(0);
      spans.push([from, i]);
      ws();
    } while (i < s.length && spans.length < max);
    if (i < s.length) fail();
    return { spans };
  } catch (err) {
    if (err instanceof JsonStop) return { error: err.offset };
    return { error: -1 }; // e.g. stack exhausted on absurd nesting: no position
  }
}

class JsonStop {
  constructor(readonly offset: number) {}
}
