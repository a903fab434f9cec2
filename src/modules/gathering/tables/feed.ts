import type { Queryable } from '../../../platform/db/db.js';
import type { Column } from '../schema.js';
import type { AccessDecision } from './decision.js';
import { quoteTable } from './layout.js';
import { rowsWhere, selectList } from './reads.js';

// The change feed of a mount table: a snapshot in key order, then what each published run
// did — rows it wrote (inside the reader's rows or not) and keys it deleted — in the order
// runs were published. Positions are the caller's to keep (sharing seals them in cursors).

/** The newest run whose rows the current table may hold: a feed follows from there after a snapshot. */
export async function lastRun(db: Queryable, d: AccessDecision): Promise<number> {
  const [r] = await db.query<{ hi: number | null }>(`SELECT max(seq)::float8 AS hi FROM ingest_runs WHERE mount_id = $1 AND status = 'succeeded'`, [
    d.mount.id,
  ]);
  return r?.hi ?? 0;
}

/** Up to limit + 1 rows of `table` the reader sees, in key order (bytes), after key `after`. */
export async function snapshotRows(db: Queryable, d: AccessDecision, key: Column, table: string, after: string | null, limit: number, columns: Column[]) {
  const params: unknown[] = [];
  const where = [rowsWhere(d, params)];
  if (after !== null) {
    params.push(after);
    where.push(`t.${key.column}::text COLLATE "C" > $${params.length}`);
  }
  return db.query<Record<string, unknown>>(
    `SELECT ${selectList(columns, [`t.${key.column}::text AS _k_${key.column}`])} FROM ${quoteTable(table)} t
      WHERE ${where.join(' AND ')} ORDER BY t.${key.column}::text COLLATE "C" LIMIT ${Math.trunc(limit) + 1}`,
    params,
  );
}

/**
 * Up to limit + 1 changes to `table` after position (run, key, kind) — key null: all of the
 * runs after `run` — ordered by run, key and kind (0 a written row, 1 a deleted key); a
 * written row `passes` when the reader sees it.
 */
export async function changeRows(
  db: Queryable,
  d: AccessDecision,
  key: Column,
  table: string,
  at: { run: number; key: string | null; kind: number },
  limit: number,
  columns: Column[],
) {
  // Following needs the rows of a run without a scan of the whole table; made once per table version.
  await db.query(`CREATE INDEX IF NOT EXISTS "${table}_run" ON ${quoteTable(table)} (_run)`);
  const params: unknown[] = [d.mount.id, table, at.run];
  // $3 is a bigint wherever it appears: one parameter, one type on both engines.
  const passes = rowsWhere(d, params);
  // From run r on when the last page ended inside it, else after it; the row comparison does the rest.
  const from = at.key === null ? '>' : '>=';
  let after = 'x.run > $3::bigint';
  if (at.key !== null) {
    params.push(at.key, at.kind);
    after = `(x.run, x.key COLLATE "C", x.del) > ($3::bigint, $${params.length - 1}::text COLLATE "C", $${params.length}::int)`;
  }
  const cols = columns.map((c) => c.column);
  return db.query<Record<string, unknown>>(
    `SELECT x.run::float8 AS run, x.key, x.del, x.passes, ${cols.map((c) => `x.${c}`).join(', ')} FROM (
       SELECT t._run AS run, t.${key.column}::text AS key, 0 AS del, ${passes} AS passes, ${selectList(columns, [])}
         FROM ${quoteTable(table)} t WHERE t._run ${from} $3::bigint
       UNION ALL
       SELECT d.run, d.key, 1, false, ${cols.map((c) => `NULL::text AS ${c}`).join(', ')}
         FROM mount_deletes d WHERE d.mount_id = $1 AND d.table_name = $2 AND d.run ${from} $3::bigint
     ) x WHERE ${after} ORDER BY x.run, x.key COLLATE "C", x.del LIMIT ${Math.trunc(limit) + 1}`,
    params,
  );
}

/**
 * The last published run of a mount and its current table, for a base database's merge, with
 * the mount row share-locked so neither switches while the caller's transaction merges.
 */
export async function mountState(db: Queryable, mountId: string): Promise<{ table: string | null; hi: number }> {
  await db.query('SELECT 1 FROM mounts WHERE id = $1 FOR SHARE', [mountId]);
  const [r] = await db.query<{ table: string | null; hi: number }>(
    `SELECT m.current_table AS table,
            coalesce((SELECT max(seq) FROM ingest_runs WHERE mount_id = m.id AND status = 'succeeded'), 0)::float8 AS hi
       FROM mounts m WHERE m.id = $1`,
    [mountId],
  );
  return r ?? { table: null, hi: 0 };
}
