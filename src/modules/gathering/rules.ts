import { has, isBureauAdmin, isSystem, type Principal } from '../../platform/auth/principal.js';
import type { updateCycles } from '../catalog/schema.js';

// Who may do what with mounted data, in one place for routes, the CLI and the tests.

/** The providing department's writers (and the system): mount, ingest, upload. */
export const mayLoad = (p: Principal, departmentId: string) => isSystem(p) || (p.departmentId === departmentId && has(p, 'admin', 'dept_admin', 'dept_user'));

/** May see runs, rejects, the rows (masked but for the provider) and upstream addresses: the provider, the bureau, auditors. */
export const mayInspect = (p: Principal, departmentId: string) => isBureauAdmin(p) || has(p, 'auditor') || p.departmentId === departmentId;

export const signedIn = (p: Principal) => p.kind !== 'anonymous';

/** How long a resource may go without a successful update before it is overdue; null: no cycle. */
export const cycleInterval: Record<(typeof updateCycles)[number], string | null> = {
  realtime: '1 hour',
  daily: '1 day',
  weekly: '7 days',
  monthly: '1 month',
  quarterly: '3 months',
  halfyearly: '6 months',
  yearly: '1 year',
  irregular: null,
};
