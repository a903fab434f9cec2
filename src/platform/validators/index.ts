/**
 * Named validators for data elements. A catalog 信息项 names one of these; imports and APIs
 * run it and store `normalized`, so the same value is always stored the same way.
 *
 * Every validator is called once per cell of a streaming import (tens of millions of cells),
 * so each takes a path that copies and compiles nothing for the common, already-clean ASCII
 * value, and only falls back to NFKC folding and regular expressions for anything else.
 * Failure results are shared frozen objects with fixed reason texts, which a quality report
 * can group by.
 */
import { normalizeCitizenId } from './citizen-id.js';
import { clean, digitsAt, isCalendarDate } from './common.js';
import { validateCreditCode } from './credit-code.js';
import { isKnownDivision } from './divisions.js';

export type { CitizenIdKind, CitizenIdResult } from './citizen-id.js';
export { CITIZEN_ID_CHECK_CHARS, CITIZEN_ID_REASONS, citizenIdCheckDigit, citizenIdWeightedSum, normalizeCitizenId, validateCitizenId } from './citizen-id.js';
export type { CreditCodeResult } from './credit-code.js';
export { CREDIT_CODE_CHARSET, creditCodeCheckChar, orgCodeCheckChar, validateCreditCode } from './credit-code.js';
export type { DivisionEntry, DivisionInfo, DivisionLevel, DivisionPeriod } from './divisions.js';
export { allDivisionCodes, divisionInfo, divisionName, divisionsUnder, isCurrentDivision, isKnownDivision } from './divisions.js';
export type { PatternCheck } from './pattern.js';
export { checkPattern } from './pattern.js';
export { standardizeText, toHalfWidth } from './standardize.js';

type ValidationResult = { ok: true; normalized: string } | { ok: false; reason: string };

export const validatorNames = ['citizen-id', 'credit-code', 'mobile', 'phone', 'date', 'datetime', 'postcode', 'admin-division', 'email'] as const;
export type ValidatorName = (typeof validatorNames)[number];

const fail = (reason: string): ValidationResult => Object.freeze({ ok: false, reason }) as ValidationResult;
const plain = (r: ValidationResult): ValidationResult => (r.ok ? { ok: true, normalized: r.normalized } : r);
const SEPARATORS = /[\s-]/g;

const MOBILE_FAIL = fail('手机号码应为11位，以13-19开头');
const MOBILE = /^(?:\+?86|0086)?(1[3-9]\d{9})$/;

/** 11 ASCII digits starting 13–19: the shape of nearly every mobile number in a file. */
function isPlainMobile(v: string): boolean {
  if (v.length !== 11 || v.charCodeAt(0) !== 49) return false;
  const second = v.charCodeAt(1);
  return second >= 51 && second <= 57 && digitsAt(v, 2, 9) >= 0;
}

function mobile(value: string): ValidationResult {
  if (isPlainMobile(value)) return { ok: true, normalized: value };
  const m = MOBILE.exec(clean(value).replace(SEPARATORS, ''));
  return m ? { ok: true, normalized: m[1] } : MOBILE_FAIL;
}

