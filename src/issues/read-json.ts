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
} from './normalize.js';

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
}

/** REST objects carry `html_url` / `user` (and `pull_request` on PRs); `gh` ones `author` / `url`. */
function isRestShape(o: Record<string, unknown>): boolean {
  return 'html_url' in o || 'user' in o || 'pull_request' in o || 'repository_url' in o;
}

const PR_URL = /\/pull\/\d+\/?$/;

export function readIssuesJson(text: string, file: string): ReadIssuesResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(src);
  } catch {
    const at = jsonErrorOffset(src);
    const { line, column } = lineColumn(src, at < 0 ? src.length : at);
    const what =
      at < 0 || at >= src.length
        ? 'unexpected end of input'
        : `unexpected ${JSON.stringify(src[at])}`;
    throw new IssueInputError(`${file}:${line}:${column}: invalid JSON: ${what}`, {
      file,
      line,
      column,
    });
  }
  if (!Array.isArray(data)) {
    throw new IssueInputError(
      `${file}: expected a JSON array of issues (GitHub REST issue objects or \`gh issue list --json number,title,labels,assignees,milestone,body,author,url,state\` output), got ${
        data === null ? 'null' : typeof data === 'object' ? 'an object' : typeof data
      }`,
      { file },
    );
  }
  const issues: IssueFacts[] = [];
  const skipped: ReadIssuesResult['skipped'] = [];
  const seen = new Set<number>();
  data.forEach((item: unknown, index) => {
    let number: unknown;
    try {
      if (!isObject(item))
        throw new IssueShapeError(
          '',
          `expected an issue object, got ${item === null ? 'null' : Array.isArray(item) ? 'an array' : typeof item}`,
        );
      number = item.number;
      const rest = isRestShape(item);
      const url = rest ? item.html_url : item.url;
      if ((rest && isRestPullRequest(item)) || (typeof url === 'string' && PR_URL.test(url))) {
        skipped.push({
          item: typeof number === 'number' ? `#${number}` : `entry [${index}]`,
          reason: 'pull request',
        });
        return;
      }
      const facts = rest ? fromRestIssue(item) : fromGhIssue(item);
      if (!facts) return; // unreachable: pull requests are handled above
      if (seen.has(facts.number)) {
        skipped.push({ item: `#${facts.number}`, reason: `duplicate entry (entry [${index}])` });
        return;
      }
      seen.add(facts.number);
      issues.push(facts);
    } catch (err) {
      if (!(err instanceof IssueShapeError)) throw err;
      const which = typeof number === 'number' ? ` (issue #${number})` : '';
      throw new IssueInputError(`${file}: entry [${index}]${which}: ${err.message}`, {
        file,
        index,
        field: err.field || undefined,
      });
    }
  });
  return { issues, skipped };
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
  try {
    value(0);
    ws();
    if (i < s.length) fail();
    return -1;
  } catch (err) {
    if (err instanceof JsonStop) return err.offset;
    return -1; // e.g. stack exhausted on absurd nesting: no position
  }
}

class JsonStop {
  constructor(readonly offset: number) {}
}
