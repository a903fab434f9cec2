import { z } from 'zod';
import { defineWrite } from '../../platform/actions/action.js';
import { callerHolds, confirmCaller } from '../../platform/auth/known-callers.js';
import type { Principal } from '../../platform/auth/principal.js';
import { Id } from '../../platform/auth/schema.js';
import type { Db, Queryable } from '../../platform/db/db.js';
import { ShortCache } from '../../platform/db/short-cache.js';
import { bind } from '../../platform/db/values.js';
import { Conflict, NotAllowed, NotFound, RuleBroken, TooMany } from '../../platform/errors.js';
import type { PlanItem } from '../../platform/masking/plan.js';
import type { Services } from '../../platform/services.js';
import { maskingOf, publishedEntry } from '../catalog/index.js';
import type { Resource } from '../catalog/schema.js';
import { type AccessDecision, decideAccess, mountOf, stillCurrent } from '../gathering/index.js';
import { CallLog } from './call-log.js';
import { mayConsume, UNCONDITIONAL_DAYS } from './rules.js';
import { type Grant, labels } from './schema.js';
import { activeTerms, type GrantTerms, grants, usageBuckets } from './store.js';

// Who may take data out, and on which terms: every delivery channel (API, lookup, file,
// table sync, proxied upstream API) starts here, so the grant, its items, its masking, its
// channel and its quota are checked the same way whichever door the data leaves by.

export type Channel = 'api' | 'lookup' | 'file' | 'table' | 'proxy' | 'preview';
/**
 * The grant's delivery method a channel needs: a lookup and a proxied call are API calls; a
 * preview (a few rows in the console) is open to any grant, whatever it delivers by.
 */
const METHOD: Record<Channel, Grant['delivery'][number] | null> = { api: 'api', lookup: 'api', proxy: 'api', file: 'file', table: 'table', preview: null };

/** The gathering module's access decision for the grant's reader, and the grant it rests on (its quota, its delivery). */
export type Access = AccessDecision & { grant: GrantTerms };

const callLogs = new WeakMap<Db, CallLog>();
/** One call log per database, shared by every route of this process. */
export function callLogOf(db: Db): CallLog {
  const known = callLogs.get(db);
  if (known) return known;
  const log = new CallLog(db);
  callLogs.set(db, log);
  return log;
}

export const firstUseGrant = defineWrite({
  name: 'sharing.grant.first-use',
  summary: '无条件共享首次使用 The grant an unconditional resource gets on a department’s first use, recorded like any other',
  input: z.object({ resourceId: Id }),
  auth: mayConsume,
  async run({ db, principal }, { resourceId }): Promise<Grant> {
    const entry = await publishedEntry(db, resourceId);
    if (entry?.shareType !== 'unconditional') throw new RuleBroken('只有无条件共享资源可以直接使用');
    const consumer = principal.departmentId as string;
    const expiresAt = new Date(Date.now() + UNCONDITIONAL_DAYS * 86_400_000);
    // A first use after the last grant expired renews that grant: one unconditional grant per pair.
    const renewed = await grants.renewUnconditional(db, consumer, entry.id, expiresAt);
    const id =
      renewed ??
      (await grants.insert(db, {
        resourceId: entry.id,
        providerDepartmentId: entry.providerDepartmentId,
        consumerDepartmentId: consumer,
        requestId: null,
        origin: 'unconditional',
        purpose: '无条件共享资源，按需使用',
        items: entry.items.map((i) => i.name),
        rowFilter: null,
        unmasked: [],
        delivery: [entry.shareVia ?? 'api'],
        callsPerDay: 10_000,
        callsPerMinute: 600,
        expiresAt,
        createdBy: principal.userId,
      }));
    // Nothing made: a first use that raced another (the other's grant is the one), or a revoked
    // grant in the pair's place — the consumer stays suspended until the provider lifts it.
    const [g] = id ? [await grants.get(db, id)] : await grants.active(db, consumer, entry.id);
    if (g) return g;
    const suspended = await grants.suspension(db, consumer, entry.id);
    if (suspended) throw new NotAllowed(`“${entry.name}”的共享授权已被撤销${suspended.reason ? `：${suspended.reason}` : ''}；在提供部门解除前不能使用`);
    throw new Conflict('授权刚被撤销，请重试');
  },
  audit: (g) => ({ targetType: 'share_grant', targetId: g.id, details: { resource: g.resourceCode, consumer: g.consumerDepartmentId, origin: g.origin } }),
});

