import { algOf, rowHash } from '../src/platform/audit/chain.js';
import { readAuditBatch } from '../src/platform/audit/store.js';
import type { Db } from '../src/platform/db/db.js';
import { iso } from '../src/platform/db/values.js';

const DAY = 86_400_000;

/**
 * As the tables' owner, rewrites the audit rows after `from` as if written `days` ago (re-dated and
 * re-hashed) and the delivery log's seals (their time is not hashed): what the test cannot wait for.
 */
export async function backdate(db: Db, days: number, from = { seq: 0, hash: 'genesis' }) {
  const rows = await readAuditBatch(db, from.seq, 1_000_000);
  let prev = from.hash;
  const out = rows.map((r) => {
    const at = new Date(Date.parse(iso(r.at) as string) - days * DAY).toISOString();
    const hash = rowHash(algOf(r.hash) ?? 'sha256', prev, { ...r, seq: Number(r.seq), at });
    const row = { seq: Number(r.seq), at, prev, hash };
    prev = hash;
    return row;
  });
  for (const t of ['audit_log', 'audit_head', 'share_call_seals']) await db.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
  await db.query(
    `UPDATE audit_log a SET at = u.at, prev_hash = u.prev, hash = u.hash
       FROM unnest($1::int8[], $2::timestamptz[], $3::text[], $4::text[]) AS u(seq, at, prev, hash) WHERE a.seq = u.seq`,
    [out.map((r) => r.seq), out.map((r) => r.at), out.map((r) => r.prev), out.map((r) => r.hash)],
  );
  await db.query('UPDATE audit_head SET hash = $1', [prev]);
  await db.query(`UPDATE share_call_seals SET sealed_at = sealed_at - make_interval(days => $1)`, [days]);
  for (const t of ['audit_log', 'audit_head', 'share_call_seals']) await db.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
  const last = out.at(-1) as { seq: number; hash: string };
  return { seq: last.seq, hash: last.hash };
}
