import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines } from '../../../test/platform.js';
import type { ActionEvent, ActionRunner } from '../actions/runner.js';
import type { Db } from '../db/db.js';
import { openPostgres } from '../db/postgres.js';
import { EVENTS_CHANNEL, Subscriptions } from './subscriptions.js';

// Two server instances on one PostgreSQL: an event one of them commits wakes the other's
// subscribers through LISTEN/NOTIFY, not at its next poll (set to an hour here, so a test that
// passes cannot have been woken by it).
describe.runIf(engines().includes('postgres'))('events across server instances on PostgreSQL', () => {
  let url: string;
  let drop: () => Promise<void>;
  let writer: Db;
  let reader: Db;
  let events: Subscriptions;
  const seen: ActionEvent[] = [];
  const waiters: { action: string; resolve: () => void }[] = [];

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
    writer = await openPostgres(url, 2);
    reader = await openPostgres(url, 2);
    // The reader's own runner never commits here: only the writer's NOTIFY can wake it.
    events = new Subscriptions(reader, { onSucceeded() {} } as unknown as ActionRunner, { warn() {}, error() {}, info() {} } as never);
    events.on('listen-test', ['test.notified'], async (e) => {
      seen.push(e);
      for (const w of waiters.filter((x) => x.action === e.targetId)) w.resolve();
    });
    events.start(3_600_000);
    await events.drain();
  });
  afterAll(async () => {
    await events?.stop();
    await reader?.close();
    await writer?.close();
    await drop?.();
  });

  /** An event committed by the writer as the action runner commits one, and the moment the reader has handled it. */
  const commit = async (name: string) => {
    const handled = new Promise<void>((resolve) => waiters.push({ action: name, resolve }));
    await writer.transaction(async (tx) => {
      const [{ seq }] = await tx.query<{ seq: number }>('SELECT coalesce(max(seq), 0)::int8 + 1000 AS seq FROM outbox');
      const event = { seq, action: 'test.notified', at: new Date().toISOString(), actor: null, targetType: 'test', targetId: name };
      await tx.query('INSERT INTO outbox (seq, action, at, payload) VALUES ($1, $2, $3, $4::jsonb)', [seq, event.action, event.at, JSON.stringify(event)]);
      await tx.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, String(seq)]);
    });
    await handled;
  };

  it('a commit in one instance wakes the other at once', async () => {
    await commit('first');
    expect(seen.map((e) => e.targetId)).toEqual(['first']);
  });

  it('listens again after its connection was cut (a restart), and handles what was sent meanwhile', async () => {
    const cut = await writer.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = $1`,
      [`LISTEN ${EVENTS_CHANNEL}`],
    );
    expect(cut[0].n).toBe(1);
    await commit('second');
    expect(seen.map((e) => e.targetId)).toEqual(['first', 'second']);
  });
});
