import { has, isBureauAdmin, isSystem, type Principal } from '../../platform/auth/principal.js';

// Who may do what with a catalog entry, in one place so routes, the CLI and the
// authorization-matrix test all read the same rules.

/** A member of the providing department who may write its entries. */
export const isProviderMember = (p: Principal, providerId: string) =>
  isSystem(p) || (p.departmentId === providerId && has(p, 'dept_admin', 'dept_user', 'admin'));

/** May see an entry's working (unpublished) versions. */
export const seesWorking = (p: Principal, providerId: string) => isBureauAdmin(p) || has(p, 'auditor') || isProviderMember(p, providerId);

export const mayAuthor = (p: Principal) => isSystem(p) || has(p, 'admin', 'dept_admin', 'dept_user');
export const mayReview = isBureauAdmin;
export const maySeeAll = (p: Principal) => isBureauAdmin(p) || has(p, 'auditor');
