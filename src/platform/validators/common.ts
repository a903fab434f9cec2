/**
 * Shared pieces of the validators: province codes, calendar checks, input clean-up.
 *
 * Import runs these once per cell over tens of millions of rows, so the helpers here take a
 * fast path for the common case (plain ASCII, nothing to clean) that allocates nothing, and
 * fall back to Unicode normalization only when the input has something outside ASCII.
 */

/** GB/T 2260 province-level codes: the 31 mainland ones plus 71 台湾, 81 香港, 82 澳门. */
const PROVINCES = '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 ' + '43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82';
export const PROVINCE_CODES: ReadonlySet<string> = new Set(PROVINCES.split(' '));
/** The same as a table indexed by the 2-digit number, for loops over char codes. */
export const PROVINCE_TABLE: Uint8Array = (() => {
  const t = new Uint8Array(100);
  for (const p of PROVINCE_CODES) t[Number(p)] = 1;
  return t;
})();

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= (m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]);
}

/** The value of `n` ASCII digits of `s` from `at`, or -1 if one of them is not a digit. */
export function digitsAt(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1; // also NaN past the end
    v = v * 10 + c;
  }
  return v;
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // UTC+8 all year since 1992 (no daylight saving)
let cachedDay = Number.NaN;
let cachedToday = 0;

/**
 * Today in Asia/Shanghai as the number YYYYMMDD, for comparing against a parsed date without
 * building strings. Cached per day: a per-cell call costs a subtraction and a compare.
 */
export function todayNumberInShanghai(nowMs: number = Date.now()): number {
  const day = Math.floor((nowMs + SHANGHAI_OFFSET_MS) / DAY_MS);
  if (day !== cachedDay) {
    const d = new Date(day * DAY_MS);
    cachedToday = d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
    cachedDay = day;
  }
  return cachedToday;
}

/** True when every UTF-16 unit is below 0x80: no normalization can change such a string. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

const SEPARATORS = /[\s-]/g;

/**
 * Codes typed through a Chinese IME often arrive with full-width digits, spaces or hyphens
 * ("１１０１０５ 1949-1231"); NFKC folds full-width forms, then separators are dropped and
 * letters upper-cased (the X of an ID, the letters of a credit code).
 *
 * An input of only digits and capitals — nearly every cell of a real file — is returned as it is.
 */
export function compactCode(s: string): string {
  let clean = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return s.normalize('NFKC').replace(SEPARATORS, '').toUpperCase();
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) clean = false;
  }
  return clean ? s : s.replace(SEPARATORS, '').toUpperCase();
}

/**
 * Trimmed and NFKC-folded (full-width digits and punctuation from Chinese IMEs are common in
 * imported sheets); ASCII input skips the normalization.
 */
export function clean(s: string): string {
  return (isAscii(s) ? s : s.normalize('NFKC')).trim();
}
