import type { Column } from '../schema.js';
import type { AccessDecision } from './decision.js';
import { quoteTable } from './layout.js';
import { publishedRunsSql } from './published-runs.js';

// A base database's merge reads a mount table's new rows: those the runs after its last merge
// wrote, up to the last published run. The merge is one set-based statement (nothing passes
// through Node), so what it reads of the mount comes from here as a relation to compose into
// it, made on an access decision that reads every row whole and unmasked: the platform's own.
//
// Parameters the relation uses, of the statement it goes into:
//   $1 lo    bigint  rows with _run > lo are new
//   $2 hi    bigint  rows with _run > hi wait for the next merge
//   $3 mount uuid    the decision's mount

/** A column read for the merge: its value is cast to `cast` and named `as`. */
export type MergeValue = { column: Column; as: string; cast: 'text' | 'date' | 'numeric' };
export type NewRowsOf = {
  key: Column;
  values: MergeValue[];
  /** A well-formed key (a regular expression over its text): other rows are skipped and counted. */
  keyPattern: string;
  /** False when the key is the table's own unique key: no two rows share one. */
  dedupe: boolean;
};

const SAFE_AS = /^[a-z][a-z0-9_]*$/;
const CASTS = new Set(['text', 'date', 'numeric']);

/** The table a merge reads, once the decision is checked to read it whole (no row filter, no mask, no log) and the columns are its own. */
function wholeTable(d: AccessDecision, columns: Column[]): string {
  if (d.rowFilter || d.log) throw new Error('a merge reads the whole table as the platform');
  const mine = new Set(d.columns.map((c) => c.column));
  for (const c of columns) {
    if (!mine.has(c.column) || d.masks.get(c.item) !== 'none') throw new Error(`a merge reads unmasked columns of the table: ${c.item}`);
  }
  if (!d.mount.currentTable) throw new Error('the mount has no table yet');
  return quoteTable(d.mount.currentTable);
}

const pattern = (o: NewRowsOf) => o.keyPattern.replaceAll("'", "''");
const window = `s._run > $1::bigint AND s._run <= $2::bigint`;

/**
 * The new rows with a well-formed key, one per key (the last written) when `dedupe`:
 * k (the key's text), run (its `_run`), run_at (that run's publish time, as publishedRunsSql's
 * `at`) and each value as its `as`. The run times are one map built once per statement and looked
 * up per row: a join to the runs invites nested loops that rescan the table once per run.
 */
export function newRowsSql(d: AccessDecision, o: NewRowsOf): string {
  const table = wholeTable(d, [o.key, ...o.values.map((v) => v.column)]);
  for (const v of o.values) if (!SAFE_AS.test(v.as) || !CASTS.has(v.cast)) throw new Error(`not a merge value: ${v.as}::${v.cast}`);
  const k = `s.${o.key.column}`;
  const times = `(SELECT coalesce(jsonb_object_agg(r.seq::text, r.at), '{}') FROM (${publishedRunsSql}) r
                   WHERE r.mount = $3::uuid AND r.seq > $1::bigint AND r.seq <= $2::bigint)`;
  return `SELECT ${o.dedupe ? `DISTINCT ON (${k}) ` : ''}${k}::text AS k, s._run AS run, ${times} ->> s._run::text AS run_at,
           ${o.values.map((v) => `s.${v.column.column}::${v.cast} AS ${v.as}`).join(', ')}
      FROM ${table} s
     WHERE ${window} AND ${k} IS NOT NULL AND ${k}::text ~ '${pattern(o)}'
     ${o.dedupe ? `ORDER BY ${k}, s._run DESC, s._row DESC` : ''}`;
}

/** How many new rows there are (considered), and how many of them have no well-formed key (skipped); $1 and $2 only. */
export function newRowsCountSql(d: AccessDecision, o: NewRowsOf): string {
  const table = wholeTable(d, [o.key]);
  const k = `s.${o.key.column}`;
  return `SELECT count(*)::int AS considered, count(*) FILTER (WHERE ${k} IS NULL OR NOT (${k}::text ~ '${pattern(o)}'))::int AS skipped
            FROM ${table} s WHERE ${window}`;
}
