// Issue references in a pull request body that point into THIS repository:
// `#12`, `owner/repo#12` and `https://HOST/owner/repo/issues/12`. Code (fenced blocks,
// inline code spans) and HTML comments are ignored, as GitHub does not link there either.
import type { RepoRef } from './types.js';

/** Largest number GraphQL's Int carries. */
const MAX_INT = 2 ** 31 - 1;

/** Replaces code and HTML comments with spaces (offsets are kept for nothing; just removal). */
function stripNonProse(body: string): string {
  const lines = body.split(/\r?\n/);
  const kept: string[] = [];
  let fence: { char: string; length: number } | null = null;
  for (const line of lines) {
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length) fence = null;
      kept.push('');
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (open?.[1]) {
      fence = { char: open[1][0] ?? '`', length: open[1].length };
      kept.push('');
      continue;
    }
    kept.push(line);
  }
  return kept
    .join('\n')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, ' ');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The issue numbers of `repo` referenced in `body`, unique, in order of appearance.
 * References to other repositories are not returned (they are not this run's to lint).
 */
export function parseIssueRefs(body: string | null | undefined, repo: RepoRef): number[] {
  if (!body || (!body.includes('#') && !body.includes('/issues/'))) return [];
  const text = stripNonProse(body);
  const owner = escapeRegExp(repo.owner);
  const name = escapeRegExp(repo.repo);
  const found: { at: number; n: number }[] = [];
  const push = (at: number, digits: string | undefined): void => {
    const n = Number(digits);
    if (Number.isSafeInteger(n) && n >= 1 && n <= MAX_INT) found.push({ at, n });
  };
  // Full URLs of this repository's issues (any host: github.com or a GHES server).
  const url = new RegExp(`https?://[^\\s/]+/${owner}/${name}/issues/(\\d+)(?![\\d/])`, 'gi');
  // owner/repo#N (the owner/repo part must not continue a longer word or path).
  const qualified = new RegExp(`(?<![\\w./-])${owner}/${name}#(\\d+)(?!\\w)`, 'gi');
  // Bare #N, not inside a word, a URL fragment or an HTML entity (`&#123;`).
  const bare = /(?<![\w&#/.-])#(\d+)(?!\w)/g;
  for (const m of text.matchAll(url)) push(m.index ?? 0, m[1]);
  for (const m of text.matchAll(qualified)) push(m.index ?? 0, m[1]);
  for (const m of text.matchAll(bare)) push(m.index ?? 0, m[1]);
  found.sort((a, b) => a.at - b.at);
  const out: number[] = [];
  const seen = new Set<number>();
  for (const { n } of found) {
    if (seen.has(n)) continue;
    seen.add(n);
    out.push(n);
  }
  return out;
}
