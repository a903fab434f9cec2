import type { Queryable } from '../../platform/db/db.js';
import type { BaseName } from './schema.js';
import { type SourceRow, sourcesOf } from './store.js';

// Where a record's values came from, by run, cached in this process. A lookup is on the hot
// path (every one is also an audited write), and what a run points at hardly ever changes:
// its mount, publish time, resource and department are fixed; the feed's priority and the
// resource's name may change, so entries live a minute, and this process forgets them all when
// it changes a feed. Another server instance may show a changed priority up to a minute late.

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

const cache = new Map<string, { row: SourceRow; until: number }>();

export function forgetSources(): void {
  cache.clear();
}

export async function cachedSources(db: Queryable, base: BaseName, runs: number[]): Promise<Map<number, SourceRow>> {
  const now = Date.now();
  const out = new Map<number, SourceRow>();
  const missing: number[] = [];
  for (const run of new Set(runs)) {
    const hit = cache.get(`${base}:${run}`);
    if (hit && hit.until > now) out.set(run, hit.row);
    else missing.push(run);
  }
  if (missing.length) {
    if (cache.size > MAX_ENTRIES) cache.clear();
    for (const row of await sourcesOf(db, base, missing)) {
      cache.set(`${base}:${row.run}`, { row, until: now + TTL_MS });
      out.set(row.run, row);
    }
  }
  return out;
}
