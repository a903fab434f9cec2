import type { Queryable } from '../../platform/db/db.js';
import { iso, offset } from '../../platform/db/values.js';
import { mountById } from '../gathering/index.js';
import type { Delivery, Notification, Subscription } from './subscription-schema.js';

// SQL for subscriptions, notifications and the webhook queue. No rules here: subscriptions.ts
// decides who may, webhooks.ts when and how a delivery is sent.

const NOBODY = '00000000-0000-0000-0000-000000000000';

// The entry's current name: the published version.
const entryName = `(SELECT v.name FROM catalog_resource_versions v WHERE v.resource_id = r.id AND v.version = coalesce(r.published_version, r.current_version))`;

const subscriptionCols = `s.id, s.grant_id AS "grantId",
  CASE WHEN g.revoked_at IS NOT NULL THEN 'revoked' WHEN g.expires_at <= now() THEN 'expired' ELSE 'active' END AS "grantState",
  s.resource_id AS "resourceId", r.code AS "resourceCode", ${entryName} AS "resourceName", pd.name AS "providerDepartmentName",
  s.consumer_department_id AS "consumerDepartmentId", cd.name AS "consumerDepartmentName", s.webhook_url AS "webhookUrl",
  CASE WHEN s.cancelled_at IS NULL THEN 'active' ELSE 'cancelled' END AS state, s.created_at AS "createdAt", s.cancelled_at AS "cancelledAt",
  (SELECT count(*) FILTER (WHERE d.status IN ('pending','failed'))::int FROM webhook_deliveries d WHERE d.subscription_id = s.id) AS "dPending",
  (SELECT count(*) FILTER (WHERE d.status = 'succeeded')::int FROM webhook_deliveries d WHERE d.subscription_id = s.id) AS "dSucceeded",
  (SELECT count(*) FILTER (WHERE d.status = 'gave_up')::int FROM webhook_deliveries d WHERE d.subscription_id = s.id) AS "dGaveUp"`;
const subscriptionFrom = `FROM share_subscriptions s JOIN share_grants g ON g.id = s.grant_id JOIN catalog_resources r ON r.id = s.resource_id
  JOIN departments pd ON pd.id = g.provider_department_id JOIN departments cd ON cd.id = s.consumer_department_id`;

function toSubscription(r: Record<string, unknown>): Subscription {
  const { dPending, dSucceeded, dGaveUp, ...rest } = r;
  return {
    ...(rest as Subscription),
    createdAt: iso(r.createdAt) as string,
    cancelledAt: iso(r.cancelledAt),
    deliveries: { pending: Number(dPending ?? 0), succeeded: Number(dSucceeded ?? 0), gaveUp: Number(dGaveUp ?? 0) },
  };
}

/** A live subscription as the notifier needs it: whom to tell and where to send. */
type Subscriber = {
  id: string;
  grantId: string;
  consumerDepartmentId: string;
  /** The grant shows only some rows (a row filter): a batch's count would tell of the others. */
  filtered: boolean;
  webhookUrl: string | null;
};

export const subscriptions = {
  async insert(
    db: Queryable,
    s: { grantId: string; resourceId: string; consumerDepartmentId: string; webhookUrl: string | null; webhookSecret: string | null; createdBy: string | null },
  ): Promise<string> {
    const [{ id }] = await db.query<{ id: string }>(
      `INSERT INTO share_subscriptions (grant_id, resource_id, consumer_department_id, webhook_url, webhook_secret, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [s.grantId, s.resourceId, s.consumerDepartmentId, s.webhookUrl, s.webhookSecret, s.createdBy],
    );
    return id;
  },

  async get(db: Queryable, id: string): Promise<Subscription | null> {
    const [r] = await db.query(`SELECT ${subscriptionCols} ${subscriptionFrom} WHERE s.id = $1`, [id]);
    return r ? toSubscription(r) : null;
  },

  /** The live subscription on a grant, if any. */
  async liveOnGrant(db: Queryable, grantId: string): Promise<string | null> {
    const [r] = await db.query<{ id: string }>('SELECT id FROM share_subscriptions WHERE grant_id = $1 AND cancelled_at IS NULL', [grantId]);
    return r?.id ?? null;
  },

  async list(db: Queryable, f: { consumer?: string; state?: 'active' | 'cancelled'; page: number; pageSize: number }) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.consumer) {
      params.push(f.consumer);
      where.push(`s.consumer_department_id = $${params.length}`);
    }
    if (f.state === 'active') where.push('s.cancelled_at IS NULL');
    if (f.state === 'cancelled') where.push('s.cancelled_at IS NOT NULL');
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM share_subscriptions s ${w}`, params);
    const rows = await db.query(
      `SELECT ${subscriptionCols} ${subscriptionFrom} ${w} ORDER BY s.created_at DESC, s.id LIMIT ${f.pageSize} OFFSET ${offset(f.page, f.pageSize)}`,
      params,
    );
    return { items: rows.map(toSubscription), total };
  },

  async cancel(db: Queryable, id: string, by: string | null): Promise<boolean> {
    const rows = await db.query('UPDATE share_subscriptions SET cancelled_at = now(), cancelled_by = $2 WHERE id = $1 AND cancelled_at IS NULL RETURNING id', [
      id,
      by,
    ]);
    return rows.length === 1;
  },

  /**
   * Live subscriptions to a resource whose grant works now (not revoked, not expired), made
   * before `at`: a publish replayed late tells nobody who subscribed after it.
   */
  async subscribers(db: Queryable, resourceId: string, at: string): Promise<Subscriber[]> {
    return db.query<Subscriber>(
      `SELECT s.id, s.grant_id AS "grantId", s.consumer_department_id AS "consumerDepartmentId", s.webhook_url AS "webhookUrl",
              g.row_filter IS NOT NULL AS filtered
         FROM share_subscriptions s JOIN share_grants g ON g.id = s.grant_id
        WHERE s.resource_id = $1 AND s.cancelled_at IS NULL AND s.created_at <= $2::timestamptz
          AND g.revoked_at IS NULL AND g.expires_at > now()
        ORDER BY s.created_at, s.id`,
      [resourceId, at],
    );
  },
};

