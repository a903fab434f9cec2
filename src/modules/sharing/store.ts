import type { Queryable } from '../../platform/db/db.js';
import { iso, offset, Where } from '../../platform/db/values.js';
import type { RowFilter } from '../gathering/index.js';
import type { Grant, ShareRequest } from './schema.js';

// SQL for requests, grants, usage counters and the call log. No rules here: service.ts decides who may.

const date = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

// The entry's current name: the published version (a request names a published entry).
const entryName = `(SELECT v.name FROM catalog_resource_versions v WHERE v.resource_id = r.id AND v.version = coalesce(r.published_version, r.current_version))`;

const requestCols = `q.id, q.resource_id AS "resourceId", r.code AS "resourceCode", ${entryName} AS "resourceName",
  q.provider_department_id AS "providerDepartmentId", pd.name AS "providerDepartmentName",
  q.consumer_department_id AS "consumerDepartmentId", cd.name AS "consumerDepartmentName", u.display_name AS requester,
  q.requester_id AS "requesterId", q.purpose, q.legal_basis AS "legalBasis", q.items, q.row_filter AS "rowFilter", q.delivery,
  q.use_from AS "useFrom", q.use_to AS "useTo", q.status, q.submitted_at AS "submittedAt", q.check_due AS "checkDue",
  q.checked_at AS "checkedAt", q.checked_by AS "checkedBy", q.review_due AS "reviewDue", q.decided_at AS "decidedAt", q.reason, q.grant_id AS "grantId",
  CASE q.status WHEN 'submitted' THEN q.check_due < now() WHEN 'checked' THEN q.review_due < now() ELSE false END AS overdue`;
const requestFrom = `FROM share_requests q JOIN catalog_resources r ON r.id = q.resource_id
  JOIN departments pd ON pd.id = q.provider_department_id JOIN departments cd ON cd.id = q.consumer_department_id
  LEFT JOIN users u ON u.id = q.requester_id`;

export type RequestRow = ShareRequest & { requesterId: string | null; checkedBy: string | null };

function toRequest(r: Record<string, unknown>): RequestRow {
  return {
    ...(r as RequestRow),
    useFrom: date(r.useFrom),
    useTo: date(r.useTo),
    submittedAt: iso(r.submittedAt) as string,
    checkDue: iso(r.checkDue) as string,
    checkedAt: iso(r.checkedAt),
    reviewDue: iso(r.reviewDue),
    decidedAt: iso(r.decidedAt),
  };
}

type RequestFilter = {
  consumer?: string;
  provider?: string;
  statuses?: readonly string[];
  status?: string;
  overdue?: boolean;
  page: number;
  pageSize: number;
};

