import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type AnyAction, defineRead, defineWrite } from '../../platform/actions/action.js';
import type { ActionRunner } from '../../platform/actions/runner.js';
import { isSystem, type Principal } from '../../platform/auth/principal.js';
import { Id } from '../../platform/auth/schema.js';
import type { Queryable } from '../../platform/db/db.js';
import { isUniqueViolation } from '../../platform/db/values.js';
import { Conflict, InputError, NotAllowed, NotFound, RuleBroken, unseen } from '../../platform/errors.js';
import { actionRoute } from '../../platform/http/route.js';
import { type MaskRule, mask, maskRules } from '../../platform/masking/mask.js';
import { dataElementsOf } from '../catalog/index.js';
import { recordExists, tableMountOf } from '../gathering/index.js';
import { deadline } from './calendar.js';
import { Objection, ObjectionAnswer, ObjectionCreate, ObjectionQuery, objectionLabels } from './objection-schema.js';
import { type ObjectionRow, objections, recordRefSecret } from './objection-store.js';
import { keyOfRef } from './record-ref.js';
import { mayConsume, mayReviewFor, seesAll, seesShare } from './rules.js';
import { grants } from './store.js';

// Objections (数据异议): a consumer department holding a grant says a record is wrong (which
// items, why) → the record reads as disputed to everyone (disputedKeys) → the provider's
// administrators accept it, verify, and answer (corrected, or not an error) within
// ANSWER_DAYS working days of the raise → answering removes the mark and archives the
// objection under its resource. There is no separate archive step: an answered objection
// has nothing left to do, and a second step would only leave answered ones lying about.

/** Working days (the bureau's calendar) the provider has, from the raise, to accept and answer. */
export const ANSWER_DAYS = 5;

const NOBODY = '00000000-0000-0000-0000-000000000000';

/** The record's key in the clear for the provider (it is the provider's data); masked by its data element for everyone else. */
function publicObjection(o: ObjectionRow, p: Principal): Objection {
  const { recordKey, keyMask, ...rest } = o;
  const clear = isSystem(p) || p.departmentId === o.providerDepartmentId;
  const rule = ((maskRules as readonly string[]).includes(keyMask) ? keyMask : 'full') as MaskRule;
  return { ...rest, record: clear ? recordKey : (mask(rule, recordKey) ?? ''), recordMasked: !clear && rule !== 'none' };
}

async function objectionOrThrow(db: Queryable, p: Principal, id: string, lock = false): Promise<ObjectionRow> {
  const o = await objections.get(db, id, lock);
  // Another department's objection does not exist, as far as this caller can tell.
  if (!o || !seesShare(p, o)) throw unseen('数据异议', !!o);
  return o;
}

const statusLabel = (s: string) => objectionLabels.status[s as keyof typeof objectionLabels.status] ?? s;

/** The step must be the one the objection waits for; a second click, or a race, is a 409 naming where it stands. */
function expectStatus(o: ObjectionRow, status: ObjectionRow['status'], doing: string) {
  if (o.status !== status) throw new Conflict(`该异议当前为“${statusLabel(o.status)}”，不能${doing}`, { status: o.status });
}

async function moved(db: Queryable, p: Principal, ok: Promise<boolean>, id: string): Promise<Objection> {
  if (!(await ok)) {
    const now = (await objections.get(db, id)) as ObjectionRow;
    throw new Conflict(`该异议刚被其他人处理，当前为“${statusLabel(now.status)}”，请刷新后查看`, { status: now.status });
  }
  return publicObjection((await objections.get(db, id)) as ObjectionRow, p);
}

/**
 * The key a raise names: given as is, or decrypted from the share API's reference. The secret
 * is read in this action's transaction (recordRefSecret), not through platformSecret(), which
 * wants the root Db because it may create the secret: a reference can only exist once the share
 * API has made it, so an absent secret just means the reference is invalid.
 */
async function keyOf(db: Queryable, resourceId: string, input: { key?: string; ref?: string }): Promise<string> {
  if (input.key !== undefined) return input.key;
  const secret = await recordRefSecret(db);
  const key = secret && keyOfRef(secret, resourceId, input.ref as string);
  if (!key) throw new InputError('记录标识无效：它不是本平台为该资源返回的记录标识', [{ path: ['ref'], message: '记录标识无效' }]);
  return key;
}

