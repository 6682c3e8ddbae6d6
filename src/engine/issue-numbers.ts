// The issue numbers a run has taken, per repository. Issue numbers are small positive
// integers, so one bit per number (grown as needed) is far cheaper than a Set of 100,000
// numbers; any other number goes to a Set.

/** Numbers below this take a bit (4 MB of bits at most); the rest a Set entry. */
const BITMAP_LIMIT = 1 << 25;

export class IssueNumbers {
  private bits = new Uint32Array(0);
  private readonly others = new Set<number>();

  /** Adds the number; false when it was taken already. */
  add(number: number): boolean {
    if (!(Number.isInteger(number) && number >= 0 && number < BITMAP_LIMIT)) {
      if (this.others.has(number)) return false;
      this.others.add(number);
      return true;
    }
    const index = number >>> 5;
    if (index >= this.bits.length) this.grow(index);
    const word = this.bits[index] ?? 0;
    const bit = 1 << (number & 31);
    if ((word & bit) !== 0) return false;
    this.bits[index] = word | bit;
    return true;
  }

  private grow(index: number): void {
    const bits = new Uint32Array(Math.max(index + 1, this.bits.length * 2, 1024));
    bits.set(this.bits);
    this.bits = bits;
  }
}
