// What a server instance may keep for a few seconds instead of asking the database each time,
// kept per database: tests and benchmarks run several platforms in one process. Bounded by
// forgetting everything when full, which only costs the next lookups their query.

export class ShortCache<V> {
  private readonly byDb = new WeakMap<object, Map<string, { at: number; value: V }>>();

  constructor(
    private readonly ms: number,
    private readonly max = 10_000,
  ) {}

  get(db: object, key: string): V | undefined {
    const hit = this.byDb.get(db)?.get(key);
    return hit && Date.now() - hit.at < this.ms ? hit.value : undefined;
  }

  set(db: object, key: string, value: V): void {
    const entries = this.byDb.get(db) ?? new Map<string, { at: number; value: V }>();
    this.byDb.set(db, entries);
    if (entries.size >= this.max) entries.clear();
    entries.set(key, { at: Date.now(), value });
  }

  delete(db: object, key: string): void {
    this.byDb.get(db)?.delete(key);
  }
}
