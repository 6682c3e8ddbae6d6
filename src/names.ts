// Name helpers shared by every layer (config, rules, engine): how labels, logins and team
// slugs compare. Below everything but `types.ts`, so any module may import it.
// Canonical forms for comparing names the way GitHub users expect: labels and logins are
// case-insensitive, and label text typed in a config rarely matches the repository's
// spacing or emoji presentation exactly.

const VARIATION_SELECTOR_16 = /\uFE0F/g;
const WHITESPACE_RUN = /\s+/g;

/**
 * Label comparison key: Unicode NFC, emoji presentation selector (U+FE0F) dropped so
 * "⚠️ risk" equals "⚠ risk", whitespace trimmed and collapsed, lower-cased.
 */
export function normalizeLabel(label: string): string {
  let normal = normalLabels.get(label);
  if (normal === undefined) {
    normal = computeNormalLabel(label);
    normalLabels.set(label, normal);
  }
  return normal;
}

/**
 * A memo of a pure function over names (labels, logins, type names): a backlog repeats a few
 * of them on every issue, so lookups hit; past `max` distinct keys it starts over, which only
 * guards against unbounded input.
 */
export class CappedMap<K, V> extends Map<K, V> {
  constructor(private readonly max = 10_000) {
    super();
  }
  override set(key: K, value: V): this {
    if (this.size >= this.max && !this.has(key)) this.clear();
    return super.set(key, value);
  }
}

const normalLabels = new CappedMap<string, string>();

function computeNormalLabel(label: string): string {
  return label
    .normalize('NFC')
    .replace(VARIATION_SELECTOR_16, '')
    .replace(WHITESPACE_RUN, ' ')
    .trim()
    .toLowerCase();
}

/** Login comparison key: GitHub logins are case-insensitive; a leading `@` is tolerated. */
export function normalizeLogin(login: string): string {
  return stripAt(login.trim()).toLowerCase();
}

/** A login as written in config, without the `@` people often type (it would mention them). */
export function displayLogin(login: string): string {
  return stripAt(login.trim());
}

/** Member entries with a slash are `@org/team` slugs (logins cannot contain `/`). */
export function isTeamSlug(entry: string): boolean {
  return entry.includes('/');
}

/** Team key as used in `EngineOptions.teams`: `@org/team`, lower-cased. */
export function normalizeTeamSlug(entry: string): string {
  return `@${stripAt(entry.trim()).toLowerCase()}`;
}

function stripAt(text: string): string {
  return text.startsWith('@') ? text.slice(1) : text;
}

/**
 * The order of names in sorted output (logins, role names, rule ids, option keys): case
 * folded first, then by code point; the same on every machine. Not `localeCompare`: its first
 * call builds ICU's collator, ~5 ms of CPU that an issue event's whole step would pay for a
 * few names, and its order follows the runner's locale.
 */
export function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