const PHONE_FAIL = fail('电话号码格式错误：应为手机号或带区号的固定电话，如0533-1234567');
const PHONE_SEPARATORS = /[\s()（）-]/g;
const HOTLINE = /^(?:1\d{2}|1\d{4}|9\d{4})$/;
const SERVICE = /^([48]00)(\d{3})(\d{4})$/;
const LANDLINE = /^[(（]?(010|02\d|0[3-9]\d{2})[)）]?[\s-]?([1-9]\d{6,7})(?:(?:-|转|ext\.?|#)(\d{1,6}))?$/i;

/**
 * 010 and 02x are the only 3-digit area codes (011–019 do not exist); every other one is 0 +
 * 3 digits. Local numbers are 7-8 digits not starting with 0 (real ones never start with 1
 * either, but sample data like 0533-1234567 does). Hotlines (12345, 95598) and 400/800
 * numbers are phones a government record legitimately holds.
 */
function phone(value: string): ValidationResult {
  if (isPlainMobile(value)) return { ok: true, normalized: value };
  const v = clean(value);
  const asMobile = mobile(v);
  if (asMobile.ok) return asMobile;
  const compact = v.replace(PHONE_SEPARATORS, '');
  if (HOTLINE.test(compact)) return { ok: true, normalized: compact };
  const service = SERVICE.exec(compact);
  if (service) return { ok: true, normalized: `${service[1]}-${service[2]}-${service[3]}` };
  const land = LANDLINE.exec(v);
  if (land) return { ok: true, normalized: `${land[1]}-${land[2]}${land[3] ? `-${land[3]}` : ''}` };
  return PHONE_FAIL;
}

const DATE_FORMAT_FAIL = fail('日期格式错误，应为YYYY-MM-DD');
const DATE_INVALID_FAIL = fail('日期无效：这一天不存在，请核对月份和日（含闰年2月29日）');
/** Same separator twice ("2024/2/9", "2024.2.9"), 8 digits, or 年月日; an Excel-style midnight time may follow. */
const DATE_SEPARATED = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]00:00(?::00(?:\.0{1,6})?)?)?$/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const DATE_CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;

function date(value: string): ValidationResult {
  // Fast path: already 'YYYY-MM-DD'.
  if (value.length === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45) {
    const y = digitsAt(value, 0, 4);
    const m = digitsAt(value, 5, 2);
    const d = digitsAt(value, 8, 2);
    if (y >= 0 && m >= 0 && d >= 0) return isCalendarDate(y, m, d) ? { ok: true, normalized: value } : DATE_INVALID_FAIL;
  }
  const v = clean(value);
  let parts = DATE_SEPARATED.exec(v);
  let y: string;
  let m: string;
  let d: string;
  if (parts) [y, m, d] = [parts[1], parts[3], parts[4]];
  else {
    parts = DATE_COMPACT.exec(v) ?? DATE_CHINESE.exec(v);
    if (!parts) return DATE_FORMAT_FAIL;
    [y, m, d] = [parts[1], parts[2], parts[3]];
  }
  if (!isCalendarDate(Number(y), Number(m), Number(d))) return DATE_INVALID_FAIL;
  return { ok: true, normalized: `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` };
}

const shanghaiParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const DATETIME_FORMAT_FAIL = fail('时间格式错误，应为YYYY-MM-DD HH:mm:ss');
const DATETIME_INVALID_FAIL = fail('时间无效：日期不存在或时分秒超出范围（时0-23，分秒0-59）');
const OFFSET_FAIL = fail('时区偏移无效：应为Z或±HH:MM，且不超过±14:00');

/**
 * The fraction of a second in one form: microseconds as 6 digits, shown as 3 when they are
 * whole milliseconds and left out when zero, so 08:30:00, 08:30:00.0 and 08:30:00.000 (and
 * .5 and .500) are stored the same.
 */
function fraction(micro6: string): string {
  if (micro6 === '000000') return '';
  return micro6.endsWith('000') ? `.${micro6.slice(0, 3)}` : `.${micro6}`;
}

/**
 * Normalized to 'YYYY-MM-DD HH:mm:ss[.fff[fff]]' as Asia/Shanghai wall time: a value carrying
 * an offset (…Z, …+08:00) is converted rather than having its offset silently dropped.
 */
