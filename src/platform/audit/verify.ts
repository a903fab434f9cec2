import type { Queryable } from '../db/db.js';
import { iso } from '../db/values.js';
import { algOf, rowHash } from './chain.js';
import { readAuditBatch } from './store.js';

type VerifyResult = { ok: true; checked: number; headSeq: number } | { ok: false; checked: number; badSeq: number; reason: string };

/** Walks the whole chain in order and reports the first row that does not hold. */
export async function verifyAuditChain(db: Queryable, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  let prevHash = 'genesis';
  let expected = 1;
  let checked = 0;
  for (;;) {
    const rows = await readAuditBatch(db, expected - 1, 5000);
    for (const r of rows) {
      const seq = Number(r.seq);
      const fail = (reason: string): VerifyResult => ({ ok: false, checked, badSeq: seq, reason });
      if (seq !== expected) return { ok: false, checked, badSeq: expected, reason: `row ${expected} is missing (next row is ${seq})` };
      if (r.prevHash !== prevHash) return fail('prev_hash does not match the previous row: a row before it was removed, altered or inserted');
      const alg = algOf(r.hash);
      if (!alg) return fail(`unknown hash algorithm in ${r.hash.slice(0, 12)}`);
      const at = iso(r.at) as string;
      if (rowHash(alg, prevHash, { ...r, seq, at }) !== r.hash) return fail('content does not match its hash: the row was altered');
      prevHash = r.hash;
      expected++;
      checked++;
    }
    onProgress?.(checked);
    if (rows.length < 5000) break;
  }
  const [head] = await db.query<{ seq: number; hash: string }>('SELECT seq::int8 AS seq, hash FROM audit_head WHERE id = 1');
  if (Number(head.seq) !== checked || head.hash !== prevHash) {
    return {
      ok: false,
      checked,
      badSeq: checked + 1,
      reason: `the chain ends at row ${checked} but the head records row ${head.seq}: rows at the end were removed`,
    };
  }
  return { ok: true, checked, headSeq: checked };
}
