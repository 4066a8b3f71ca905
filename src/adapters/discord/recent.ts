/**
 * Interaction ids seen recently, so a second delivery of the same interaction is not answered
 * twice. Bounded by count and age: an interaction token is only valid for 15 minutes anyway.
 */
export class RecentIds {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly maxSize = 10_000,
    private readonly ttlMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records `id`; false when it was already recorded within the time to live. */
  add(id: string): boolean {
    const now = this.now();
    for (const [key, at] of this.seen) {
      if (now - at <= this.ttlMs && this.seen.size < this.maxSize) break;
      this.seen.delete(key);
    }
    if (this.seen.has(id)) return false;
    this.seen.set(id, now);
    return true;
  }
}
