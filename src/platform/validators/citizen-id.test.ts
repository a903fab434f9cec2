import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CITIZEN_ID_REASONS, citizenIdCheckDigit, validateCitizenId } from './citizen-id.js';
import { allDivisionCodes } from './divisions.js';
import { citizenIdVectors as vectors } from './testdata/vectors.js';

/** 15-digit vectors the sources say convert, and to what. */
const CONVERTED: Record<string, string> = {
  '150102880730303': '150102198807303035',
  '330102200403064': '33010219200403064X',
};

/**
 * The vectors whose source only fails them on a year-exact division check (expected_valid null).
 * The platform accepts any code that was ever in force: an ID keeps the code of the place where
 * it was first issued, which for people born before 1984 is later than their birth.
 */
const HISTORICAL: Record<string, boolean> = {
  '110111198012010078': true, // 房山区 from 1986, born 1980: fine, issued after 1986
  '110201199312010077': false, // 110201 is on no GB/T 2260 list since 1980
};

describe('validateCitizenId against the GB 11643 vectors', () => {
  it('has the vectors', () => expect(vectors.length).toBeGreaterThan(20));

  for (const v of vectors) {
    it(`${v.value} (${v.reason})`, () => {
      const r = validateCitizenId(v.value);
      if (v.value.length === 15) {
        expect(r.ok, JSON.stringify(r)).toBe(v.expected_valid);
        if (r.ok) expect(r).toMatchObject({ normalized: CONVERTED[v.value], converted: true });
      } else if (v.expected_valid === null) {
        expect(r.ok, JSON.stringify(r)).toBe(HISTORICAL[v.value]);
      } else {
        expect(r.ok, JSON.stringify(r)).toBe(v.expected_valid);
        if (r.ok) expect(r.converted).toBe(false);
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
      converted: false,
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

  it('converts 15-digit first-generation numbers (born 19YY) to 18 digits', () => {
    expect(validateCitizenId('370302560101001')).toEqual({
      ok: true,
      normalized: '370302195601010016',
      birthDate: '1956-01-01',
      sex: 'male',
      regionCode: '370302',
      kind: 'resident',
      converted: true,
    });
    expect(validateCitizenId('３７０３０２ ５６０１０１ ００２')).toMatchObject({ ok: true, normalized: '370302195601010024', sex: 'female' });
    expect(validateCitizenId('370302560230001')).toEqual({ ok: false, reason: CITIZEN_ID_REASONS.date15 });
    expect(validateCitizenId('990302560101001')).toEqual({ ok: false, reason: CITIZEN_ID_REASONS.region });
    expect(validateCitizenId('810000560101001')).toEqual({ ok: false, reason: CITIZEN_ID_REASONS.region }); // permits are 18-digit only
    expect(validateCitizenId('37030256010100X')).toEqual({ ok: false, reason: CITIZEN_ID_REASONS.format15 });
  });

  it('checks the address code against every code in force since 1980', () => {
    const id = (body: string) => body + citizenIdCheckDigit(body);
    expect(validateCitizenId(id('37030319900101001')).ok).toBe(true); // 张店区, current
    expect(validateCitizenId(id('11010319800101001')).ok).toBe(true); // 崇文区, abolished 2010
    expect(validateCitizenId(id('12011019800101001')).ok).toBe(true); // 东郊区 until 1992, now 东丽区
    expect(validateCitizenId(id('37039919900101001'))).toEqual({ ok: false, reason: CITIZEN_ID_REASONS.region }); // valid province, no such county
    // The 市辖区 entries of older GB/T 2260 editions, used on IDs (Shenzhen's 440301).
    expect(validateCitizenId(id('44030119800101001')).ok).toBe(true);
    expect(validateCitizenId(id('54210119800101001'))).toEqual({ ok: false, reason: CITIZEN_ID_REASONS.region }); // 昌都地区: a 地区 had no 市辖区
  });

  it('tells the kinds apart', () => {
    const kind = (body: string) => {
      const r = validateCitizenId(body + citizenIdCheckDigit(body));
      return r.ok ? r.kind : r.reason;
    };
    expect(kind('37030319900101001')).toBe('resident');
    expect(kind('81000019980902013')).toBe('hk-mo-tw-permit');
    expect(kind('82000020000910003')).toBe('hk-mo-tw-permit');
    expect(kind('83000020020906006')).toBe('hk-mo-tw-permit');
    expect(kind('93715619850101001')).toBe('foreign-permanent');
    expect(kind('99915619850101001')).toBe(CITIZEN_ID_REASONS.region);
  });

  it('gives the reason in Chinese', () => {
    expect(validateCitizenId('')).toEqual({ ok: false, reason: CITIZEN_ID_REASONS.length });
    expect(validateCitizenId('11010519491231002')).toEqual({ ok: false, reason: CITIZEN_ID_REASONS.length });
    expect(validateCitizenId('11010519491231001X')).toEqual({ ok: false, reason: CITIZEN_ID_REASONS.check });
    expect(validateCitizenId('110105194902300021')).toEqual({ ok: false, reason: CITIZEN_ID_REASONS.date });
    expect(validateCitizenId('3301022011022000D6')).toEqual({ ok: false, reason: CITIZEN_ID_REASONS.format });
    expect(validateCitizenId('990426199112010074')).toEqual({ ok: false, reason: CITIZEN_ID_REASONS.region });
    expect(validateCitizenId('160426199112010074')).toEqual({ ok: false, reason: CITIZEN_ID_REASONS.region });
    const old = '37030317991231001';
    expect(validateCitizenId(old + citizenIdCheckDigit(old))).toEqual({ ok: false, reason: CITIZEN_ID_REASONS.tooOld });
    for (const reason of Object.values(CITIZEN_ID_REASONS)) expect(reason).toMatch(/[\u4e00-\u9fff]/);
  });

  it('rejects a birth date after today (Asia/Shanghai)', () => {
    const body = '37030220200102001';
    const id = body + citizenIdCheckDigit(body);
    expect(validateCitizenId(id, new Date('2020-01-02T00:00:00+08:00')).ok).toBe(true);
    expect(validateCitizenId(id, new Date('2020-01-01T23:59:59+08:00'))).toEqual({ ok: false, reason: CITIZEN_ID_REASONS.future });
    // 2020-01-01T16:30Z is already 2020-01-02 in Shanghai.
    expect(validateCitizenId(id, new Date('2020-01-01T16:30:00Z')).ok).toBe(true);
    expect(validateCitizenId(id, new Date('2020-01-01T15:59:59Z')).ok).toBe(false);
    expect(validateCitizenId(id).ok).toBe(true); // and the real today
  });

  it('handles 29 February', () => {
    const ok = '37030220000229001';
    expect(validateCitizenId(ok + citizenIdCheckDigit(ok)).ok).toBe(true);
    const bad = '37030219000229001'; // 1900 is not a leap year
    expect(validateCitizenId(bad + citizenIdCheckDigit(bad))).toEqual({ ok: false, reason: CITIZEN_ID_REASONS.date });
  });

  it('citizenIdCheckDigit refuses non-digits', () => {
    expect(() => citizenIdCheckDigit('1234')).toThrow(RangeError);
    expect(() => citizenIdCheckDigit('1234567890123456X')).toThrow(RangeError);
  });
});

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const regions = allDivisionCodes({ historical: true });

/** 17 digits: a code that was in force at some time, a birth date between 1900 and yesterday, a sequence. */
const first17 = fc
  .record({
    region: fc.constantFrom(...regions),
    birth: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date(Date.now() - 86_400_000),
      noInvalidDate: true,
    }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, birth, seq }) => {
    const ymd = birth.toISOString().slice(0, 10);
    return { body: `${region}${ymd.replaceAll('-', '')}${pad(seq, 3)}`, ymd, seq };
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
          expect(r.converted).toBe(false);
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
