import { CREDIT_CODE_CHARSET, creditCodeCheckChar, orgCodeCheckChar } from '../platform/validators/index.js';

/**
 * Valid organization codes (组织机构代码, GB 11714-1997) and the unified social credit codes
 * that embed them (统一社会信用代码, GB 32100-2015), for the demo's departments: the platform
 * validates every credit code it ingests. The check characters are the validators' own.
 */

export function isValidOrgCode(code9: string): boolean {
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(code9)) return false;
  return orgCodeCheckChar(code9.slice(0, 8)) === code9[8];
}

const CREDIT_CODE = new RegExp(`^[${CREDIT_CODE_CHARSET}]{18}$`);

export function isValidCreditCode(code: string): boolean {
  if (!CREDIT_CODE.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
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
  return body17 + creditCodeCheckChar(body17);
}
