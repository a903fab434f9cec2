import { type NewRowsOf, publishedRunsSql } from '../gathering/index.js';
import type { Column } from '../gathering/schema.js';
import { type BaseDef, type BaseField, type ConflictRule, type FieldType, fieldOf } from './schema.js';

// The merge of one feed as one set-based statement: every source row written after the
// feed's last merge goes INSERT … SELECT … ON CONFLICT (key) DO UPDATE, and each field of an
// existing golden record takes the incoming value only when the base's conflict rule says so,
// with its lineage set for exactly the fields taken. Nothing passes through Node.
//
// The per-field decisions are made in the SELECT, against the current record (a left join), so
// each is computed once and rows where nothing changes never reach the INSERT: a re-merge of
// rows already in neither writes nor locks anything. The base tables are written only by
// merges, which hold the base's lock (store.ts lockBase), so the join and the conflict agree.
//
// Lineage is stored compactly, field → the ingest run (its seq) that delivered the value:
// the run names the mount and its publish time, the mount names the feed (one per base and
// mount), the feed its priority — so {feed, mount, run, at, priority} is derived when read
// (store.ts sourcesOf) and looked up here in `held`, at about a fifth of the bytes per record.
//
// Parameters of the statement:
//   $1 lo    bigint  the feed's last merged run (seq); rows it or an earlier run wrote are merged
//   $2 hi    bigint  the last published run of the mount when the merge started; rows of later runs wait for the next merge
//   $3 mount uuid    the feed's mount
//   $4 feed  int     base_feeds.id
//   $5 base  text    the base's name
//   $6 prio  int     the feed's priority ('authority' only)
//
// What the statement reads of the mount (its new rows, each with its run's publish time) and of
// the runs (`held`: run seq → [feed, priority, publish time] for every run that can hold a value in
// this base, built once per statement and looked up per row in O(log n)) comes from gathering's
// tables service (newRowsSql, publishedRunsSql): a join to a tiny relation of runs invites nested
// loops that rescan the big source table once per run, or the runs once per row.

/** One mapped field: the base field and the mount column that feeds it. */
export type MappedColumn = { field: BaseField; column: Column };

export type MergePlan = {
  base: BaseDef;
  rule: ConflictRule;
  key: MappedColumn;
  fields: MappedColumn[];
  /** False when the key item is the mount's own unique key: no two source rows share a key, no de-duplication needed. */
  dedupe: boolean;
};

const SAFE_NAME = /^[a-z][a-z_]*$/;

const CAST: Record<FieldType, NewRowsOf['values'][number]['cast']> = { text: 'text', date: 'date', numeric: 'numeric' };

function check(plan: MergePlan) {
  for (const m of [plan.key, ...plan.fields]) {
    if (!SAFE_NAME.test(m.field.name) || fieldOf(plan.base, m.field.name) !== m.field) throw new Error(`not a field of ${plan.base.name}: ${m.field.name}`);
  }
  if (!SAFE_NAME.test(plan.base.table)) throw new Error(`not a base table: ${plan.base.table}`);
}

/** What the merge reads of the mount: its key and mapped columns, as the incoming values i_<field>. */
export function sourceOf(plan: MergePlan): NewRowsOf {
  check(plan);
  return {
    key: plan.key.column,
    values: plan.fields.map((m) => ({ column: m.column, as: `i_${m.field.name}`, cast: CAST[m.field.type] })),
    keyPattern: plan.base.keyPattern,
    dedupe: plan.dedupe,
  };
}

/**
 * Whether the incoming value of field `n` replaces the golden record's, from the columns of the
 * source level: i_n (incoming), c_n (current value), h_n ([feed, priority now, publish time] of
 * the run that delivered the current value), run_at (this row's run's publish time). Only
 * non-null values ever come in, and an equal value never churns a row:
 *  - an empty field takes any value;
 *  - the feed that delivered the current value may replace it with a different one;
 *  - 'newest': another feed's different value wins when its run was published at or after the current value's;
 *  - 'authority': another feed wins when its priority is higher than the current holder's, or equal
 *    and the value differs; an equal value from a more authoritative feed takes over the lineage, so that
 *    source's later changes keep winning. Priorities are the feeds' current ones: a change applies
 *    from the next merge (a re-merge applies it to every row).
 */