const raiseObjection = defineWrite({
  name: 'sharing.objection.raise',
  summary: '提出数据异议 A department holding a grant says a record is wrong: which items, and why',
  input: ObjectionCreate,
  auth: mayConsume,
  async run({ db, principal }, input) {
    const dept = principal.departmentId as string;
    const held = await grants.active(db, dept, input.resourceId);
    if (!held.length) throw new NotAllowed('本部门没有该资源的有效共享授权，不能对其数据提出异议');
    const grant = held[0];

    const mount = await tableMountOf(db, input.resourceId);
    if (!mount?.table || !mount.currentTable) throw new RuleBroken('该资源没有已发布的库表数据，无法对记录提出异议');
    const columns = mount.table.columns;
    const keys = columns.filter((c) => c.key);
    if (keys.length !== 1) throw new RuleBroken('该资源的库表没有单一主键信息项，无法指明记录；请联系提供部门');
    const keyColumn = keys[0];

    const known = new Set(columns.map((c) => c.item));
    const strangers = input.items.filter((i) => !known.has(i));
    if (strangers.length) throw new InputError(`信息项不属于该资源：${strangers.join('、')}`, { items: strangers });
    if (new Set(input.items).size !== input.items.length) throw new InputError('信息项有重复');
    const granted = new Set(held.flatMap((g) => g.items));
    const outside = input.items.filter((i) => !granted.has(i));
    if (outside.length) throw new RuleBroken(`只能对授权范围内的信息项提出异议：${outside.join('、')}`, { items: outside });

    const elements = await dataElementsOf(db, [keyColumn]);
    const keyMask = (keyColumn.dataElement ? elements.get(keyColumn.dataElement)?.masking : undefined) ?? 'none';
    // A raw key from a department that sees the key only masked (or not at all) would make the raise an oracle of who is in the data (F5).
    const seesKey = held.some((g) => g.items.includes(keyColumn.item) && (keyMask === 'none' || g.unmasked.includes(keyColumn.item)));
    if (input.key !== undefined && !seesKey)
      throw new RuleBroken(`主键信息项“${keyColumn.item}”对本部门脱敏，请用记录标识 ref 指明记录`, { reason: 'masked_key', use: 'ref' });
    const key = await keyOf(db, input.resourceId, input);
    // Only a record one of the department's grants shows: otherwise a raise would tell whether a key exists outside its row filter.
    const filters = held.some((g) => !g.rowFilter) ? null : held.map((g) => g.rowFilter as NonNullable<typeof g.rowFilter>);
    if (!(await recordExists(db, mount.currentTable, columns, key, filters))) throw new NotFound('授权范围内该记录');
    if (await objections.openOf(db, dept, input.resourceId, key)) throw new Conflict('本部门对该记录已有未办结的异议，请等待提供部门答复');
    let id: string;
    try {
      id = await objections.insert(db, {
        resourceId: input.resourceId,
        providerDepartmentId: grant.providerDepartmentId,
        consumerDepartmentId: dept,
        raisedBy: principal.userId,
        keyItem: keyColumn.item,
        recordKey: key,
        keyMask,
        items: input.items,
        reason: input.reason,
        dueAt: await deadline(db, new Date(), ANSWER_DAYS),
      });
    } catch (e) {
      // Two raises at once: the index keeps one; the other transaction is rolled back whole.
      if (isUniqueViolation(e, 'share_objections_one_open')) throw new Conflict('本部门对该记录已有未办结的异议，请等待提供部门答复');
      throw e;
    }
    return publicObjection((await objections.get(db, id)) as ObjectionRow, principal);
  },
  // Never the key: it is personal data more often than not. The id leads to it for those who may see it.
  audit: (out, input) => ({
    targetType: 'share_objection',
    targetId: out.id,
    details: { resource: out.resourceCode, items: out.items, by: input.ref !== undefined ? 'ref' : 'key', dueAt: out.dueAt },
  }),
});

