import { has, isBureauAdmin, isSystem, type Principal } from '../../platform/auth/principal.js';

// Who may do what in sharing, in one place for routes, the agent and the tests.

/** Files requests and reads granted data for its own department: a department's members. */
export const mayConsume = (p: Principal) => p.kind === 'user' && !!p.departmentId && has(p, 'admin', 'dept_admin', 'dept_user');

/** The bureau's conformity check (符合性审查). */
export const mayCheck = isBureauAdmin;

/** Reviews requests for, and revokes grants of, its department's resources: the provider's administrators. */
export const mayReviewFor = (p: Principal, providerId: string) => isSystem(p) || (p.departmentId === providerId && has(p, 'dept_admin', 'admin'));

/** Sees every request and grant: the bureau and auditors. */
export const seesAll = (p: Principal) => isBureauAdmin(p) || has(p, 'auditor');

/** Sees one request or grant: its two departments, the bureau, auditors. */
export const seesShare = (p: Principal, s: { consumerDepartmentId: string; providerDepartmentId: string }) =>
  seesAll(p) || p.departmentId === s.consumerDepartmentId || p.departmentId === s.providerDepartmentId;

/** Working days the bureau has to check a request, and the provider to answer it (provincial practice). */
export const CHECK_DAYS = 2;
export const REVIEW_DAYS = 5;

/** How long an unconditional grant made on first use lasts before a new first use renews it. */
export const UNCONDITIONAL_DAYS = 365;
