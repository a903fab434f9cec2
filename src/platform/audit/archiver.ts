import { Backoff, type Log } from '../backoff.js';
import { type ArchivableLog, type ArchiveDeps, archiveLog } from './archive.js';

/**
 * The server archives by itself, hourly: on the embedded database no other process may open the data
 * directory while it runs, so `jutong audit archive` could not. On PostgreSQL the archive functions run as
 * the tables' owner, so the runtime role can do it too. A failed pass waits (backoff) and tries again.
 */
export function startArchiver(deps: ArchiveDeps, logs: ArchivableLog[], log: Log, everyMs = 3_600_000): { pass(): Promise<void>; stop(): Promise<void> } {
  const backoff = new Backoff('archive', log, everyMs);
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const pass = async () => {
    for (const l of logs) {
      if (stopped) return;
      const a = await archiveLog(deps, l);
      if (a) log.info({ log: a.log, from: a.from.seq, to: a.to.seq, count: a.count, file: a.file }, 'archived the oldest rows of a log');
    }
  };
  // Never rejects: a failure is logged and paced.
  const tick = () => {
    if (backoff.waiting || stopped) return running;
    running = running.then(pass).then(
      () => backoff.succeeded(),
      (e) => backoff.failed(e),
    );
    return running;
  };
  // A minute after start, not during it: the first pass of a large log takes a while.
  const first = setTimeout(tick, Math.min(everyMs, 60_000));
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  return {
    /** A pass now (after the one running), as the timer makes them. */
    pass: tick,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
