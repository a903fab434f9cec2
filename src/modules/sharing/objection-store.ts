import type { Queryable } from '../../platform/db/db.js';
import { iso, offset, Where } from '../../platform/db/values.js';
import type { Objection } from './objection-schema.js';

// SQL for objections and the record look-ups they need. No rules here: objections.ts decides who may.

const OPEN = `o.status IN ('raised','accepted')`;

/** A boolean SQL expression: the record with this key has an open objection (for a delivery's own query, no second round trip). */
export const disputedSql = (resourceParam: string, keyExpr: string) =>
  `EXISTS (SELECT 1 FROM share_objections o WHERE o.resource_id = ${resourceParam} AND o.record_key = ${keyExpr} AND ${OPEN})`;
const OVERDUE = `(${OPEN} AND o.due_at < now())`;

const entryName = `(SELECT v.name FROM catalog_resource_versions v WHERE v.resource_id = r.id AND v.version = coalesce(r.published_version, r.current_version))`;
const cols = `o.id, o.resource_id AS "resourceId", r.code AS "resourceCode", ${entryName} AS "resourceName",
  o.provider_department_id AS "providerDepartmentId", pd.name AS "providerDepartmentName",
  o.consumer_department_id AS "consumerDepartmentId", cd.name AS "consumerDepartmentName", u.display_name AS "raisedBy",
  o.key_item AS "keyItem", o.record_key AS "recordKey", o.key_mask AS "keyMask", o.items, o.reason, o.status,
  o.raised_at AS "raisedAt", o.due_at AS "dueAt", o.accepted_at AS "acceptedAt", o.answered_at AS "answeredAt",
  o.resolution, o.answer, ${OVERDUE} AS overdue`;
const from = `FROM share_objections o JOIN catalog_resources r ON r.id = o.resource_id
  JOIN departments pd ON pd.id = o.provider_department_id JOIN departments cd ON cd.id = o.consumer_department_id
  LEFT JOIN users u ON u.id = o.raised_by`;

/** A stored objection: its API shape before the key is shown or masked. */
export type ObjectionRow = Omit<Objection, 'record' | 'recordMasked'> & { recordKey: string; keyMask: string };

function toRow(r: Record<string, unknown>): ObjectionRow {
  return {
    ...(r as ObjectionRow),
    raisedAt: iso(r.raisedAt) as string,
    dueAt: iso(r.dueAt) as string,
    acceptedAt: iso(r.acceptedAt),
    answeredAt: iso(r.answeredAt),
  };
}

type ObjectionFilter = {
  consumer?: string;
  provider?: string;
  resourceId?: string;
  status?: string;
  overdue?: boolean;
  page: number;
  pageSize: number;
};

export const objections = {
  async insert(
    db: Queryable,
    o: {
      resourceId: string;
      providerDepartmentId: string;
      consumerDepartmentId: string;
      raisedBy: string | null;
      keyItem: string;
      recordKey: string;
      keyMask: string;
      items: string[];
      reason: string;
      dueAt: Date;
    },
  ): Promise<string> {
    const [{ id }] = await db.query<{ id: string }>(
      `INSERT INTO share_objections (resource_id, provider_department_id, consumer_department_id, raised_by, key_item, record_key, key_mask,
         items, reason, status, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, 'raised', $10) RETURNING id`,
      [
        o.resourceId,
        o.providerDepartmentId,
        o.consumerDepartmentId,
        o.raisedBy,
        o.keyItem,
        o.recordKey,
        o.keyMask,
        JSON.stringify(o.items),
        o.reason,
        o.dueAt.toISOString(),
      ],
    );
    return id;
  },

  async get(db: Queryable, id: string, lock = false): Promise<ObjectionRow | null> {
    if (lock) await db.query('SELECT 1 FROM share_objections WHERE id = $1 FOR UPDATE', [id]);
    const [r] = await db.query(`SELECT ${cols} ${from} WHERE o.id = $1`, [id]);
    return r ? toRow(r) : null;
  },

  /** The department's open objection about this record, if any (one at a time). */
  async openOf(db: Queryable, consumer: string, resourceId: string, key: string): Promise<string | null> {
    const [r] = await db.query<{ id: string }>(
      `SELECT o.id FROM share_objections o WHERE o.consumer_department_id = $1 AND o.resource_id = $2 AND o.record_key = $3 AND ${OPEN}`,
      [consumer, resourceId, key],
    );
    return r?.id ?? null;
  },

  async list(db: Queryable, f: ObjectionFilter) {
    const w = new Where();
    if (f.consumer) w.add('o.consumer_department_id = ?', f.consumer);
    if (f.provider) w.add('o.provider_department_id = ?', f.provider);
    if (f.resourceId) w.add('o.resource_id = ?', f.resourceId);
    if (f.status) w.add('o.status = ?', f.status);
    if (f.overdue !== undefined) w.raw(f.overdue ? OVERDUE : `NOT ${OVERDUE}`);
    const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM share_objections o ${w}`, w.params);
    const rows = await db.query(
      `SELECT ${cols} ${from} ${w} ORDER BY o.raised_at DESC, o.id LIMIT ${f.pageSize} OFFSET ${offset(f.page, f.pageSize)}`,
      w.params,
    );
    return { items: rows.map(toRow), total };
  },

  /** raised → accepted; false when it is no longer raised (someone else acted first). */
  async accept(db: Queryable, id: string, by: string | null): Promise<boolean> {
    const rows = await db.query(
      `UPDATE share_objections SET status = 'accepted', accepted_at = now(), accepted_by = $2 WHERE id = $1 AND status = 'raised' RETURNING id`,
      [id, by],
    );
    return rows.length === 1;
  },

  /** accepted → archived with the provider's answer; false when it is no longer accepted. */
  async answer(db: Queryable, id: string, by: string | null, resolution: string, answer: string): Promise<boolean> {
    const rows = await db.query(
      `UPDATE share_objections SET status = 'archived', answered_at = now(), answered_by = $2, resolution = $3, answer = $4
       WHERE id = $1 AND status = 'accepted' RETURNING id`,
      [id, by, resolution, answer],
    );
    return rows.length === 1;
  },

  /** The keys among `keys` with an open objection: one probe of the partial index share_objections_open. */
  async disputed(db: Queryable, resourceId: string, keys: readonly string[]): Promise<string[]> {
    const rows = await db.query<{ key: string }>(
      `SELECT DISTINCT o.record_key AS key FROM share_objections o WHERE o.resource_id = $1 AND o.record_key = ANY($2::text[]) AND ${OPEN}`,
      [resourceId, keys],
    );
    return rows.map((r) => r.key);
  },
};

/**
 * The record-reference secret, read inside the caller's transaction. platformSecret() makes a
 * secret on first use and so wants the root Db (a secret made in a transaction that rolls back
 * would differ from the one kept); here we only read it: the share API made it before it
 * served any reference, so when it is absent no reference can be valid.
 */
export async function recordRefSecret(db: Queryable): Promise<Buffer | null> {
  const [row] = await db.query<{ value: Uint8Array }>(`SELECT value FROM platform_secrets WHERE name = 'record-ref'`);
  return row ? Buffer.from(row.value) : null;
}
