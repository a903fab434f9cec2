import { z } from 'zod';
import { defineRead } from '../../platform/actions/action.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Queryable } from '../../platform/db/db.js';
import { bind } from '../../platform/db/values.js';
import { InputError, NotAllowed, NotFound, RuleBroken } from '../../platform/errors.js';
import { mask } from '../../platform/masking/mask.js';
import { platformSecret } from '../../platform/secrets/secrets.js';
import type { Services } from '../../platform/services.js';
import { type AccessDecision, keyColumn, orderOf, parseFilterParam, readRows, rowsWhere } from '../gathering/index.js';
import type { Column } from '../gathering/schema.js';
import { type Access, type Channel, callLogOf, checkVerifiedQuota, verifiedBy, withAccess } from './access.js';
import { openCursor, sealCursor } from './cursor.js';
import { disputedKeys, disputedSql } from './objections.js';
import { keyOfRef, recordRefs } from './record-ref.js';
import { mayConsume } from './rules.js';
import { type RecordsPage, RecordsQuery, type ShareRecord } from './schema.js';

// Delivery by API (接口): a page of a granted resource's records, or one record by its key.
// What leaves is only ever the grant's items, inside the grant's row filter, masked as the
// grant says, and only after the call's log row has been committed.

export const ResourceRef = z.string().min(1).max(80).describe('the entry’s id or its code (URL-encoded)');

/** Item names from `fields` (comma-separated); each must be granted. */
export function pickColumns(a: Access, fields: string | undefined): Column[] {
  if (!fields?.trim()) return a.columns;
  const wanted = [
    ...new Set(
      fields
        .split(/[,，]/)
        .map((f) => f.trim())
        .filter(Boolean),
    ),
  ];
  const outside = wanted.filter((w) => !a.masks.has(w));
  if (outside.length) throw new NotAllowed(`这些信息项不在授权范围内：${outside.join('、')}`);
  return a.columns.filter((c) => wanted.includes(c.item));
}

/** The caller's filter (the `filter` parameter) ANDed with the grant's, as gathering's tables service compiles it. */
export const whereOf = (a: Access, filterParam: string | undefined, params: unknown[]): string =>
  rowsWhere(a, params, filterParam ? parseFilterParam(filterParam) : null);

type Shaped = { ref: string | null; disputed: boolean; values: Record<string, string | null> };

/** Records as delivered: reference, values masked as granted, and (unless `withDisputed` is false: the change feed has no such field) whether disputed. */
export async function shape(
  db: Queryable,
  services: Services,
  a: Access,
  columns: Column[],
  rows: Record<string, unknown>[],
  withDisputed = true,
): Promise<Shaped[]> {
  const keys = (a.mount.table as { columns: Column[] }).columns.filter((c) => c.key);
  const single = keys.length === 1 ? keys[0].column : null;
  const keyOf = (r: Record<string, unknown>) => (single ? (r[`_k_${single}`] as string) : null);
  const secret = single ? await platformSecret(services.db, 'record-ref') : null;
  // The delivery's own query may have answered it (a column _disputed); else one query for the page.
  const disputed =
    !single || !withDisputed
      ? new Set<string>()
      : rows.length && '_disputed' in rows[0]
        ? new Set(rows.filter((r) => r._disputed).map(keyOf) as string[])
        : await disputedKeys(db, a.entry.id, rows.map(keyOf) as string[]);
  const refs = secret
    ? recordRefs(
        secret,
        a.entry.id,
        rows.map((r) => keyOf(r) ?? ''),
      )
    : [];
  const masks = columns.map((c) => a.masks.get(c.item) ?? 'full');
  return rows.map((r, n) => {
    const key = keyOf(r);
    const values: Record<string, string | null> = {};
    for (let i = 0; i < columns.length; i++) values[columns[i].item] = mask(masks[i], r[columns[i].column] as string | null);
    return { ref: key ? (refs[n] ?? null) : null, disputed: key ? disputed.has(key) : false, values };
  });
}

export const fieldsOf = (a: Access, columns: Column[]) => columns.map((c) => ({ item: c.item, masked: a.masks.get(c.item) !== 'none' }));

/** The delivery-log row of a read made under a grant (a decision without a log target is no share call). */
export function logEntry(p: Principal, d: AccessDecision, channel: Channel, query: Record<string, unknown>, rows: number) {
  if (!d.log) throw new Error('a share call needs a decision that names its grant');
  return {
    grantId: d.log.grantId,
    resourceId: d.entry.id,
    consumerDepartmentId: d.log.consumerDepartmentId,
    actorId: p.userId,
    actor: p.username,
    channel,
    purpose: d.log.purpose,
    query,
    rows,
    ip: p.ip ?? null,
  };
}

