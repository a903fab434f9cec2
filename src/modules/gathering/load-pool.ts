import { Worker } from 'node:worker_threads';

// The ingest's parse workers (load-worker.ts), kept warm between runs. Starting one cost
// ~100 ms of module loading and ~25 ms of the division-code table per run — as much as the
// checking of a 5,000-row batch, and an agent sends many. A worker whose run ended cleanly
// goes back to the pool (at most `keep` wait there, unreferenced, so they never hold the
// process open); one whose run failed, was cancelled or ran out of memory is ended, and the
// next run starts a new one.

/** The parse worker's heap is bounded: a 10 GB file must not grow the server. */
// A small young generation: the worker's garbage (and the transferred buffers it frees) goes
// sooner; 16 MB had cost ~22 MB more peak RSS for ~2 % more speed.
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 4 };

/**
 * Drops a run's (or the pool's) listeners. By name: removeAllListeners() would also drop the
 * worker's own hooks that start its message port when a 'message' listener is added.
 */
function forget(w: Worker) {
  for (const e of ['message', 'error', 'exit']) w.removeAllListeners(e);
}

export class LoadWorkers {
  private readonly idle = new Set<Worker>();
  private closed = false;
  private jobs = 0;

  /** `keep`: idle workers kept; 0 ends each after its run (a one-off ingest: the demo's seed, a test). */
  constructor(private readonly keep = 2) {}

  /** A worker for one run, and the number that run's messages carry. */
  take(): { worker: Worker; job: number } {
    const job = ++this.jobs;
    const [warm] = this.idle;
    if (warm) {
      this.idle.delete(warm);
      forget(warm);
      warm.ref();
      return { worker: warm, job };
    }
    return { worker: new Worker(new URL('./load-worker.mjs', import.meta.url), { resourceLimits: WORKER_LIMITS }), job };
  }

  /** After a run: `clean` when the worker answered `done` (it is waiting for its next job), else it is ended. */
  give(worker: Worker, clean: boolean): void {
    forget(worker);
    if (!clean || this.closed || this.idle.size >= this.keep) {
      void worker.terminate();
      return;
    }
    worker.on('error', () => {}); // an idle worker that fails just leaves (below)
    worker.once('exit', () => this.idle.delete(worker));
    worker.unref();
    this.idle.add(worker);
  }

  /** Ends the idle workers; runs still going end theirs as they finish. */
  async close(): Promise<void> {
    this.closed = true;
    const idle = [...this.idle];
    this.idle.clear();
    await Promise.all(idle.map((w) => w.terminate()));
  }
}
