/**
 * Named validators for data elements. A catalog 信息项 names one of these; imports and APIs
 * run it and store `normalized`, so the same value is always stored the same way.
 */
import { validateCitizenId } from './citizen-id.js';
import { isCalendarDate, PROVINCE_CODES } from './common.js';
import { validateCreditCode } from './credit-code.js';

export type { CitizenIdKind, CitizenIdResult } from './citizen-id.js';
export { citizenIdCheckDigit, validateCitizenId } from './citizen-id.js';
export type { CreditCodeResult } from './credit-code.js';
export { creditCodeCheckChar, validateCreditCode } from './credit-code.js';

export type ValidationResult = { ok: true; normalized: string } | { ok: false; reason: string };

export const validatorNames = ['citizen-id', 'credit-code', 'mobile', 'phone', 'date', 'datetime', 'postcode', 'admin-division', 'email'] as const;
export type ValidatorName = (typeof validatorNames)[number];

const fail = (reason: string): ValidationResult => ({ ok: false, reason });
const plain = (r: ValidationResult): ValidationResult => (r.ok ? { ok: true, normalized: r.normalized } : r);

/** Full-width digits and punctuation from Chinese IMEs are common in imported sheets. */
const clean = (s: string): string => s.normalize('NFKC').trim();

function mobile(value: string): ValidationResult {
  const m = /^(?:\+?86|0086)?(1[3-9]\d{9})$/.exec(clean(value).replace(/[\s-]/g, ''));
  return m ? { ok: true, normalized: m[1] } : fail('手机号码应为11位，以13-19开头');
}

/**
 * 010 and 02x are the only 3-digit area codes; every other one is 0 + 3 digits. Local numbers
 * are 7-8 digits not starting with 0 (real ones never start with 1 either, but
 * sample data like 0533-1234567 does). Hotlines (12345, 95598) and 400/800 numbers
 * are phones a government record legitimately holds.
 */
function phone(value: string): ValidationResult {
  const v = clean(value);
  const asMobile = mobile(v);
  if (asMobile.ok) return asMobile;
  const compact = v.replace(/[\s()（）-]/g, '');
  if (/^(?:1\d{2}|1\d{4}|9\d{4})$/.test(compact)) return { ok: true, normalized: compact };
  const service = /^([48]00)(\d{3})(\d{4})$/.exec(compact);
  if (service) return { ok: true, normalized: `${service[1]}-${service[2]}-${service[3]}` };
  const land = /^[(（]?(0[12]\d|0[3-9]\d{2})[)）]?[\s-]?([1-9]\d{6,7})(?:(?:-|转|ext\.?|#)(\d{1,6}))?$/i.exec(v);
  if (land) return { ok: true, normalized: `${land[1]}-${land[2]}${land[3] ? `-${land[3]}` : ''}` };
  return fail('电话号码格式错误：应为手机号或带区号的固定电话，如0533-1234567');
}

function date(value: string): ValidationResult {
  const v = clean(value);
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v) ??
    /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(v) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(v) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(v);
  if (!m) return fail('日期格式错误，应为YYYY-MM-DD');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isCalendarDate(y, mo, d)) return fail('日期无效');
  return { ok: true, normalized: `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` };
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

/**
 * Normalized to 'YYYY-MM-DD HH:mm:ss[.fff]' as Asia/Shanghai wall time: a value carrying an
 * offset (…Z, …+08:00) is converted rather than having its offset silently dropped.
 */
function datetime(value: string): ValidationResult {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(clean(value));
  if (!m) return fail('时间格式错误，应为YYYY-MM-DD HH:mm:ss');
  const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const s = Number(m[6] ?? '0');
  if (!isCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return fail('时间无效');
  const frac = m[7];
  if (!m[8]) {
    return {
      ok: true,
      normalized: `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6] ?? '00'}${frac ? `.${frac}` : ''}`,
    };
  }
  const offset = m[8].toUpperCase() === 'Z' ? 0 : offsetMinutes(m[8]);
  if (offset === null) return fail('时区偏移无效');
  const ms = Number((frac ?? '0').padEnd(3, '0').slice(0, 3));
  const instant = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset * 60_000);
  const p = Object.fromEntries(shanghaiParts.formatToParts(instant).map((x) => [x.type, x.value]));
  const msOut = frac ? `.${String(instant.getUTCMilliseconds()).padStart(3, '0')}` : '';
  return { ok: true, normalized: `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}${msOut}` };
}

function offsetMinutes(z: string): number | null {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (!m || Number(m[2]) > 14 || Number(m[3]) > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function postcode(value: string): ValidationResult {
  const v = clean(value);
  return /^\d{6}$/.test(v) ? { ok: true, normalized: v } : fail('邮政编码应为6位数字');
}

function adminDivision(value: string): ValidationResult {
  const v = clean(value);
  if (!/^\d{6}$/.test(v)) return fail('行政区划代码应为6位数字');
  return PROVINCE_CODES.has(v.slice(0, 2)) ? { ok: true, normalized: v } : fail('行政区划代码的省级代码无效');
}

/** Deliberately loose (the only real test is a delivered mail); the domain is case-insensitive. */
function email(value: string): ValidationResult {
  const v = clean(value);
  const at = v.lastIndexOf('@');
  const local = v.slice(0, at);
  const domain = v.slice(at + 1);
  const ok =
    at > 0 &&
    v.length <= 254 &&
    local.length <= 64 &&
    !/[\s@"(),:;<>[\\\]]/.test(local) &&
    !/^\.|\.\.|\.$/.test(local) &&
    /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u.test(domain);
  return ok ? { ok: true, normalized: `${local}@${domain.toLowerCase()}` } : fail('电子邮箱格式错误');
}

export const validators: Record<ValidatorName, (value: string) => ValidationResult> = {
  // Wrapped so that `values.map(validators['citizen-id'])` cannot pass an index as `now`,
  // and so every validator returns exactly the same shape.
  'citizen-id': (v) => plain(validateCitizenId(v)),
  'credit-code': (v) => plain(validateCreditCode(v)),
  mobile,
  phone,
  date,
  datetime,
  postcode,
  'admin-division': adminDivision,
  email,
};
