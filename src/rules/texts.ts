// Message texts a rule keeps for the run. Messages repeat across issues but for their
// `#<number>`: one built as `issue.ref` plus a kept text costs a fraction of one built piece
// by piece, which for 100,000 issues' findings is tens of megabytes, and a lookup by keys
// the rule already has costs less than building the text again.

/**
 * Texts by one key or by a pair of keys, each a string or a value the engine shares
 * between issues (such as `IssueView.types`). Read with
 * `texts.get(key) ?? texts.keep(key, build(...))`.
 */
export class RuleTexts {
  private readonly byKey = new Map<unknown, string>();
  private readonly byPair = new Map<unknown, Map<unknown, string>>();

  get(key: unknown): string | undefined {
    return this.byKey.get(key);
  }

  /** Keeps the text under the key and returns it. */
  keep(key: unknown, text: string): string {
    this.byKey.set(key, text);
    return text;
  }

  getPair(first: unknown, second: unknown): string | undefined {
    return this.byPair.get(first)?.get(second);
  }

  /** Keeps the text under the pair of keys and returns it. */
  keepPair(first: unknown, second: unknown, text: string): string {
    let bySecond = this.byPair.get(first);
    if (bySecond === undefined) this.byPair.set(first, (bySecond = new Map()));
    bySecond.set(second, text);
    return text;
  }
}
