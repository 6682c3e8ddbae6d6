// Label globs in a config file (type labels, ignore labels, rules' `ignore-labels`) must
// compile, with the compiler the engine matches them with (src/label-glob.ts).
import { labelGlobError } from '../label-glob.js';
import { describeValue, formatPath, type PathProblem } from './path-problem.js';
import type { Path } from './yaml-source.js';

/** Every label-glob list of a config file, with its path. */
export function labelGlobLists(raw: Record<string, unknown>): { path: Path; globs: unknown }[] {
  const lists: { path: Path; globs: unknown }[] = [];
  for (const [name, type] of entries(raw.types)) {
    lists.push({
      path: ['types', name, 'labels'],
      globs: (type as Record<string, unknown>)?.labels,
    });
  }
  lists.push({
    path: ['ignore', 'labels'],
    globs: (raw.ignore as Record<string, unknown>)?.labels,
  });
  for (const [id, entry] of entries(raw.rules)) {
    const options = Array.isArray(entry) ? (entry[1] as Record<string, unknown>) : undefined;
    lists.push({ path: ['rules', id, 1, 'ignore-labels'], globs: options?.['ignore-labels'] });
  }
  return lists;
}

export function globProblems(raw: Record<string, unknown>): PathProblem[] {
  const problems: PathProblem[] = [];
  for (const { path, globs } of labelGlobLists(raw)) {
    if (!Array.isArray(globs)) continue;
    globs.forEach((glob: unknown, i) => {
      const error = typeof glob === 'string' ? labelGlobError(glob) : undefined;
      if (error === undefined) return;
      problems.push({
        path: [...path, i],
        at: 'value',
        // picomatch: `Missing closing: "]" - use "\\]" to match literal characters`
        message: `${formatPath([...path, i])}: ${describeValue(glob)} is not a valid glob (${error.split(' - ')[0]?.toLowerCase()})`,
        hint: unbalancedHint(String(glob), error),
      });
    });
  }
  return problems;
}

const PAIRS: Record<string, string> = { '[': ']', '{': '}', '(': ')' };

/** picomatch reports `Missing closing: "]"` or `Missing opening: "("`: say how to fix it. */
function unbalancedHint(glob: string, error: string): string {
  const char = /"(.)"/.exec(error)?.[1];
  const open = Object.keys(PAIRS).find((o) => o === char || PAIRS[o] === char);
  if (!char || !open) return 'check the glob syntax: `*`, `?`, `[abc]`, `{a,b}`';
  // Missing closing `]`: the stray one is the `[`; missing opening `(`: it is the `)`.
  const stray = error.includes('closing') ? open : (PAIRS[open] ?? char);
  const escaped = glob.replace(stray, `\\${stray}`);
  return `balance it, or escape \`${stray}\` to match it literally: '${escaped}' (single quotes keep the backslash)`;
}

function entries(section: unknown): [string, unknown][] {
  return section !== null && typeof section === 'object' ? Object.entries(section) : [];
}
