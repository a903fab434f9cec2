import type { FilterOp, Grant, RowFilter, ShareRequest, Usage } from './types';

// What the sharing pages work out before showing something, kept pure so it can be tested:
// deadlines and how far off they are, a grant's state with "expiring soon", a row filter in
// words, and the usage chart's figures.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A grant within this many days of its end is shown as 即将到期. */
export const EXPIRING_DAYS = 30;

export type Countdown = { overdue: boolean; unit: 'day' | 'hour'; n: number };

/**
 * How far a deadline is: whole days left (or hours, within a day), or how long it is past.
 * `overdue` is the server's word when given (its clock counts), the browser's otherwise.
 */
export function countdown(due: string, now: Date, serverOverdue?: boolean): Countdown {
  const ms = Date.parse(due) - now.getTime();
  const overdue = serverOverdue ?? ms < 0;
  const left = Math.abs(ms);
  if (left < DAY_MS) return { overdue, unit: 'hour', n: Math.max(1, Math.ceil(left / HOUR_MS)) };
  return { overdue, unit: 'day', n: overdue ? Math.ceil(left / DAY_MS) : Math.floor(left / DAY_MS) };
}

/** The step a request waits on and its deadline: the bureau's check, the provider's review, or none (decided). */
export function pendingStep(r: Pick<ShareRequest, 'status' | 'checkDue' | 'reviewDue'>): { step: 'check' | 'review'; due: string } | null {
  if (r.status === 'submitted') return { step: 'check', due: r.checkDue };
  if (r.status === 'checked' && r.reviewDue) return { step: 'review', due: r.reviewDue };
  return null;
}

export type GrantView = 'active' | 'expiring' | 'expired' | 'revoked';

/** The server's state, with an active grant near its end shown as expiring. */
export function grantView(g: Pick<Grant, 'state' | 'expiresAt'>, now: Date): GrantView {
  if (g.state !== 'active') return g.state;
  return Date.parse(g.expiresAt) - now.getTime() <= EXPIRING_DAYS * DAY_MS ? 'expiring' : 'active';
}

/** Whole days until the grant ends (0 on its last day), for "还剩 n 天". */
export const daysLeft = (expiresAt: string, now: Date) => Math.max(0, Math.floor((Date.parse(expiresAt) - now.getTime()) / DAY_MS));

type T = (key: string, vars?: Record<string, string | number>) => string;

/** A row filter in words: 户籍区县 = 张店区 且 (年龄 ≥ 18 或 …). */
export function describeFilter(f: RowFilter, t: T, nested = false): string {
  if ('and' in f || 'or' in f) {
    const [parts, word] = 'and' in f ? [f.and, t('sharing.filter.and')] : [f.or, t('sharing.filter.or')];
    const text = parts.map((p) => describeFilter(p, t, true)).join(` ${word} `);
    return nested && parts.length > 1 ? `(${text})` : text;
  }
  const value = Array.isArray(f.value) ? f.value.join(t('sharing.listSep')) : String(f.value ?? '');
  return t(`sharing.filter.says.${f.op satisfies FilterOp}`, { field: f.field, value });
}

export type UsageSeries = { days: string[]; calls: number[]; rows: number[] };

/** The chart's axes: days as MM-DD, calls and rows per day. */
export function usageSeries(u: Pick<Usage, 'byDay'>): UsageSeries {
  return { days: u.byDay.map((d) => d.day.slice(5)), calls: u.byDay.map((d) => d.calls), rows: u.byDay.map((d) => d.rows) };
}

/** What the chart says to a screen reader (and to a test): totals, then each day with calls. */
export function usageAria(u: Pick<Usage, 'byDay' | 'totals' | 'from' | 'to'>, t: T): string {
  const busy = u.byDay.filter((d) => d.calls > 0).map((d) => t('sharing.usage.ariaDay', { day: d.day, calls: d.calls, rows: d.rows }));
  return [t('sharing.usage.aria', { from: u.from, to: u.to, calls: u.totals.calls, rows: u.totals.rows }), ...busy].join(t('sharing.ariaSep'));
}
