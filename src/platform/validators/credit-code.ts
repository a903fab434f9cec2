/** GB 32100-2015 统一社会信用代码 (18 characters, MOD 31 check character). */
import { compactCode, digitsAt, PROVINCE_TABLE } from './common.js';

export type CreditCodeResult = { ok: true; normalized: string; authority: string; orgType: string; regionCode: string } | { ok: false; reason: string };

/** GB 32100 charset: digits and capitals without I, O, S, V, Z (value = index). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * 登记管理部门 (position 1) → allowed 机构类别 (position 2), per GB 32100 and the codes later
 * assigned (A 中央军委改革和编制办公室, N 农业, Y 其他). A code outside this table was not issued.
 */
export const CREDIT_CODE_ORG_TYPES: Readonly<Record<string, string>> = {
  '1': '1239', // 机构编制: 机关, 事业单位, 群众团体, 其他
  '2': '19', // 外交
  '3': '123459', // 司法行政: 律所, 公证处, 基层法律服务所, 司法鉴定, 仲裁委员会, 其他
  '4': '19', // 文化
  '5': '1239', // 民政: 社会团体, 民办非企业单位, 基金会, 其他
  '6': '129', // 旅游
  '7': '129', // 宗教
  '8': '19', // 工会
  '9': '123', // 工商 (市场监管): 企业, 个体工商户, 农民专业合作社
  A: '19', // 中央军委改革和编制办公室
  N: '1239', // 农业: 组级, 村级, 乡镇级集体经济组织, 其他
  Y: '1', // 其他
};

/** GB 32100 value of each ASCII character, -1 for characters outside the charset. */
const CHAR_VALUE = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < CREDIT_CODE_CHARSET.length; i++) t[CREDIT_CODE_CHARSET.charCodeAt(i)] = i;
  return t;
})();

const valueAt = (s: string, i: number): number => {
  const c = s.charCodeAt(i);
  return c < 128 ? CHAR_VALUE[c] : -1;
};

/** The check character for 17 charset characters; throws on anything else. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('creditCodeCheckChar needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = valueAt(first17, i);
    if (value < 0) throw new RangeError(`creditCodeCheckChar: '${first17[i]}' is not in the GB 32100 charset`);
    sum += value * WEIGHTS[i];
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * GB 11714 check character of an organization code's 8-character body (positions 9–16 of a
 * credit code, whose 17th is this character). Its letters count A=10 … Z=35, all 26 of them,
 * unlike GB 32100's. Throws on anything but 8 digits or capitals.
 */
export function orgCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new RangeError('orgCodeCheckChar needs 8 digits or capital letters');
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8.charCodeAt(i);
    sum += (c <= 57 ? c - 48 : c - 55) * ORG_WEIGHTS[i];
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

type Failure = { ok: false; reason: string };
const failure = (reason: string): Failure => Object.freeze({ ok: false, reason }) as Failure;
/** One fixed text per kind of fault (a quality report groups by it), each saying where to look. */
export const CREDIT_CODE_REASONS = {
  length: '长度应为18位',
  authority: '登记管理部门代码无效：第1位应为1-9、A、N或Y',
  orgType: '机构类别代码无效：第2位与第1位的登记管理部门不相符',
  region: '登记管理机关行政区划码无效：第3-8位应为行政区划代码',
  check: '校验码错误：末位与前17位不符，请逐位核对',
} as const;

const FAIL = {
  length: failure(CREDIT_CODE_REASONS.length),
  authority: failure(CREDIT_CODE_REASONS.authority),
  orgType: failure(CREDIT_CODE_REASONS.orgType),
  region: failure(CREDIT_CODE_REASONS.region),
  check: failure(CREDIT_CODE_REASONS.check),
};

/** Weighted sum of the first 17 characters, or -1 if any of the 18 is outside the charset. */
function weightedSum(v: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = valueAt(v, i);
    if (value < 0) return -1;
    sum += value * WEIGHTS[i];
  }
  return valueAt(v, 17) < 0 ? -1 : sum;
}

/**
 * Validates and normalizes one code: full-width characters, spaces, hyphens and lower case are
 * accepted; `normalized` is 18 upper-case characters.
 */
export function validateCreditCode(s: string): CreditCodeResult {
  // Nearly every cell is already 18 clean characters: one pass, no copies.
  let v = s;
  let sum = s.length === 18 ? weightedSum(s) : -1;
  if (sum < 0) {
    v = compactCode(s);
    if (v.length !== 18) return FAIL.length;
    sum = weightedSum(v);
    if (sum < 0) {
      let i = 0;
      while (valueAt(v, i) >= 0) i++;
      const c = String.fromCodePoint(v.codePointAt(i)!);
      return { ok: false, reason: `含有非法字符“${c}”（只用数字和除I、O、S、V、Z外的大写字母）` };
    }
  }
  const types = CREDIT_CODE_ORG_TYPES[v[0]];
  if (!types) return FAIL.authority;
  if (!types.includes(v[1])) return FAIL.orgType;
  // Positions 3-8: the registering authority's division code; 100000 is the national level.
  // Only the province is checked: registrations in development zones carry codes that were
  // never on the GB/T 2260 list (苏州工业园区 320594), and those codes are real.
  const region = digitsAt(v, 2, 6);
  if (region < 0 || !(PROVINCE_TABLE[Math.floor(region / 10_000)] || region === 100_000)) return FAIL.region;
  if (CREDIT_CODE_CHARSET.charCodeAt((31 - (sum % 31)) % 31) !== v.charCodeAt(17)) return FAIL.check;
  return { ok: true, normalized: v, authority: v[0], orgType: v[1], regionCode: v.slice(2, 8) };
}
