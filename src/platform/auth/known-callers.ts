import { ShortCache } from '../db/short-cache.js';
import { bind } from '../db/values.js';
import type { Principal } from './principal.js';
import { KEY_USABLE } from './store.js';

// API keys this instance resolved in the last five seconds. A machine client calls many times
// a second, and looking its key up each time costs a statement of its own — on the share API
// as much as the data itself. A remembered principal is handed only to actions that say they
// confirm it (`confirmsCaller`): their one statement re-checks the key (callerHolds) and serves
// nothing when it no longer holds, so a revoked key or a disabled user still fails at once.

const known = new ShortCache<Principal>(5_000);

/** Remembers the principal an API key resolved to (by the key's hash). */
export function rememberCaller(db: object, keyHash: string, principal: Principal): void {
  known.set(db, keyHash, principal);
}

export function forgetCaller(db: object, keyHash: string): void {
  known.delete(db, keyHash);
}

/** The remembered principal for this key, marked unconfirmed, or null. */
export function knownCaller(db: object, keyHash: string, ip: string | null): Principal | null {
  const p = known.get(db, keyHash);
  return p ? { ...p, ip, unconfirmedKey: keyHash } : null;
}

/**
 * SQL true only while an unconfirmed principal's key is still usable (not revoked or expired) and its user still
 * enabled with the same department and roles; parameters are appended to `params`. Null for a
 * principal that was looked up in full.
 */
export function callerHolds(p: Principal, params: unknown[]): string | null {
  if (!p.unconfirmedKey) return null;
  const [h, u, d, r] = bind(params, p.unconfirmedKey, p.userId, p.departmentId, [...p.roles]);
  return `EXISTS (SELECT 1 FROM api_keys k JOIN users u ON u.id = k.user_id
     WHERE k.key_hash = ${h}::text AND ${KEY_USABLE} AND u.id = ${u}::uuid AND NOT u.disabled
       AND u.department_id = ${d}::uuid AND u.roles = ${r}::text[])`;
}
