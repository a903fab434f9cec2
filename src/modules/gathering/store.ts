import type { Queryable } from '../../platform/db/db.js';
import { iso, offset, Where } from '../../platform/db/values.js';
import type { ApiConfig, Mount, Run, TableConfig } from './schema.js';

// SQL for mounts, runs and file versions. No rules here: service.ts decides who may.

export type MountRow = Mount & { seq: number; currentTable: string | null; config: Record<string, unknown> };

const mountCols = `m.id, m.seq::int AS seq, m.resource_id AS "resourceId", r.code AS "resourceCode", v.name AS "resourceName",
  m.department_id AS "departmentId", d.name AS "departmentName", m.kind, m.name, m.update_cycle AS "updateCycle",
  m.current_version AS "currentVersion", m.current_table AS "currentTable", m.row_count::float8 AS "rowCount",
  m.last_success_at AS "lastSuccessAt", m.due_at AS "dueAt", m.overdue_since AS "overdueSince", m.created_at AS "createdAt", m.config`;
const mountFrom = `FROM mounts m JOIN catalog_resources r ON r.id = m.resource_id
  JOIN catalog_resource_versions v ON v.resource_id = r.id AND v.version = coalesce(r.published_version, r.current_version)
  JOIN departments d ON d.id = m.department_id`;

function toMount(r: Record<string, unknown>): MountRow {
  const config = r.config as Record<string, unknown>;
  return {
    ...(r as MountRow),
    lastSuccessAt: iso(r.lastSuccessAt),
    dueAt: iso(r.dueAt),
    overdueSince: iso(r.overdueSince),
    createdAt: iso(r.createdAt) as string,
    table: r.kind === 'table' ? (config as TableConfig) : null,
    api: r.kind === 'api' ? (config as ApiConfig) : null,
  };
}

