// Read-only values that results share. An issue's types and its assignees' roles, a fix
// and its labels and assignees: they repeat across a backlog, and one frozen copy of each,
// instead of one per issue or finding, keeps 100,000 issues' results about 20 MB smaller
// (that much less for the garbage collector to move). Frozen, so that a consumer modifying
// one by mistake fails loudly instead of changing other issues' results.
import type { FixSuggestion } from '../types.js';

export const NO_STRINGS: readonly string[] = Object.freeze([]);

/** Frozen string lists and fixes, one per distinct content. */
export class SharedValues {
  private readonly singles = new Map<string, readonly string[]>();
  private readonly others = new Map<string, readonly string[]>();
  private readonly fixes = new Map<readonly string[], Map<readonly string[], FixSuggestion>>();

  /** A frozen list equal to `list`. */
  of(list: readonly string[]): readonly string[] {
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

  /** A frozen fix adding these labels and assignees (lists from this instance). */
  fix(addLabels: readonly string[], addAssignees: readonly string[]): FixSuggestion {
    let byAssignees = this.fixes.get(addLabels);
    if (byAssignees === undefined) this.fixes.set(addLabels, (byAssignees = new Map()));
    let fix = byAssignees.get(addAssignees);
    if (fix === undefined) {
      fix = Object.freeze({ addLabels, addAssignees });
      byAssignees.set(addAssignees, fix);
    }
    return fix;
  }

  /** A frozen `[item]`. */
  one(item: string): readonly string[] {
    let shared = this.singles.get(item);
    if (shared === undefined) {
      shared = freeze([item]);
      this.singles.set(item, shared);
    }
    return shared;
  }
}

/** Freezes a list (IssueResult, FixSuggestion declare their lists readonly). */
export function freeze(list: readonly string[]): readonly string[] {
  return Object.freeze(list);
}
