import { has, isBureauAdmin, isSystem, type Principal } from '../../../platform/auth/principal.js';
import { NotAllowed } from '../../../platform/errors.js';
import type { MaskRule } from '../../../platform/masking/mask.js';
import { maskPlan, type PlanItem } from '../../../platform/masking/plan.js';
import type { Resource } from '../../catalog/schema.js';
import type { Column } from '../schema.js';
import type { MountRow } from '../store.js';
import type { RowFilter } from './filter.js';

// Who reads which part of a mount's rows, decided in one place. Every read of a mount table
// takes an AccessDecision, and decisions are made only by decideAccess: the provider reads its
// own rows whole, the bureau and auditors look at them masked, and any other department reads
// them only under an active grant — its items, its row filter, its masks, into the delivery log.

/** The terms of a sharing grant as a read needs them (sharing owns grants; gathering never reads them). */
export type GrantView = {
  id: string;
  consumerDepartmentId: string;
  purpose: string;
  items: string[];
  unmasked: string[];
  rowFilter: RowFilter | null;
};

export type AccessDecision = {
  principal: Principal;
  entry: Resource;
  mount: MountRow;
  /** The table's columns the reader may see, in the entry's order. */
  columns: Column[];
  /** Per readable item: the mask it is read with ('none' when unmasked or the element has none). */
  masks: Map<string, MaskRule>;
  /** Rows outside it do not exist for this reader. */
  rowFilter: RowFilter | null;
  /** A read under a grant is a share call: it goes to the delivery log under this grant. Null: the provider's or the bureau's own look. */
  log: { grantId: string; consumerDepartmentId: string; purpose: string } | null;
};

/** The provider's own members (and the platform itself) read its rows unmasked. */
const isProvider = (p: Principal, entry: Resource) => isSystem(p) || (!!p.departmentId && p.departmentId === entry.providerDepartmentId);
/** The bureau and auditors oversee every department's data, masked. */
const oversees = (p: Principal) => isBureauAdmin(p) || has(p, 'auditor');

/**
 * The one policy: what `principal` may read of `mount` (the entry's table), given the active
 * grant it reads under (null when it reads as provider or overseer) and what masking needs of
 * each item (its data element's rule and derivation: masks are decided over the record). A reader with a grant reads on the grant's terms even when it
 * could oversee, so a share call is always a share call.
 */
export function decideAccess(principal: Principal, entry: Resource, mount: MountRow, grant: GrantView | null, masking: readonly PlanItem[]): AccessDecision {
  const all = mount.table?.columns ?? [];
  if (!grant) {
    if (isProvider(principal, entry)) {
      const masks = new Map(all.map((c) => [c.item, 'none' as MaskRule]));
      return { principal, entry, mount, columns: all, masks, rowFilter: null, log: null };
    }
    if (oversees(principal)) {
      const masks = maskPlan(masking);
      return { principal, entry, mount, columns: all, masks, rowFilter: null, log: null };
    }
    if (entry.shareType === 'none') throw new NotAllowed(`“${entry.name}”为不予共享资源`);
    throw new NotAllowed(`没有“${entry.name}”的有效共享授权，请先提交共享申请`);
  }
  if (entry.shareType === 'none') throw new NotAllowed(`“${entry.name}”为不予共享资源`);
  if (grant.consumerDepartmentId !== principal.departmentId) throw new NotAllowed('该授权不属于本部门');
  const granted = new Set(grant.items);
  const columns = all.filter((c) => granted.has(c.item));
  // Masks come from the entry's items (the current standard), decided over the record as granted, so every channel masks alike.
  const masks = maskPlan(
    masking.filter((i) => granted.has(i.name)),
    new Set(grant.unmasked),
  );
  const log = { grantId: grant.id, consumerDepartmentId: grant.consumerDepartmentId, purpose: grant.purpose };
  return { principal, entry, mount, columns, masks, rowFilter: grant.rowFilter, log };
}
