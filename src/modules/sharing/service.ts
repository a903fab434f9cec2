import { z } from 'zod';
import { defineRead, defineWrite } from '../../platform/actions/action.js';
import type { Principal } from '../../platform/auth/principal.js';
import { Id } from '../../platform/auth/schema.js';
import type { Queryable } from '../../platform/db/db.js';
import { Conflict, InputError, NotAllowed, NotFound, RuleBroken, unseen } from '../../platform/errors.js';
import { publishedEntry } from '../catalog/index.js';
import type { Resource } from '../catalog/schema.js';
import { andFilters, checkFilter, filterItems, type RowFilter } from '../gathering/index.js';
import { deadline } from './calendar.js';
import { CHECK_DAYS, mayCheck, mayConsume, mayReviewFor, REVIEW_DAYS, seesAll, seesShare } from './rules.js';
import { CheckDecision, type Grant, GrantQuery, RequestCreate, RequestQuery, ReviewDecision, RevokeInput, type ShareRequest } from './schema.js';
import { activeTerms, grants, type RequestRow, requests } from './store.js';

// Requests and grants. A conditional resource is reached by request → bureau check →
// provider review → grant; an unconditional one by a grant made on first use (deliver.ts).
// Every step is its own action, so each is authorized, ordered and audited alike.

const END_OF_DAY = 'T23:59:59.999+08:00';

/** The published entry a request or grant names; a resource nobody may share is refused here. */
async function shareableEntry(db: Queryable, id: string): Promise<Resource> {
  const entry = await publishedEntry(db, id);
  if (!entry) throw new NotFound('已发布的目录资源');
  if (entry.shareType === 'none') throw new RuleBroken(`“${entry.name}”为不予共享资源，不能申请`);
  return entry;
}

/** Item names must be the entry's; the error names the strangers. */
function checkItems(entry: Resource, items: readonly string[], what = '信息项') {
  const known = new Set(entry.items.map((i) => i.name));
  const unknown = items.filter((i) => !known.has(i));
  if (unknown.length) throw new InputError(`${what}不属于该资源：${unknown.join('、')}`, { items: unknown });
  if (new Set(items).size !== items.length) throw new InputError(`${what}有重复`);
}

/** A filter is checked against the entry's items (types from the items, not from any table). */
function checkEntryFilter(entry: Resource, f: RowFilter | null) {
  if (!f) return;
  checkFilter(
    f,
    entry.items.map((i, n) => ({ item: i.name, column: `c${n + 1}`, type: i.type, length: i.length ?? null, dataElement: i.dataElement ?? null, key: false })),
  );
}

const publicRequest = ({ requesterId: _r, checkedBy: _c, ...r }: RequestRow): ShareRequest => r;

async function requestOrThrow(db: Queryable, p: Principal, id: string, lock = false): Promise<RequestRow> {
  const r = await requests.get(db, id, lock);
  if (!r || !seesShare(p, r)) throw unseen('共享申请', !!r);
  return r;
}

export const createRequest = defineWrite({
  name: 'sharing.request.create',
  summary: '提交共享申请 File a request for a conditional resource: purpose, basis, the items needed, period, delivery',
  input: RequestCreate,
  auth: mayConsume,
  async run({ db, principal }, input) {
    const entry = await shareableEntry(db, input.resourceId);
    if (entry.shareType === 'unconditional') throw new RuleBroken(`“${entry.name}”为无条件共享资源，无需申请，可直接调用`);
    if (entry.providerDepartmentId === principal.departmentId) throw new RuleBroken('不能申请本部门提供的资源');
    if (entry.shareVia && entry.shareVia !== input.delivery)
      throw new RuleBroken(`该资源的共享方式为${{ api: '接口', file: '文件', table: '库表' }[entry.shareVia]}，请按此方式申请`);
    checkItems(entry, input.items);
    checkEntryFilter(entry, input.rowFilter);
    const now = new Date();
    if (input.useTo < now.toISOString().slice(0, 10)) throw new InputError('使用期限已经结束', [{ path: ['useTo'], message: '结束日期早于今天' }]);
    const id = await requests.insert(db, {
      ...input,
      resourceId: entry.id,
      providerDepartmentId: entry.providerDepartmentId,
      consumerDepartmentId: principal.departmentId as string,
      requesterId: principal.userId,
      checkDue: await deadline(db, now, CHECK_DAYS),
    });
    return publicRequest((await requests.get(db, id)) as RequestRow);
  },
  audit: (out) => ({
    targetType: 'share_request',
    targetId: out.id,
    details: { resource: out.resourceCode, items: out.items.length, delivery: out.delivery, useTo: out.useTo },
  }),
});

