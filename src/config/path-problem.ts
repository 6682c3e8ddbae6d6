// A problem found at a data path of one config file, before it is given a file position.
import type { Path, Target } from './yaml-source.js';

export interface PathProblem {
  path: Path;
  /** Report at the key (unknown keys, missing fields) or at the value written. */
  at: Target;
  message: string;
  /** What to do about it. */
  hint: string;
}

/** `types.budget.labels[2]` */
export function formatPath(path: Path): string {
  return path
    .map((segment, i) =>
      typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`,
    )
    .join('');
}

export function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** How a value reads in a message: "text `foo`", "the number 5", "a list". */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `text \`${shown}\``;
  }
  if (typeof value === 'number') return `the number ${value}`;
  return `\`${String(value)}\``;
}

/** Walk `path` up to the nearest mapping key, so the whole entry can be dropped. */
export function nearestKeyPath(path: Path, data: unknown): Path {
  for (let end = path.length; end > 0; end--) {
    const parent = valueAt(data, path.slice(0, end - 1));
    if (typeof path[end - 1] === 'string' && parent !== null && typeof parent === 'object') {
      if (!Array.isArray(parent)) return path.slice(0, end);
    }
  }
  return [];
}

/** Whether one path is the other or contains it. */
export function pathsOverlap(a: Path, b: Path): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (String(a[i]) !== String(b[i])) return false;
  return true;
}
