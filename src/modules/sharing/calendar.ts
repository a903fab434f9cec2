import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRead, defineWrite } from '../../platform/actions/action.js';
import type { ActionRunner } from '../../platform/actions/runner.js';
import { isAuthenticated, isBureauAdmin } from '../../platform/auth/principal.js';
import type { Queryable } from '../../platform/db/db.js';
import { actionRoute } from '../../platform/http/route.js';
import { addWorkingDays, type DayOverrides, isWorkday, shanghaiDay } from './workdays.js';

// The bureau's working-day calendar (工作日历): review deadlines count its working days. The
// bureau keeps only the exceptions to Monday–Friday, once a year from the State Council's notice.

const DAY_MS = 86_400_000;
const MONDAY_TO_FRIDAY: DayOverrides = new Map();

const Day = z.iso.date().meta({ description: 'YYYY-MM-DD, a calendar day in Asia/Shanghai' });
const Workday = z.boolean().meta({ description: 'false: a holiday on a weekday · true: a make-up working Saturday or Sunday (调休上班)' });

const CalendarDay = z.object({ day: Day, workday: Workday, note: z.string() }).meta({ id: 'WorkCalendarDay' });
type CalendarDay = z.infer<typeof CalendarDay>;

export const WorkCalendar = z.object({ year: z.number().int(), days: z.array(CalendarDay) }).meta({ id: 'WorkCalendar' });

const CalendarQuery = z.object({ year: z.coerce.number().int().min(2000).max(2099) });

const CalendarChange = z.object({
  days: z
    .array(z.object({ day: Day, workday: Workday, note: z.string().trim().max(100).default('').meta({ description: '如 春节、国庆节调休上班' }) }))
    .min(1)
    .max(400)
    .superRefine((days, ctx) => {
      const seen = new Set<string>();
      for (const [i, d] of days.entries()) {
        if (seen.has(d.day)) ctx.addIssue({ code: 'custom', path: [i, 'day'], message: `${d.day} 出现了两次` });
        seen.add(d.day);
      }
    }),
});

const CalendarSaved = z.object({
  days: z.number().int(),
  from: Day,
  to: Day,
  stored: z.number().int().meta({ description: 'days saved as exceptions' }),
  reset: z.number().int().meta({ description: 'days that agree with Monday–Friday: their exception, if any, was removed' }),
});
type CalendarSaved = z.infer<typeof CalendarSaved>;

// --- Store -----------------------------------------------------------------------------------

// to_char, not ::text: a server's DateStyle must not change what a day looks like.
const between = (db: Queryable, fromDay: string, toDay: string) =>
  db.query<CalendarDay>(`SELECT to_char(day, 'YYYY-MM-DD') AS day, workday, note FROM work_calendar WHERE day BETWEEN $1::date AND $2::date ORDER BY day`, [
    fromDay,
    toDay,
  ]);

async function upsert(db: Queryable, days: CalendarDay[], by: string | null): Promise<void> {
  if (!days.length) return;
  await db.query(
    `INSERT INTO work_calendar (day, workday, note, updated_by)
     SELECT d.day, d.workday, d.note, $4::uuid FROM unnest($1::date[], $2::boolean[], $3::text[]) AS d(day, workday, note)
     ON CONFLICT (day) DO UPDATE SET workday = excluded.workday, note = excluded.note, updated_by = excluded.updated_by, updated_at = now()`,
    [days.map((d) => d.day), days.map((d) => d.workday), days.map((d) => d.note), by],
  );
}

async function remove(db: Queryable, days: string[]): Promise<void> {
  if (days.length) await db.query('DELETE FROM work_calendar WHERE day = ANY($1::date[])', [days]);
}

export async function loadOverrides(db: Queryable, fromDay: string, toDay: string): Promise<DayOverrides> {
  return new Map((await between(db, fromDay, toDay)).map((d) => [d.day, d.workday]));
}