export const listRequests = defineRead({
  name: 'sharing.request.list',
  summary: '共享申请列表 Requests: my department’s, awaiting the bureau’s check, or awaiting my review as provider',
  input: RequestQuery,
  auth: (p) => p.kind === 'user',
  async run({ db, principal }, q) {
    const dept = principal.departmentId ?? '00000000-0000-0000-0000-000000000000';
    const base = { status: q.status, overdue: q.overdue, page: q.page, pageSize: q.pageSize };
    if (q.box === 'mine') return requests.list(db, { ...base, consumer: dept }).then(strip);
    if (q.box === 'review') return requests.list(db, { ...base, provider: dept, statuses: q.status ? undefined : ['checked'] }).then(strip);
    if (!seesAll(principal)) throw new NotAllowed('只有大数据局和审计员可以查看全部申请');
    return requests.list(db, { ...base, statuses: q.box === 'check' && !q.status ? ['submitted'] : undefined }).then(strip);
  },
});
const strip = (l: { items: RequestRow[]; total: number }) => ({ items: l.items.map(publicRequest), total: l.total });

export const showRequest = defineRead({
  name: 'sharing.request.show',
  summary: '共享申请详情 One request',
  input: z.object({ id: Id }),
  auth: (p) => p.kind === 'user',
  run: async ({ db, principal }, { id }) => publicRequest(await requestOrThrow(db, principal, id)),
});

/** The step must be the one the request waits for; a second click, or a race, is a 409 naming where it stands. */
function expect(r: RequestRow, status: RequestRow['status'], doing: string) {
  if (r.status !== status) throw new Conflict(`该申请当前为“${statusLabel(r.status)}”，不能${doing}`);
}
const statusLabel = (s: string) =>
  ({ submitted: '待符合性审查', checked: '待提供方审核', approved: '已通过', rejected: '未通过', returned: '已退回', withdrawn: '已撤回' })[s] ?? s;

async function moved(db: Queryable, ok: Promise<boolean>, id: string): Promise<ShareRequest> {
  if (!(await ok)) throw new Conflict('该申请刚被其他人处理，请刷新后查看');
  return publicRequest((await requests.get(db, id)) as RequestRow);
}

export const checkRequest = defineWrite({
  name: 'sharing.request.check',
  summary: '符合性审查 The bureau passes a request to the provider, or returns it with a reason',
  input: z.object({ id: Id }).and(CheckDecision),
  auth: mayCheck,
  async run({ db, principal }, { id, decision, reason }) {
    const r = await requestOrThrow(db, principal, id, true);
    expect(r, 'submitted', '进行符合性审查');
    if (r.requesterId && r.requesterId === principal.userId) throw new NotAllowed('不能审查自己提交的申请');
    if (decision === 'return') return moved(db, requests.step(db, id, 'submitted', 'returned', { checkedBy: principal.userId, reason }), id);
    const reviewDue = await deadline(db, new Date(), REVIEW_DAYS);
    return moved(db, requests.step(db, id, 'submitted', 'checked', { checkedBy: principal.userId, reviewDue }), id);
  },
  audit: (out, input) => ({ targetType: 'share_request', targetId: out.id, details: { decision: input.decision, reason: input.reason ?? null } }),
});

export const reviewRequest = defineWrite({
  name: 'sharing.request.review',
  summary: '提供方审核 The provider approves (possibly with fewer items or a narrower filter) or rejects with a reason',
  input: z.object({ id: Id }).and(ReviewDecision),
  auth: (p) => p.kind === 'user',
  async run({ db, principal }, input) {
    const r = await requestOrThrow(db, principal, input.id, true);
    if (!mayReviewFor(principal, r.providerDepartmentId)) throw new NotAllowed('只有提供部门的管理员可以审核');
    expect(r, 'checked', '审核');
    if (r.requesterId && r.requesterId === principal.userId) throw new NotAllowed('不能审核自己提交的申请');
    if (input.decision === 'reject')
      return moved(db, requests.step(db, r.id, 'checked', 'rejected', { decidedBy: principal.userId, reason: input.reason }), r.id);

    const entry = await shareableEntry(db, r.resourceId);
    const items = input.items ?? r.items;
    const wider = items.filter((i) => !r.items.includes(i));
    if (wider.length) throw new RuleBroken(`只能批准所申请信息项中的部分，不能增加：${wider.join('、')}`);
    checkItems(entry, items);
    const unmaskedOutside = input.unmasked.filter((i) => !items.includes(i));
    if (unmaskedOutside.length) throw new InputError(`不脱敏的信息项须在批准的信息项之内：${unmaskedOutside.join('、')}`);
    checkEntryFilter(entry, input.rowFilter ?? null);
    const rowFilter = andFilters(r.rowFilter, input.rowFilter);
    const grantId = await grants.insert(db, {
      resourceId: r.resourceId,
      providerDepartmentId: r.providerDepartmentId,
      consumerDepartmentId: r.consumerDepartmentId,
      requestId: r.id,
      origin: 'request',
      purpose: r.purpose,
      items,
      rowFilter,
      unmasked: input.unmasked,
      delivery: [r.delivery],
      callsPerDay: input.callsPerDay,
      callsPerMinute: input.callsPerMinute,
      expiresAt: new Date(`${r.useTo}${END_OF_DAY}`),
      createdBy: principal.userId,
    });
    return moved(db, requests.step(db, r.id, 'checked', 'approved', { decidedBy: principal.userId, reason: input.reason, grantId: grantId as string }), r.id);
  },
  audit: (out, input) => ({
    targetType: 'share_request',
    targetId: out.id,
    details: { decision: input.decision, grantId: out.grantId, items: input.items?.length ?? null, reason: input.reason ?? null },
  }),
});

