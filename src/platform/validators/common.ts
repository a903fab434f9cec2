/** Shared pieces of the validators: province codes, calendar checks, input clean-up. */

/** GB/T 2260 province-level codes: the 31 mainland ones plus 71 台湾, 81 香港, 82 澳门. */
const PROVINCES = '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 ' + '43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82';
export const PROVINCE_CODES: ReadonlySet<string> = new Set(PROVINCES.split(' '));

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today as 'YYYY-MM-DD' in Asia/Shanghai: "in the future" means a Chinese calendar day, not UTC's. */
export function todayInShanghai(now: Date = new Date()): string {
  return shanghaiDate.format(now);
}

/**
 * Codes typed through a Chinese IME often arrive with full-width digits, spaces or hyphens
 * ("１１０１０５ 1949-1231"); NFKC folds full-width forms, then separators are dropped.
 */
export function compactCode(s: string): string {
  return s.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}
