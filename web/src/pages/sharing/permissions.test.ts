import { describe, expect, it } from 'vitest';
import { grantActions, objectionActions, requestActions, reviewBoxes, sides, subscriptionActions, type Who } from './permissions';
import type { Grant, Objection, ShareRequest, Subscription } from './types';

// Which sharing actions each role is shown, against the server's rules (rules.ts and the actions).

const MZJ = '00000000-0000-4000-8000-00000000000a';
const GAJ = '00000000-0000-4000-8000-00000000000b';
const BUREAU = '00000000-0000-4000-8000-00000000000c';
const RSJ = '00000000-0000-4000-8000-00000000000d';

const who: Record<string, Who> = {
  mzj_user: { departmentId: MZJ, roles: ['dept_user'] },
  mzj_admin: { departmentId: MZJ, roles: ['dept_admin'] },
  gaj_user: { departmentId: GAJ, roles: ['dept_user'] },
  gaj_admin: { departmentId: GAJ, roles: ['dept_admin'] },
  rsj_admin: { departmentId: RSJ, roles: ['dept_admin'] },
  admin: { departmentId: BUREAU, roles: ['admin'] },
  auditor: { departmentId: BUREAU, roles: ['auditor'] },
};
const sides_ = { consumerDepartmentId: MZJ, providerDepartmentId: GAJ };
const request = (status: ShareRequest['status']) => ({ ...sides_, status }) as ShareRequest;
const grant = (state: Grant['state']) => ({ ...sides_, state }) as Grant;
const objection = (status: Objection['status']) => ({ ...sides_, status }) as Objection;
const subscription = (state: Subscription['state']) => ({ consumerDepartmentId: MZJ, state }) as Subscription;

/** The users for whom `f` is true. */
const allowed = (f: (w: Who) => boolean) => Object.keys(who).filter((u) => f(who[u]));

describe('request actions', () => {
  it('lets the requesting department withdraw an undecided request, and nobody a decided one', () => {
    expect(allowed((w) => requestActions(w, request('submitted')).withdraw)).toEqual(['mzj_user', 'mzj_admin']);
    expect(allowed((w) => requestActions(w, request('checked')).withdraw)).toEqual(['mzj_user', 'mzj_admin']);
    for (const s of ['approved', 'rejected', 'returned', 'withdrawn'] as const) expect(allowed((w) => requestActions(w, request(s)).withdraw)).toEqual([]);
  });

  it('shows the check to the bureau while submitted, the review to the provider’s administrators once checked', () => {
    expect(allowed((w) => requestActions(w, request('submitted')).check)).toEqual(['admin']);
    expect(allowed((w) => requestActions(w, request('checked')).check)).toEqual([]);
    expect(allowed((w) => requestActions(w, request('submitted')).review)).toEqual([]);
    expect(allowed((w) => requestActions(w, request('checked')).review)).toEqual(['gaj_admin']);
  });

  it('gives each role its review queues', () => {
    expect(Object.fromEntries(Object.entries(who).map(([u, w]) => [u, reviewBoxes(w)]))).toEqual({
      mzj_user: [],
      mzj_admin: ['review'],
      gaj_user: [],
      gaj_admin: ['review'],
      rsj_admin: ['review'],
      admin: ['check', 'review', 'all'],
      auditor: ['all'],
    });
  });
});

describe('grant actions', () => {
  it('lets the provider’s administrators and the bureau revoke an active grant', () => {
    expect(allowed((w) => grantActions(w, grant('active')).revoke)).toEqual(['gaj_admin', 'admin']);
    expect(allowed((w) => grantActions(w, grant('revoked')).revoke)).toEqual([]);
  });

  it('lets only the provider’s administrators lift the suspension a revoked unconditional grant holds', () => {
    expect(allowed((w) => grantActions(w, { ...grant('revoked'), suspended: true }).lift)).toEqual(['gaj_admin']);
    expect(allowed((w) => grantActions(w, { ...grant('revoked'), suspended: false }).lift)).toEqual([]);
  });

  it('lets the consumer’s members subscribe, raise objections and call while the grant is active', () => {
    for (const k of ['subscribe', 'object', 'call'] as const) {
      expect(allowed((w) => grantActions(w, grant('active'))[k])).toEqual(['mzj_user', 'mzj_admin']);
      expect(allowed((w) => grantActions(w, grant('expired'))[k])).toEqual([]);
    }
  });

  it('offers the "all" tab to the bureau and auditors only', () => {
    expect(sides(who.mzj_user)).toEqual(['consumer', 'provider']);
    expect(sides(who.admin)).toEqual(['consumer', 'provider', 'all']);
    expect(sides(who.auditor)).toEqual(['consumer', 'provider', 'all']);
  });
});

describe('objections and subscriptions', () => {
  it('lets the provider’s administrators accept a raised objection and answer an accepted one', () => {
    expect(allowed((w) => objectionActions(w, objection('raised')).accept)).toEqual(['gaj_admin']);
    expect(allowed((w) => objectionActions(w, objection('raised')).answer)).toEqual([]);
    expect(allowed((w) => objectionActions(w, objection('accepted')).answer)).toEqual(['gaj_admin']);
    expect(allowed((w) => objectionActions(w, objection('archived')).accept || objectionActions(w, objection('archived')).answer)).toEqual([]);
  });

  it('lets the subscribing department and the bureau cancel an active subscription', () => {
    expect(allowed((w) => subscriptionActions(w, subscription('active')).cancel)).toEqual(['mzj_user', 'mzj_admin', 'admin']);
    expect(allowed((w) => subscriptionActions(w, subscription('cancelled')).cancel)).toEqual([]);
  });
});
