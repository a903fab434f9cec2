import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROVINCE_CODES } from './common.js';
import { CREDIT_CODE_CHARSET, CREDIT_CODE_REASONS, creditCodeCheckChar, validateCreditCode } from './credit-code.js';
import { creditCodeVectors as vectors } from './testdata/vectors.js';

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
    for (const s of ['91 110000 600037341L', '91110000600037341l', '９１１１００００６０００３７３４１Ｌ', ' 91110000-600037341L ']) {
      const r = validateCreditCode(s);
      expect(r.ok && r.normalized).toBe('91110000600037341L');
    }
  });

  it('gives the reason in Chinese', () => {
    expect(validateCreditCode('12345')).toEqual({ ok: false, reason: CREDIT_CODE_REASONS.length });
    expect(validateCreditCode('9111000060003IOZSV')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('非法字符“I”'),
    });
    expect(validateCreditCode('91110000600037341𠀀')).toMatchObject({ ok: false }); // 19 UTF-16 units
    expect(validateCreditCode('9111000060003734中L')).toMatchObject({ ok: false, reason: expect.stringContaining('非法字符“中”') });
    expect(validateCreditCode('91110000600037341N')).toEqual({ ok: false, reason: CREDIT_CODE_REASONS.check });
    const noType = `94110000600037341`;
    expect(validateCreditCode(noType + creditCodeCheckChar(noType))).toEqual({ ok: false, reason: CREDIT_CODE_REASONS.orgType });
    const noAuthority = `B1110000600037341`;
    expect(validateCreditCode(noAuthority + creditCodeCheckChar(noAuthority))).toEqual({ ok: false, reason: CREDIT_CODE_REASONS.authority });
    const badRegion = `91990000600037341`;
    expect(validateCreditCode(badRegion + creditCodeCheckChar(badRegion))).toEqual({ ok: false, reason: CREDIT_CODE_REASONS.region });
    const letterRegion = `9137A300600037341`;
    expect(validateCreditCode(letterRegion + creditCodeCheckChar(letterRegion))).toEqual({ ok: false, reason: CREDIT_CODE_REASONS.region });
  });

  it('accepts national-level registrations (region 100000) and development-zone codes off the GB/T 2260 list', () => {
    const body = '11100000000013127'; // 国务院办公厅-style central code
    expect(validateCreditCode(body + creditCodeCheckChar(body)).ok).toBe(true);
    const park = '91320594MA1MXXXX0'; // 苏州工业园区 registers under 320594
    expect(validateCreditCode(park + creditCodeCheckChar(park)).ok).toBe(true);
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
