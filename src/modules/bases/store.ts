import type { Queryable } from '../../platform/db/db.js';
import { iso } from '../../platform/db/values.js';
import { deltaCountSql, type MergePlan, mergeSql } from './merge-sql.js';
import { allFields, type BaseDef, type BaseName, baseNames, type ConflictRule, type Feed, type MergeCounts } from './schema.js';

// SQL for the base tables, their feeds and settings. No rules here: service.ts decides who may.

export type FeedRow = Feed & { mountSeq: number; currentTable: string | null; mountKind: string; mountConfig: Record<string, unknown> };

const feedCols = `f.id, f.base, f.mount_id AS "mountId", m.name AS "mountName", m.seq::int AS "mountSeq", m.kind AS "mountKind",
  m.current_table AS "currentTable", m.config AS "mountConfig", m.resource_id AS "resourceId", r.code AS "resourceCode",
  v.name AS "resourceName", m.department_id AS "departmentId", d.name AS "departmentName", f.field_map AS "fieldMap",
  f.priority, f.enabled, f.merged_run::float8 AS "mergedRun", f.merged_at AS "mergedAt", f.last_merge AS "lastMerge", f.created_at AS "createdAt"`;
const feedFrom = `FROM base_feeds f JOIN mounts m ON m.id = f.mount_id JOIN catalog_resources r ON r.id = m.resource_id
  JOIN catalog_resource_versions v ON v.resource_id = r.id AND v.version = coalesce(r.published_version, r.current_version)
  JOIN departments d ON d.id = m.department_id`;

const toFeed = (r: Record<string, unknown>): FeedRow => ({
  ...(r as FeedRow),
  mergedAt: iso(r.mergedAt),
  createdAt: iso(r.createdAt) as string,
});

/** What leaves the server about a feed. */
export function publicFeed(f: FeedRow): Feed {
  const { mountSeq: _s, currentTable: _t, mountKind: _k, mountConfig: _c, ...rest } = f;
  return rest;
}

export const feeds = {
  async insert(db: Queryable, f: { base: BaseName; mountId: string; fieldMap: Record<string, string>; priority: number; enabled: boolean }, by: string | null) {
    const [{ id }] = await db.query<{ id: number }>(
      `INSERT INTO base_feeds (base, mount_id, field_map, priority, enabled, created_by) VALUES ($1, $2, $3::jsonb, $4, $5, $6) RETURNING id`,
      [f.base, f.mountId, JSON.stringify(f.fieldMap), f.priority, f.enabled, by],
    );
    return id;
  },

  async update(db: Queryable, id: number, patch: { fieldMap?: Record<string, string>; priority?: number; enabled?: boolean }) {
    await db.query(
      `UPDATE base_feeds SET field_map = coalesce($2::jsonb, field_map), priority = coalesce($3, priority), enabled = coalesce($4, enabled), updated_at = now()
        WHERE id = $1`,
      [id, patch.fieldMap ? JSON.stringify(patch.fieldMap) : null, patch.priority ?? null, patch.enabled ?? null],
    );
  },

  async get(db: Queryable, id: number): Promise<FeedRow | null> {
    const [r] = await db.query(`SELECT ${feedCols} ${feedFrom} WHERE f.id = $1`, [id]);
    return r ? toFeed(r) : null;
  },

  /** Locks the feed's row: merges of one feed run one after another. */
  async lock(db: Queryable, id: number): Promise<FeedRow | null> {
    await db.query('SELECT 1 FROM base_feeds WHERE id = $1 FOR UPDATE', [id]);
    return feeds.get(db, id);
  },

  async list(db: Queryable, base?: BaseName): Promise<FeedRow[]> {
    const rows = await db.query(`SELECT ${feedCols} ${feedFrom} WHERE ($1::text IS NULL OR f.base = $1) ORDER BY f.base, f.priority DESC, f.id`, [
      base ?? null,
    ]);
    return rows.map(toFeed);
  },

  async ofMount(db: Queryable, mountId: string): Promise<{ id: number; base: BaseName; mergedRun: number }[]> {
    return db.query(`SELECT id, base, merged_run::float8 AS "mergedRun" FROM base_feeds WHERE mount_id = $1 AND enabled ORDER BY id`, [mountId]);
  },

  async merged(db: Queryable, id: number, hi: number, counts: MergeCounts) {
    await db.query(`UPDATE base_feeds SET merged_run = greatest(merged_run, $2), merged_at = now(), last_merge = $3::jsonb WHERE id = $1`, [
      id,
      hi,
      JSON.stringify(counts),
    ]);
  },
};