export const mounts = {
  async insert(
    db: Queryable,
    m: { resourceId: string; departmentId: string; kind: string; name: string; config: unknown; updateCycle: string; cycle: string | null },
    by: string | null,
  ): Promise<string> {
    const [{ id }] = await db.query<{ id: string }>(
      `INSERT INTO mounts (resource_id, department_id, kind, name, config, update_cycle, due_at, created_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, now() + $7::interval, $8) RETURNING id`,
      [m.resourceId, m.departmentId, m.kind, m.name, JSON.stringify(m.config), m.updateCycle, m.cycle, by],
    );
    return id;
  },

  async get(db: Queryable, id: string): Promise<MountRow | null> {
    const [r] = await db.query(`SELECT ${mountCols} ${mountFrom} WHERE m.id = $1`, [id]);
    return r ? toMount(r) : null;
  },

  /** Several mounts by id, for a module that keeps mount ids (a base's feeds): the ones that exist. */
  async many(db: Queryable, ids: string[]): Promise<MountRow[]> {
    if (!ids.length) return [];
    const rows = await db.query(`SELECT ${mountCols} ${mountFrom} WHERE m.id = ANY($1::uuid[])`, [ids]);
    return rows.map(toMount);
  },

  /** The providing department of each of these mounts that exists. */
  async departments(db: Queryable, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await db.query<{ id: string; dept: string }>('SELECT id, department_id AS dept FROM mounts WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((r) => [r.id, r.dept]));
  },

  /** An entry's mount of one kind (there is at most one of each). */
  async ofResource(db: Queryable, resourceId: string, kind: string): Promise<MountRow | null> {
    const [r] = await db.query(`SELECT ${mountCols} ${mountFrom} WHERE m.resource_id = $1 AND m.kind = $2 ORDER BY m.created_at LIMIT 1`, [resourceId, kind]);
    return r ? toMount(r) : null;
  },

  /** Locks the mount row: runs of one mount finish one after another. */
  async lock(db: Queryable, id: string): Promise<MountRow | null> {
    await db.query('SELECT 1 FROM mounts WHERE id = $1 FOR UPDATE', [id]);
    return mounts.get(db, id);
  },

  async list(
    db: Queryable,
    f: { resourceId?: string; resourceCode?: string; departmentId?: string; kind?: string; overdue?: boolean; page: number; pageSize: number },
  ) {
    const w = new Where();
    if (f.resourceId) w.add('m.resource_id = ?', f.resourceId);
    if (f.resourceCode) w.add('r.code = ?', f.resourceCode);
    if (f.departmentId) w.add('m.department_id = ?', f.departmentId);
    if (f.kind) w.add('m.kind = ?', f.kind);
    if (f.overdue !== undefined) w.raw(f.overdue ? 'm.overdue_since IS NOT NULL' : 'm.overdue_since IS NULL');
    const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total ${mountFrom} ${w}`, w.params);
    const rows = await db.query(
      `SELECT ${mountCols} ${mountFrom} ${w} ORDER BY m.created_at DESC, m.id LIMIT ${f.pageSize} OFFSET ${offset(f.page, f.pageSize)}`,
      w.params,
    );
    return { items: rows.map(toMount), total };
  },

  async switchTo(db: Queryable, id: string, s: { table: string; version: number; rowCount: number }) {
    await db.query(
      `UPDATE mounts SET current_table = $2, current_version = $3, row_count = $4, last_success_at = now(), overdue_since = NULL, updated_at = now()
        WHERE id = $1`,
      [id, s.table, s.version, s.rowCount],
    );
  },

  /** The next due time is one update cycle from now (none for an irregular cycle: null + now() is null). */
  renewDue: (db: Queryable, id: string, cycle: string | null) => db.query('UPDATE mounts SET due_at = now() + $2::interval WHERE id = $1', [id, cycle]),

  /** Marks every mount past its due time as overdue (once: the first time is kept). Returns those newly flagged. */
  flagOverdue: (db: Queryable) =>
    db.query<{ id: string; departmentId: string }>(
      `UPDATE mounts SET overdue_since = now() WHERE due_at < now() AND overdue_since IS NULL RETURNING id, department_id AS "departmentId"`,
    ),
};

export type RunRow = Run & {
  seq: number;
  stagingTable: string;
  rejectsKey: string | null;
  cancelRequested: boolean;
  startedById: string | null;
  idempotencyKey: string | null;
  requestSha256: string | null;
};

const runCols = `id, seq::int AS seq, mount_id AS "mountId", mode, status, format, encoding, filename, staging_table AS "stagingTable",
  bytes_read::float8 AS "bytesRead", bytes_total::float8 AS "bytesTotal", rows_read::float8 AS "rowsRead", rows_loaded::float8 AS "rowsLoaded",
  rows_rejected::float8 AS "rowsRejected", version, quality, rejects_key AS "rejectsKey", error, cancel_requested AS "cancelRequested",
  started_at AS "startedAt", finished_at AS "finishedAt", started_by AS "startedById", idempotency_key AS "idempotencyKey", request_sha256 AS "requestSha256",
  (SELECT username FROM users u WHERE u.id = ingest_runs.started_by) AS "startedBy"`;

const toRun = (r: Record<string, unknown>): RunRow => ({
  ...(r as RunRow),
  hasRejects: r.rejectsKey !== null,
  startedAt: iso(r.startedAt) as string,
  finishedAt: iso(r.finishedAt),
});

export const runs = {
  async insert(
    db: Queryable,
    r: {
      mountId: string;
      mode: string;
      format: string | null;
      encoding: string | null;
      filename: string | null;
      bytesTotal: number | null;
      idempotencyKey: string | null;
    },
    by: string | null,
  ) {
    const [row] = await db.query<{ id: string; seq: number }>(
      `INSERT INTO ingest_runs (mount_id, mode, status, format, encoding, filename, bytes_total, staging_table, started_by, idempotency_key)
       VALUES ($1, $2, 'running', $3, $4, $5, $6, '', $7, $8) RETURNING id, seq::int AS seq`,
      [r.mountId, r.mode, r.format, r.encoding, r.filename, r.bytesTotal, by, r.idempotencyKey],
    );
    return row;
  },

  setStaging: (db: Queryable, id: string, table: string) => db.query('UPDATE ingest_runs SET staging_table = $2 WHERE id = $1', [id, table]),

  async get(db: Queryable, id: string): Promise<RunRow | null> {
    const [r] = await db.query(`SELECT ${runCols} FROM ingest_runs WHERE id = $1`, [id]);
    return r ? toRun(r) : null;
  },

  async list(db: Queryable, mountId: string, page: number, pageSize: number) {
    const [{ total }] = await db.query<{ total: number }>('SELECT count(*)::int AS total FROM ingest_runs WHERE mount_id = $1', [mountId]);
    const rows = await db.query(`SELECT ${runCols} FROM ingest_runs WHERE mount_id = $1 ORDER BY seq DESC LIMIT ${pageSize} OFFSET ${offset(page, pageSize)}`, [
      mountId,
    ]);
    return { items: rows.map(toRun), total };
  },

  /** The run that answered (or is answering) this idempotency key on this mount. */
  async byKey(db: Queryable, mountId: string, key: string): Promise<RunRow | null> {
    const [r] = await db.query(
      `SELECT ${runCols} FROM ingest_runs WHERE mount_id = $1 AND idempotency_key = $2 AND status IN ('running','succeeded','rejected')`,
      [mountId, key],
    );
    return r ? toRun(r) : null;
  },

  running: (db: Queryable, mountId?: string) =>
    db.query<{ id: string; stagingTable: string }>(
      `SELECT id, staging_table AS "stagingTable" FROM ingest_runs WHERE status = 'running' AND ($1::uuid IS NULL OR mount_id = $1)`,
      [mountId ?? null],
    ),

  /** Progress, and the heartbeat; answers whether someone asked to cancel. */
  async progress(db: Queryable, id: string, p: { bytesRead: number; rowsRead: number; rowsRejected: number; format?: string; encoding?: string | null }) {
    const [r] = await db.query<{ cancel: boolean }>(
      `UPDATE ingest_runs SET bytes_read = $2, rows_read = $3, rows_rejected = $4, heartbeat_at = now(),
              format = coalesce($5, format), encoding = coalesce($6, encoding)
        WHERE id = $1 RETURNING cancel_requested AS cancel`,
      [id, p.bytesRead, p.rowsRead, p.rowsRejected, p.format ?? null, p.encoding ?? null],
    );
    return r?.cancel ?? false;
  },

  async finish(
    db: Queryable,
    id: string,
    f: {
      status: Run['status'];
      rowsRead: number;
      rowsLoaded: number;
      rowsRejected: number;
      version: number | null;
      quality: unknown;
      rejectsKey: string | null;
      error: string | null;
      requestSha256?: string | null;
    },
  ) {
    await db.query(
      `UPDATE ingest_runs SET status = $2, rows_read = $3, rows_loaded = $4, rows_rejected = $5, version = $6, quality = $7::jsonb,
              rejects_key = $8, error = $9, request_sha256 = coalesce($10, request_sha256), finished_at = now()
        WHERE id = $1`,
      [
        id,
        f.status,
        f.rowsRead,
        f.rowsLoaded,
        f.rowsRejected,
        f.version,
        f.quality === null ? null : JSON.stringify(f.quality),
        f.rejectsKey,
        f.error,
        f.requestSha256 ?? null,
      ],
    );
  },

  requestCancel: (db: Queryable, id: string) =>
    db.query<{ id: string }>(`UPDATE ingest_runs SET cancel_requested = true WHERE id = $1 AND status = 'running' RETURNING id`, [id]),
};

export const files = {
  async insert(
    db: Queryable,
    f: { mountId: string; storageKey: string; filename: string; contentType: string; size: number; sha256: string; sm3: string },
    by: string | null,
  ): Promise<number> {
    const [{ version }] = await db.query<{ version: number }>(
      `INSERT INTO mount_files (mount_id, version, storage_key, filename, content_type, size, sha256, sm3, created_by)
       SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8 FROM mount_files WHERE mount_id = $1
       RETURNING version`,
      [f.mountId, f.storageKey, f.filename, f.contentType, f.size, f.sha256, f.sm3, by],
    );
    await db.query('UPDATE mounts SET current_version = $2, last_success_at = now(), overdue_since = NULL, updated_at = now() WHERE id = $1', [
      f.mountId,
      version,
    ]);
    return version;
  },

  async list(db: Queryable, mountId: string) {
    const rows = await db.query<Record<string, unknown>>(
      `SELECT version, filename, content_type AS "contentType", size::float8 AS size, sha256, sm3, created_at AS "createdAt"
         FROM mount_files WHERE mount_id = $1 ORDER BY version DESC`,
      [mountId],
    );
    return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) })) as never[];
  },

  async get(db: Queryable, mountId: string, version: number) {
    const [r] = await db.query<{ storageKey: string; filename: string; contentType: string; size: number }>(
      `SELECT storage_key AS "storageKey", filename, content_type AS "contentType", size::float8 AS size FROM mount_files WHERE mount_id = $1 AND version = $2`,
      [mountId, version],
    );
    return r ?? null;
  },
};
