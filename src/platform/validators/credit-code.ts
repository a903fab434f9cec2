/** GB 32100-2015 统一社会信用代码 (18 characters, MOD 31 check character). */
import { compactCode, PROVINCE_CODES } from './common.js';

export type CreditCodeResult = { ok: true; normalized: string; authority: string; orgType: string; regionCode: string } | { ok: false; reason: string };

/** GB 32100 charset: digits and capitals without I, O, S, V, Z (value = index). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * 登记管理部门 (position 1) → allowed 机构类别 (position 2), per GB 32100 and the codes later
 * assigned (A 中央军委改革和编制办公室, N 农业, Y 其他). A code outside this table was not issued.
 */
const ORG_TYPES: Readonly<Record<string, string>> = {
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

/** The check character for 17 charset characters; throws on anything else. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('creditCodeCheckChar needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i]);
    if (value < 0) throw new RangeError(`creditCodeCheckChar: '${first17[i]}' is not in the GB 32100 charset`);
    sum += value * WEIGHTS[i];
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

export function validateCreditCode(s: string): CreditCodeResult {
  const v = compactCode(s);
  if (v.length !== 18) return { ok: false, reason: '长度应为18位' };
  for (const c of v) {
    if (!CREDIT_CODE_CHARSET.includes(c)) {
      return { ok: false, reason: `含有非法字符“${c}”（只用数字和除I、O、S、V、Z外的大写字母）` };
    }
  }
  const types = ORG_TYPES[v[0]];
  if (!types) return { ok: false, reason: '登记管理部门代码无效' };
  if (!types.includes(v[1])) return { ok: false, reason: '机构类别代码无效' };
  const regionCode = v.slice(2, 8);
  // 100000 is the code for authorities at the national level.
  if (!/^\d{6}$/.test(regionCode) || !(PROVINCE_CODES.has(regionCode.slice(0, 2)) || regionCode === '100000')) {
    return { ok: false, reason: '登记管理机关行政区划码无效' };
  }
  if (creditCodeCheckChar(v.slice(0, 17)) !== v[17]) return { ok: false, reason: '校验码错误' };
  return { ok: true, normalized: v, authority: v[0], orgType: v[1], regionCode };
}
