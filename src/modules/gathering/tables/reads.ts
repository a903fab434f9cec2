import type { Queryable } from '../../../platform/db/db.js';
import { bind } from '../../../platform/db/values.js';
import { mask } from '../../../platform/masking/mask.js';
import type { AccessDecision } from './decision.js';
import { compileFilter } from './filter.js';
import { quoteTable } from './layout.js';

// Reads of mount tables. Each takes the reader's AccessDecision: only its columns are
// selected, only rows inside its filter, and values leave masked as it says.

/** The decision's row filter over the table aliased `t` ('true' when it has none); values go to `params`. */
export function rowsWhere(d: AccessDecision, params: unknown[]): string {
  return d.rowFilter ? compileFilter(d.rowFilter, d.mount.table?.columns ?? [], params, 't') : 'true';
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
