// Working days for review deadlines (DESIGN.md, "Review deadlines"): Monday to Friday, except
// the days the bureau's calendar overrides (official holidays, make-up working weekends).
// Days are Asia/Shanghai calendar days. China has kept UTC+8 without daylight saving since
// 1991, so a fixed offset is exact for every date this platform handles and needs no tz data.

/** 'YYYY-MM-DD' (an Asia/Shanghai day) → whether it is a working day; days not in it follow Mon–Fri. */
export type DayOverrides = ReadonlyMap<string, boolean>;

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** A year and a day without a single working day means a broken calendar, not a long holiday. */
const MAX_IDLE_DAYS = 366;

/** Days since 1970-01-01 in Shanghai: day arithmetic on integers instead of on Dates. */
function dayNumber(at: Date): number {
  if (Number.isNaN(at.getTime())) throw new RangeError('Invalid Date');
  return Math.floor((at.getTime() + OFFSET_MS) / DAY_MS);
}
const dayString = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

function parseDay(day: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  // Date.parse accepts 2026-02-30 as March 2; the round trip refuses it.
  if (Number.isNaN(ms) || dayString(ms / DAY_MS) !== day) throw new RangeError(`Not a calendar day: ${day}`);
  return ms / DAY_MS;
}

function workdayNumber(n: number, o: DayOverrides): boolean {
  const weekday = new Date(n * DAY_MS).getUTCDay();
  return o.get(dayString(n)) ?? (weekday !== 0 && weekday !== 6);
}

/** The calendar day `at` falls on in Asia/Shanghai, 'YYYY-MM-DD'. */
export function shanghaiDay(at: Date): string {
  return dayString(dayNumber(at));
}

export function isWorkday(day: string, o: DayOverrides): boolean {
  return workdayNumber(parseDay(day), o);
}

/**
 * The deadline n working days after `from`: the day `from` falls on does not count (a request
 * filed at 17:00 gets the whole next working day), and the deadline is the last millisecond of
 * the n-th working day in Shanghai.
 */
export function addWorkingDays(from: Date, n: number, o: DayOverrides): Date {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Working days must be a whole number ≥ 1, not ${n}`);
  let day = dayNumber(from);
  let idle = 0;
  for (let counted = 0; counted < n; ) {
    day++;
    if (workdayNumber(day, o)) {
      counted++;
      idle = 0;
    } else if (++idle > MAX_IDLE_DAYS) {
      throw new Error(
        `工作日历自 ${dayString(day - idle + 1)} 起连续 ${MAX_IDLE_DAYS} 天没有工作日，请检查日历 (no working day in a year: check the calendar)`,
      );
    }
  }
  return new Date((day + 1) * DAY_MS - OFFSET_MS - 1);
}

/** Working days after `from`'s day up to and including `to`'s day: how late something is. */
export function workingDaysBetween(from: Date, to: Date, o: DayOverrides): number {
  if (to.getTime() <= from.getTime()) return 0;
  let count = 0;
  for (let day = dayNumber(from) + 1, last = dayNumber(to); day <= last; day++) if (workdayNumber(day, o)) count++;
  return count;
}