export type Settings = { base: BaseName; rule: ConflictRule; records: number; resourceId: string | null; updatedAt: string };

export const settings = {
  async all(db: Queryable): Promise<Settings[]> {
    const rows = await db.query<Settings>(
      `SELECT base, rule, records::float8 AS records, resource_id AS "resourceId", updated_at AS "updatedAt" FROM base_settings ORDER BY base`,
    );
    return rows.map((r) => ({ ...r, updatedAt: iso(r.updatedAt) as string })).sort((a, b) => baseNames.indexOf(a.base) - baseNames.indexOf(b.base));
  },

  async get(db: Queryable, base: BaseName): Promise<Settings> {
    const [r] = await db.query<Settings>(
      `SELECT base, rule, records::float8 AS records, resource_id AS "resourceId", updated_at AS "updatedAt" FROM base_settings WHERE base = $1`,
      [base],
    );
    return { ...r, updatedAt: iso(r.updatedAt) as string };
  },

  setRule: (db: Queryable, base: BaseName, rule: ConflictRule, by: string | null) =>
    db.query('UPDATE base_settings SET rule = $2, updated_at = now(), updated_by = $3 WHERE base = $1', [base, rule, by]),

  setResource: (db: Queryable, base: BaseName, resourceId: string | null, by: string | null) =>
    db.query('UPDATE base_settings SET resource_id = $2, updated_at = now(), updated_by = $3 WHERE base = $1', [base, resourceId, by]),

  /** Whether a member of `departmentId` feeds `base`: an enabled feed from one of its department's mounts. */
  async fedBy(db: Queryable, base: BaseName, departmentId: string): Promise<boolean> {
    const rows = await db.query(
      'SELECT 1 FROM base_feeds f JOIN mounts m ON m.id = f.mount_id WHERE f.base = $1 AND f.enabled AND m.department_id = $2 LIMIT 1',
      [base, departmentId],
    );
    return rows.length > 0;
  },

  addRecords: (db: Queryable, base: BaseName, n: number) => db.query('UPDATE base_settings SET records = records + $2 WHERE base = $1', [base, n]),
};

/** Merges of one base run one at a time: two merges upserting the same keys in different orders would deadlock. */
export async function lockBase(db: Queryable, base: BaseName) {
  await db.query('SELECT pg_advisory_xact_lock(7357300, $1::int)', [baseNames.indexOf(base)]);
}

const MERGE_WORK_MEM = '128MB';
const ANALYZE_AFTER = 50_000;

/** Runs the merge statement of one feed; the caller holds the transaction and the locks. */
export async function runMerge(
  db: Queryable,
  plan: MergePlan,
  p: { lo: number; hi: number; mountId: string; feedId: number; priority: number },
): Promise<{ considered: number; skipped: number; inserted: number; updated: number }> {
  // The join of new rows with the current records hashes the new rows: in memory, not in temp files (this transaction only).
  await db.query(`SET LOCAL work_mem = '${MERGE_WORK_MEM}'`);
  const [count] = await db.query<{ considered: number; skipped: number }>(deltaCountSql(plan), [p.lo, p.hi]);
  const params: unknown[] = [p.lo, p.hi, p.mountId, p.feedId, plan.base.name];
  if (plan.rule === 'authority') params.push(p.priority); // $6 appears only in that rule's test
  const [out] = await db.query<{ inserted: number; updated: number }>(mergeSql(plan), params);
  // A large merge changes what the planner should expect of the table (PGlite has no autovacuum to notice).
  if (out.inserted + out.updated >= ANALYZE_AFTER) await db.query(`ANALYZE ${plan.base.table}`);
  return { considered: count.considered, skipped: count.skipped, inserted: out.inserted, updated: out.updated };
}