export const readRecords = defineRead({
  name: 'sharing.records.read',
  summary: '共享数据接口 A page of a granted resource’s records: the grant’s items and rows, masked as granted; every call logged',
  input: RecordsQuery.extend({ resource: ResourceRef }),
  auth: mayConsume,
  confirmsCaller: true,
  run: ({ db, principal: caller, services }, q): Promise<RecordsPage> =>
    withAccess(db, services, caller, q.resource, 'api', async (a, principal, verify) => {
      const columns = pickColumns(a, q.fields);
      const params: unknown[] = [];
      const where = [whereOf(a, q.filter, params)];
      const order = orderOf(a);
      const secret = await platformSecret(services.db, 'share-cursor');
      if (q.after) {
        const after = openCursor(secret, a.grant.id, q.after, order.sql.length);
        const placeholders = bind(params, ...after).map((ph, i) => `${ph}::${order.types[i]}`);
        where.push(`(${order.sql.join(', ')}) > (${placeholders.join(', ')})`);
      }
      const extra = order.sql.map((s, i) => `${s}::text AS _k${i}`);
      const singleKey = (a.mount.table as { columns: Column[] }).columns.filter((c) => c.key);
      if (singleKey.length === 1) {
        const k = `t.${singleKey[0].column}::text`;
        const [resource] = bind(params, a.entry.id);
        extra.push(`${k} AS _k_${singleKey[0].column}`, `${disputedSql(`${resource}::uuid`, k)} AS _disputed`);
      }
      const check = verify ? verifiedBy(a, principal, params) : null;
      const [limit] = bind(params, q.limit + 1);
      // A caller's own filter or field choice shapes the text: only the grant's own statements are kept prepared.
      const rows = await readRows(db, a, { columns, extra, where, params, check, order: order.sql, limit, prepare: !q.filter && !q.fields });
      // Known terms that found nothing cannot tell "no rows" from "no longer granted": ask afresh.
      if (check && rows.length === 0) return null;
      if (check) checkVerifiedQuota(services, a, rows[0]);
      const more = rows.length > q.limit;
      const page = more ? rows.slice(0, q.limit) : rows;
      const last = page[page.length - 1];
      const next =
        more && last
          ? sealCursor(
              secret,
              a.grant.id,
              order.sql.map((_, i) => last[`_k${i}`] as string),
            )
          : null;
      const records = await shape(db, services, a, columns, page);
      await callLogOf(services.db).record(
        logEntry(principal, a, 'api', { fields: columns.map((c) => c.item), filter: q.filter ?? null, after: !!q.after, limit: q.limit }, records.length),
      );
      return { resourceCode: a.entry.code, grantId: a.grant.id, version: a.mount.currentVersion ?? 0, fields: fieldsOf(a, columns), records, next };
    }),
});

/**
 * The key a lookup names. A raw key is taken only from a caller who sees the key item
 * unmasked: with a masked key, a lookup by raw value would tell whether a person is in the
 * data (F5), so it is refused before the table is read, whatever the key; the record's
 * reference (`ref`, from a page of records) names the record instead.
 */
async function keyValue(services: Services, a: Access, key: Column, q: { key: string; by: 'key' | 'ref' }): Promise<string> {
  if (q.by === 'ref') {
    const value = keyOfRef(await platformSecret(services.db, 'record-ref'), a.entry.id, q.key);
    if (!value) throw new InputError('记录标识无效：它不是本平台为该资源返回的记录标识', [{ path: ['key'], message: '记录标识无效' }]);
    return value;
  }
  if (a.masks.get(key.item) !== 'none')
    throw new RuleBroken(`主键信息项“${key.item}”在本授权中脱敏，不能按原值查询；请用记录标识 ref 查询（by=ref）`, { reason: 'masked_key', use: 'ref' });
  return q.key;
}

export const lookupRecord = defineRead({
  name: 'sharing.records.lookup',
  summary:
    '按键查询共享数据 One record of a granted resource by its key (an ID number, a credit code…) or, when the key is masked, by its ref; masked as granted; logged',
  input: z.object({
    resource: ResourceRef,
    key: z.string().trim().min(1).max(200),
    by: z
      .enum(['key', 'ref'])
      .default('key')
      .describe('key: the key’s raw value (only when the grant shows the key item unmasked); ref: the record’s reference from a page of records'),
    fields: RecordsQuery.shape.fields,
  }),
  auth: mayConsume,
  confirmsCaller: true,
  run: ({ db, principal: caller, services }, q): Promise<ShareRecord> =>
    withAccess(db, services, caller, q.resource, 'lookup', async (a, principal, verify) => {
      const columns = pickColumns(a, q.fields);
      const key = keyColumn(a);
      const params: unknown[] = [await keyValue(services, a, key, q), a.entry.id];
      const where = [`t.${key.column} = $1::${key.type === 'integer' ? 'bigint' : 'text'}`, whereOf(a, undefined, params)];
      const check = verify ? verifiedBy(a, principal, params) : null;
      const k = `t.${key.column}::text`;
      const extra = [`${k} AS _k_${key.column}`, `${disputedSql('$2::uuid', k)} AS _disputed`];
      const rows = await readRows(db, a, { columns, extra, where, params, check, prepare: !q.fields });
      if (check && rows.length === 0) return null;
      if (check) checkVerifiedQuota(services, a, rows[0]);
      const [record] = await shape(db, services, a, columns, rows);
      // A miss is logged too: whether a person is in the data is itself an answer.
      await callLogOf(services.db).record(logEntry(principal, a, 'lookup', { fields: columns.map((c) => c.item), key: key.item, by: q.by }, rows.length));
      if (!record) throw new NotFound('记录');
      return { resourceCode: a.entry.code, grantId: a.grant.id, fields: fieldsOf(a, columns), record };
    }),
});

export const deliveryActions = [readRecords, lookupRecord];