const listObjections = defineRead({
  name: 'sharing.objection.list',
  summary: '数据异议列表 Objections my department raised, about my department’s resources (provider), or all (the bureau, auditors)',
  input: ObjectionQuery,
  auth: (p) => p.kind === 'user',
  async run({ db, principal }, q) {
    const dept = principal.departmentId ?? NOBODY;
    const base = { resourceId: q.resourceId, status: q.status, overdue: q.overdue, page: q.page, pageSize: q.pageSize };
    const show = (l: { items: ObjectionRow[]; total: number }) => ({ items: l.items.map((o) => publicObjection(o, principal)), total: l.total });
    if (q.box === 'mine') return show(await objections.list(db, { ...base, consumer: dept }));
    if (q.box === 'provider') return show(await objections.list(db, { ...base, provider: dept }));
    if (!seesAll(principal)) throw new NotAllowed('只有大数据局和审计员可以查看全部数据异议');
    return show(await objections.list(db, base));
  },
});

const showObjection = defineRead({
  name: 'sharing.objection.show',
  summary: '数据异议详情 One objection',
  input: z.object({ id: Id }),
  auth: (p) => p.kind === 'user',
  run: async ({ db, principal }, { id }) => publicObjection(await objectionOrThrow(db, principal, id), principal),
});

const acceptObjection = defineWrite({
  name: 'sharing.objection.accept',
  summary: '受理数据异议 The provider’s administrators accept an objection for verification',
  input: z.object({ id: Id }),
  auth: (p) => p.kind === 'user' || p.kind === 'system',
  async run({ db, principal }, { id }) {
    const o = await objectionOrThrow(db, principal, id, true);
    if (!mayReviewFor(principal, o.providerDepartmentId)) throw new NotAllowed('只有提供部门的管理员可以受理数据异议');
    expectStatus(o, 'raised', '受理');
    return moved(db, principal, objections.accept(db, id, principal.userId), id);
  },
  audit: (out) => ({ targetType: 'share_objection', targetId: out.id, details: { resource: out.resourceCode } }),
});

const answerObjection = defineWrite({
  name: 'sharing.objection.answer',
  summary: '答复数据异议 The provider answers an accepted objection (corrected, or not an error); the mark is removed and it is archived',
  input: z.object({ id: Id }).and(ObjectionAnswer),
  auth: (p) => p.kind === 'user' || p.kind === 'system',
  async run({ db, principal }, { id, resolution, answer }) {
    const o = await objectionOrThrow(db, principal, id, true);
    if (!mayReviewFor(principal, o.providerDepartmentId)) throw new NotAllowed('只有提供部门的管理员可以答复数据异议');
    expectStatus(o, 'accepted', '答复（须先受理）');
    return moved(db, principal, objections.answer(db, id, principal.userId, resolution, answer), id);
  },
  // The answer's text stays on the objection: it may quote the corrected personal data.
  audit: (out) => ({
    targetType: 'share_objection',
    targetId: out.id,
    details: { resource: out.resourceCode, resolution: out.resolution, overdue: out.answeredAt !== null && out.answeredAt > out.dueAt },
  }),
});

export const objectionActions: AnyAction[] = [raiseObjection, listObjections, showObjection, acceptObjection, answerObjection];

const IdParam = z.object({ id: Id });

export function objectionRoutes(app: FastifyInstance, runner: ActionRunner): void {
  const r = <O>(o: Parameters<typeof actionRoute<O>>[2]) => actionRoute(app, runner, o);
  const tags = ['共享交换 Sharing'];
  const url = '/api/v1/sharing/objections';
  r({ method: 'POST', url, action: raiseObjection, tags, body: ObjectionCreate, response: Objection });
  r({
    method: 'GET',
    url,
    action: listObjections,
    tags,
    querystring: ObjectionQuery,
    response: z.object({ items: z.array(Objection), total: z.number().int() }),
  });
  r({ method: 'GET', url: `${url}/:id`, action: showObjection, tags, params: IdParam, response: Objection });
  r({ method: 'POST', url: `${url}/:id/accept`, action: acceptObjection, tags, params: IdParam, response: Objection, status: 200 });
  r({ method: 'POST', url: `${url}/:id/answer`, action: answerObjection, tags, params: IdParam, body: ObjectionAnswer, response: Objection, status: 200 });
}

/** The keys among `keys` that have an open objection on this resource (shown as disputed to every reader). */
export { disputedSql } from './objection-store.js';

export async function disputedKeys(db: Queryable, resourceId: string, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  return new Set(await objections.disputed(db, resourceId, keys));
}
