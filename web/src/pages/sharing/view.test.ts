import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n';
import { countdown, daysLeft, describeFilter, EXPIRING_DAYS, grantView, pendingStep, usageAria, usageSeries } from './view';

const NOW = new Date('2026-03-10T02:00:00Z'); // 10:00 in Beijing
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const H = 3_600_000;
const D = 24 * H;
const zh = (k: string, v?: Record<string, string | number>) => translate('zh', k, v);
const en = (k: string, v?: Record<string, string | number>) => translate('en', k, v);

describe('deadlines', () => {
  it('counts whole days left, hours within the last day, and how late an overdue step is', () => {
    expect(countdown(at(2 * D + 5 * H), NOW)).toEqual({ overdue: false, unit: 'day', n: 2 });
    expect(countdown(at(5 * H + 1), NOW)).toEqual({ overdue: false, unit: 'hour', n: 6 });
    expect(countdown(at(-3 * H), NOW)).toEqual({ overdue: true, unit: 'hour', n: 3 });
    expect(countdown(at(-(D + H)), NOW)).toEqual({ overdue: true, unit: 'day', n: 2 });
  });

  it('takes the server’s word on overdue', () => {
    expect(countdown(at(10_000), NOW, true).overdue).toBe(true);
    expect(countdown(at(-10_000), NOW, false).overdue).toBe(false);
  });

  it('knows which step a request waits on', () => {
    const r = { checkDue: at(D), reviewDue: at(5 * D) };
    expect(pendingStep({ ...r, status: 'submitted' })).toEqual({ step: 'check', due: r.checkDue });
    expect(pendingStep({ ...r, status: 'checked' })).toEqual({ step: 'review', due: r.reviewDue });
    for (const status of ['approved', 'rejected', 'returned', 'withdrawn'] as const) expect(pendingStep({ ...r, status })).toBeNull();
  });
});

describe('grant states', () => {
  it('shows an active grant within 30 days of its end as expiring', () => {
    expect(grantView({ state: 'active', expiresAt: at(EXPIRING_DAYS * D + H) }, NOW)).toBe('active');
    expect(grantView({ state: 'active', expiresAt: at(EXPIRING_DAYS * D) }, NOW)).toBe('expiring');
    expect(grantView({ state: 'active', expiresAt: at(H) }, NOW)).toBe('expiring');
    expect(grantView({ state: 'revoked', expiresAt: at(H) }, NOW)).toBe('revoked');
    expect(grantView({ state: 'expired', expiresAt: at(-H) }, NOW)).toBe('expired');
    expect(daysLeft(at(3 * D + H), NOW)).toBe(3);
    expect(daysLeft(at(-H), NOW)).toBe(0);
  });
});

describe('a row filter in words', () => {
  it('reads conditions, lists and nested groups in either language', () => {
    const f = {
      and: [
        { field: '户籍区县', op: 'in' as const, value: ['张店区', '淄川区'] },
        {
          or: [
            { field: '年龄', op: 'gte' as const, value: '60' },
            { field: '低保', op: 'notNull' as const },
          ],
        },
      ],
    };
    expect(describeFilter(f, zh)).toBe('户籍区县 属于 张店区、淄川区 且 (年龄 ≥ 60 或 低保 不为空)');
    expect(describeFilter(f, en)).toBe('户籍区县 is one of 张店区, 淄川区 and (年龄 ≥ 60 or 低保 is not empty)');
    expect(describeFilter({ field: '姓名', op: 'prefix', value: '张' }, zh)).toBe('姓名 以“张”开头');
  });
});

describe('the usage chart', () => {
  const usage = {
    from: '2026-03-08',
    to: '2026-03-10',
    totals: { calls: 3, rows: 7, consumers: 1 },
    byDay: [
      { day: '2026-03-08', calls: 0, rows: 0 },
      { day: '2026-03-09', calls: 1, rows: 5 },
      { day: '2026-03-10', calls: 2, rows: 2 },
    ],
  };
  it('plots calls and rows per day', () => {
    expect(usageSeries(usage)).toEqual({ days: ['03-08', '03-09', '03-10'], calls: [0, 1, 2], rows: [0, 5, 2] });
  });
  it('says its figures to a screen reader, days without calls left out', () => {
    expect(usageAria(usage, zh)).toBe(
      '调用统计图：2026-03-08 至 2026-03-10 共调用 3 次，返回 7 条记录；2026-03-09 调用 1 次，5 条；2026-03-10 调用 2 次，2 条',
    );
    expect(usageAria(usage, en)).toBe(
      'Usage chart, 2026-03-08 to 2026-03-10: calls 3, records served 7; 2026-03-09: calls 1, records 5; 2026-03-10: calls 2, records 2',
    );
  });
});
