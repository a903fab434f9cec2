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
// Lineage is stored compactly, field → the ingest run (ingest_runs.seq) that delivered the value:
// the run names the mount and its publish time, the mount names the feed (one per base and
// mount), the feed its priority — so {feed, mount, run, at, priority} is derived when read
// (store.ts sourcesOf) and looked up here in `held`, at about a fifth of the bytes per record.
//
// Parameters of the statement:
//   $1 lo    bigint  the feed's last merged run (ingest_runs.seq); rows with _run > lo are new
//   $2 hi    bigint  the last published run of the mount when the merge started; rows with _run > hi wait for the next merge
//   $3 mount uuid    the feed's mount
//   $4 feed  int     base_feeds.id
//   $5 base  text    the base's name
//   $6 prio  int     the feed's priority ('authority' only)
//
// The statement joins nothing but the current record (by key): what it needs to know about runs
// comes from two small maps built once per statement (run seq → publish time, and run seq →
// [feed, priority, publish time] for every run that can hold a value in this base), looked up per
// row in O(log n). A join to a tiny relation invites nested loops that rescan the big source
// table once per run, or the runs once per row; with a year of daily runs either is a disaster.

/** One mapped field: the base column and the mount column (c1…cN, platform-made) that feeds it. */
export type MappedColumn = { field: BaseField; column: string };

export type MergePlan = {
  base: BaseDef;
  rule: ConflictRule;
  /** The mount's current table: a platform-made name (mount_data_<n>_v<n>), checked again here. */
  table: string;
  key: MappedColumn;
  fields: MappedColumn[];
  /** False when the key item is the mount's own unique key: no two source rows share a key, no de-duplication needed. */
  dedupe: boolean;
};

const SAFE_TABLE = /^mount_data_\d+_v\d+$/;
const SAFE_COLUMN = /^c\d+$/;
const SAFE_NAME = /^[a-z][a-z_]*$/;

const CAST: Record<FieldType, string> = { text: 'text', date: 'date', numeric: 'numeric' };

/** A run's publish time as fixed-width UTC text: ordered like the times when compared with COLLATE "C". */
const AT_SQL = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function check(plan: MergePlan) {
  if (!SAFE_TABLE.test(plan.table)) throw new Error(`not a mount table: ${plan.table}`);
  for (const m of [plan.key, ...plan.fields]) {
    if (!SAFE_COLUMN.test(m.column)) throw new Error(`not a mount column: ${m.column}`);
    if (!SAFE_NAME.test(m.field.name) || fieldOf(plan.base, m.field.name) !== m.field) throw new Error(`not a field of ${plan.base.name}: ${m.field.name}`);
  }
  if (!SAFE_NAME.test(plan.base.table)) throw new Error(`not a base table: ${plan.base.table}`);
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
 * The merge statement; answers one row: { inserted, updated }. Three levels, each computed once
 * per row (OFFSET 0 keeps the planner from inlining a level into the next and repeating it):
 *  1. the new source rows, each with its run's publish time, the current golden record (left join
 *     by key), and for each field who delivered the current value (from the `held` map);
 *  2. per field, whether the incoming value is taken;
 *  3. the record as it will be; rows where nothing is taken stop here, so a re-merge writes (and locks) nothing.
 * The INSERT … ON CONFLICT then writes new keys and replaces changed records whole.
 */
export function mergeSql(plan: MergePlan): string {
  check(plan);
  const { base, key, fields, rule } = plan;
  const k = key.field.name;
  const names = fields.map((m) => m.field.name);
  const keyCol = `s.${key.column}`;
  const pattern = base.keyPattern.replaceAll("'", "''");
  const source = `
    SELECT ${plan.dedupe ? `DISTINCT ON (${keyCol}) ` : ''}${keyCol}::text AS k, s._run AS run, fresh.m ->> s._run::text AS run_at,
           t0.${k} IS NOT NULL AS known, t0.lineage AS lin,
           ${fields
             .map((m) => {
               const n = m.field.name;
               return `s.${m.column}::${CAST[m.field.type]} AS i_${n}, t0.${n} AS c_${n}, held.m -> (t0.lineage->>'${n}') AS h_${n}`;
             })
             .join(',\n           ')}
      FROM "${plan.table}" s CROSS JOIN fresh CROSS JOIN held
      LEFT JOIN ${base.table} t0 ON t0.${k} = ${keyCol}::text
     WHERE s._run > $1::bigint AND s._run <= $2::bigint AND ${keyCol} IS NOT NULL AND ${keyCol}::text ~ '${pattern}'
     ${plan.dedupe ? `ORDER BY ${keyCol}, s._run DESC, s._row DESC` : ''}
    OFFSET 0`;
  const decided = `SELECT d.*, ${names.map((n) => `${takes(n, rule)} AS t_${n}`).join(', ')} FROM (${source}) d OFFSET 0`;
  const entries = names.map((n) => `'${n}', CASE WHEN t_${n} THEN run END`).join(', ');
  const lineage = `CASE WHEN known THEN lin || jsonb_strip_nulls(jsonb_build_object(${entries}))
                        WHEN ${names.map((n) => `t_${n}`).join(' AND ')} THEN jsonb_build_object('${k}', run${names.map((n) => `, '${n}', run`).join('')})
                        ELSE jsonb_strip_nulls(jsonb_build_object('${k}', run, ${entries})) END`;
  const values = names.map((n) => `CASE WHEN t_${n} THEN i_${n} ELSE c_${n} END`);
  return `
WITH fresh AS MATERIALIZED (
  SELECT coalesce(jsonb_object_agg(seq::text, ${AT_SQL('finished_at')}), '{}') AS m
    FROM ingest_runs WHERE mount_id = $3::uuid AND status = 'succeeded' AND seq > $1::bigint AND seq <= $2::bigint),
held AS MATERIALIZED (
  SELECT coalesce(jsonb_object_agg(r.seq::text, jsonb_build_array(f.id, f.priority, ${AT_SQL('r.finished_at')})), '{}') AS m
    FROM ingest_runs r JOIN base_feeds f ON f.mount_id = r.mount_id AND f.base = $5::text WHERE r.status = 'succeeded'),
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

/** How many rows the merge will look at, and how many of them it cannot use (no well-formed key). Same parameters $1, $2. */
export function deltaCountSql(plan: MergePlan): string {
  check(plan);
  const keyCol = `s.${plan.key.column}`;
  return `SELECT count(*)::int AS considered,
                 count(*) FILTER (WHERE ${keyCol} IS NULL OR NOT (${keyCol}::text ~ '${plan.base.keyPattern.replaceAll("'", "''")}'))::int AS skipped
            FROM "${plan.table}" s WHERE s._run > $1::bigint AND s._run <= $2::bigint`;
}
