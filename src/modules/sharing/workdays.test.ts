import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_CALENDAR_2026 } from './calendar.js';
import { addWorkingDays, type DayOverrides, isWorkday, shanghaiDay, workingDaysBetween } from './workdays.js';

const none: DayOverrides = new Map();
const cn2026: DayOverrides = new Map(DEMO_CALENDAR_2026.map((d) => [d.day, d.workday]));
/** A moment given in Shanghai's wall-clock time. */
const sh = (local: string) => new Date(`${local}+08:00`);
/** The deadline the rules promise for a day: its last millisecond in Shanghai. */
const endOf = (day: string) => new Date(`${day}T23:59:59.999+08:00`);

describe('Shanghai days', () => {
  it('change at 16:00 UTC', () => {
    expect(shanghaiDay(new Date('2026-01-01T15:59:59.999Z'))).toBe('2026-01-01');
    expect(shanghaiDay(new Date('2026-01-01T16:00:00Z'))).toBe('2026-01-02');
    expect(shanghaiDay(new Date('2025-12-31T23:00:00Z'))).toBe('2026-01-01');
  });

  it('follow Monday to Friday unless the calendar says otherwise', () => {
    expect(isWorkday('2026-01-03', none)).toBe(false); // Saturday
    expect(isWorkday('2026-01-05', none)).toBe(true); // Monday
    expect(isWorkday('2026-01-01', cn2026)).toBe(false); // 元旦, a Thursday
    expect(isWorkday('2026-01-04', cn2026)).toBe(true); // make-up Sunday
    expect(isWorkday('2026-01-05', cn2026)).toBe(true);
  });

  it('refuse what is not a calendar day', () => {
    for (const bad of ['2026-02-30', '2026-2-01', '20260201', '']) expect(() => isWorkday(bad, none)).toThrow(RangeError);
    expect(() => shanghaiDay(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('skips weekends, and the day it starts on does not count', () => {
    expect(addWorkingDays(sh('2026-03-06T10:00'), 1, none)).toEqual(endOf('2026-03-09')); // Friday → Monday
    expect(addWorkingDays(sh('2026-03-06T10:00'), 2, none)).toEqual(endOf('2026-03-10'));
    expect(addWorkingDays(sh('2026-03-09T00:00'), 5, none)).toEqual(endOf('2026-03-16'));
  });

  it('skips a holiday week and counts a make-up Saturday', () => {
    // Filed on Friday 13 Feb 2026: Saturday the 14th is worked, 春节 runs 15–23 Feb.
    expect(addWorkingDays(sh('2026-02-13T10:00'), 1, cn2026)).toEqual(endOf('2026-02-14'));
    expect(addWorkingDays(sh('2026-02-13T10:00'), 2, cn2026)).toEqual(endOf('2026-02-24'));
    // Filed the day before 国庆节: 8, 9, Saturday 10 (worked), 12, 13 October.
    expect(addWorkingDays(sh('2026-09-30T16:00'), 5, cn2026)).toEqual(endOf('2026-10-13'));
  });

  it('counts from the Shanghai day, not the UTC one', () => {
    // 15:00Z on 1 Jan is still Thursday 1 Jan in Shanghai; 17:00Z is already Friday 2 Jan.
    expect(addWorkingDays(new Date('2026-01-01T15:00:00Z'), 1, none)).toEqual(new Date('2026-01-02T15:59:59.999Z'));
    expect(addWorkingDays(new Date('2026-01-01T17:00:00Z'), 1, none)).toEqual(new Date('2026-01-05T15:59:59.999Z'));
    // With the 2026 calendar the 2nd is a holiday and Sunday the 4th is worked.
    expect(addWorkingDays(new Date('2026-01-01T17:00:00Z'), 1, cn2026)).toEqual(new Date('2026-01-04T15:59:59.999Z'));
  });

  it('refuses a count that is not a whole number ≥ 1', () => {
    for (const n of [0, -1, 1.5, Number.NaN]) expect(() => addWorkingDays(sh('2026-03-06T10:00'), n, none)).toThrow(RangeError);
  });

  it('gives up on a calendar without working days instead of looping', () => {
    const from = sh('2026-03-01T10:00');
    const closed = new Map(Array.from({ length: 800 }, (_, i) => [shanghaiDay(new Date(from.getTime() + (i + 1) * 86_400_000)), false]));
    expect(() => addWorkingDays(from, 1, closed)).toThrow(/366/);
    // A long holiday is not a broken calendar.
    const long = new Map([...closed].slice(0, 300));
    expect(shanghaiDay(addWorkingDays(from, 1, long))).toBe('2026-12-28');
  });
});

describe('workingDaysBetween', () => {
  it('is 0 up to the end of the day it starts on', () => {
    expect(workingDaysBetween(sh('2026-03-09T10:00'), sh('2026-03-09T10:00'), none)).toBe(0);
    expect(workingDaysBetween(sh('2026-03-09T10:00'), sh('2026-03-09T23:59'), none)).toBe(0);
    expect(workingDaysBetween(sh('2026-03-09T10:00'), sh('2026-03-02T10:00'), none)).toBe(0);
  });

  it('says how late a reply is', () => {
    const due = addWorkingDays(sh('2026-02-13T10:00'), 2, cn2026); // end of Tuesday 24 Feb
    expect(workingDaysBetween(due, sh('2026-02-24T23:00'), cn2026)).toBe(0);
    expect(workingDaysBetween(due, sh('2026-02-27T09:00'), cn2026)).toBe(3);
    expect(workingDaysBetween(due, sh('2026-03-02T09:00'), cn2026)).toBe(5); // Saturday 28 Feb is worked
  });

  it('finds the 248 working days of 2026', () => {
    // 261 weekdays less the 13 statutory holiday days (全年法定节假日 13 天), which make-up days restore when they fall on weekends.
    expect(workingDaysBetween(sh('2025-12-31T12:00'), sh('2026-12-31T12:00'), cn2026)).toBe(248);
    expect(workingDaysBetween(sh('2025-12-31T12:00'), sh('2026-12-31T12:00'), none)).toBe(261);
  });

  it('inverts addWorkingDays, which always lands on the end of a working day', () => {
    const overrides = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.boolean()), { maxLength: 120 })
      .map((pairs) => new Map([...cn2026, ...pairs.map(([i, w]): [string, boolean] => [shanghaiDay(new Date(Date.UTC(2025, 11, 1) + i * 86_400_000)), w])]));
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-10-01T00:00:00Z'), max: new Date('2027-03-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 40 }),
        overrides,
        (from, n, o) => {
          const due = addWorkingDays(from, n, o);
          expect(isWorkday(shanghaiDay(due), o)).toBe(true);
          expect(shanghaiDay(new Date(due.getTime() + 1))).not.toBe(shanghaiDay(due));
          expect(workingDaysBetween(from, due, o)).toBe(n);
          expect(workingDaysBetween(from, new Date(due.getTime() - 86_400_000), o)).toBe(n - 1);
        },
      ),
    );
  });
});

describe('the 2026 calendar', () => {
  it('holds only exceptions: holidays on weekdays, make-up days on weekends', () => {
    for (const d of DEMO_CALENDAR_2026) expect(isWorkday(d.day, none), d.day).toBe(!d.workday);
    expect(new Set(DEMO_CALENDAR_2026.map((d) => d.day)).size).toBe(DEMO_CALENDAR_2026.length);
  });
});