function datetime(value: string): ValidationResult {
  const m = DATETIME.exec(clean(value));
  if (!m) return DATETIME_FORMAT_FAIL;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  const s = Number(m[6] ?? '0');
  if (!isCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return DATETIME_INVALID_FAIL;
  const micro6 = (m[7] ?? '').padEnd(6, '0');
  if (!m[8]) return { ok: true, normalized: `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6] ?? '00'}${fraction(micro6)}` };
  const offset = m[8].toUpperCase() === 'Z' ? 0 : offsetMinutes(m[8]);
  if (offset === null) return OFFSET_FAIL;
  const utc = new Date(0);
  utc.setUTCFullYear(y, mo - 1, d); // not Date.UTC, which reads years 0–99 as 1900–1999
  utc.setUTCHours(h, mi, s, Number(micro6.slice(0, 3)));
  const instant = utc.getTime() - offset * 60_000;
  if (instant < YEAR_1 || instant >= YEAR_10000) return DATETIME_INVALID_FAIL; // no 4-digit year in Shanghai
  const ms = String(new Date(instant).getUTCMilliseconds()).padStart(3, '0');
  const frac = fraction(ms + micro6.slice(3));
  if (instant >= SHANGHAI_FIXED_FROM) {
    // Asia/Shanghai has been UTC+8 all year since September 1991: plain arithmetic.
    const t = new Date(instant + 8 * 3_600_000).toISOString();
    return { ok: true, normalized: `${t.slice(0, 10)} ${t.slice(11, 19)}${frac}` };
  }
  // Earlier instants go through the time-zone database (LMT before 1901, summer time 1940s and 1986–91).
  const p: Record<string, string> = {};
  for (const x of shanghaiParts.formatToParts(new Date(instant))) p[x.type] = x.value;
  return { ok: true, normalized: `${p.year.padStart(4, '0')}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}${frac}` };
}

const SHANGHAI_FIXED_FROM = Date.UTC(1992, 0, 1);
/** Shanghai wall time 0001-01-01 00:00 (LMT, UTC+08:05:43) and 10000-01-01 00:00 (UTC+8). */
const YEAR_1 = new Date('0001-01-01T00:00:00Z').getTime() - (8 * 3600 + 5 * 60 + 43) * 1000;
const YEAR_10000 = Date.UTC(9999, 11, 31, 16);

const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

function offsetMinutes(z: string): number | null {
  const m = OFFSET.exec(z);
  if (!m || Number(m[2]) > 14 || Number(m[3]) > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const POSTCODE_FAIL = fail('邮政编码应为6位数字');

function postcode(value: string): ValidationResult {
  const v = clean(value);
  return v.length === 6 && digitsAt(v, 0, 6) >= 0 ? { ok: true, normalized: v } : POSTCODE_FAIL;
}

const DIVISION_FORMAT_FAIL = fail('行政区划代码应为6位数字');
const DIVISION_UNKNOWN_FAIL = fail('行政区划代码无效：不是1980年以来任何时期的县级及以上行政区划代码（GB/T 2260），请核对');

/** A county-level-or-above code on the GB/T 2260 list at any time since 1980 (abolished ones included). */
function adminDivision(value: string): ValidationResult {
  const v = clean(value);
  if (v.length !== 6 || digitsAt(v, 0, 6) < 0) return DIVISION_FORMAT_FAIL;
  return isKnownDivision(v) ? { ok: true, normalized: v } : DIVISION_UNKNOWN_FAIL;
}

const EMAIL_FAIL = fail('电子邮箱格式错误，应为“名称@域名”，如zhangsan@zibo.gov.cn');
const EMAIL_LOCAL_BAD = /[\s@"(),:;<>[\\\]]/;
const EMAIL_LOCAL_DOTS = /^\.|\.\.|\.$/;
const EMAIL_DOMAIN = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;

/** Deliberately loose (the only real test is a delivered mail); the domain is case-insensitive. */
function email(value: string): ValidationResult {
  const v = clean(value);
  const at = v.lastIndexOf('@');
  const local = v.slice(0, at);
  const domain = v.slice(at + 1);
  const ok = at > 0 && v.length <= 254 && local.length <= 64 && !EMAIL_LOCAL_BAD.test(local) && !EMAIL_LOCAL_DOTS.test(local) && EMAIL_DOMAIN.test(domain);
  return ok ? { ok: true, normalized: `${local}@${domain.toLowerCase()}` } : EMAIL_FAIL;
}

export const validators: Record<ValidatorName, (value: string) => ValidationResult> = {
  // Wrapped so that every validator returns exactly the same shape (and, for the ID, so that
  // `values.map(validators['citizen-id'])` cannot pass an index as `now`).
  'citizen-id': normalizeCitizenId,
  'credit-code': (v) => plain(validateCreditCode(v)),
  mobile,
  phone,
  date,
  datetime,
  postcode,
  'admin-division': adminDivision,
  email,
};