/** Why there is no usable grant, in words the consumer can act on. */
async function noGrant(db: Queryable, consumer: string, entry: Resource): Promise<never> {
  const [last] = await db.query<{ revoked: boolean; reason: string | null }>(
    `SELECT revoked_at IS NOT NULL AS revoked, revoke_reason AS reason FROM share_grants
      WHERE consumer_department_id = $1 AND resource_id = $2 ORDER BY created_at DESC LIMIT 1`,
    [consumer, entry.id],
  );
  if (last?.revoked) throw new NotAllowed(`“${entry.name}”的共享授权已被撤销${last.reason ? `：${last.reason}` : ''}`);
  if (last) throw new NotAllowed(`“${entry.name}”的共享授权已过期，请重新申请`);
  throw new NotAllowed(`没有“${entry.name}”的有效共享授权，请先提交共享申请`);
}

type Fixed = { entry: Resource; masking: PlanItem[] };
const fixedCache = new ShortCache<Promise<Fixed | null>>(5_000);

/**
 * The published entry and what masking needs of each of its items. They change only when the bureau
 * publishes a new version or a data element's rule, so each instance keeps them five seconds:
 * a busy API asks once, not on every call. Grants, quotas and mounts are never kept.
 */
export function fixedTerms(db: Queryable, root: Db, ref: string): Promise<Fixed | null> {
  const hit = fixedCache.get(root, ref);
  if (hit) return hit;
  const value = (async () => {
    const entry = await publishedEntry(db, ref);
    if (!entry) return null;
    const masking = await maskingOf(
      db,
      entry.items.map((i) => ({ name: i.name, dataElement: i.dataElement ?? null })),
    );
    return { entry, masking };
  })();
  fixedCache.set(root, ref, value);
  value.catch(() => fixedCache.delete(root, ref));
  return value;
}

const knownCache = new ShortCache<Access>(5_000);
const knownKey = (p: Principal, ref: string, channel: Channel) => `${p.departmentId}\0${ref}\0${channel}`;

/**
 * Terms this instance opened for the same department, resource and channel in the last five
 * seconds. They may be used only by a query that re-checks them itself (verifiedBy): the grant
 * still active, the mount still on that table, and today's usage — so a revocation, an
 * expiry or a replace still counts from the next call, and costs no extra round trip.
 */
export function knownAccess(services: Services, p: Principal, ref: string, channel: Channel): Access | null {
  return knownCache.get(services.db, knownKey(p, ref, channel)) ?? null;
}

export function forgetAccess(services: Services, p: Principal, ref: string, channel: Channel): void {
  knownCache.delete(services.db, knownKey(p, ref, channel));
}

function remember(services: Services, p: Principal, ref: string, channel: Channel, access: Access): void {
  knownCache.set(services.db, knownKey(p, ref, channel), access);
}

/**
 * SQL that holds only while known terms still do (grant active, mount on the same table, and
 * the caller's API key when its principal was remembered rather than looked up), and the calls
 * counted so far today and this minute, for a delivery's own query: `join` follows its table in
 * FROM (the grant's row and its usage, one row each), its WHERE gets `holds`, its SELECT list
 * `usage`. Parameters are appended to `params`.
 */
export function verifiedBy(a: Access, p: Principal, params: unknown[], now = new Date()): { join: string; holds: string; usage: string[] } {
  const caller = callerHolds(p, params);
  const b = usageBuckets(now);
  const [g, m, t, d, min] = bind(params, a.grant.id, a.mount.id, a.mount.currentTable, b.day, b.minute);
  return {
    join: `JOIN share_grants _g ON _g.id = ${g}::uuid AND _g.revoked_at IS NULL AND _g.expires_at > now()
      CROSS JOIN LATERAL (SELECT coalesce(sum(calls) FILTER (WHERE bucket = ${d}::text), 0)::int AS day,
                                 coalesce(sum(calls) FILTER (WHERE bucket = ${min}::text), 0)::int AS minute
                            FROM share_usage WHERE grant_id = ${g}::uuid AND bucket IN (${d}::text, ${min}::text)) _u`,
    holds: `${stillCurrent(m, t)}${caller ? ` AND ${caller}` : ''}`,
    // The limits as stored now, not as known: the quota is the grant's as it stands.
    usage: ['_u.day AS _day', '_u.minute AS _minute', '_g.calls_per_day AS _per_day', '_g.calls_per_minute AS _per_minute'],
  };
}