/** The end of the n-th working day after `from` (Asia/Shanghai), by the bureau's calendar. */
export async function deadline(db: Queryable, from: Date, n: number): Promise<Date> {
  // Exceptions after the deadline cannot move it, so a window that reaches the deadline is
  // enough; one that falls short (a long n, holidays piled up) is doubled and tried again.
  for (let span = 60; ; span *= 2) {
    const last = shanghaiDay(new Date(from.getTime() + span * DAY_MS));
    const due = addWorkingDays(from, n, await loadOverrides(db, shanghaiDay(from), last));
    if (shanghaiDay(due) <= last) return due;
  }
}

// --- Actions ---------------------------------------------------------------------------------

export const listCalendar = defineRead({
  name: 'sharing.calendar.list',
  summary: '工作日历 A year’s exceptions to Monday–Friday: holidays on weekdays and make-up working weekends',
  input: CalendarQuery,
  auth: isAuthenticated,
  run: async ({ db }, { year }) => ({ year, days: await between(db, `${year}-01-01`, `${year}-12-31`) }),
});

export const setCalendar = defineWrite({
  name: 'sharing.calendar.set',
  summary: '维护工作日历 Set days of the working-day calendar (the bureau); a day set as Monday–Friday would have it loses its exception',
  input: CalendarChange,
  auth: isBureauAdmin,
  async run({ db, principal }, { days }): Promise<CalendarSaved> {
    // Keeping only true exceptions means a wrong entry is corrected by setting the day back,
    // and the table's check (no row that agrees with Monday–Friday) holds.
    const stored = days.filter((d) => d.workday !== isWorkday(d.day, MONDAY_TO_FRIDAY));
    const reset = days.filter((d) => !stored.includes(d)).map((d) => d.day);
    await upsert(db, stored, principal.userId);
    await remove(db, reset);
    const sorted = days.map((d) => d.day).sort();
    return { days: days.length, from: sorted[0], to: sorted[sorted.length - 1], stored: stored.length, reset: reset.length };
  },
  audit: (out) => ({ targetType: 'work_calendar', targetId: null, details: { days: out.days, from: out.from, to: out.to } }),
});

export const calendarActions = [listCalendar, setCalendar];

export function calendarRoutes(app: FastifyInstance, runner: ActionRunner) {
  const tags = ['共享交换 Sharing'];
  const url = '/api/v1/sharing/calendar';
  actionRoute(app, runner, { method: 'GET', url, action: listCalendar, tags, querystring: CalendarQuery, response: WorkCalendar });
  actionRoute(app, runner, { method: 'PUT', url, action: setCalendar, tags, body: CalendarChange, response: CalendarSaved });
}

// --- Demo ------------------------------------------------------------------------------------

const off = (note: string, ...days: string[]): CalendarDay[] => days.map((day) => ({ day, workday: false, note }));
const on = (note: string, ...days: string[]): CalendarDay[] => days.map((day) => ({ day, workday: true, note: `${note}调休上班` }));

/**
 * 2026 per 国务院办公厅关于2026年部分节假日安排的通知 (State Council General Office, 4 Nov 2025).
 * Only exceptions: holiday days that fall on a weekend (元旦 1-03, 清明 4-04/05, …) are weekend anyway.
 */
export const DEMO_CALENDAR_2026: readonly CalendarDay[] = [
  ...off('元旦', '2026-01-01', '2026-01-02'),
  ...on('元旦', '2026-01-04'),
  ...on('春节', '2026-02-14'),
  ...off('春节', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23'),
  ...on('春节', '2026-02-28'),
  ...off('清明节', '2026-04-06'),
  ...off('劳动节', '2026-05-01', '2026-05-04', '2026-05-05'),
  ...on('劳动节', '2026-05-09'),
  ...off('端午节', '2026-06-19'),
  ...on('国庆节', '2026-09-20'),
  ...off('中秋节', '2026-09-25'),
  ...off('国庆节', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'),
  ...on('国庆节', '2026-10-10'),
];
