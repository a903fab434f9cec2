import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../../test/platform.js';
import type { Db } from '../../platform/db/db.js';
import { type CallEntry, CallLog, listCalls, sealCalls, verifySeals } from './call-log.js';

// The call log's seals: each covers the calls after the previous seal's last up to its own,
// so a row added into a sealed range is found as surely as a changed or removed one, and a
// call that commits late is never left out of the range it belongs to.

describe.each(engines())('the call log’s seals on %s', (engine) => {
  let db: Db;
  let entry: CallEntry;
  let log: CallLog;

  beforeAll(async () => {
    db = await openTestDb(engine);
    const [g] = await db.query<{ id: string; resource: string; consumer: string }>(
      `INSERT INTO share_grants (resource_id, provider_department_id, consumer_department_id, origin, purpose, items, delivery,
                                 calls_per_day, calls_per_minute, expires_at)
       SELECT r.id, r.provider_department_id, (SELECT id FROM departments WHERE id <> r.provider_department_id ORDER BY code LIMIT 1),
              'unconditional', '封存测试', '[]', '["api"]', 100, 100, now() + interval '1 day'
         FROM catalog_resources r ORDER BY r.code LIMIT 1
       RETURNING id, resource_id AS resource, consumer_department_id AS consumer`,
    );
    entry = {
      grantId: g.id,
      resourceId: g.resource,
      consumerDepartmentId: g.consumer,
      actorId: null,
      actor: 'tester',
      channel: 'lookup',
      purpose: '封存测试',
      query: { key: '公民身份号码' },
      rows: 1,
      ip: '127.0.0.1',
    };
    log = new CallLog(db);
    // The template may hold the demo's calls: start from a sealed log.
    while ((await sealCalls(db, 'sha256')) > 0);
  });
  afterAll(() => db?.close());

  const unsealed = async () =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM share_calls WHERE seq > (SELECT coalesce(max(last_seq), 0) FROM share_call_seals)'))[0].n;

  it('seals consecutive ranges, and a call lists the seal that holds it', async () => {
    const before = await verifySeals(db);
    expect(before.ok).toBe(true);
    await Promise.all([log.record(entry), log.record(entry), log.record(entry)]);
    expect(await sealCalls(db, 'sha256')).toBe(3);
    await log.record(entry);
    expect(await sealCalls(db, 'sm3')).toBe(1);
    expect(await sealCalls(db, 'sm3')).toBe(0);
    const after = await verifySeals(db);
    expect(after).toEqual({
      ok: true,
      seals: (before as { seals: number }).seals + 2,
      calls: (before as { calls: number }).calls + 4,
      checkpoints: 0,
      archivedTo: 0,
    });
    const { items } = await listCalls(db, { grantId: entry.grantId, page: 1, pageSize: 10 });
    expect(items.map((c) => (c as { batch?: number }).batch)).toEqual([after.seals, after.seals - 1, after.seals - 1, after.seals - 1]);
  });

  it('allows no change at all, and finds a row added into a sealed range', async () => {
    await expect(db.query('UPDATE share_calls SET rows = 2')).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM share_calls')).rejects.toThrow(/append-only/);
    // A number drawn and never used (a batch that rolled back) ends up inside the next seal's range…
    const [{ skipped }] = await db.query<{ skipped: number }>(`SELECT nextval(pg_get_serial_sequence('share_calls', 'seq'))::int8 AS skipped`);
    await log.record(entry);
    expect(await sealCalls(db, 'sha256')).toBe(1);
    expect((await verifySeals(db)).ok).toBe(true);
    const [{ batch }] = await db.query<{ batch: number }>('SELECT max(batch)::int8 AS batch FROM share_call_seals');
    // …where a call forged afterwards with that number is found.
    await db.query(
      `INSERT INTO share_calls (seq, grant_id, resource_id, consumer_department_id, actor, channel, purpose, query, rows)
       VALUES ($1, $2, $3, $4, 'forger', 'api', '伪造', '{}', 1)`,
      [skipped, entry.grantId, entry.resourceId, entry.consumerDepartmentId],
    );
    expect(await verifySeals(db)).toMatchObject({ ok: false, badBatch: batch, reason: expect.stringMatching(/应有 1 条/) });
    // Later tests start from a sound log again.
    await db.query('ALTER TABLE share_calls DISABLE TRIGGER share_calls_no_change');
    await db.query('DELETE FROM share_calls WHERE seq = $1', [skipped]);
    await db.query('ALTER TABLE share_calls ENABLE TRIGGER share_calls_no_change');
  });

  it.runIf(engine === 'postgres')('waits for a batch still committing, so a call that commits late is sealed in its place', async () => {
    expect(await unsealed()).toBe(0);
    // A "batch" that draws its number first and commits last, while a seal is made.
    const late = async (holdMs: number) => {
      let sealed: Promise<number> | null = null;
      let settled = false;
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO share_calls (grant_id, resource_id, consumer_department_id, actor, channel, purpose, query, rows)
           VALUES ($1, $2, $3, 'slow', 'api', '封存测试', '{}', 1)`,
          [entry.grantId, entry.resourceId, entry.consumerDepartmentId],
        );
        sealed = sealCalls(db, 'sha256').finally(() => {
          settled = true;
        });
        await new Promise((r) => setTimeout(r, holdMs));
        if (holdMs < 200) expect(settled).toBe(false);
      });
      return sealed as unknown as Promise<number>;
    };
    expect(await late(100)).toBe(1);
    // Held longer than the sealer waits (a vacuum would): it seals nothing this time, the call goes in the next seal.
    expect(await late(600)).toBe(0);
    await log.record(entry);
    expect(await sealCalls(db, 'sha256')).toBe(2);
    expect((await verifySeals(db)).ok).toBe(true);
  });
});