export const requests = {
  async insert(
    db: Queryable,
    q: {
      resourceId: string;
      providerDepartmentId: string;
      consumerDepartmentId: string;
      requesterId: string | null;
      purpose: string;
      legalBasis: string;
      items: string[];
      rowFilter: RowFilter | null;
      delivery: string;
      useFrom: string;
      useTo: string;
      checkDue: Date;
    },
  ): Promise<string> {
    const [{ id }] = await db.query<{ id: string }>(
      `INSERT INTO share_requests (resource_id, provider_department_id, consumer_department_id, requester_id, purpose, legal_basis,
         items, row_filter, delivery, use_from, use_to, status, check_due)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, 'submitted', $12) RETURNING id`,
      [
        q.resourceId,
        q.providerDepartmentId,
        q.consumerDepartmentId,
        q.requesterId,
        q.purpose,
        q.legalBasis,
        JSON.stringify(q.items),
        q.rowFilter ? JSON.stringify(q.rowFilter) : null,
        q.delivery,
        q.useFrom,
        q.useTo,
        q.checkDue.toISOString(),
      ],
    );
    return id;
  },

  async get(db: Queryable, id: string, lock = false): Promise<RequestRow | null> {
    if (lock) await db.query('SELECT 1 FROM share_requests WHERE id = $1 FOR UPDATE', [id]);
    const [r] = await db.query(`SELECT ${requestCols} ${requestFrom} WHERE q.id = $1`, [id]);
    return r ? toRequest(r) : null;
  },

  async list(db: Queryable, f: RequestFilter) {
    const w = new Where();
    if (f.consumer) w.add('q.consumer_department_id = ?', f.consumer);
    if (f.provider) w.add('q.provider_department_id = ?', f.provider);
    if (f.statuses) w.add('q.status = ANY(?::text[])', f.statuses);
    if (f.status) w.add('q.status = ?', f.status);
    if (f.overdue !== undefined)
      w.raw(`${f.overdue ? '' : 'NOT '}coalesce(CASE q.status WHEN 'submitted' THEN q.check_due < now() WHEN 'checked' THEN q.review_due < now() END, false)`);
    const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM share_requests q ${w}`, w.params);
    const rows = await db.query(
      `SELECT ${requestCols} ${requestFrom} ${w} ORDER BY q.submitted_at DESC, q.id LIMIT ${f.pageSize} OFFSET ${offset(f.page, f.pageSize)}`,
      w.params,
    );
    return { items: rows.map(toRequest), total };
  },

  /** Moves a request one step; false when it is no longer at `from` (someone else acted first). */
  async step(
    db: Queryable,
    id: string,
    from: string,
    to: string,
    set: { checkedBy?: string | null; reviewDue?: Date; decidedBy?: string | null; reason?: string | null; grantId?: string },
  ): Promise<boolean> {
    const rows = await db.query(
      `UPDATE share_requests SET status = $3,
         checked_at = CASE WHEN $3 IN ('checked','returned') THEN now() ELSE checked_at END,
         checked_by = CASE WHEN $3 IN ('checked','returned') THEN $4::uuid ELSE checked_by END,
         review_due = coalesce($5::timestamptz, review_due),
         decided_at = CASE WHEN $3 IN ('approved','rejected','withdrawn') THEN now() ELSE decided_at END,
         decided_by = CASE WHEN $3 IN ('approved','rejected') THEN $6::uuid ELSE decided_by END,
         reason = coalesce($7, reason), grant_id = coalesce($8::uuid, grant_id)
       WHERE id = $1 AND status = $2 RETURNING id`,
      [id, from, to, set.checkedBy ?? null, set.reviewDue?.toISOString() ?? null, set.decidedBy ?? null, set.reason ?? null, set.grantId ?? null],
    );
    return rows.length === 1;
  },
};

/** A revoked unconditional grant not yet lifted: its consumer may not use the resource (no new first-use grant). */
const SUSPENDS = `(g.origin = 'unconditional' AND g.revoked_at IS NOT NULL AND g.lifted_at IS NULL)`;
const grantCols = `g.id, g.resource_id AS "resourceId", r.code AS "resourceCode", ${entryName} AS "resourceName",
  g.provider_department_id AS "providerDepartmentId", pd.name AS "providerDepartmentName",
  g.consumer_department_id AS "consumerDepartmentId", cd.name AS "consumerDepartmentName", g.request_id AS "requestId",
  g.origin, g.purpose, g.items, g.row_filter AS "rowFilter", g.unmasked, g.delivery, g.calls_per_day AS "callsPerDay",
  g.calls_per_minute AS "callsPerMinute", g.expires_at AS "expiresAt", g.revoked_at AS "revokedAt", g.revoke_reason AS "revokeReason",
  g.created_at AS "createdAt", g.lifted_at AS "liftedAt", ${SUSPENDS} AS suspended,
  CASE WHEN g.revoked_at IS NOT NULL THEN 'revoked' WHEN g.expires_at <= now() THEN 'expired' ELSE 'active' END AS state`;
const grantFrom = `FROM share_grants g JOIN catalog_resources r ON r.id = g.resource_id
  JOIN departments pd ON pd.id = g.provider_department_id JOIN departments cd ON cd.id = g.consumer_department_id`;
const ACTIVE = 'g.revoked_at IS NULL AND g.expires_at > now()';

function toGrant(r: Record<string, unknown>): Grant {
  return {
    ...(r as Grant),
    expiresAt: iso(r.expiresAt) as string,
    revokedAt: iso(r.revokedAt),
    liftedAt: iso(r.liftedAt),
    createdAt: iso(r.createdAt) as string,
  };
}

type GrantInsert = {
  resourceId: string;
  providerDepartmentId: string;
  consumerDepartmentId: string;
  requestId: string | null;
  origin: 'unconditional' | 'request';
  purpose: string;
  items: string[];
  rowFilter: RowFilter | null;
  unmasked: string[];
  delivery: string[];
  callsPerDay: number;
  callsPerMinute: number;
  expiresAt: Date;
  createdBy: string | null;
};

export const grants = {
  /**
   * The new grant's id; null when an unconditional grant for the pair already exists: a first use
   * that raced, or a revoked one whose suspension the provider has not lifted.
   */
  async insert(db: Queryable, g: GrantInsert): Promise<string | null> {
    const rows = await db.query<{ id: string }>(
      `INSERT INTO share_grants (resource_id, provider_department_id, consumer_department_id, request_id, origin, purpose, items, row_filter,
         unmasked, delivery, calls_per_day, calls_per_minute, expires_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10::jsonb, $11, $12, $13, $14)
       ON CONFLICT (consumer_department_id, resource_id) WHERE origin = 'unconditional' AND lifted_at IS NULL DO NOTHING
       RETURNING id`,
      [
        g.resourceId,
        g.providerDepartmentId,
        g.consumerDepartmentId,
        g.requestId,
        g.origin,
        g.purpose,
        JSON.stringify(g.items),
        g.rowFilter ? JSON.stringify(g.rowFilter) : null,
        JSON.stringify(g.unmasked),
        JSON.stringify(g.delivery),
        g.callsPerDay,
        g.callsPerMinute,
        g.expiresAt.toISOString(),
        g.createdBy,
      ],
    );
    return rows[0]?.id ?? null;
  },

  /** Extends a pair's expired, unrevoked unconditional grant (the one the unique index allows); its id, or null. */
  async renewUnconditional(db: Queryable, consumer: string, resourceId: string, expiresAt: Date): Promise<string | null> {
    const rows = await db.query<{ id: string }>(
      `UPDATE share_grants SET expires_at = $3 WHERE consumer_department_id = $1 AND resource_id = $2
          AND origin = 'unconditional' AND revoked_at IS NULL AND expires_at <= now() RETURNING id`,
      [consumer, resourceId, expiresAt.toISOString()],
    );
    return rows[0]?.id ?? null;
  },

  async get(db: Queryable, id: string): Promise<Grant | null> {
    const [r] = await db.query(`SELECT ${grantCols} ${grantFrom} WHERE g.id = $1`, [id]);
    return r ? toGrant(r) : null;
  },

  /** The consumer's grants for a resource that work now, newest first. */
  async active(db: Queryable, consumer: string, resourceId: string): Promise<Grant[]> {
    const rows = await db.query(
      `SELECT ${grantCols} ${grantFrom} WHERE g.consumer_department_id = $1 AND g.resource_id = $2 AND ${ACTIVE} ORDER BY g.created_at DESC`,
      [consumer, resourceId],
    );
    return rows.map(toGrant);
  },

  async list(db: Queryable, f: { consumer?: string; provider?: string; state?: string; resourceId?: string; page: number; pageSize: number }) {
    const w = new Where();
    if (f.consumer) w.add('g.consumer_department_id = ?', f.consumer);
    if (f.provider) w.add('g.provider_department_id = ?', f.provider);
    if (f.resourceId) w.add('g.resource_id = ?', f.resourceId);
    if (f.state === 'active') w.raw(ACTIVE);
    if (f.state === 'revoked') w.raw('g.revoked_at IS NOT NULL');
    if (f.state === 'expired') w.raw('g.revoked_at IS NULL AND g.expires_at <= now()');
    const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM share_grants g ${w}`, w.params);
    const rows = await db.query(
      `SELECT ${grantCols} ${grantFrom} ${w} ORDER BY g.created_at DESC, g.id LIMIT ${f.pageSize} OFFSET ${offset(f.page, f.pageSize)}`,
      w.params,
    );
    return { items: rows.map(toGrant), total };
  },

  /** The revoked unconditional grant that suspends this consumer from this resource, if any. */
  async suspension(db: Queryable, consumer: string, resourceId: string): Promise<{ id: string; reason: string | null } | null> {
    const [r] = await db.query<{ id: string; reason: string | null }>(
      `SELECT g.id, g.revoke_reason AS reason FROM share_grants g WHERE g.consumer_department_id = $1 AND g.resource_id = $2 AND ${SUSPENDS}`,
      [consumer, resourceId],
    );
    return r ?? null;
  },

  /** Lifts a suspension: the consumer's next use makes a new grant. False when there was none to lift. */
  async lift(db: Queryable, id: string, by: string | null): Promise<boolean> {
    const rows = await db.query(`UPDATE share_grants g SET lifted_at = now(), lifted_by = $2 WHERE g.id = $1 AND ${SUSPENDS} RETURNING g.id`, [id, by]);
    return rows.length === 1;
  },

  async revoke(db: Queryable, id: string, by: string | null, reason: string): Promise<boolean> {
    const rows = await db.query(
      'UPDATE share_grants SET revoked_at = now(), revoked_by = $2, revoke_reason = $3 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
      [id, by, reason],
    );
    return rows.length === 1;
  },
};

