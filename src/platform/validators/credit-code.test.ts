import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROVINCE_CODES } from './common.js';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, validateCreditCode } from './credit-code.js';

interface Vector {
  value: string;
  expected_valid: boolean;
  reason: string;
  check_digit_ok: boolean | null;
}
const vectors: Vector[] = JSON.parse(
  readFileSync(new URL('../../../../shared/reference/id-vectors/gb32100_uscc_vectors.json', import.meta.url), 'utf8'),
).vectors;

describe('validateCreditCode against the GB 32100 vectors', () => {
  it('has the vectors', () => expect(vectors.length).toBeGreaterThan(200));

  for (const v of vectors) {
    it(`${v.value} (${v.reason})`, () => {
      const r = validateCreditCode(v.value);
      expect(r.ok, JSON.stringify(r)).toBe(v.expected_valid);
      if (v.check_digit_ok !== null && /^[0-9A-Z]{18}$/.test(v.value) && ![...v.value].some((c) => 'IOSVZ'.includes(c))) {
        expect(creditCodeCheckChar(v.value.slice(0, 17)) === v.value[17]).toBe(v.check_digit_ok);
      }
    });
  }
});

describe('validateCreditCode', () => {
  it('decodes the GB 32100 example', () => {
    expect(validateCreditCode('91350100M000100Y43')).toEqual({
      ok: true,
      normalized: '91350100M000100Y43',
      authority: '9',
      orgType: '1',
      regionCode: '350100',
    });
  });

  it('normalizes case, spaces and full-width characters', () => {
    for (const s of ['91 110000 600037341L', '91110000600037341l', '９１１１００００６０００３７３４１Ｌ']) {
      const r = validateCreditCode(s);
      expect(r.ok && r.normalized).toBe('91110000600037341L');
    }
  });

  it('gives the reason in Chinese', () => {
    expect(validateCreditCode('12345')).toEqual({ ok: false, reason: '长度应为18位' });
    expect(validateCreditCode('9111000060003IOZSV')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('非法字符'),
    });
    expect(validateCreditCode('91110000600037341N')).toEqual({ ok: false, reason: '校验码错误' });
    const noType = `94110000600037341`;
    expect(validateCreditCode(noType + creditCodeCheckChar(noType))).toEqual({
      ok: false,
      reason: '机构类别代码无效',
    });
    const noAuthority = `B1110000600037341`;
    expect(validateCreditCode(noAuthority + creditCodeCheckChar(noAuthority))).toEqual({
      ok: false,
      reason: '登记管理部门代码无效',
    });
    const badRegion = `91990000600037341`;
    expect(validateCreditCode(badRegion + creditCodeCheckChar(badRegion))).toEqual({
      ok: false,
      reason: '登记管理机关行政区划码无效',
    });
  });

  it('accepts national-level registrations (region 100000)', () => {
    const body = '11100000000013127'; // 国务院办公厅-style central code
    expect(validateCreditCode(body + creditCodeCheckChar(body)).ok).toBe(true);
  });
});

const charsetChar = fc.constantFrom(...CREDIT_CODE_CHARSET);
const authorityAndType = fc.constantFrom('11', '12', '13', '19', '31', '51', '52', '53', '91', '92', '93', 'A1', 'N2', 'Y1');
const first17 = fc
  .tuple(
    authorityAndType,
    fc.constantFrom(...[...PROVINCE_CODES], '10'),
    fc.integer({ min: 0, max: 9999 }),
    fc.array(charsetChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([at, province, rest, id]) => `${at}${province}${province === '10' ? '0000' : String(rest).padStart(4, '0')}${id.join('')}`);

describe('validateCreditCode properties', () => {
  it('a well-formed body plus the computed check character always validates', () => {
    fc.assert(
      fc.property(first17, (body) => {
        expect(validateCreditCode(body + creditCodeCheckChar(body))).toMatchObject({ ok: true });
      }),
    );
  });

  it('changing any single character of a valid code makes it invalid', () => {
    const replacement = fc.constantFrom(...CREDIT_CODE_CHARSET, ...'IOSVZ*中', '𠀀');
    fc.assert(
      fc.property(first17, fc.integer({ min: 0, max: 17 }), replacement, (body, pos, c) => {
        const code = body + creditCodeCheckChar(body);
        fc.pre(c !== code[pos]);
        expect(validateCreditCode(code.slice(0, pos) + c + code.slice(pos + 1)).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
