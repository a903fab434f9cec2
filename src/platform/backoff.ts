import type { FastifyBaseLogger } from 'fastify';

export type Log = Pick<FastifyBaseLogger, 'error' | 'warn' | 'info'>;

const MAX_WAIT_MS = 60_000;

/**
 * Pacing for a background loop whose pass failed, mostly because the database is away for a moment: the loop's
 * poll skips until the wait is over, and the wait doubles from the poll interval up to a minute. A failed pass is
 * never an unhandled rejection (which would end the process); the log gets a line when the loop starts failing,
 * one per retry after that, and one when it recovers.
 */
export class Backoff {
  private failures = 0;
  private until = 0;

  constructor(
    private readonly loop: string,
    private readonly log: Log,
    private readonly baseMs: number,
  ) {}

  /** Whether the poll should let this turn pass. */
  get waiting(): boolean {
    return Date.now() < this.until;
  }

  failed(err: unknown): void {
    this.failures++;
    const waitMs = Math.min(MAX_WAIT_MS, this.baseMs * 2 ** this.failures);
    this.until = Date.now() + waitMs;
    (this.failures === 1 ? this.log.error : this.log.warn).call(
      this.log,
      { err, loop: this.loop, failures: this.failures, waitMs },
      'background loop failed; it will retry',
    );
  }

  succeeded(): void {
    if (this.failures) this.log.info({ loop: this.loop, failures: this.failures }, 'background loop recovered');
    this.failures = 0;
    this.until = 0;
  }
}
