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
    bad('phone', '1234567'); // no area code
    bad('phone', '0533-0234567');
    bad('phone', 'abc');
  });

  it('date', () => {
    ok('date', '2024-02-29', '2024-02-29');
    ok('date', '2024/2/9', '2024-02-09');
    ok('date', '20240229', '2024-02-29');
    ok('date', '2024年2月9日', '2024-02-09');
    bad('date', '2023-02-29');
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
    bad('datetime', '2024-02-30 08:30:00');
    bad('datetime', '2024-02-29 24:00:00');
    bad('datetime', '2024-02-29');
  });

  it('postcode, admin-division', () => {
    ok('postcode', '255000', '255000');
    bad('postcode', '25500');
    ok('admin-division', '370303', '370303');
    bad('admin-division', '990303');
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
