import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citizenIdCheckDigit, validateCitizenId } from './citizen-id.js';
import { PROVINCE_CODES } from './common.js';

interface Vector {
  value: string;
  expected_valid: boolean | null;
  reason: string;
  check_digit_ok: boolean | null;
}
const vectors: Vector[] = JSON.parse(
  readFileSync(new URL('../../../../shared/reference/id-vectors/gb11643_citizen_id_vectors.json', import.meta.url), 'utf8'),
).vectors;

describe('validateCitizenId against the GB 11643 vectors', () => {
  it('has the vectors', () => expect(vectors.length).toBeGreaterThan(20));

  for (const v of vectors) {
    it(`${v.value} (${v.reason})`, () => {
      const r = validateCitizenId(v.value);
      if (v.value.length === 15) {
        // First-generation 15-digit numbers stopped being valid in 2013; the platform stores 18.
        expect(r).toEqual({ ok: false, reason: '长度应为18位' });
      } else if (v.expected_valid === null) {
        // Only a historical-division check (which county existed in which year) rejects these.
        expect(r.ok).toBe(true);
      } else {
        expect(r.ok, JSON.stringify(r)).toBe(v.expected_valid);
      }
      if (v.check_digit_ok !== null && /^\d{17}/.test(v.value)) {
        expect(citizenIdCheckDigit(v.value.slice(0, 17)) === v.value[17].toUpperCase()).toBe(v.check_digit_ok);
      }
    });
  }
});

describe('validateCitizenId', () => {
  it('decodes the GB 11643 example', () => {
    expect(validateCitizenId('11010519491231002X')).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode: '110105',
      kind: 'resident',
    });
    const male = validateCitizenId('440524188001010014');
    expect(male.ok && male.sex).toBe('male');
  });

  it('normalizes lowercase x, full-width digits and separators', () => {
    for (const s of ['44011320141005001x', ' 440113 20141005 001X ', '４４０１１３２０１４１００５００１ｘ', '440113-20141005-001X']) {
      const r = validateCitizenId(s);
      expect(r.ok && r.normalized).toBe('44011320141005001X');
    }
  });

  it('gives the reason in Chinese', () => {
    expect(validateCitizenId('')).toEqual({ ok: false, reason: '长度应为18位' });
    expect(validateCitizenId('11010519491231002')).toEqual({ ok: false, reason: '长度应为18位' });
    expect(validateCitizenId('11010519491231001X')).toEqual({ ok: false, reason: '校验码错误' });
    expect(validateCitizenId('110105194902300021')).toMatchObject({ ok: false, reason: '出生日期无效' });
    expect(validateCitizenId('3301022011022000D6')).toMatchObject({ ok: false });
    expect(validateCitizenId('990426199112010074')).toEqual({ ok: false, reason: '地址码无效' });
    expect(validateCitizenId('160426199112010074')).toEqual({ ok: false, reason: '地址码无效' });
  });

  it('rejects a birth date after today (Asia/Shanghai)', () => {
    const body = '37030220200102001';
    const id = body + citizenIdCheckDigit(body);
    expect(validateCitizenId(id, new Date('2020-01-02T00:00:00+08:00')).ok).toBe(true);
    expect(validateCitizenId(id, new Date('2020-01-01T23:59:59+08:00'))).toMatchObject({ ok: false });
    // 2020-01-01T16:30Z is already 2020-01-02 in Shanghai.
    expect(validateCitizenId(id, new Date('2020-01-01T16:30:00Z')).ok).toBe(true);
  });

  it('handles 29 February', () => {
    const ok = '37030220000229001';
    expect(validateCitizenId(ok + citizenIdCheckDigit(ok)).ok).toBe(true);
    const bad = '37030219000229001'; // 1900 is not a leap year
    expect(validateCitizenId(bad + citizenIdCheckDigit(bad))).toMatchObject({
      ok: false,
      reason: '出生日期无效',
    });
  });

  it('citizenIdCheckDigit refuses non-digits', () => {
    expect(() => citizenIdCheckDigit('1234')).toThrow(RangeError);
  });
});

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** 17 digits: a real province, any county digits, a birth date between 1900 and today, a sequence. */
const first17 = fc
  .record({
    province: fc.constantFrom(...[...PROVINCE_CODES]),
    county: fc.integer({ min: 0, max: 9999 }),
    birth: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date(Date.now() - 86_400_000),
      noInvalidDate: true,
    }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, county, birth, seq }) => {
    const ymd = birth.toISOString().slice(0, 10);
    return { body: `${province}${pad(county, 4)}${ymd.replaceAll('-', '')}${pad(seq, 3)}`, ymd, seq };
  });

describe('validateCitizenId properties', () => {
  it('17 valid digits plus the computed check digit always validate', () => {
    fc.assert(
      fc.property(first17, ({ body, ymd, seq }) => {
        const r = validateCitizenId(body + citizenIdCheckDigit(body));
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.birthDate).toBe(ymd);
          expect(r.sex).toBe(seq % 2 === 1 ? 'male' : 'female');
        }
      }),
    );
  });

  it('changing any single character of a valid number makes it invalid', () => {
    const replacement = fc.constantFrom(...'0123456789XxAZ*中', '𠀀');
    fc.assert(
      fc.property(first17, fc.integer({ min: 0, max: 17 }), replacement, ({ body }, pos, c) => {
        const id = body + citizenIdCheckDigit(body);
        fc.pre(c.toUpperCase() !== id[pos]);
        const mutated = id.slice(0, pos) + c + id.slice(pos + 1);
        expect(validateCitizenId(mutated).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
