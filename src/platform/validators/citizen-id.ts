/** GB 11643-1999 公民身份号码 (18 characters, ISO 7064 MOD 11-2 check digit). */
import { compactCode, isCalendarDate, PROVINCE_CODES, todayInShanghai } from './common.js';

export type CitizenIdKind =
  /** 居民身份证: GB/T 2260 region of first registration. */
  | 'resident'
  /** 港澳台居民居住证: 810000 / 820000 / 830000. */
  | 'hk-mo-tw-permit'
  /** 外国人永久居留身份证 (2023 form): '9' + province of issue + 3-digit nationality. */
  | 'foreign-permanent';

export type CitizenIdResult =
  | {
      ok: true;
      normalized: string;
      birthDate: string;
      sex: 'male' | 'female';
      regionCode: string;
      kind: CitizenIdKind;
    }
  | { ok: false; reason: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/**
 * Not 1900: GB 11643-1999's own worked example (440524188001010014) is born in 1880, and
 * the platform holds records of the dead (殡葬, 户籍 history), so old dates are real.
 */
const MIN_BIRTH_DATE = '1800-01-01';

/** The check character for 17 digits; throws on anything else (a programming error). */
export function citizenIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('citizenIdCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function kindOf(regionCode: string): CitizenIdKind | null {
  if (PROVINCE_CODES.has(regionCode.slice(0, 2))) return 'resident';
  if (regionCode === '830000') return 'hk-mo-tw-permit'; // 83 is not a GB/T 2260 province; only permits use it
  if (regionCode[0] === '9' && PROVINCE_CODES.has(regionCode.slice(1, 3))) return 'foreign-permanent';
  return null;
}

/** `now` only exists so tests can pin "today"; callers leave it out. */
export function validateCitizenId(s: string, now: Date = new Date()): CitizenIdResult {
  const v = compactCode(s);
  if (v.length !== 18) return { ok: false, reason: '长度应为18位' };
  if (!/^\d{17}[\dX]$/.test(v)) return { ok: false, reason: '格式错误：前17位应为数字，末位为数字或X' };

  const regionCode = v.slice(0, 6);
  const kind = kindOf(regionCode);
  if (!kind) return { ok: false, reason: '地址码无效' };

  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  if (!isCalendarDate(y, m, d)) return { ok: false, reason: '出生日期无效' };
  const birthDate = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (birthDate < MIN_BIRTH_DATE) return { ok: false, reason: '出生日期无效：早于1800年' };
  if (birthDate > todayInShanghai(now)) return { ok: false, reason: '出生日期无效：晚于今天' };

  if (citizenIdCheckDigit(v.slice(0, 17)) !== v[17]) return { ok: false, reason: '校验码错误' };
  return {
    ok: true,
    normalized: v,
    birthDate,
    sex: Number(v[16]) % 2 === 1 ? 'male' : 'female',
    regionCode,
    kind,
  };
}