function takes(n: string, rule: ConflictRule): string {
  const [i, c, h] = [`i_${n}`, `c_${n}`, `h_${n}`];
  const me = `coalesce((${h}->>0)::int = $4::int, false)`;
  const differs = `${i} <> ${c}`;
  if (rule === 'newest') {
    const newer = `coalesce(${h}->>2, '') COLLATE "C" <= run_at COLLATE "C"`;
    return `(${i} IS NOT NULL AND (${c} IS NULL OR (${differs} AND (${me} OR ${newer}))))`;
  }
  const held = `coalesce((${h}->>1)::int, -1)`;
  return `(${i} IS NOT NULL AND (${c} IS NULL OR (${me} AND ${differs}) OR (NOT ${me} AND (${held} < $6::int OR (${held} = $6::int AND ${differs})))))`;
}

/**
 * The merge statement over `newRows` (newRowsSql of sourceOf(plan)); answers one row: { inserted,
 * updated }. Three levels, each computed once per row (OFFSET 0 keeps the planner from inlining a
 * level into the next and repeating it):
 *  1. the new source rows (one per key), the current golden record (left join by key), and for
 *     each field who delivered the current value (from the `held` map);
 *  2. per field, whether the incoming value is taken;
 *  3. the record as it will be; rows where nothing is taken stop here, so a re-merge writes (and locks) nothing.
 * The INSERT … ON CONFLICT then writes new keys and replaces changed records whole.
 */
export function mergeSql(plan: MergePlan, newRows: string): string {
  check(plan);
  const { base, key, fields, rule } = plan;
  const k = key.field.name;
  const names = fields.map((m) => m.field.name);
  const source = `
    SELECT n.k, n.run, n.run_at, t0.${k} IS NOT NULL AS known, t0.lineage AS lin,
           ${names.map((n) => `n.i_${n}, t0.${n} AS c_${n}, held.m -> (t0.lineage->>'${n}') AS h_${n}`).join(',\n           ')}
      FROM (${newRows}) n CROSS JOIN held
      LEFT JOIN ${base.table} t0 ON t0.${k} = n.k
    OFFSET 0`;
  const decided = `SELECT d.*, ${names.map((n) => `${takes(n, rule)} AS t_${n}`).join(', ')} FROM (${source}) d OFFSET 0`;
  const entries = names.map((n) => `'${n}', CASE WHEN t_${n} THEN run END`).join(', ');
  const lineage = `CASE WHEN known THEN lin || jsonb_strip_nulls(jsonb_build_object(${entries}))
                        WHEN ${names.map((n) => `t_${n}`).join(' AND ')} THEN jsonb_build_object('${k}', run${names.map((n) => `, '${n}', run`).join('')})
                        ELSE jsonb_strip_nulls(jsonb_build_object('${k}', run, ${entries})) END`;
  const values = names.map((n) => `CASE WHEN t_${n} THEN i_${n} ELSE c_${n} END`);
  return `
WITH held AS MATERIALIZED (
  SELECT coalesce(jsonb_object_agg(r.seq::text, jsonb_build_array(f.id, f.priority, r.at)), '{}') AS m
    FROM (${publishedRunsSql}) r JOIN base_feeds f ON f.mount_id = r.mount AND f.base = $5::text),
merged AS (
  INSERT INTO ${base.table} AS t (${[k, ...names].join(', ')}, lineage, updated_at)
  SELECT k, ${values.join(', ')}, ${lineage}, now()
    FROM (${decided}) x
   WHERE NOT known OR ${names.map((n) => `t_${n}`).join(' OR ')}
  ON CONFLICT (${k}) DO UPDATE SET ${[...names, 'lineage', 'updated_at'].map((n) => `${n} = EXCLUDED.${n}`).join(', ')}
  RETURNING (t.xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM merged`;
}