/** What a publish was, read from its audit row and its mount. */
export type Publish = {
  resourceId: string;
  resourceCode: string;
  resourceName: string;
  details: Record<string, unknown>;
};

export const publishes = {
  /** The mount's resource (gathering's, asked through its exports) and the publish's audit details. */
  async get(db: Queryable, seq: number, mountId: string): Promise<Publish | null> {
    const m = await mountById(db, mountId);
    const [a] = await db.query<{ details: Record<string, unknown> }>('SELECT details FROM audit_log WHERE seq = $1', [seq]);
    return m && a ? { resourceId: m.resourceId, resourceCode: m.resourceCode, resourceName: m.resourceName, details: a.details } : null;
  },
};

const notificationCols = `n.id, n.subscription_id AS "subscriptionId", n.event, n.resource_id AS "resourceId", r.code AS "resourceCode",
  ${entryName} AS "resourceName", n.version, n.run_id AS "runId", n.rows, n.at, n.read_at AS "readAt"`;

const toNotification = (r: Record<string, unknown>): Notification => ({
  ...(r as Notification),
  rows: r.rows === null || r.rows === undefined ? null : Number(r.rows),
  at: iso(r.at) as string,
  readAt: iso(r.readAt),
});

export const notifications = {
  /** The new notification's id; null when this publish was already notified to this subscription. */
  async insert(
    db: Queryable,
    n: {
      subscriptionId: string;
      consumerDepartmentId: string;
      resourceId: string;
      event: string;
      mountId: string;
      runId: string | null;
      version: number | null;
      rows: number | null;
      sourceSeq: number;
      at: string;
    },
  ): Promise<string | null> {
    const rows = await db.query<{ id: string }>(
      `INSERT INTO share_notifications (subscription_id, consumer_department_id, resource_id, event, mount_id, run_id, version, rows, source_seq, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (subscription_id, source_seq) DO NOTHING RETURNING id`,
      [n.subscriptionId, n.consumerDepartmentId, n.resourceId, n.event, n.mountId, n.runId, n.version, n.rows, n.sourceSeq, n.at],
    );
    return rows[0]?.id ?? null;
  },

  async list(db: Queryable, f: { consumer: string | null; unread?: boolean; page: number; pageSize: number }) {
    const params: unknown[] = [f.consumer ?? NOBODY];
    const where = ['n.consumer_department_id = $1'];
    if (f.unread === true) where.push('n.read_at IS NULL');
    if (f.unread === false) where.push('n.read_at IS NOT NULL');
    const w = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM share_notifications n ${w}`, params);
    const [{ unread }] = await db.query<{ unread: number }>(
      'SELECT count(*)::int AS unread FROM share_notifications WHERE consumer_department_id = $1 AND read_at IS NULL',
      params,
    );
    const rows = await db.query(
      `SELECT ${notificationCols} FROM share_notifications n JOIN catalog_resources r ON r.id = n.resource_id ${w}
        ORDER BY n.at DESC, n.id LIMIT ${f.pageSize} OFFSET ${offset(f.page, f.pageSize)}`,
      params,
    );
    return { items: rows.map(toNotification), total, unread };
  },

  /** Marks the department's unread notifications read (those of `ids`, or all); how many it marked. */
  async markRead(db: Queryable, consumer: string | null, ids: string[] | null, by: string | null): Promise<number> {
    const rows = await db.query(
      `UPDATE share_notifications SET read_at = now(), read_by = $3
        WHERE consumer_department_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) RETURNING id`,
      [consumer ?? NOBODY, ids, by],
    );
    return rows.length;
  },
};

/** A delivery claimed for one attempt, with what sending needs. */
export type Claimed = {
  id: string;
  event: string;
  body: string;
  attempts: number;
  webhookUrl: string | null;
  webhookSecret: string | null;
  cancelled: boolean;
  grantState: 'active' | 'revoked' | 'expired';
};

const deliveryCols = `d.id, d.event, d.status, d.attempts, d.next_at AS "nextAt", d.last_status AS "lastStatus", d.last_error AS "lastError",
  d.created_at AS "createdAt", d.finished_at AS "finishedAt"`;

export const deliveries = {
  async insert(db: Queryable, d: { id: string; subscriptionId: string; event: string; body: string }): Promise<void> {
    await db.query(
      `INSERT INTO webhook_deliveries (id, subscription_id, event, body, status, next_at) VALUES ($1, $2, $3, $4, 'pending', now()) ON CONFLICT (id) DO NOTHING`,
      [d.id, d.subscriptionId, d.event, d.body],
    );
  },

  /**
   * Claims the most overdue due delivery for one attempt: counts the attempt and moves next_at
   * past a lease, so no other worker takes it meanwhile and a worker that dies leaves it due again.
   */
  async claim(db: Queryable, leaseMs: number): Promise<Claimed | null> {
    const [d] = await db.query<{ id: string; subscriptionId: string; event: string; body: string; attempts: number }>(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, next_at = now() + $1::int * interval '1 millisecond'
        WHERE id = (SELECT id FROM webhook_deliveries WHERE status IN ('pending','failed') AND next_at <= now()
                     ORDER BY next_at, id FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING id, subscription_id AS "subscriptionId", event, body, attempts`,
      [leaseMs],
    );
    if (!d) return null;
    const [s] = await db.query<{ webhookUrl: string | null; webhookSecret: string | null; cancelled: boolean; grantState: Claimed['grantState'] }>(
      `SELECT s.webhook_url AS "webhookUrl", s.webhook_secret AS "webhookSecret", s.cancelled_at IS NOT NULL AS cancelled,
              CASE WHEN g.revoked_at IS NOT NULL THEN 'revoked' WHEN g.expires_at <= now() THEN 'expired' ELSE 'active' END AS "grantState"
         FROM share_subscriptions s JOIN share_grants g ON g.id = s.grant_id WHERE s.id = $1`,
      [d.subscriptionId],
    );
    return { id: d.id, event: d.event, body: d.body, attempts: Number(d.attempts), ...s };
  },

  /** Records one attempt and where the delivery stands after it, together. */
  async record(
    db: Queryable,
    d: {
      id: string;
      attempt: number;
      durationMs: number;
      httpStatus: number | null;
      error: string | null;
      outcome: 'succeeded' | 'retry' | 'gave_up';
      retryInMs: number | null;
    },
  ): Promise<void> {
    await db.query(
      `INSERT INTO webhook_attempts (delivery_id, attempt, duration_ms, http_status, error, outcome) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (delivery_id, attempt) DO NOTHING`,
      [d.id, d.attempt, d.durationMs, d.httpStatus, d.error, d.outcome],
    );
    const status = d.outcome === 'retry' ? 'failed' : d.outcome;
    await db.query(
      `UPDATE webhook_deliveries SET status = $2, last_status = $3, last_error = $4,
         next_at = CASE WHEN $2 = 'failed' THEN now() + $5::int * interval '1 millisecond' END,
         finished_at = CASE WHEN $2 = 'failed' THEN NULL ELSE now() END
       WHERE id = $1 AND attempts = $6`,
      [d.id, status, d.httpStatus, d.error, d.retryInMs ?? 0, d.attempt],
    );
  },

  async list(db: Queryable, subscriptionId: string, f: { status?: string; page: number; pageSize: number }) {
    const params: unknown[] = [subscriptionId];
    let w = 'WHERE d.subscription_id = $1';
    if (f.status) {
      params.push(f.status);
      w += ' AND d.status = $2';
    }
    const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM webhook_deliveries d ${w}`, params);
    const rows = await db.query<Record<string, unknown>>(
      `SELECT ${deliveryCols} FROM webhook_deliveries d ${w} ORDER BY d.created_at DESC, d.id LIMIT ${f.pageSize} OFFSET ${offset(f.page, f.pageSize)}`,
      params,
    );
    const ids = rows.map((r) => r.id as string);
    const attempts = ids.length
      ? await db.query<Record<string, unknown>>(
          `SELECT delivery_id AS "deliveryId", attempt, at, duration_ms AS "durationMs", http_status AS "httpStatus", error, outcome
             FROM webhook_attempts WHERE delivery_id = ANY($1::uuid[]) ORDER BY delivery_id, attempt`,
          [ids],
        )
      : [];
    const items: Delivery[] = rows.map((r) => ({
      ...(r as Omit<Delivery, 'log'>),
      nextAt: iso(r.nextAt),
      createdAt: iso(r.createdAt) as string,
      finishedAt: iso(r.finishedAt),
      log: attempts.filter((a) => a.deliveryId === r.id).map(({ deliveryId: _d, ...a }) => ({ ...(a as Delivery['log'][number]), at: iso(a.at) as string })),
    }));
    return { items, total };
  },
};
