import type { Queryable } from '../../platform/db/db.js';
import { iso } from '../../platform/db/values.js';
import { type AccessDecision, type MountRow, mountDepartments, mountsById, newRowsCountSql, newRowsSql, runOrigins } from '../gathering/index.js';
import { type MergePlan, mergeSql, sourceOf } from './merge-sql.js';
import { allFields, type BaseDef, type BaseName, baseNames, type ConflictRule, type Feed, type MergeCounts } from './schema.js';

// SQL for the base tables, their feeds and settings. No rules here: service.ts decides who may.
// What a feed's mount is and holds is gathering's: asked through its exports, never its tables.

export type FeedRow = Feed & { mount: MountRow };

type FeedOwn = Omit<Feed, 'mountName' | 'resourceId' | 'resourceCode' | 'resourceName' | 'departmentId' | 'departmentName'>;
const feedCols = `f.id, f.base, f.mount_id AS "mountId", f.field_map AS "fieldMap", f.priority, f.enabled, f.merged_run::float8 AS "mergedRun",
  f.merged_at AS "mergedAt", f.last_merge AS "lastMerge", f.created_at AS "createdAt"`;

/** Feeds with their mounts' catalog facts (a feed's mount is never deleted: the foreign key holds it). */
async function withMounts(db: Queryable, rows: FeedOwn[]): Promise<FeedRow[]> {
  const byId = await mountsById(db, [...new Set(rows.map((r) => r.mountId))]);
  return rows.flatMap((r) => {
    const m = byId.get(r.mountId);
    if (!m) return [];
    return [
      {
        ...r,
        mergedAt: iso(r.mergedAt),
        createdAt: iso(r.createdAt) as string,
        mountName: m.name,
        resourceId: m.resourceId,
        resourceCode: m.resourceCode,
        resourceName: m.resourceName,
        departmentId: m.departmentId,
        departmentName: m.departmentName,
        mount: m,
      },
    ];
  });
}

/** What leaves the server about a feed. */
export function publicFeed(f: FeedRow): Feed {
  const { mount: _m, ...rest } = f;
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
    const rows = await db.query<FeedOwn>(`SELECT ${feedCols} FROM base_feeds f WHERE f.id = $1`, [id]);
    return (await withMounts(db, rows))[0] ?? null;
  },

  /** Locks the feed's row: merges of one feed run one after another. */
  async lock(db: Queryable, id: number): Promise<FeedRow | null> {
    await db.query('SELECT 1 FROM base_feeds WHERE id = $1 FOR UPDATE', [id]);
    return feeds.get(db, id);
  },

  async list(db: Queryable, base?: BaseName): Promise<FeedRow[]> {
    const rows = await db.query<FeedOwn>(
      `SELECT ${feedCols} FROM base_feeds f WHERE ($1::text IS NULL OR f.base = $1) ORDER BY f.base, f.priority DESC, f.id`,
      [base ?? null],
    );
    return withMounts(db, rows);
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
    const rows = await db.query<{ mountId: string }>('SELECT mount_id AS "mountId" FROM base_feeds WHERE base = $1 AND enabled', [base]);
    const providers = await mountDepartments(
      db,
      rows.map((r) => r.mountId),
    );
    return [...providers.values()].includes(departmentId);
  },

  addRecords: (db: Queryable, base: BaseName, n: number) => db.query('UPDATE base_settings SET records = records + $2 WHERE base = $1', [base, n]),
};

/** Merges of one base run one at a time: two merges upserting the same keys in different orders would deadlock. */
export async function lockBase(db: Queryable, base: BaseName) {
  await db.query('SELECT pg_advisory_xact_lock(7357300, $1::int)', [baseNames.indexOf(base)]);
}

const MERGE_WORK_MEM = '128MB';
const ANALYZE_AFTER = 50_000;

/** Runs the merge statement of one feed, reading the mount's rows on `d` (the platform's whole read); the caller holds the transaction and the locks. */
export async function runMerge(
  db: Queryable,
  d: AccessDecision,
  plan: MergePlan,
  p: { lo: number; hi: number; mountId: string; feedId: number; priority: number },
): Promise<{ considered: number; skipped: number; inserted: number; updated: number }> {
  // The join of new rows with the current records hashes the new rows: in memory, not in temp files (this transaction only).
  await db.query(`SET LOCAL work_mem = '${MERGE_WORK_MEM}'`);
  const source = sourceOf(plan);
  const [count] = await db.query<{ considered: number; skipped: number }>(newRowsCountSql(d, source), [p.lo, p.hi]);
  const params: unknown[] = [p.lo, p.hi, p.mountId, p.feedId, plan.base.name];
  if (plan.rule === 'authority') params.push(p.priority); // $6 appears only in that rule's test
  const [out] = await db.query<{ inserted: number; updated: number }>(mergeSql(plan, newRowsSql(d, source)), params);
  // A large merge changes what the planner should expect of the table (PGlite has no autovacuum to notice).
  if (out.inserted + out.updated >= ANALYZE_AFTER) await db.query(`ANALYZE ${plan.base.table}`);
  return { considered: count.considered, skipped: count.skipped, inserted: out.inserted, updated: out.updated };
}

// --- Records ------------------------------------------------------------------------------

/** field → the ingest run (its seq) that delivered its value. */
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

/** What lineage points at: each run's mount and publish time, resource and department (gathering's), and the base's feed of that mount (its priority now). */
export async function sourcesOf(db: Queryable, base: BaseName, runSeqs: number[]): Promise<SourceRow[]> {
  const origins = await runOrigins(db, runSeqs);
  if (!origins.length) return [];
  const fs = await db.query<{ id: number; mountId: string; priority: number }>(
    'SELECT id, mount_id AS "mountId", priority FROM base_feeds WHERE base = $1 AND mount_id = ANY($2::uuid[])',
    [base, [...new Set(origins.map((o) => o.mountId))]],
  );
  const feedOf = new Map(fs.map((f) => [f.mountId, f]));
  return origins.map((o) => ({ ...o, feedId: feedOf.get(o.mountId)?.id ?? null, priority: feedOf.get(o.mountId)?.priority ?? null }));
}
