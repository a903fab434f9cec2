import type { Queryable } from '../db/db.js';
import { Where } from '../db/values.js';
import { type AuditFields, type HashAlg, rowHash } from './chain.js';

export type AuditEntry = Omit<AuditFields, 'seq' | 'at'>;

/**
 * Appends one row to the chain inside the caller's transaction. The row lock on
 * audit_head serializes writers until commit, which gives gap-free, in-order seq.
 */
export async function appendAudit(tx: Queryable, alg: HashAlg, entry: AuditEntry): Promise<{ seq: number; at: string }> {
  const [head] = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE');
  const fields: AuditFields = { ...entry, seq: Number(head.seq) + 1, at: new Date().toISOString() };
  const hash = rowHash(alg, head.hash, fields);
  await tx.query(
    `INSERT INTO audit_log (seq, at, actor_id, actor, department_id, action, target_type, target_id, details, ip, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12)`,
    [
      fields.seq,
      fields.at,
      fields.actorId,
      fields.actor,
      fields.departmentId,
      fields.action,
      fields.targetType,
      fields.targetId,
      JSON.stringify(fields.details ?? {}),
      fields.ip,
      head.hash,
      hash,
    ],
  );
  await tx.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [fields.seq, hash]);
  return { seq: fields.seq, at: fields.at };
}

export type AuditRow = AuditFields & { prevHash: string; hash: string };

export async function readAuditBatch(db: Queryable, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db.query<AuditRow>(
    `SELECT seq::int8 AS seq, at, actor_id AS "actorId", actor, department_id AS "departmentId", action,
            target_type AS "targetType", target_id AS "targetId", details, ip, prev_hash AS "prevHash", hash
       FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [afterSeq, limit],
  );
}

type AuditFilter = {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
};

export async function listAudit(db: Queryable, f: AuditFilter): Promise<{ items: AuditRow[]; total: number }> {
  const w = new Where();
  if (f.actor) w.add('actor = ?', f.actor);
  if (f.action) w.add("action LIKE ? || '%'", f.action);
  if (f.targetType) w.add('target_type = ?', f.targetType);
  if (f.targetId) w.add('target_id = ?', f.targetId);
  if (f.from) w.add('at >= ?', f.from);
  if (f.to) w.add('at < ?', f.to);
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM audit_log ${w}`, w.params);
  const items = await db.query<AuditRow>(
    `SELECT seq::int8 AS seq, at, actor_id AS "actorId", actor, department_id AS "departmentId", action,
            target_type AS "targetType", target_id AS "targetId", details, ip, prev_hash AS "prevHash", hash
       FROM audit_log ${w} ORDER BY seq DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    w.params,
  );
  return { items, total };
}
