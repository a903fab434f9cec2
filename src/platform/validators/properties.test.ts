/**
 * Property tests for every named validator: a generated valid value — written the way it
 * arrives in real files (full-width, spaced, lower-case, with a country prefix…) — passes and
 * normalizes to the expected stored form, and validating that stored form gives it back
 * unchanged. For the two codes with a check character, every single-character corruption of a
 * valid value fails; 15-digit IDs round-trip to their 18-digit form.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citizenIdCheckDigit, validateCitizenId } from './citizen-id.js';
import { CREDIT_CODE_CHARSET, CREDIT_CODE_ORG_TYPES, creditCodeCheckChar, validateCreditCode } from './credit-code.js';
import { allDivisionCodes } from './divisions.js';
import { type ValidatorName, validatorNames, validators } from './index.js';
import { citizenIdVectors, creditCodeVectors } from './testdata/vectors.js';

/** A valid value as it may arrive, and the form it must be stored in. */
interface Case {
  input: string;
  normalized: string;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** What a Chinese IME does to ASCII: U+0021–007E → U+FF01–FF5E. */
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const oneOf = <T>(values: readonly T[]) => fc.constantFrom(...values);
/** Dates as 'YYYY-MM-DD' (UTC calendar) between two ISO dates. */
const isoDate = (min: string, max: string) =>
  fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);

const allRegions = allDivisionCodes({ historical: true });
const provinces = [...new Set(allRegions.map((c) => c.slice(0, 2)))];

/** 18-digit IDs of every kind, with a birth date from 1800 to yesterday. */
const citizenId18 = fc
  .tuple(
    fc.oneof(
      { weight: 8, arbitrary: oneOf(allRegions) },
      { weight: 1, arbitrary: oneOf(['810000', '820000', '830000']) },
      { weight: 1, arbitrary: fc.tuple(oneOf(provinces.filter((p) => p !== '83')), digits(3)).map(([p, n]) => `9${p}${n}`) },
    ),
    isoDate('1800-01-01', yesterday),
    digits(3),
  )
  .map(([region, ymd, seq]) => {
    const body = `${region}${ymd.replaceAll('-', '')}${seq}`;
    return body + citizenIdCheckDigit(body);
  });

const citizenIdCase: fc.Arbitrary<Case> = fc.tuple(citizenId18, fc.integer({ min: 0, max: 4 })).map(([id, how]) => {
  const input = [
    id,
    id.toLowerCase(),
    `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`,
    fullWidth(id.toLowerCase()),
    ` ${id.slice(0, 6)}-${id.slice(6)}\t`,
  ][how];
  return { input, normalized: id };
});

const creditCode18 = fc
  .tuple(
    oneOf(Object.entries(CREDIT_CODE_ORG_TYPES).flatMap(([authority, types]) => [...types].map((t) => authority + t))),
    fc.oneof({ weight: 9, arbitrary: oneOf(allRegions) }, { weight: 1, arbitrary: fc.constant('100000') }),
    fc.array(oneOf([...CREDIT_CODE_CHARSET]), { minLength: 9, maxLength: 9 }),
  )
  .map(([at, region, id]) => {
    const body = `${at}${region}${id.join('')}`;
    return body + creditCodeCheckChar(body);
  });

const creditCodeCase: fc.Arbitrary<Case> = fc.tuple(creditCode18, fc.integer({ min: 0, max: 3 })).map(([code, how]) => ({
  input: [code, code.toLowerCase(), `${code.slice(0, 2)} ${code.slice(2, 8)} ${code.slice(8)}`, fullWidth(code)][how],
  normalized: code,
}));

const mobileNumber = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).map(([second, rest]) => `1${second}${rest}`);
const mobileCase: fc.Arbitrary<Case> = fc.tuple(mobileNumber, fc.integer({ min: 0, max: 6 })).map(([n, how]) => ({
  input: [n, `+86 ${n}`, `0086${n}`, `86${n}`, `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`, fullWidth(n), ` +86 ${n.slice(0, 3)} ${n.slice(3)} `][how],
  normalized: n,
}));

const areaCode = fc.oneof(
  fc.constant('010'),
  fc.integer({ min: 0, max: 9 }).map((d) => `02${d}`),
  fc.tuple(fc.integer({ min: 3, max: 9 }), digits(2)).map(([d, rest]) => `0${d}${rest}`),
);
const landlineCase: fc.Arbitrary<Case> = fc
  .record({
    area: areaCode,
    local: fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 6, max: 7 }).chain(digits)).map(([first, rest]) => `${first}${rest}`),
    ext: fc.option(fc.integer({ min: 1, max: 6 }).chain(digits), { nil: undefined }),
    shape: fc.integer({ min: 0, max: 5 }),
    extShape: oneOf(['-', '转', '#', 'ext.', 'EXT']),
  })
  .map(({ area, local, ext, shape, extShape }) => {
    const main = [`${area}-${local}`, `(${area})${local}`, `${area}${local}`, `${area} ${local}`, `（${area}）${local}`, fullWidth(`${area}-${local}`)][shape];
    return { input: ext ? `${main}${extShape}${ext}` : main, normalized: `${area}-${local}${ext ? `-${ext}` : ''}` };
  });