type Quota = Pick<GrantTerms, 'id' | 'callsPerDay' | 'callsPerMinute'>;

function checkQuota(services: Services, grant: Quota, used: { day: number; minute: number }): void {
  const pending = callLogOf(services.db).pending(grant.id);
  if (used.day + pending >= grant.callsPerDay) throw new TooMany(`已达到该授权每日 ${grant.callsPerDay} 次的调用限额，请明日再试`);
  if (used.minute + pending >= grant.callsPerMinute) throw new TooMany(`调用过于频繁：该授权每分钟最多 ${grant.callsPerMinute} 次`);
}

/** The quota check of a verified query: the usage and limit columns of its first row. */
export function checkVerifiedQuota(services: Services, a: Access, row: Record<string, unknown>): void {
  const grant = { id: a.grant.id, callsPerDay: Number(row._per_day), callsPerMinute: Number(row._per_minute) };
  checkQuota(services, grant, { day: Number(row._day), minute: Number(row._minute) });
}

/**
 * Runs a delivery with known terms when this instance has them (its query verifies them —
 * and an unconfirmed caller's key — and answers null when they no longer hold, or it found
 * nothing to tell apart from that), else — or then — with the caller confirmed and terms
 * opened afresh.
 */
export async function withAccess<T>(
  db: Queryable,
  services: Services,
  caller: Principal,
  ref: string,
  channel: Channel,
  run: (a: Access, p: Principal, verify: boolean) => Promise<T | null>,
): Promise<T> {
  const known = knownAccess(services, caller, ref, channel);
  if (known) {
    let out: T | null;
    try {
      out = await run(known, caller, true);
    } catch (e) {
      // A refusal before the statement ran (an item outside the grant, a bad cursor) must not answer a key that no longer holds.
      await confirmCaller(db, caller);
      throw e;
    }
    if (out !== null) return out;
    forgetAccess(services, caller, ref, channel);
  }
  const p = await confirmCaller(db, caller);
  const a = await openAccess(db, services, p, ref, channel);
  const out = (await run(a, p, false)) as T;
  remember(services, p, ref, channel, a);
  return out;
}

/**
 * The terms on which this principal may take this resource's data through this channel now,
 * or the error that says why not. A revoked or expired grant fails at the next call, because
 * the grant is read on every call.
 */
export async function openAccess(db: Queryable, services: Services, principal: Principal, ref: string, channel: Channel): Promise<Access> {
  if (principal.unconfirmedKey) throw new Error('openAccess needs a confirmed principal (confirmCaller)');
  const fixed = await fixedTerms(db, services.db, ref);
  if (!fixed) throw new NotFound('已发布的目录资源');
  const { entry } = fixed;
  if (!mayConsume(principal)) throw new NotAllowed('只有部门用户可以使用共享数据');
  if (entry.shareType === 'none') throw new NotAllowed(`“${entry.name}”为不予共享资源`);
  const consumer = principal.departmentId as string;
  if (entry.providerDepartmentId === consumer) throw new RuleBroken('本部门提供的资源请在“数据汇聚”中查看，无需共享授权');

  const now = new Date();
  let grant = await activeTerms(db, consumer, entry.id, now);
  if (!grant && entry.shareType === 'unconditional') {
    await services.actions.run(firstUseGrant, principal, { resourceId: entry.id });
    grant = await activeTerms(db, consumer, entry.id, now);
  }
  if (!grant) return noGrant(db, consumer, entry);
  const method = METHOD[channel];
  if (method && !grant.delivery.includes(method))
    throw new NotAllowed(`该授权的交付方式为${grant.delivery.map((d) => labels.delivery[d]).join('、')}，不能以${labels.delivery[method]}方式获取`);

  checkQuota(services, grant, grant.used);

  // A proxied call goes to the entry's upstream API; every other channel reads its table.
  const mount = await mountOf(db, entry.id, channel === 'proxy' ? 'api' : 'table');
  // A feed or a preview may come before the first load (it then reads as empty); the other channels need rows.
  const needsRows = channel !== 'proxy' && channel !== 'table' && channel !== 'preview';
  if (!mount || (needsRows && !mount.currentTable)) throw new Conflict(`“${entry.name}”的提供部门尚未挂载${channel === 'proxy' ? '接口' : '数据'}`);
  return { ...decideAccess(principal, entry, mount, grant, fixed.masking), grant };
}
