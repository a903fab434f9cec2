import type { Role } from '../../app/access';
import type { Grant, Objection, ShareRequest, Subscription } from './types';

// Which sharing actions a person is shown: the server's rules (src/modules/sharing/rules.ts
// and the actions) restated for the console, so a button appears only for those whose click
// would be allowed. The server still decides; this only hides what it would refuse.

export type Who = { departmentId: string | null; roles: readonly Role[] };
type Sides = { consumerDepartmentId: string; providerDepartmentId: string };

const has = (w: Who, ...roles: Role[]) => roles.some((r) => w.roles.includes(r));

/** A department's members file requests, hold grants, subscribe and raise objections (mayConsume). */
export const mayConsume = (w: Who) => !!w.departmentId && has(w, 'admin', 'dept_admin', 'dept_user');
/** The bureau's conformity check (符合性审查). */
export const mayCheck = (w: Who) => has(w, 'admin');
/** The bureau and auditors see every request, grant, subscription and objection. */
export const seesAll = (w: Who) => has(w, 'admin', 'auditor');
/** The provider's administrators review requests, revoke grants, and handle objections (mayReviewFor). */
export const mayActFor = (w: Who, providerDepartmentId: string) => !!w.departmentId && w.departmentId === providerDepartmentId && has(w, 'dept_admin', 'admin');
/** A department's administrators may review requests for its resources at all: the 提供方审核 queue. */
export const mayReviewAny = (w: Who) => !!w.departmentId && has(w, 'dept_admin', 'admin');

const consumer = (w: Who, s: Sides) => mayConsume(w) && w.departmentId === s.consumerDepartmentId;

export function requestActions(w: Who, r: ShareRequest & Sides) {
  return {
    withdraw: consumer(w, r) && (r.status === 'submitted' || r.status === 'checked'),
    check: mayCheck(w) && r.status === 'submitted',
    review: mayActFor(w, r.providerDepartmentId) && r.status === 'checked',
  };
}

export function grantActions(w: Who, g: Grant) {
  const active = g.state === 'active';
  return {
    revoke: active && (mayActFor(w, g.providerDepartmentId) || mayCheck(w)),
    /** A revoked unconditional grant keeps its consumer out until the provider's administrators lift it. */
    lift: g.suspended && mayActFor(w, g.providerDepartmentId),
    subscribe: active && consumer(w, g),
    object: active && consumer(w, g),
    /** Calling the share API: the consumer's members, with their session or an API key. */
    call: active && consumer(w, g),
  };
}

export function objectionActions(w: Who, o: Objection) {
  const provider = mayActFor(w, o.providerDepartmentId);
  return { accept: provider && o.status === 'raised', answer: provider && o.status === 'accepted' };
}

export function subscriptionActions(w: Who, s: Subscription) {
  return { cancel: s.state === 'active' && ((mayConsume(w) && w.departmentId === s.consumerDepartmentId) || mayCheck(w)) };
}

/** The 申请审核 page's queues this person has: the bureau's check, the provider's review, everything. */
export function reviewBoxes(w: Who): ('check' | 'review' | 'all')[] {
  return [...(mayCheck(w) ? (['check'] as const) : []), ...(mayReviewAny(w) ? (['review'] as const) : []), ...(seesAll(w) ? (['all'] as const) : [])];
}

/** The tabs of lists that have a "mine / my department's as provider / all" split. */
export function sides(w: Who): ('consumer' | 'provider' | 'all')[] {
  return [...(w.departmentId ? (['consumer', 'provider'] as const) : []), ...(seesAll(w) ? (['all'] as const) : [])];
}
