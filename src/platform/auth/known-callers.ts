import type { Queryable } from '../db/db.js';
import { ShortCache } from '../db/short-cache.js';
import { bind } from '../db/values.js';
import { NotAuthenticated } from '../errors.js';
import type { Principal } from './principal.js';
import { apiKeys, KEY_USABLE } from './store.js';

// API keys this instance resolved in the last five seconds. A machine client calls many times
// a second, and looking its key up each time costs a statement of its own — on the share API
// as much as the data itself. A remembered principal is handed only to actions that say they
// confirm it (`confirmsCaller`): their one statement re-checks the key (callerHolds) and serves
// nothing when it no longer holds, so a revoked key or a disabled user still fails at once.

const known = new ShortCache<Principal>(5_000);

/** Remembers the principal an API key resolved to (by the key's hash). */
function rememberCaller(db: object, keyHash: string, principal: Principal): void {
  known.set(db, keyHash, principal);
}

function forgetCaller(db: object, keyHash: string): void {
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

/** The principal an API key (by its hash) stands for now, or null when the key or its user no longer holds. */
export async function keyPrincipal(db: Queryable, keyHash: string, ip: string | null): Promise<Principal | null> {
  const row = await apiKeys.userFor(db, keyHash);
  if (!row || row.disabled) {
    forgetCaller(db, keyHash);
    return null;
  }
  // A key's last use is kept to the minute: machine clients call many times a second, and a write per call would queue them.
  if (!(row.key_used && Date.now() - new Date(row.key_used).getTime() < 60_000)) await apiKeys.touch(db, keyHash);
  const p: Principal = { kind: 'user', userId: row.id, username: row.username, departmentId: row.department_id, roles: row.roles, ip, byApiKey: true };
  rememberCaller(db, keyHash, p);
  return p;
}

/**
 * The principal looked up in full: a remembered one is checked against the
 * database now, and refused when its key or user no longer holds.
 */
export async function confirmCaller(db: Queryable, p: Principal): Promise<Principal> {
  if (!p.unconfirmedKey) return p;
  const fresh = await keyPrincipal(db, p.unconfirmedKey, p.ip ?? null);
  if (!fresh) throw new NotAuthenticated('API密钥已失效');
  return fresh;
}