/** Minute and day buckets in Asia/Shanghai, as the quota reads. */
export function usageBuckets(now: Date): { day: string; minute: string } {
  const local = new Date(now.getTime() + 8 * 3600_000).toISOString();
  return { day: `d:${local.slice(0, 10)}`, minute: `m:${local.slice(0, 16)}` };
}

/** What a delivery needs of a grant, with today's and this minute's calls: one query per call. */
export type GrantTerms = Pick<
  Grant,
  'id' | 'consumerDepartmentId' | 'providerDepartmentId' | 'purpose' | 'items' | 'rowFilter' | 'unmasked' | 'delivery' | 'callsPerDay' | 'callsPerMinute'
> & { used: { day: number; minute: number } };

/** The consumer's newest grant for a resource that works now, with its usage so far; null when none does. */
export async function activeTerms(db: Queryable, consumer: string, resourceId: string, now: Date): Promise<GrantTerms | null> {
  const b = usageBuckets(now);
  const [r] = await db.query<GrantTerms & { dayCalls: number; minuteCalls: number }>(
    `SELECT g.id, g.consumer_department_id AS "consumerDepartmentId", g.provider_department_id AS "providerDepartmentId", g.purpose,
            g.items, g.row_filter AS "rowFilter", g.unmasked, g.delivery, g.calls_per_day AS "callsPerDay", g.calls_per_minute AS "callsPerMinute",
            coalesce((SELECT sum(calls) FROM share_usage u WHERE u.grant_id = g.id AND u.bucket = $3), 0)::int AS "dayCalls",
            coalesce((SELECT sum(calls) FROM share_usage u WHERE u.grant_id = g.id AND u.bucket = $4), 0)::int AS "minuteCalls"
       FROM share_grants g
      WHERE g.consumer_department_id = $1 AND g.resource_id = $2 AND ${ACTIVE}
      ORDER BY g.created_at DESC LIMIT 1`,
    [consumer, resourceId, b.day, b.minute],
  );
  if (!r) return null;
  const { dayCalls, minuteCalls, ...terms } = r;
  return { ...terms, used: { day: Number(dayCalls), minute: Number(minuteCalls) } };
}
