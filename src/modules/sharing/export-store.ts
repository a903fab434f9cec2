import type { Queryable } from '../../platform/db/db.js';
import { iso, offset } from '../../platform/db/values.js';
import type { RowFilter } from '../gathering/index.js';
import type { ExportFormat, ShareExport } from './export-schema.js';

// SQL for the exports table. No rules here: exports.ts decides who may see and trace what.

// The entry's current name: the published version.
const entryName = `(SELECT v.name FROM catalog_resource_versions v WHERE v.resource_id = r.id AND v.version = coalesce(r.published_version, r.current_version))`;

const exportCols = `e.seq::int8 AS seq, e.id, e.at AS "exportedAt", e.format, e.rows::int8 AS rows, e.fields, e.filter, e.filename, e.version,
  e.actor, e.grant_id AS "grantId", g.purpose, e.resource_id AS "resourceId", r.code AS "resourceCode", ${entryName} AS "resourceName",
  e.consumer_department_id AS "consumerDepartmentId", cd.name AS "consumerDepartmentName",
  e.provider_department_id AS "providerDepartmentId", pd.name AS "providerDepartmentName"`;
const exportFrom = `FROM share_exports e JOIN share_grants g ON g.id = e.grant_id JOIN catalog_resources r ON r.id = e.resource_id
  JOIN departments cd ON cd.id = e.consumer_department_id JOIN departments pd ON pd.id = e.provider_department_id`;

function toExport(r: Record<string, unknown>): ShareExport {
  return {
    ...(r as ShareExport),
    seq: Number(r.seq),
    rows: Number(r.rows),
    version: r.version === null || r.version === undefined ? null : Number(r.version),
    exportedAt: iso(r.exportedAt) as string,
  };
}

/** Whose exports a principal may see: every one (null), or those where its department is the consumer and/or the provider. */
export type ExportScope = null | { consumer?: string; provider?: string };

function scopeSql(scope: ExportScope, params: unknown[]): string {
  if (!scope) return 'true';
  const parts: string[] = [];
  if (scope.consumer) {
    params.push(scope.consumer);
    parts.push(`e.consumer_department_id = $${params.length}`);
  }
  if (scope.provider) {
    params.push(scope.provider);
    parts.push(`e.provider_department_id = $${params.length}`);
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'false';
}

type ExportInsert = {
  grantId: string;
  resourceId: string;
  providerDepartmentId: string;
  consumerDepartmentId: string;
  actorId: string | null;
  actor: string;
  format: ExportFormat;
  fields: string[];
  filter: RowFilter | null;
  version: number | null;
  rows: number;
  /** `{seq}` is replaced by the export's number. */
  filename: string;
  ip: string | null;
};

export const exportsStore = {
  /** Inserts (and, on the root Db, commits) the export's row; its number and id. */
  async insert(db: Queryable, x: ExportInsert): Promise<{ seq: number; id: string; filename: string }> {
    const [row] = await db.query<{ seq: number; id: string; filename: string }>(
      `INSERT INTO share_exports (seq, grant_id, resource_id, provider_department_id, consumer_department_id, actor_id, actor, format, fields, filter,
         version, rows, filename, ip)
       SELECT n, $1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, replace($12, '{seq}', n::text), $13
         FROM (SELECT nextval(pg_get_serial_sequence('share_exports', 'seq')) AS n) s
       RETURNING seq::int8 AS seq, id, filename`,
      [
        x.grantId,
        x.resourceId,
        x.providerDepartmentId,
        x.consumerDepartmentId,
        x.actorId,
        x.actor,
        x.format,
        JSON.stringify(x.fields),
        x.filter ? JSON.stringify(x.filter) : null,
        x.version,
        x.rows,
        x.filename,
        x.ip,
      ],
    );
    return { seq: Number(row.seq), id: row.id, filename: row.filename };
  },

  async bySeq(db: Queryable, seq: number): Promise<ShareExport | null> {
    const [r] = await db.query(`SELECT ${exportCols} ${exportFrom} WHERE e.seq = $1`, [seq]);
    return r ? toExport(r) : null;
  },

  async list(db: Queryable, scope: ExportScope, f: { grantId?: string; resourceId?: string; page: number; pageSize: number }) {
    const params: unknown[] = [];
    const where = [scopeSql(scope, params)];
    if (f.grantId) {
      params.push(f.grantId);
      where.push(`e.grant_id = $${params.length}`);
    }
    if (f.resourceId) {
      params.push(f.resourceId);
      where.push(`e.resource_id = $${params.length}`);
    }
    const w = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM share_exports e ${w}`, params);
    const rows = await db.query(`SELECT ${exportCols} ${exportFrom} ${w} ORDER BY e.seq DESC LIMIT ${f.pageSize} OFFSET ${offset(f.page, f.pageSize)}`, params);
    return { items: rows.map(toExport), total };
  },

  /**
   * Export numbers a file with this header may have come from, newest first, at most `limit`:
   * exports in scope whose items include at least half of the header's names (a leaker may
   * delete columns, add a few or rename some; the header is only a first sieve).
   */
  async candidatesByHeader(db: Queryable, scope: ExportScope, header: string[], limit: number): Promise<number[]> {
    if (!header.length) return [];
    const params: unknown[] = [header];
    const where = scopeSql(scope, params);
    params.push(Math.ceil(header.length / 2));
    const rows = await db.query<{ seq: number }>(
      `SELECT e.seq::int8 AS seq FROM share_exports e
        WHERE ${where} AND e.fields ?| $1::text[]
          AND (SELECT count(*) FROM jsonb_array_elements_text(e.fields) f WHERE f = ANY($1::text[])) >= $${params.length}
        ORDER BY e.seq DESC LIMIT ${limit}`,
      params,
    );
    return rows.map((r) => Number(r.seq));
  },

  /** Of these export numbers, the ones in scope. */
  async inScope(db: Queryable, scope: ExportScope, seqs: number[]): Promise<number[]> {
    if (!seqs.length) return [];
    const params: unknown[] = [seqs];
    const where = scopeSql(scope, params);
    const rows = await db.query<{ seq: number }>(`SELECT e.seq::int8 AS seq FROM share_exports e WHERE e.seq = ANY($1::int8[]) AND ${where}`, params);
    return rows.map((r) => Number(r.seq));
  },
};

/**
 * The watermark secret, read inside the caller's transaction. platformSecret() may create it
 * and so wants the root Db; here it is only read: every export made it before its row was
 * written, so when it is absent nothing was ever watermarked.
 */
export async function watermarkSecret(db: Queryable): Promise<Buffer | null> {
  const [row] = await db.query<{ value: Uint8Array }>(`SELECT value FROM platform_secrets WHERE name = 'watermark'`);
  return row ? Buffer.from(row.value) : null;
}
