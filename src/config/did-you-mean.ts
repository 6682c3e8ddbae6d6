// "Did you mean" suggestions for misspelt keys, rule ids, roles, presets and severities.

/** Optimal string alignment distance: edits, with a swap of two neighbours counting as one. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      d[i]![j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The candidate closest to `word` (case-insensitive), if it is close enough to be a likely
 * typo: a few edits away, or a clear abbreviation (`warn` → `warning`).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const distance = editDistance(w, c);
    const abbreviation = w.length >= 3 && c.startsWith(w);
    const near = distance <= Math.max(2, Math.floor(c.length / 3));
    if ((near || abbreviation) && (!best || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}

/** "did you mean `x`? <listName>: a, b, c" — the hint for a name that is not one of `candidates`. */
export function suggest(word: string, candidates: readonly string[], listName: string): string {
  const match = closest(word, candidates);
  const list = candidates.length > 0 ? `${listName}: ${candidates.join(', ')}` : `no ${listName}`;
  return match ? `did you mean \`${match}\`? ${list}` : list;
}
