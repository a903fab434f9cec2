import type { Queryable } from '../../../platform/db/db.js';
import { iso } from '../../../platform/db/values.js';

// What other modules may know of a mount's published runs: their sequence numbers (a mount
// table's `_run`), when they were published and where they came from. Bases keep a run per
// merged field as lineage and merge from one run to the next; they ask here, never the run log.

/** A run's publish time as fixed-width UTC text: ordered like the times when compared with COLLATE "C". */
const AT = `to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Published runs as a relation to compose into a statement: (seq bigint, mount uuid, at text — as AT says). */
export const publishedRunsSql = `SELECT seq, mount_id AS mount, ${AT} AS at FROM ingest_runs WHERE status = 'succeeded'`;

/** The mount's last published run (0: none yet): rows with `_run` up to it are in its table. */
export async function lastPublishedRun(db: Queryable, mountId: string): Promise<number> {
  const [r] = await db.query<{ hi: number }>(`SELECT coalesce(max(seq), 0)::float8 AS hi FROM ingest_runs WHERE mount_id = $1 AND status = 'succeeded'`, [
    mountId,
  ]);
  return r?.hi ?? 0;
}

export type RunOrigin = {
  run: number;
  runId: string;
  at: string;
  mountId: string;
  resourceId: string;
  resourceCode: string;
  resourceName: string;
  departmentId: string;
  departmentName: string;
};

/** Where each of these runs came from: its mount, publish time, resource (by its published name) and providing department. */
export async function runOrigins(db: Queryable, runSeqs: number[]): Promise<RunOrigin[]> {
  if (!runSeqs.length) return [];
  const rows = await db.query<RunOrigin>(
    `SELECT i.seq::float8 AS run, i.id AS "runId", i.finished_at AS at, i.mount_id AS "mountId",
            m.resource_id AS "resourceId", r.code AS "resourceCode", v.name AS "resourceName", m.department_id AS "departmentId", d.name AS "departmentName"
       FROM ingest_runs i JOIN mounts m ON m.id = i.mount_id JOIN catalog_resources r ON r.id = m.resource_id
       JOIN catalog_resource_versions v ON v.resource_id = r.id AND v.version = coalesce(r.published_version, r.current_version)
       JOIN departments d ON d.id = m.department_id
      WHERE i.seq = ANY($1::bigint[])`,
    [runSeqs],
  );
  return rows.map((r) => ({ ...r, at: iso(r.at) as string }));
}
