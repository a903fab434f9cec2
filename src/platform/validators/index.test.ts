import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ValidatorName, validatorNames, validators } from './index.js';

const ok = (name: ValidatorName, input: string, normalized: string) => expect(validators[name](input), `${name}(${input})`).toEqual({ ok: true, normalized });
const bad = (name: ValidatorName, input: string) =>
  expect(validators[name](input), `${name}(${input})`).toMatchObject({
    ok: false,
    reason: expect.any(String),
  });

describe('validator registry', () => {
  it('has one validator per name, and the names work with z.enum', () => {
    expect(Object.keys(validators).sort()).toEqual([...validatorNames].sort());
    const schema = z.enum(validatorNames);
    expect(schema.parse('citizen-id')).toBe('citizen-id');
    expect(schema.safeParse('nope').success).toBe(false);
  });

  it('citizen-id and credit-code', () => {
    ok('citizen-id', '44011320141005001x', '44011320141005001X');
    bad('citizen-id', '44011320141005001');
    ok('credit-code', '91350100m000100y43', '91350100M000100Y43');
    bad('credit-code', '91350211M00013FA1N');
  });

  it('mobile', () => {
    ok('mobile', '13812345678', '13812345678');
    ok('mobile', '+86 138-1234-5678', '13812345678');
    ok('mobile', '１９９１２３４５６７８', '19912345678');
    bad('mobile', '12812345678');
    bad('mobile', '1381234567');
    bad('mobile', '138123456789');
  });

  it('phone', () => {
    ok('phone', '13812345678', '13812345678');
    ok('phone', '0533-1234567', '0533-1234567');
    ok('phone', '05331234567', '0533-1234567');
    ok('phone', '(0533)1234567', '0533-1234567');
    ok('phone', '010-12345678', '010-12345678');
    ok('phone', '02112345678', '021-12345678');
    ok('phone', '0533-1234567-801', '0533-1234567-801');
    ok('phone', '0533-1234567转801', '0533-1234567-801');
    ok('phone', '12345', '12345');
    ok('phone', '400-123-4567', '400-123-4567');
    ok('phone', '（0533）1234567', '0533-1234567');
    ok('phone', '０５３３－１２３４５６７', '0533-1234567');
    ok('phone', '8613812345678', '13812345678');
    bad('phone', '0111234567'); // 011–019 are not area codes
    bad('phone', '1234567'); // no area code
    bad('phone', '0533-0234567');
    bad('phone', 'abc');
  });

  it('date', () => {
    ok('date', '2024-02-29', '2024-02-29');
    ok('date', '2024/2/9', '2024-02-09');
    ok('date', '20240229', '2024-02-29');
    ok('date', '2024年2月9日', '2024-02-09');
    ok('date', '2024.2.9', '2024-02-09');
    ok('date', '２０２４－０２－０９', '2024-02-09');
    ok('date', ' 2024-02-09 ', '2024-02-09');
    ok('date', '2024 年 2 月 9 日', '2024-02-09');
    ok('date', '2024-02-09 00:00:00', '2024-02-09'); // how Excel exports render a date
    ok('date', '2024/2/9 00:00', '2024-02-09');
    bad('date', '2024-02-09 08:30:00'); // a time of day is not a date: dropping it would lose data
    bad('date', '2024.02-09');
    bad('date', '2023-02-29');
    bad('date', '2024-00-10');
    bad('date', '0000-01-01');
    bad('date', '2024-13-01');
    bad('date', '2024-02/01');
    bad('date', '24-02-01');
  });

  it('datetime', () => {
    ok('datetime', '2024-02-29 08:30:00', '2024-02-29 08:30:00');
    ok('datetime', '2024-02-29T08:30', '2024-02-29 08:30:00');
    ok('datetime', '2024-02-29T08:30:00.123', '2024-02-29 08:30:00.123');
    ok('datetime', '2024-02-29T00:30:00Z', '2024-02-29 08:30:00');
    ok('datetime', '2024-02-29T23:30:00.5Z', '2024-03-01 07:30:00.500');
    ok('datetime', '2024-02-29T08:30:00+08:00', '2024-02-29 08:30:00');
    ok('datetime', '2024-02-29T08:30:00.000', '2024-02-29 08:30:00'); // one stored form per instant
    ok('datetime', '2024-02-29T08:30:00.5', '2024-02-29 08:30:00.500');
    ok('datetime', '2024-02-29T08:30:00.120000', '2024-02-29 08:30:00.120');
    ok('datetime', '2024-02-29T08:30:00.123456', '2024-02-29 08:30:00.123456');
    ok('datetime', '2024-02-29T00:30:00.123456Z', '2024-02-29 08:30:00.123456');
    ok('datetime', '2024-02-29T08:30:00.000+08:00', '2024-02-29 08:30:00');
    ok('datetime', '0050-01-01T00:00:00Z', '0050-01-01 08:05:43'); // year 50 stays 50 (not 1950); Shanghai was on LMT +08:05:43 before 1901
    bad('datetime', '2024-02-29T08:30:00+15:00');
    bad('datetime', '9999-12-31T23:00:00Z'); // already year 10000 in Shanghai
    bad('datetime', '0001-01-01T00:00:00+14:00'); // still year 0 in Shanghai
    bad('datetime', '2024-02-30 08:30:00');
    bad('datetime', '2024-02-29 24:00:00');
    bad('datetime', '2024-02-29');
  });

  it('postcode, admin-division', () => {
    ok('postcode', '255000', '255000');
    bad('postcode', '25500');
    ok('admin-division', '370303', '370303');
    ok('admin-division', '１１０１０３', '110103'); // 崇文区, abolished in 2010: historical records keep it
    ok('admin-division', '370000', '370000');
    bad('admin-division', '990303');
    bad('admin-division', '370399'); // a real province and city, but no such county
    bad('admin-division', '440301'); // 市辖区 placeholders are accepted in ID numbers only
    bad('admin-division', '37030');
  });

  it('email', () => {
    ok('email', 'Zhang.San@Zibo.GOV.cn', 'Zhang.San@zibo.gov.cn');
    ok('email', '张三@例子.中国', '张三@例子.中国');
    bad('email', 'zhangsan');
    bad('email', 'zhang san@zibo.gov.cn');
    bad('email', 'zhangsan@localhost');
    bad('email', '.zhangsan@zibo.gov.cn');
  });

  it('never throws, and a normalized value validates to itself', () => {
    fc.assert(
      fc.property(fc.constantFrom(...validatorNames), fc.string({ unit: 'binary', maxLength: 30 }), (name, s) => {
        const r = validators[name](s);
        if (r.ok) expect(validators[name](r.normalized)).toEqual(r);
      }),
      { numRuns: 2000 },
    );
  });
});