const hotlineCase: fc.Arbitrary<Case> = fc
  .oneof(
    digits(2).map((d) => `1${d}`),
    digits(4).map((d) => `1${d}`),
    digits(4).map((d) => `9${d}`),
  )
  .map((n) => ({ input: n, normalized: n }));
const serviceCase: fc.Arbitrary<Case> = fc.tuple(oneOf(['400', '800']), digits(3), digits(4), fc.integer({ min: 0, max: 2 })).map(([p, a, b, how]) => ({
  input: [`${p}${a}${b}`, `${p}-${a}-${b}`, `${p} ${a} ${b}`][how],
  normalized: `${p}-${a}-${b}`,
}));
const phoneCase = fc.oneof(mobileCase, landlineCase, hotlineCase, serviceCase);

const dateCase: fc.Arbitrary<Case> = fc.tuple(isoDate('0001-01-01', '9999-12-31'), fc.integer({ min: 0, max: 7 })).map(([iso, how]) => {
  const [y, m, d] = iso.split('-');
  const [mn, dn] = [Number(m), Number(d)];
  const input = [iso, `${y}/${mn}/${dn}`, `${y}.${mn}.${dn}`, `${y}${m}${d}`, `${y}年${mn}月${dn}日`, `${iso} 00:00:00`, fullWidth(iso), ` ${iso} `][how];
  return { input, normalized: iso };
});

/** The stored fraction: 6 digits, 3 when whole milliseconds, none when zero. */
const storedFraction = (frac: string) => {
  const f = frac.padEnd(6, '0');
  return f === '000000' ? '' : f.endsWith('000') ? `.${f.slice(0, 3)}` : `.${f}`;
};
const datetimeCase: fc.Arbitrary<Case> = fc
  .record({
    date: isoDate('1000-01-01', '9999-12-31'),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    frac: fc.integer({ min: 0, max: 6 }).chain(digits),
    sep: oneOf(['T', ' ']),
  })
  .map(({ date, h, mi, s, frac, sep }) => {
    const time = `${pad(h, 2)}:${pad(mi, 2)}`;
    const input = `${date}${sep}${time}${s === 0 && frac === '' ? '' : `:${pad(s, 2)}${frac ? `.${frac}` : ''}`}`;
    return { input, normalized: `${date} ${time}:${pad(s, 2)}${storedFraction(frac)}` };
  });
/** With an offset: from 1992 Shanghai is UTC+8 all year, so the expected wall time is plain arithmetic. */
const datetimeOffsetCase: fc.Arbitrary<Case> = fc
  .record({
    instant: fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
    micro: fc.integer({ min: 0, max: 999 }),
    offset: fc.integer({ min: -12 * 60, max: 14 * 60 }),
  })
  .map(({ instant, micro, offset }) => {
    const local = new Date(instant.getTime() + offset * 60_000).toISOString(); // wall time at the offset
    const sign = offset < 0 ? '-' : '+';
    const zone = offset === 0 ? 'Z' : `${sign}${pad(Math.floor(Math.abs(offset) / 60), 2)}:${pad(Math.abs(offset) % 60, 2)}`;
    const frac = `${local.slice(20, 23)}${pad(micro, 3)}`;
    const shanghai = new Date(instant.getTime() + 8 * 3_600_000).toISOString();
    return {
      input: `${local.slice(0, 19)}.${frac}${zone}`,
      normalized: `${shanghai.slice(0, 10)} ${shanghai.slice(11, 19)}${storedFraction(frac)}`,
    };
  });

const postcodeCase: fc.Arbitrary<Case> = fc
  .tuple(digits(6), fc.integer({ min: 0, max: 2 }))
  .map(([p, how]) => ({ input: [p, ` ${p} `, fullWidth(p)][how], normalized: p }));

const adminDivisionCase: fc.Arbitrary<Case> = fc
  .tuple(oneOf(allRegions), fc.integer({ min: 0, max: 2 }))
  .map(([c, how]) => ({ input: [c, ` ${c}\t`, fullWidth(c)][how], normalized: c }));

