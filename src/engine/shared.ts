// Read-only values that results share. An issue's types and its assignees' roles, a fix's
// labels and assignees: they repeat across a backlog, and one frozen copy of each, instead
// of one per issue or finding, keeps 100,000 issues' results about 15 MB smaller (that much
// less for the garbage collector to move). Frozen, so that a consumer modifying one by
// mistake fails loudly instead of changing other issues' results.

export const NO_STRINGS = Object.freeze([]) as readonly string[] as string[];

/** Frozen string lists, one per distinct content. */
export class SharedLists {
  private readonly singles = new Map<string, string[]>();
  private readonly others = new Map<string, string[]>();

  /** A frozen list equal to `list`. */
  of(list: readonly string[]): string[] {
    if (list.length === 0) return NO_STRINGS;
    if (list.length === 1) return this.one(list[0] as string);
    const key = JSON.stringify(list);
    let shared = this.others.get(key);
    if (shared === undefined) {
      shared = freeze(list.slice());
      this.others.set(key, shared);
    }
    return shared;
  }

  /** A frozen `[item]`. */
  one(item: string): string[] {
    let shared = this.singles.get(item);
    if (shared === undefined) {
      shared = freeze([item]);
      this.singles.set(item, shared);
    }
    return shared;
  }
}

/** Freezes a list that public types (IssueResult, FixSuggestion) declare mutable. */
export function freeze(list: string[]): string[] {
  return Object.freeze(list) as readonly string[] as string[];
}
