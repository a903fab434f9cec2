/**
 * GB 11643-1999 公民身份号码: 6-digit address code, 8-digit birth date, 3-digit sequence (odd for
 * men), ISO 7064 MOD 11-2 check character. First-generation 15-digit numbers (address, YYMMDD
 * born 19YY, sequence; no check character) are converted to the 18-digit form.
 */
import { compactCode, digitsAt, isCalendarDate, PROVINCE_TABLE, todayNumberInShanghai } from './common.js';
import { DIVISION_ID_REGION, divisionFlags } from './divisions.js';

export type CitizenIdKind =
  /** 居民身份证: an address code on the GB/T 2260 list at any time since 1980. */
  | 'resident'
  /** 港澳台居民居住证: 810000 / 820000 / 830000. */
  | 'hk-mo-tw-permit'
  /** 外国人永久居留身份证 (2023 form): '9' + province of issue + 3-digit nationality. */
  | 'foreign-permanent';

export type CitizenIdResult =
  | {
      ok: true;
      /** Always the 18-character form, check character X upper-case. */
      normalized: string;
      birthDate: string;
      sex: 'male' | 'female';
      regionCode: string;
      kind: CitizenIdKind;
      /** The input was a 15-digit first-generation number, upgraded to 18 digits. */
      converted: boolean;
    }
  | { ok: false; reason: string };

type Failure = { ok: false; reason: string };
const failure = (reason: string): Failure => Object.freeze({ ok: false, reason }) as Failure;

/**
 * One fixed text per kind of fault, so a quality report over millions of rows can group by it.
 * Each says which digits to look at.
 */
export const CITIZEN_ID_REASONS = {
  length: '长度应为18位（15位的一代身份证号码会自动升为18位）',
  format: '格式错误：前17位应为数字，末位为数字或X',
  format15: '格式错误：15位的一代身份证号码应全为数字',
  region: '地址码无效：前6位不是任何时期的行政区划代码，请核对',
  date: '出生日期无效：第7-14位应为真实的日期（YYYYMMDD）',
  date15: '出生日期无效：第7-12位应为真实的日期（YYMMDD）',
  tooOld: '出生日期无效：早于1800年，请核对第7-10位的年份',
  future: '出生日期无效：晚于今天，请核对第7-14位',
  check: '校验码错误：末位与前17位不符，请逐位核对号码',
} as const;

const FAIL = {
  length: failure(CITIZEN_ID_REASONS.length),
  format: failure(CITIZEN_ID_REASONS.format),
  format15: failure(CITIZEN_ID_REASONS.format15),
  region: failure(CITIZEN_ID_REASONS.region),
  date: failure(CITIZEN_ID_REASONS.date),
  date15: failure(CITIZEN_ID_REASONS.date15),
  tooOld: failure(CITIZEN_ID_REASONS.tooOld),
  future: failure(CITIZEN_ID_REASONS.future),
  check: failure(CITIZEN_ID_REASONS.check),
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** The check character for each weighted sum mod 11. */
export const CITIZEN_ID_CHECK_CHARS = '10X98765432';
/**
 * Not 1900: GB 11643-1999's own worked example (440524188001010014) is born in 1880, and
 * the platform holds records of the dead (殡葬, 户籍 history), so old dates are real.
 */
const MIN_BIRTH_DATE = 18000101;

/**
 * The weighted sum of `digits` standing at position `at` of the 17-digit body, or -1 if one is
 * not a digit. The check character is CITIZEN_ID_CHECK_CHARS[sum of the whole body % 11]; a
 * generator adds up precomputed parts (region, birth date, sequence) instead.
 */
export function citizenIdWeightedSum(digits: string, at = 0, count = digits.length): number {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const c = digits.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    sum += c * WEIGHTS[at + i];
  }
  return sum;
}

/** The check character for 17 digits; throws on anything else (a programming error). */
export function citizenIdCheckDigit(first17: string): string {
  const sum = first17.length === 17 ? citizenIdWeightedSum(first17) : -1;
  if (sum < 0) throw new RangeError('citizenIdCheckDigit needs exactly 17 digits');
  return CITIZEN_ID_CHECK_CHARS[sum % 11];
}

let flags: Uint8Array | null = null;

