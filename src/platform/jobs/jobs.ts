import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { users } from '../auth/store.js';
import { Backoff, type Log } from '../backoff.js';
import type { Db, Queryable } from '../db/db.js';
import { iso } from '../db/values.js';
import { DomainError } from '../errors.js';

export const Job = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    phase: z.string().nullable(),
    done: z.number().int(),
    total: z.number().int(),
    result: z.unknown().nullable(),
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        details: z.unknown().optional(),
      })
      .nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Job' });
export type Job = z.infer<typeof Job>;

type JobRow = Job & {
  payload: unknown;
  createdBy: string | null;
  departmentId: string | null;
};
export type Report = (phase: string, done: number, total: number) => Promise<void>;
export type JobHandler = (payload: unknown, principal: Principal, report: Report) => Promise<unknown>;

const cols = `id, kind, status, phase, done, total, result, error, payload, created_by AS "createdBy", department_id AS "departmentId",
              created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"`;
const toJob = (r: JobRow): JobRow => ({
  ...r,
  createdAt: iso(r.createdAt) as string,
  startedAt: iso(r.startedAt),
  finishedAt: iso(r.finishedAt),
});

/**
 * Durable jobs in PostgreSQL: any server instance may claim a queued job (FOR UPDATE
 * SKIP LOCKED), progress is a row every instance can read, and a job survives a restart
 * as queued work. Imports run here so the request that starts them returns at once.
 */
export class Jobs {
  private readonly handlers = new Map<string, JobHandler>();
  private busy: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private backoff: Backoff;

  constructor(
    private readonly db: Db,
    private readonly log: Log,
  ) {
    this.backoff = new Backoff('jobs', log, 1000);
  }

  handle(kind: string, h: JobHandler): void {
    this.handlers.set(kind, h);
  }

  async enqueue(db: Queryable, kind: string, payload: unknown, p: Principal): Promise<string> {
    const id = randomUUID();
    await db.query('INSERT INTO jobs (id, kind, payload, created_by, department_id) VALUES ($1, $2, $3::jsonb, $4, $5)', [
      id,
      kind,
      JSON.stringify(payload),
      p.userId,
      p.departmentId,
    ]);
    return id;
  }

  async get(id: string): Promise<JobRow | null> {
    const [r] = await this.db.query<JobRow>(`SELECT ${cols} FROM jobs WHERE id = $1`, [id]);
    return r ? toJob(r) : null;
  }

  start(pollMs = 1000): void {
    // Jobs left running by a process that died go back to the queue.
    this.db
      .query(`UPDATE jobs SET status = 'queued' WHERE status = 'running' AND started_at < now() - interval '1 hour'`)
      .catch((err) => this.log.error({ err }, 'could not requeue the jobs of a process that died'));
    this.backoff = new Backoff('jobs', this.log, pollMs);
    this.timer = setInterval(() => void (this.backoff.waiting || this.work()), pollMs);
    this.timer.unref();
  }

  /** Stops claiming jobs and waits for the one in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.busy;
  }

  /**
   * Runs queued jobs until none is left; resolves when idle. Called after every committed
   * action (a job is only visible once its transaction commits) and by the poll. A call
   * that arrives while a pass is running makes that pass look once more. Never rejects.
   */
  work(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.busy) this.again = true;
    else
      this.busy = this.loop()
        .then(
          () => this.backoff.succeeded(),
          (e) => this.backoff.failed(e),
        )
        .finally(() => {
          this.busy = null;
        });
    return this.busy;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.drainQueue();
    } while (this.again && !this.stopped);
  }

  private async drainQueue(): Promise<void> {
    while (!this.stopped) {
      const [job] = await this.db.query<JobRow>(
        `UPDATE jobs SET status = 'running', started_at = now()
            WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND kind = ANY($1::text[]) ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
            RETURNING ${cols}`,
        [[...this.handlers.keys()]],
      );
      if (!job) return;
      await this.runOne(job);
    }
  }

  private async runOne(job: JobRow): Promise<void> {
    const report: Report = async (phase, done, total) => {
      await this.db.query('UPDATE jobs SET phase = $2, done = $3, total = $4 WHERE id = $1', [job.id, phase, done, total]);
    };
    try {
      const u = job.createdBy ? await users.get(this.db, job.createdBy) : null;
      const principal: Principal = u
        ? {
            kind: 'user',
            userId: u.id,
            username: u.username,
            departmentId: u.department_id,
            roles: u.roles,
          }
        : {
            kind: 'system',
            userId: null,
            username: 'system',
            departmentId: null,
            roles: [],
          };
      const result = await (this.handlers.get(job.kind) as JobHandler)(job.payload, principal, report);
      await this.db.query(`UPDATE jobs SET status = 'succeeded', phase = 'done', result = $2::jsonb, finished_at = now() WHERE id = $1`, [
        job.id,
        JSON.stringify(result ?? null),
      ]);
    } catch (e) {
      const error = e instanceof DomainError ? { code: e.code, message: e.message, details: e.details } : { code: 'internal', message: (e as Error).message };
      await this.db.query(`UPDATE jobs SET status = 'failed', error = $2::jsonb, finished_at = now() WHERE id = $1`, [job.id, JSON.stringify(error)]);
    }
  }
}
