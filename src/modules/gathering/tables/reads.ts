import type { Queryable } from '../../../platform/db/db.js';
import { bind } from '../../../platform/db/values.js';
import { NotAllowed, RuleBroken } from '../../../platform/errors.js';
import { mask } from '../../../platform/masking/mask.js';
import type { Column } from '../schema.js';
import type { AccessDecision } from './decision.js';
import { andFilters, compileFilter, filterItems, type RowFilter } from './filter.js';
import { quoteTable } from './layout.js';

// Reads of mount tables. Each takes the reader's AccessDecision: only its columns are
// selected, only rows inside its filter, and values leave masked as it says.

const columnsOf = (d: AccessDecision): Column[] => d.mount.table?.columns ?? [];

/**
 * The rows a reader may see, as a condition over the table aliased `t` ('true' when nothing
 * limits them): the decision's row filter, ANDed with the reader's own, which may only name
 * items it reads, unmasked. Values go to `params`.
 */
export function rowsWhere(d: AccessDecision, params: unknown[], own: RowFilter | null = null): string {
  if (own) {
    const used = filterItems(own);
    const outside = used.filter((i) => !d.masks.has(i));
    if (outside.length) throw new NotAllowed(`筛选条件中的信息项不在授权范围内：${outside.join('、')}`);
    const masked = used.filter((i) => d.masks.get(i) !== 'none');
    if (masked.length) throw new RuleBroken(`不能按脱敏的信息项筛选：${masked.join('、')}`);
  }
  const f = andFilters(d.rowFilter, own);
  return f ? compileFilter(f, columnsOf(d), params, 't') : 'true';
}

/** Paging order: the key items, or the row's place in its load when the resource has no key. */
export function orderOf(d: AccessDecision): { sql: string[]; types: string[] } {
  const keys = columnsOf(d).filter((c) => c.key);
  if (keys.length)
    return { sql: keys.map((k) => `t.${k.column}`), types: keys.map((k) => (k.type === 'integer' ? 'bigint' : k.type === 'date' ? 'date' : 'text')) };
  return { sql: ['t._run', 't._row'], types: ['bigint', 'bigint'] };
}

/** The single key column a record is named by, or why records of this resource cannot be. */
export function keyColumn(d: AccessDecision): Column {
  const keys = columnsOf(d).filter((c) => c.key);
  if (keys.length !== 1) throw new RuleBroken('该资源没有唯一的主键信息项，不能按键查询');
  return keys[0];
}

export const selectList = (columns: Column[], extra: string[]) => [...columns.map((c) => `t.${c.column}::text AS ${c.column}`), ...extra].join(', ');

/**
 * What a caller re-checks in the same statement as its read (terms it remembered that must
 * still hold) and reads alongside: `join` follows the table in FROM, `holds` is ANDed to the
 * conditions, `usage` is selected.
 */
export type Rechecks = { join: string; holds: string; usage: string[] };

/** SQL that holds while the mount still serves the table a decision was made on (a replace since fails it), over the caller's placeholders. */
export const stillCurrent = (mount: string, table: string) =>
  `EXISTS (SELECT 1 FROM mounts m WHERE m.id = ${mount}::uuid AND m.current_table = ${table}::text)`;

/**
 * One statement of the share API: `columns` and `extra` of the rows the reader sees under
 * `where` (rowsWhere's, and the caller's keyset or key conditions), with its re-checks.
 * Keyset pages pass `order` and a bound `limit`; a lookup by key passes neither.
 */
export function readRows(
  db: Queryable,
  d: AccessDecision,
  o: { columns: Column[]; extra: string[]; where: string[]; params: unknown[]; check: Rechecks | null; order?: string[]; limit?: string; prepare: boolean },
) {
  const from = `${quoteTable(d.mount.currentTable as string)} t ${o.check?.join ?? ''}`;
  const select = selectList(o.columns, [...o.extra, ...(o.check?.usage ?? [])]);
  const where = [...o.where, ...(o.check ? [o.check.holds] : [])];
  const sql = o.order
    ? `SELECT ${select} FROM ${from} WHERE ${where.join(' AND ')}
          ORDER BY ${o.order.join(', ')} LIMIT ${o.limit}::int`
    : `SELECT ${select}
           FROM ${from}
          WHERE ${where.join(' AND ')}`;
  return db.query<Record<string, unknown>>(sql, o.params, { prepare: o.prepare });
}