const alnum = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
const word = (chars: string[], max: number) => fc.array(oneOf(chars), { minLength: 1, maxLength: max }).map((a) => a.join(''));
const emailCase: fc.Arbitrary<Case> = fc
  .record({
    local: fc.array(word([...alnum, '_', '+', '-', '%'], 8), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.')),
    labels: fc.array(
      fc.oneof(
        word(alnum, 10),
        fc.tuple(word(alnum, 5), word(alnum, 5)).map(([a, b]) => `${a}-${b}`),
        oneOf(['例子', '淄博']),
      ),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    tld: fc.oneof(
      word([...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'], 6).filter((t) => t.length >= 2),
      oneOf(['中国', '公司']),
    ),
    how: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ local, labels, tld, how }) => {
    const address = `${local}@${[...labels, tld].join('.')}`;
    const normalized = `${local}@${[...labels, tld].join('.').toLowerCase()}`;
    return { input: [address, ` ${address} `, fullWidth(address)][how], normalized };
  });

const cases: Record<ValidatorName, fc.Arbitrary<Case>> = {
  'citizen-id': citizenIdCase,
  'credit-code': creditCodeCase,
  mobile: mobileCase,
  phone: phoneCase,
  date: dateCase,
  datetime: fc.oneof(datetimeCase, datetimeOffsetCase),
  postcode: postcodeCase,
  'admin-division': adminDivisionCase,
  email: emailCase,
};

describe('every validator, on generated valid values', () => {
  it('has a generator for every validator name', () => {
    expect(Object.keys(cases).sort()).toEqual([...validatorNames].sort());
  });

  for (const name of validatorNames) {
    it(`${name}: passes, normalizes to the stored form, and the stored form validates to itself`, () => {
      fc.assert(
        fc.property(cases[name], ({ input, normalized }) => {
          const r = validators[name](input);
          expect(r, `${name}(${JSON.stringify(input)})`).toEqual({ ok: true, normalized });
          expect(validators[name](normalized)).toEqual({ ok: true, normalized });
        }),
        { numRuns: 1000 },
      );
    });
  }
});

/** Every string that differs from `s` in exactly one position, using only `alphabet`. */
function corruptions(s: string, alphabet: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    for (const c of alphabet) if (c !== s[i]) out.push(s.slice(0, i) + c + s.slice(i + 1));
  }
  return out;
}

describe('single-character corruptions of a check-character field', () => {
  it('citizen-id: every one fails (generated numbers)', () => {
    fc.assert(
      fc.property(citizenId18, (id) => {
        expect(validateCitizenId(id).ok).toBe(true);
        for (const bad of corruptions(id, '0123456789X')) expect(validateCitizenId(bad).ok, bad).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('citizen-id: every one fails (the real vectors)', () => {
    const valid = citizenIdVectors.map((v) => validateCitizenId(v.value)).filter((r) => r.ok);
    expect(valid.length).toBeGreaterThan(15);
    for (const r of valid) for (const bad of corruptions(r.normalized, '0123456789X')) expect(validateCitizenId(bad).ok, bad).toBe(false);
  });

  it('credit-code: every one fails (generated codes)', () => {
    fc.assert(
      fc.property(creditCode18, (code) => {
        expect(validateCreditCode(code).ok).toBe(true);
        for (const bad of corruptions(code, CREDIT_CODE_CHARSET)) expect(validateCreditCode(bad).ok, bad).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('credit-code: every one fails (the real vectors)', () => {
    const valid = creditCodeVectors.filter((v) => v.expected_valid).map((v) => validateCreditCode(v.value));
    expect(valid.length).toBeGreaterThan(200);
    for (const r of valid) {
      expect(r.ok).toBe(true);
      if (r.ok) for (const bad of corruptions(r.normalized, CREDIT_CODE_CHARSET)) expect(validateCreditCode(bad).ok, bad).toBe(false);
    }
  });
});

describe('15-digit citizen IDs', () => {
  const residents = allRegions.filter((c) => c !== '810000' && c !== '820000');
  const born19xx = fc.tuple(oneOf(residents), isoDate('1900-01-01', '1999-12-31'), digits(3)).map(([region, ymd, seq]) => {
    const body = `${region}${ymd.replaceAll('-', '')}${seq}`;
    return body + citizenIdCheckDigit(body);
  });

  it('an 18-digit ID born 1900–1999, without its "19" and check character, converts back to itself', () => {
    fc.assert(
      fc.property(born19xx, (id18) => {
        const id15 = id18.slice(0, 6) + id18.slice(8, 17);
        const r = validateCitizenId(id15);
        expect(r).toMatchObject({ ok: true, normalized: id18, converted: true });
        expect(validateCitizenId(id18)).toEqual({ ...r, converted: false });
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips the real pair from the vectors', () => {
    expect(validateCitizenId('150102880730303')).toMatchObject({ ok: true, normalized: '150102198807303035', converted: true });
  });
});
