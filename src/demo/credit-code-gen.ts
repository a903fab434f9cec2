/**
 * Check characters for the two codes that identify a Chinese organization:
 * the organization code (组织机构代码, GB 11714-1997) and the unified social credit
 * code that embeds it (统一社会信用代码, GB 32100-2015). The demo needs valid codes
 * for its departments because the platform validates every credit code it ingests.
 */

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

// GB 11714 reads letters as A=10 … Z=35 (all 26 letters, unlike GB 32100).
function orgCharValue(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  throw new Error(`invalid organization code character: ${ch}`);
}

/** The 9th character of an organization code, from its first 8. */
export function orgCodeCheckChar(body8: string): string {
  if (body8.length !== 8) throw new Error('organization code body must be 8 characters');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCharValue(body8[i]) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  if (c === 10) return 'X';
  if (c === 11) return '0';
  return String(c);
}

export function isValidOrgCode(code9: string): boolean {
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(code9)) return false;
  return orgCodeCheckChar(code9.slice(0, 8)) === code9[8];
}

// I, O, S, V and Z are left out so that a code cannot be misread as 1, 0, 5, U or 2.
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The 18th character of a unified social credit code, from its first 17. */
export function usccCheckChar(body17: string): string {
  if (body17.length !== 17) throw new Error('credit code body must be 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(body17[i]);
    if (v < 0) throw new Error(`invalid credit code character: ${body17[i]}`);
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9ABCDEFGHJKLMNPQRTUWXY]{18}$/.test(code)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

/**
 * Builds a credit code from its parts.
 * @param authorityAndType 2 chars: registration authority + entity type, e.g. '11' 机构编制·机关,
 *   '12' 机构编制·事业单位, '13' 机构编制·群众团体, '91' 市场监管·企业.
 * @param region 6-digit division code of the registering authority, e.g. '370300'.
 * @param orgBody8 the first 8 characters of the organization code.
 */
export function makeCreditCode(authorityAndType: string, region: string, orgBody8: string): string {
  if (!/^[0-9A-Z]{2}$/.test(authorityAndType)) throw new Error('authorityAndType must be 2 characters');
  if (!/^\d{6}$/.test(region)) throw new Error('region must be a 6-digit division code');
  const body17 = authorityAndType + region + orgBody8 + orgCodeCheckChar(orgBody8);
  return body17 + usccCheckChar(body17);
}