/** How many rows the reader sees under `where` (from rowsWhere). */
export async function countRows(db: Queryable, d: AccessDecision, where: string, params: unknown[]): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int8 AS n FROM ${quoteTable(d.mount.currentTable as string)} t WHERE ${where}`, params);
  return Number(n);
}

/** Every row the reader sees under `where`, in keyset order, `batch` rows a query, masked as the decision says. */
export async function* maskedBatches(
  db: Queryable,
  d: AccessDecision,
  columns: Column[],
  where: string,
  params: unknown[],
  batch: number,
): AsyncGenerator<(string | null)[][]> {
  const order = orderOf(d);
  const masks = columns.map((c) => d.masks.get(c.item) ?? 'full');
  const table = quoteTable(d.mount.currentTable as string);
  const keys = order.sql.map((s, i) => `${s}::text AS _k${i}`);
  let after: string[] | null = null;
  for (;;) {
    const p = params.slice();
    const conds = [where];
    if (after) {
      const placeholders = after.map((v, i) => {
        p.push(v);
        return `$${p.length}::${order.types[i]}`;
      });
      conds.push(`(${order.sql.join(', ')}) > (${placeholders.join(', ')})`);
    }
    const rows = await db.query<Record<string, unknown>>(
      `SELECT ${selectList(columns, keys)} FROM ${table} t WHERE ${conds.join(' AND ')} ORDER BY ${order.sql.join(', ')} LIMIT ${Math.trunc(batch)}`,
      p,
    );
    if (rows.length) yield rows.map((r) => columns.map((c, i) => mask(masks[i], r[c.column] as string | null)));
    if (rows.length < batch) return;
    const last = rows[rows.length - 1];
    after = order.sql.map((_, i) => last[`_k${i}`] as string);
  }
}

/**
 * Whether a record with this key is in the mount's current table and passes one of `filters`
 * (a consumer's grants: any one that shows the row is enough); null means no filter applies.
 */
export async function recordExists(db: Queryable, table: string, columns: Column[], key: string, filters: RowFilter[] | null): Promise<boolean> {
  if (filters && filters.length === 0) return false;
  const keyColumn = columns.find((c) => c.key) as Column;
  if (!/^c\d+$/.test(keyColumn.column)) throw new Error(`not a mount column: ${keyColumn.column}`);
  const params: unknown[] = [key];
  // A text key is compared as it is (the table's primary key index); another type through its
  // text form, so a value of the wrong shape is "not found", never a cast error.
  const text = keyColumn.type === 'string' || keyColumn.type === 'binary';
  const where = [text ? `${keyColumn.column} = $1` : `${keyColumn.column}::text = $1`];
  if (filters) where.push(`(${filters.map((f) => compileFilter(f, columns, params)).join(' OR ')})`);
  const rows = await db.query(`SELECT 1 FROM ${quoteTable(table)} WHERE ${where.join(' AND ')} LIMIT 1`, params);
  return rows.length === 1;
}

/** How many rows of the mount's current version the reader sees: the mount's count, unless a row filter leaves some out. */
export async function visibleTotal(db: Queryable, d: AccessDecision): Promise<number> {
  if (!d.mount.currentTable) return 0;
  if (!d.rowFilter) return d.mount.rowCount ?? 0;
  const params: unknown[] = [];
  return countRows(db, d, rowsWhere(d, params), params);
}

/** The first rows of the mount's current version, in load order, as the decision lets the reader see them. */
export async function previewRows(db: Queryable, d: AccessDecision, limit: number): Promise<(string | null)[][]> {
  if (!d.mount.currentTable || d.columns.length === 0) return [];
  const params: unknown[] = [];
  const where = rowsWhere(d, params);
  const [n] = bind(params, Math.trunc(limit));
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${d.columns.map((c) => `t.${c.column}::text AS ${c.column}`).join(', ')} FROM ${quoteTable(d.mount.currentTable)} t
      WHERE ${where} ORDER BY t._row, t._run LIMIT ${n}::int`,
    params,
  );
  return rows.map((r) => d.columns.map((c) => mask(d.masks.get(c.item) ?? 'full', r[c.column] as string | null)));
}
