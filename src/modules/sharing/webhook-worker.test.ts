import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../platform/db/pglite.js';
import { WebhookWorker } from './webhooks.js';

// The sender's poll runs with the database gone (closed here; away for a restart in production):
// each failed pass says so in the log, waits longer before the next, and never rejects.
describe('the webhook sender without its database', () => {
  it('logs the failure with its loop name, backs off, and raises nothing unhandled', async () => {
    const db = await openPglite({ memory: true });
    await db.close();
    const lines: { level: string; obj: Record<string, unknown> }[] = [];
    const log = {
      error: (obj: Record<string, unknown>) => void lines.push({ level: 'error', obj }),
      warn: (obj: Record<string, unknown>) => void lines.push({ level: 'warn', obj }),
      info: (obj: Record<string, unknown>) => void lines.push({ level: 'info', obj }),
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    const worker = new WebhookWorker(db, { fetch: { allowHosts: [], allowPrivate: false } }, log);
    worker.start(20);
    await sleep(200);
    await worker.stop();
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
    expect(lines[0]).toMatchObject({ level: 'error', obj: { loop: 'sharing.webhooks', failures: 1 } });
    // Backing off: after the first failure the polls let their turns pass (30 s), so one line, not ten.
    expect(lines).toHaveLength(1);
  });
});
