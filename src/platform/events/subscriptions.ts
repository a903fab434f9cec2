import type { ActionEvent, ActionRunner } from '../actions/runner.js';
import type { Db } from '../db/db.js';

type Handler = (e: ActionEvent) => Promise<void>;

/**
 * Durable consumers of action.succeeded. Each consumer keeps a cursor (an audit seq) in
 * event_cursors and handles outbox rows after it in order, at least once: a handler must
 * be idempotent. Woken in-process after each commit, and by a poll for events that other
 * server instances wrote.
 */
export class Subscriptions {
  private readonly consumers = new Map<string, { match: (action: string) => boolean; handle: Handler }>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    runner: ActionRunner,
  ) {
    runner.onSucceeded(() => void this.drain());
  }

  on(consumer: string, actions: string[], handle: Handler): void {
    this.consumers.set(consumer, { match: (a) => actions.includes(a), handle });
  }

  start(pollMs = 2000): void {
    this.timer = setInterval(() => void this.drain(), pollMs);
    this.timer.unref();
    void this.drain();
  }

  /** Stops waking up and waits for the drain in progress, so the database can close. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Resolves when every consumer has caught up with the outbox. */
  drain(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        for (const [name, c] of this.consumers) await this.catchUp(name, c);
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async catchUp(name: string, c: { match: (a: string) => boolean; handle: Handler }) {
    await this.db.query('INSERT INTO event_cursors (consumer) VALUES ($1) ON CONFLICT DO NOTHING', [name]);
    for (;;) {
      const rows = await this.db.query<{ seq: number; payload: ActionEvent }>(
        `SELECT o.seq::int8 AS seq, o.payload FROM outbox o, event_cursors c WHERE c.consumer = $1 AND o.seq > c.seq ORDER BY o.seq LIMIT 200`,
        [name],
      );
      if (!rows.length) return;
      for (const r of rows) {
        if (c.match(r.payload.action)) await c.handle(r.payload);
        await this.db.query('UPDATE event_cursors SET seq = $2 WHERE consumer = $1', [name, r.seq]);
      }
    }
  }
}
