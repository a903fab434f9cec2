import { has, isBureauAdmin, isSystem, type Principal } from '../../platform/auth/principal.js';
import type { Queryable } from '../../platform/db/db.js';
import { NotAllowed } from '../../platform/errors.js';
import { publishedEntry } from '../catalog/index.js';
import { grantedTerms } from '../sharing/index.js';
import { allFields, type BaseDef, type BaseField } from './schema.js';
import { settings } from './store.js';

// Who may do what with the base databases, in one place for routes, jobs and tests.

export const signedIn = (p: Principal) => p.kind !== 'anonymous';

/** Feeds, conflict rules and merges are the bureau's: it runs the base databases for the city. */
export const mayManage = isBureauAdmin;

/**
 * Which fields of a base's records a principal reads, and which of them unmasked. `grant`: it
 * reads as another department, through the base's catalog entry, on the share API's terms.
 */
export type BaseAccess = { fields: Set<string>; unmasked: Set<string>; grant: boolean };

/** A base field is the catalog entry's item that follows the same data element, or bears its label. */
const itemOf = (f: BaseField, items: readonly { name: string; dataElement?: string | null }[]) =>
  items.find((i) => f.element && i.dataElement === f.element) ?? items.find((i) => i.name === f.label);

/**
 * Reading a base's records: the bureau (its administrators) and the departments that feed the
 * base read every field, masked; any other department reads through the base's catalog entry —
 * every item of an unconditional one, masked; the granted items of a conditional one, unmasked
 * as granted — requested, checked and reviewed like any other resource. An auditor reads the
 * audit log, not the data. Personal data stays masked unless a grant unmasks it (DESIGN.md).
 */
export async function baseAccess(db: Queryable, p: Principal, b: BaseDef): Promise<BaseAccess> {
  const all = new Set(allFields(b).map((f) => f.name));
  if (isSystem(p)) return { fields: all, unmasked: all, grant: false };
  if (has(p, 'admin')) return { fields: all, unmasked: new Set(), grant: false };
  const dept = has(p, 'dept_admin', 'dept_user') ? p.departmentId : null;
  if (!dept) throw new NotAllowed(`查看${b.label}记录需要授权`);
  if (await settings.fedBy(db, b.name, dept)) return { fields: all, unmasked: new Set(), grant: false };

  const { resourceId } = await settings.get(db, b.name);
  const entry = resourceId ? await publishedEntry(db, resourceId) : null;
  if (!entry) throw new NotAllowed(`查看${b.label}记录需要授权：${b.label}尚未在目录中发布`);
  const grant =
    entry.shareType === 'unconditional' ? { items: entry.items.map((i) => i.name), unmasked: [] as string[] } : await grantedTerms(db, dept, entry.id);
  if (!grant) throw new NotAllowed(`查看${b.label}记录需要授权：请对目录资源“${entry.name}”提交共享申请`);
  const granted = entry.items.filter((i) => grant.items.includes(i.name));
  const unmasked = entry.items.filter((i) => grant.unmasked.includes(i.name));
  const fields = new Set(
    allFields(b)
      .filter((f) => itemOf(f, granted))
      .map((f) => f.name),
  );
  // Records are named by their key: a grant without it cannot name one.
  if (!fields.has(b.key.name)) throw new NotAllowed(`“${entry.name}”的授权不含${b.key.label}，不能查看${b.label}记录`);
  return {
    fields,
    grant: true,
    unmasked: new Set(
      allFields(b)
        .filter((f) => itemOf(f, unmasked))
        .map((f) => f.name),
    ),
  };
}
