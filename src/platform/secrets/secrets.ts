import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db.js';

// A secret is made once and never changes, so each instance may keep what it has read.
const cache = new WeakMap<Db, Map<string, Promise<Buffer>>>();

async function load(db: Db, name: string): Promise<Buffer> {
  // Two instances asking first at once: one insert wins and both read the winner's value.
  await db.query('INSERT INTO platform_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, randomBytes(32)]);
  const [row] = await db.query<{ value: Uint8Array }>('SELECT value FROM platform_secrets WHERE name = $1', [name]);
  return Buffer.from(row.value);
}

/**
 * The platform's 32-byte secret of this name, made on first use. Takes the Db, not a
 * transaction: a secret made in a transaction that rolls back would differ from the stored one.
 */
export function platformSecret(db: Db, name: string): Promise<Buffer> {
  const byName = cache.get(db) ?? new Map<string, Promise<Buffer>>();
  cache.set(db, byName);
  const known = byName.get(name);
  if (known) return known;
  const p = load(db, name);
  byName.set(name, p);
  p.catch(() => byName.delete(name));
  return p;
}
