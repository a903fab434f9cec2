import { isBureauAdmin, isSystem, type Principal } from '../../platform/auth/principal.js';
import type { Queryable } from '../../platform/db/db.js';
import { allFields, type BaseDef } from './schema.js';

// Who may do what with the base databases, in one place for routes, jobs and tests.

export const signedIn = (p: Principal) => p.kind !== 'anonymous';

/** Feeds, conflict rules and merges are the bureau's: it runs the base databases for the city. */
export const mayManage = isBureauAdmin;

/**
 * The fields of `base` this principal may see unmasked. Personal data is masked unless a grant
 * allows it (DESIGN.md); grants arrive with the sharing module, and will be looked up here (by
 * principal, base and field, within their period) — until then only the system itself sees
 * clear values. Fields whose rule is 'none' are never masked and need no grant.
 */
export async function unmaskedFields(_db: Queryable, p: Principal, base: BaseDef): Promise<Set<string>> {
  if (isSystem(p)) return new Set(allFields(base).map((f) => f.name));
  return new Set();
}
