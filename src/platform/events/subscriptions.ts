import type { ActionEvent, ActionRunner } from '../actions/runner.js';
import { Backoff, type Log } from '../backoff.js';
import type { Db } from '../db/db.js';

type Handler = (e: ActionEvent) => Promise<void>;

/** The channel each write action's commit notifies (runner.ts). */
export const EVENTS_CHANNEL = 'jutong_events';

/**
 * Durable consumers of action.succeeded. Each consumer keeps a cursor (an audit seq) in
 * event_cursors and handles outbox rows after it in order, at least once: a handler must
 * be idempotent. Woken in-process after each commit, by the NOTIFY another server instance's
 * commit sends (LISTEN, on PostgreSQL), and by a poll should a notification be lost.
 */
export class Subscriptions {
  private readonly consumers = new Map<string, { match: (action: string) => boolean; handle: Handler }>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private backoff: Backoff;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: Db,
    runner: ActionRunner,
    private readonly log: Log,
  ) {
    this.backoff = new Backoff('events', log, 2000);
    runner.onSucceeded(() => void this.drain());
  }

  on(consumer: string, actions: string[], handle: Handler): void {
    this.consumers.set(consumer, { match: (a) => actions.includes(a), handle });
  }

  start(pollMs = 2000): void {
    this.backoff = new Backoff('events', this.log, pollMs);
    this.unlisten = this.db.listen(EVENTS_CHANNEL, () => void (this.backoff.waiting || this.drain()));
    this.timer = setInterval(() => void (this.backoff.waiting || this.drain()), pollMs);
    this.timer.unref();
    void this.drain();
  }

  /** Stops waking up and waits for the drain in progress, so the database can close. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.unlisten?.();
    await this.running;
  }

  /**
   * Resolves when every consumer has caught up with the outbox, or has stopped at a failure (the database away,
   * a handler's error): the failed event is handled again on a later pass. Never rejects.
   */
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
    })()
      .then(
        () => this.backoff.succeeded(),
        (e) => this.backoff.failed(e),
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private readonly known = new Set<string>();

  private async catchUp(name: string, c: { match: (a: string) => boolean; handle: Handler }) {
    if (!this.known.has(name)) {
      await this.db.query('INSERT INTO event_cursors (consumer) VALUES ($1) ON CONFLICT DO NOTHING', [name]);
      this.known.add(name);
    }
    const advance = (seq: number) => this.db.query('UPDATE event_cursors SET seq = greatest(seq, $2) WHERE consumer = $1', [name, seq]);
    for (;;) {
      const rows = await this.db.query<{ seq: number; payload: ActionEvent }>(
        `SELECT o.seq::int8 AS seq, o.payload FROM outbox o, event_cursors c WHERE c.consumer = $1 AND o.seq > c.seq ORDER BY o.seq LIMIT 200`,
        [name],
      );
      if (!rows.length) return;
      // The cursor moves past each handled event at once (a crash then repeats at most that one), and past
      // the events this consumer ignores once per page, not once per row.
      let skipped: number | null = null;
      for (const r of rows) {
        if (!c.match(r.payload.action)) {
          skipped = r.seq;
          continue;
        }
        await c.handle(r.payload);
        await advance(r.seq);
        skipped = null;
      }
      if (skipped !== null) await advance(skipped);
    }
  }
}
