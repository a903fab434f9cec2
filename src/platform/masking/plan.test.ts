import { describe, expect, it } from 'vitest';
import { maskPlan, type PlanItem } from './plan.js';

const person: PlanItem[] = [
  { name: '姓名', rule: 'name' },
  { name: '公民身份号码', rule: 'citizen-id', identifies: 'citizen-id' },
  { name: '出生日期', rule: 'none', derivation: { from: 'citizen-id', masking: 'year' } },
  { name: '性别', rule: 'none', derivation: { from: 'citizen-id', masking: 'full' } },
  { name: '民族', rule: 'none' },
];
const plan = (items: PlanItem[], unmasked: string[] = []) => Object.fromEntries(maskPlan(items, new Set(unmasked)));

describe('maskPlan', () => {
  it('generalizes what an ID number gives away while the ID is masked', () => {
    expect(plan(person)).toEqual({ 姓名: 'name', 公民身份号码: 'citizen-id', 出生日期: 'year', 性别: 'full', 民族: 'none' });
  });

  it('keeps the birth date generalized when only the birth date is unmasked: the grant must unmask both', () => {
    expect(plan(person, ['出生日期'])).toMatchObject({ 公民身份号码: 'citizen-id', 出生日期: 'year' });
    expect(plan(person, ['出生日期', '公民身份号码'])).toMatchObject({ 公民身份号码: 'none', 出生日期: 'none', 性别: 'none' });
  });

  it('leaves a derivable item alone when the record holds no masked identifier of its kind', () => {
    const noId = person.filter((i) => i.name !== '公民身份号码');
    expect(plan(noId)).toMatchObject({ 出生日期: 'none', 性别: 'none' });
    const creditCode: PlanItem[] = [{ name: '统一社会信用代码', rule: 'credit-code', identifies: 'credit-code' }, ...noId];
    expect(plan(creditCode)).toMatchObject({ 出生日期: 'none' });
  });

  it('generalizes when any of two IDs is masked, and keeps a stricter own rule', () => {
    const two: PlanItem[] = [
      { name: '男方公民身份号码', rule: 'citizen-id', identifies: 'citizen-id' },
      { name: '女方公民身份号码', rule: 'citizen-id', identifies: 'citizen-id' },
      { name: '出生日期', rule: 'full', derivation: { from: 'citizen-id', masking: 'year' } },
      { name: '登记日期', rule: 'none', derivation: { from: 'citizen-id', masking: 'year' } },
    ];
    expect(plan(two, ['男方公民身份号码', '出生日期'])).toMatchObject({ 男方公民身份号码: 'none', 出生日期: 'year', 登记日期: 'year' });
    expect(plan(two)).toMatchObject({ 出生日期: 'full' });
  });
});
