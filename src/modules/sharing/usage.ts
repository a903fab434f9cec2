import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type AnyAction, defineRead } from '../../platform/actions/action.js';
import type { ActionRunner } from '../../platform/actions/runner.js';
import { Id } from '../../platform/auth/schema.js';
import type { Queryable } from '../../platform/db/db.js';
import { NotFound } from '../../platform/errors.js';
import { actionRoute } from '../../platform/http/route.js';
import { publishedEntry } from '../catalog/index.js';
import { seesAll } from './rules.js';
import { shanghaiDay } from './workdays.js';

// Usage statistics per resource (调用统计): calls and rows per day (Asia/Shanghai) and per
// consumer department, counted from the delivery log (share_calls), which every call that
// served data wrote before serving it. The provider department, the bureau and auditors see
// every consumer; a department that holds (or held) a grant on the resource sees its own
// calls only; for anyone else the resource's usage does not exist.

const DAY_MS = 86_400_000;

const UsageQuery = z.object({
  resourceId: Id,
  days: z.coerce.number().int().min(1).max(366).default(30).describe('the last n days, today included (Asia/Shanghai)'),
});

const Figures = { calls: z.number().int(), rows: z.number().int().describe('records served') };

const UsageStats = z
  .object({
    resourceId: Id,
    resourceCode: z.string(),
    resourceName: z.string(),
    providerDepartmentId: Id,
    providerDepartmentName: z.string(),
    scope: z.enum(['all', 'own']).describe('all: every consumer department (provider, bureau, auditors) · own: only the caller’s department (a consumer)'),
    from: z.string().describe('the first day counted, YYYY-MM-DD in Asia/Shanghai'),
    to: z.string().describe('the last day counted (today)'),
    totals: z.object({ ...Figures, consumers: z.number().int().describe('consumer departments that called in the period') }),
    byDay: z.array(z.object({ day: z.string(), ...Figures })).describe('every day of the period, oldest first, days without calls as zeros'),
    byConsumer: z
      .array(z.object({ departmentId: Id, departmentName: z.string(), ...Figures, lastAt: z.string() }))
      .describe('consumer departments that called in the period, most calls first'),
  })
  .meta({ id: 'ShareUsage' });
type UsageStats = z.infer<typeof UsageStats>;

/** The n days that end today in Asia/Shanghai, oldest first. */
function periodDays(now: Date, n: number): string[] {
  const today = shanghaiDay(now);
  const noon = Date.parse(`${today}T12:00:00+08:00`);
  return Array.from({ length: n }, (_, i) => shanghaiDay(new Date(noon - (n - 1 - i) * DAY_MS)));
}

// The calls of the resource's grants (the log's index is by grant), optionally one consumer's.
const callsOf = `FROM share_calls c WHERE c.grant_id IN (SELECT g.id FROM share_grants g WHERE g.resource_id = $1 AND ($3::uuid IS NULL OR g.consumer_department_id = $3))
  AND c.at >= $2::timestamptz`;
const localDay = `to_char(c.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;

async function count(db: Queryable, resourceId: string, since: string, consumer: string | null) {
  const params = [resourceId, since, consumer];
  const days = await db.query<{ day: string; calls: number; rows: number }>(
    `SELECT ${localDay} AS day, count(*)::int8 AS calls, coalesce(sum(c.rows), 0)::int8 AS rows ${callsOf} GROUP BY 1`,
    params,
  );
  const consumers = await db.query<{ departmentId: string; departmentName: string; calls: number; rows: number; lastAt: Date | string }>(
    `SELECT s.department_id AS "departmentId", d.name AS "departmentName", s.calls, s.rows, s.last_at AS "lastAt"
       FROM (SELECT c.consumer_department_id AS department_id, count(*)::int8 AS calls, coalesce(sum(c.rows), 0)::int8 AS rows, max(c.at) AS last_at
               ${callsOf} GROUP BY c.consumer_department_id) s
       JOIN departments d ON d.id = s.department_id
      ORDER BY s.calls DESC, s.rows DESC, d.name`,
    params,
  );
  return { days, consumers };
}

/** Whether the department holds, or once held, a grant on the resource. */
async function heldBy(db: Queryable, departmentId: string, resourceId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM share_grants WHERE consumer_department_id = $1 AND resource_id = $2 LIMIT 1', [departmentId, resourceId]);
  return rows.length > 0;
}

const showUsage = defineRead({
  name: 'sharing.usage.show',
  summary: '调用统计 A resource’s calls and records served per day and per consumer department, over the last n days',
  input: UsageQuery,
  auth: (p) => p.kind === 'user' || p.kind === 'system',
  async run({ db, principal }, { resourceId, days }): Promise<UsageStats> {
    const entry = await publishedEntry(db, resourceId);
    if (!entry) throw new NotFound('资源的调用统计');
    const dept = principal.departmentId;
    const all = seesAll(principal) || (!!dept && dept === entry.providerDepartmentId);
    if (!all && !(dept && (await heldBy(db, dept, entry.id)))) throw new NotFound('资源的调用统计');

    const period = periodDays(new Date(), days);
    const { days: perDay, consumers } = await count(db, entry.id, `${period[0]}T00:00:00+08:00`, all ? null : dept);
    const byDate = new Map(perDay.map((d) => [d.day, d]));
    const byDay = period.map((day) => ({ day, calls: Number(byDate.get(day)?.calls ?? 0), rows: Number(byDate.get(day)?.rows ?? 0) }));
    const byConsumer = consumers.map((c) => ({
      departmentId: c.departmentId,
      departmentName: c.departmentName,
      calls: Number(c.calls),
      rows: Number(c.rows),
      lastAt: new Date(c.lastAt).toISOString(),
    }));
    return {
      resourceId: entry.id,
      resourceCode: entry.code,
      resourceName: entry.name,
      providerDepartmentId: entry.providerDepartmentId,
      providerDepartmentName: entry.providerName,
      scope: all ? 'all' : 'own',
      from: period[0],
      to: period[period.length - 1],
      totals: {
        calls: byConsumer.reduce((n, c) => n + c.calls, 0),
        rows: byConsumer.reduce((n, c) => n + c.rows, 0),
        consumers: byConsumer.length,
      },
      byDay,
      byConsumer,
    };
  },
});

export const usageActions: AnyAction[] = [showUsage];

export function usageRoutes(app: FastifyInstance, runner: ActionRunner): void {
  actionRoute(app, runner, {
    method: 'GET',
    url: '/api/v1/sharing/usage',
    action: showUsage,
    tags: ['共享交换 Sharing'],
    querystring: UsageQuery,
    response: UsageStats,
  });
}
