// The agent's progress: one line per batch or page on stderr, with the time, the job and the
// running totals, so that a department's operator (or its log collector) can follow it.

export type Log = (job: string, message: string) => void;

const fmt = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export const stderrLog: Log = (job, message) => {
  process.stderr.write(`${fmt.format(new Date())} [${job}] ${message}\n`);
};

export const n = (x: number) => x.toLocaleString('en-US');

/** Rows per second over a job's run so far. */
export class Rate {
  private readonly t0 = Date.now();
  rows = 0;
  add(k: number) {
    this.rows += k;
  }
  /** ` · 4,100 行/秒`, once there is something to measure. */
  suffix() {
    const s = (Date.now() - this.t0) / 1000;
    return s > 0.5 && this.rows ? ` · ${n(Math.round(this.rows / s))} 行/秒` : '';
  }
}