function kindOf(region: number): CitizenIdKind | null {
  // 83 is not a GB/T 2260 province, and 81/82 residents hold permits, not mainland IDs.
  if (region === 810000 || region === 820000 || region === 830000) return 'hk-mo-tw-permit';
  if (region >= 900000) return PROVINCE_TABLE[Math.floor(region / 1000) % 100] ? 'foreign-permanent' : null;
  // An ID keeps the code in force where it was first issued, so any code ever on the list counts.
  flags ??= divisionFlags();
  return flags[region] & DIVISION_ID_REGION ? 'resident' : null;
}

/**
 * Validates and normalizes one ID number. Full-width digits, spaces, hyphens and a lower-case x
 * are accepted; a 15-digit number is converted (`converted: true`). `now` only exists so tests
 * can pin "today"; callers leave it out.
 */
export function validateCitizenId(s: string, now?: Date): CitizenIdResult {
  const r = normalize(s, now);
  if (typeof r !== 'string') return r;
  return {
    ok: true,
    normalized: r,
    birthDate: `${r.slice(6, 10)}-${r.slice(10, 12)}-${r.slice(12, 14)}`,
    sex: (r.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
    regionCode: r.slice(0, 6),
    kind: kindOf(digitsAt(r, 0, 6))!,
    converted: r !== s && compactCode(s).length === 15,
  };
}

/** Only the stored form (what the named validator needs): the same checks, fewer allocations. */
export function normalizeCitizenId(s: string): { ok: true; normalized: string } | Failure {
  const r = normalize(s, undefined);
  return typeof r === 'string' ? { ok: true, normalized: r } : r;
}

/** The 18-character form of `s`, or why it is not an ID number. */
function normalize(s: string, now: Date | undefined): string | Failure {
  // Nearly every cell is already 18 ASCII digits (or 17 and X): one pass, no copies.
  const plain = check18(s, now, null);
  if (plain !== null) return plain;
  const v = compactCode(s);
  if (v.length === 18) return check18(v, now, FAIL.format)!;
  if (v.length !== 15) return FAIL.length;
  // 15 digits: region, YYMMDD (born 19YY), sequence. Insert "19" and compute the check character.
  if (digitsAt(v, 0, 15) < 0) return FAIL.format15;
  if (kindOf(digitsAt(v, 0, 6)) !== 'resident') return FAIL.region; // permits and 9xxxxx IDs never had 15 digits
  if (!isCalendarDate(1900 + digitsAt(v, 6, 2), digitsAt(v, 8, 2), digitsAt(v, 10, 2))) return FAIL.date15;
  const body = `${v.slice(0, 6)}19${v.slice(6)}`;
  return check18(body + CITIZEN_ID_CHECK_CHARS[citizenIdWeightedSum(body) % 11], now, FAIL.format)!;
}

let today = 0;

/** A birth date after today in Shanghai. Today only moves forward, so a date not after the last known today needs no clock read. */
function isFuture(ymd: number, now: Date | undefined): boolean {
  if (now) return ymd > todayNumberInShanghai(now.getTime());
  if (ymd <= today) return false;
  today = todayNumberInShanghai(Date.now());
  return ymd > today;
}

/**
 * Checks 18 characters in one pass. A character out of place gives `badFormat`: FAIL.format
 * for a compacted value, null for a raw one (which then goes the long way, through compactCode).
 */
function check18(v: string, now: Date | undefined, badFormat: Failure | null): string | Failure | null {
  if (v.length !== 18) return badFormat;
  let sum = 0;
  let region = 0;
  let ymd = 0;
  for (let i = 0; i < 17; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return badFormat;
    sum += c * WEIGHTS[i];
    if (i < 6) region = region * 10 + c;
    else if (i < 14) ymd = ymd * 10 + c;
  }
  const last = v.charCodeAt(17);
  if (!((last >= 48 && last <= 57) || last === 88)) return badFormat;
  if (!kindOf(region)) return FAIL.region;
  if (!isCalendarDate(Math.floor(ymd / 10_000), Math.floor(ymd / 100) % 100, ymd % 100)) return FAIL.date;
  if (ymd < MIN_BIRTH_DATE) return FAIL.tooOld;
  if (isFuture(ymd, now)) return FAIL.future;
  if (CITIZEN_ID_CHECK_CHARS.charCodeAt(sum % 11) !== last) return FAIL.check;
  return v;
}