// --- Records ------------------------------------------------------------------------------

/** field → the ingest run (ingest_runs.seq) that delivered its value. */
export type Lineage = Record<string, number>;
type RecordRow = { values: Record<string, string | null>; lineage: Lineage; createdAt: string; updatedAt: string };

const valueCols = (b: BaseDef) => allFields(b).map((x) => `${x.name}::text AS ${x.name}`);

function toRecord(b: BaseDef, r: Record<string, unknown>): RecordRow {
  return {
    values: Object.fromEntries(allFields(b).map((x) => [x.name, (r[x.name] as string | null) ?? null])),
    lineage: (r.lineage ?? {}) as Lineage,
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
  };
}

/** Escapes LIKE's wildcards: a prefix is matched literally. */
const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Counting matches stops here: a one-character name prefix can match millions of people. */
export const COUNT_CAP = 10_000;

export const records = {
  async get(db: Queryable, b: BaseDef, key: string): Promise<RecordRow | null> {
    const [r] = await db.query(`SELECT ${valueCols(b).join(', ')}, lineage, created_at, updated_at FROM ${b.table} WHERE ${b.key.name} = $1`, [key]);
    return r ? toRecord(b, r) : null;
  },

  /** A page in key order, or, with a prefix of the search field, in that field's code-point order. */
  async list(db: Queryable, b: BaseDef, q: { prefix?: string; page: number; pageSize: number; total: number }) {
    const cols = `${valueCols(b).join(', ')}, lineage, created_at, updated_at`;
    const offset = (q.page - 1) * q.pageSize;
    if (!q.prefix) {
      const rows = await db.query(`SELECT ${cols} FROM ${b.table} ORDER BY ${b.key.name} LIMIT ${q.pageSize} OFFSET ${offset}`);
      return { items: rows.map((r) => toRecord(b, r)), total: q.total, totalCapped: false };
    }
    const s = `${b.searchField} COLLATE "C"`;
    const like = likePrefix(q.prefix);
    const rows = await db.query(`SELECT ${cols} FROM ${b.table} WHERE ${s} LIKE $1 ORDER BY ${s}, ${b.key.name} LIMIT ${q.pageSize} OFFSET ${offset}`, [like]);
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${b.table} WHERE ${s} LIKE $1 LIMIT ${COUNT_CAP + 1}) x`, [
      like,
    ]);
    return { items: rows.map((r) => toRecord(b, r)), total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
  },
};

export type SourceRow = {
  run: number;
  runId: string;
  at: string;
  mountId: string;
  feedId: number | null;
  priority: number | null;
  resourceId: string;
  resourceCode: string;
  resourceName: string;
  departmentId: string;
  departmentName: string;
};

/** What lineage points at: each run's mount and publish time, the base's feed of that mount (its priority now), resource and department. */
export async function sourcesOf(db: Queryable, base: BaseName, runSeqs: number[]): Promise<SourceRow[]> {
  if (!runSeqs.length) return [];
  const rows = await db.query<SourceRow>(
    `SELECT i.seq::float8 AS run, i.id AS "runId", i.finished_at AS at, i.mount_id AS "mountId", f.id AS "feedId", f.priority,
            m.resource_id AS "resourceId", r.code AS "resourceCode", v.name AS "resourceName", m.department_id AS "departmentId", d.name AS "departmentName"
       FROM ingest_runs i JOIN mounts m ON m.id = i.mount_id JOIN catalog_resources r ON r.id = m.resource_id
       JOIN catalog_resource_versions v ON v.resource_id = r.id AND v.version = coalesce(r.published_version, r.current_version)
       JOIN departments d ON d.id = m.department_id
       LEFT JOIN base_feeds f ON f.mount_id = i.mount_id AND f.base = $2
      WHERE i.seq = ANY($1::bigint[])`,
    [runSeqs, base],
  );
  return rows.map((r) => ({ ...r, at: iso(r.at) as string }));
}
