// Whether the text report is coloured: FORCE_COLOR wins (as in Node itself), then NO_COLOR
// (https://no-color.org: set and not empty), then a terminal on stdout that is not `dumb`.

export function useColor(env: Record<string, string | undefined>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    const v = force.trim().toLowerCase();
    // FORCE_COLOR= (empty), 1, 2, 3, true → colour; 0 / false → none.
    return v !== '0' && v !== 'false';
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}