export const withdrawRequest = defineWrite({
  name: 'sharing.request.withdraw',
  summary: '撤回共享申请 The requesting department withdraws a request not yet decided',
  input: z.object({ id: Id }),
  auth: mayConsume,
  async run({ db, principal }, { id }) {
    const r = await requestOrThrow(db, principal, id, true);
    if (r.consumerDepartmentId !== principal.departmentId) throw new NotAllowed('只有申请部门可以撤回');
    if (r.status !== 'submitted' && r.status !== 'checked') throw new Conflict(`该申请当前为“${statusLabel(r.status)}”，不能撤回`);
    return moved(db, requests.step(db, id, r.status, 'withdrawn', {}), id);
  },
  audit: (out) => ({ targetType: 'share_request', targetId: out.id }),
});

// --- Grants ------------------------------------------------------------------------------

async function grantOrThrow(db: Queryable, p: Principal, id: string): Promise<Grant> {
  const g = await grants.get(db, id);
  if (!g || !seesShare(p, g)) throw unseen('共享授权', !!g);
  return g;
}

export const listGrants = defineRead({
  name: 'sharing.grant.list',
  summary: '共享授权列表 Grants my department holds (consumer), has given (provider), or all (the bureau, auditors)',
  input: GrantQuery,
  auth: (p) => p.kind === 'user',
  async run({ db, principal }, q) {
    const dept = principal.departmentId ?? '00000000-0000-0000-0000-000000000000';
    const base = { state: q.state, resourceId: q.resourceId, page: q.page, pageSize: q.pageSize };
    if (q.side === 'consumer') return grants.list(db, { ...base, consumer: dept });
    if (q.side === 'provider') return grants.list(db, { ...base, provider: dept });
    if (!seesAll(principal)) throw new NotAllowed('只有大数据局和审计员可以查看全部授权');
    return grants.list(db, base);
  },
});

export const showGrant = defineRead({
  name: 'sharing.grant.show',
  summary: '共享授权详情 One grant',
  input: z.object({ id: Id }),
  auth: (p) => p.kind === 'user',
  run: ({ db, principal }, { id }) => grantOrThrow(db, principal, id),
});

export const revokeGrant = defineWrite({
  name: 'sharing.grant.revoke',
  summary: '撤销共享授权 The provider or the bureau revokes a grant; it stops working at the next call',
  input: z.object({ id: Id }).and(RevokeInput),
  auth: (p) => p.kind === 'user' || p.kind === 'system',
  async run({ db, principal }, { id, reason }) {
    const g = await grantOrThrow(db, principal, id);
    if (!mayReviewFor(principal, g.providerDepartmentId) && !mayCheck(principal)) throw new NotAllowed('只有提供部门的管理员或大数据局可以撤销授权');
    if (!(await grants.revoke(db, id, principal.userId, reason))) throw new Conflict('该授权已被撤销');
    return (await grants.get(db, id)) as Grant;
  },
  audit: (out) => ({ targetType: 'share_grant', targetId: out.id, details: { reason: out.revokeReason, consumer: out.consumerDepartmentId } }),
});

export const liftSuspension = defineWrite({
  name: 'sharing.grant.lift',
  summary: '解除暂停 The provider lets a consumer whose unconditional grant it revoked use the resource again (its next use makes a new grant)',
  input: z.object({ id: Id }),
  auth: (p) => p.kind === 'user' || p.kind === 'system',
  async run({ db, principal }, { id }) {
    const g = await grantOrThrow(db, principal, id);
    if (!mayReviewFor(principal, g.providerDepartmentId)) throw new NotAllowed('只有提供部门的管理员可以解除暂停');
    if (!(await grants.lift(db, id, principal.userId))) throw new Conflict('该授权没有需要解除的暂停：只有已撤销的无条件共享授权在解除前暂停使用');
    return (await grants.get(db, id)) as Grant;
  },
  audit: (out) => ({ targetType: 'share_grant', targetId: out.id, details: { resource: out.resourceCode, consumer: out.consumerDepartmentId } }),
});

export const requestActions = [createRequest, listRequests, showRequest, checkRequest, reviewRequest, withdrawRequest];
export const grantActions = [listGrants, showGrant, revokeGrant, liftSuspension];
export { filterItems };

// --- For other modules ---------------------------------------------------------

/**
 * The items and unmasked items of a department's grant on a resource that works now, or null:
 * for a module that serves a catalog entry's data itself (a base database).
 */
export async function grantedTerms(
  db: Queryable,
  consumer: string,
  resourceId: string,
): Promise<{ grantId: string; items: string[]; unmasked: string[] } | null> {
  const g = await activeTerms(db, consumer, resourceId, new Date());
  return g && { grantId: g.id, items: g.items, unmasked: g.unmasked };
}
