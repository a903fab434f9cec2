import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/principal.js';
import type { PlanItem } from '../../../platform/masking/plan.js';
import type { Resource } from '../../catalog/schema.js';
import type { MountRow } from '../store.js';
import { decideAccess, type GrantView } from './decision.js';

// The one policy over mounted rows, case by case: provider, overseer, grant holder, stranger.

const PROVIDER = 'd-gaj';
const CONSUMER = 'd-mzj';
const user = (departmentId: string | null, ...roles: Principal['roles'][number][]): Principal => ({
  kind: 'user',
  userId: 'u',
  username: 'u',
  departmentId,
  roles,
});
const entry = (shareType: Resource['shareType']) => ({ id: 'r', name: '人口', providerDepartmentId: PROVIDER, shareType }) as Resource;
const col = (n: number, item: string, key = false) => ({ item, column: `c${n}`, type: 'string' as const, length: null, dataElement: null, key });
const mount = { id: 'm', table: { columns: [col(1, '姓名'), col(2, '公民身份号码', true), col(3, '区县')], rejectThreshold: 0 } } as MountRow;
const elementMasks: PlanItem[] = [
  { name: '姓名', rule: 'name' },
  { name: '公民身份号码', rule: 'citizen-id', identifies: 'citizen-id' },
  { name: '区县', rule: 'none' },
];
const grant: GrantView = {
  id: 'g',
  consumerDepartmentId: CONSUMER,
  purpose: '核验',
  items: ['姓名', '公民身份号码'],
  unmasked: ['姓名'],
  rowFilter: { field: '区县', op: 'eq', value: '张店区' },
};

describe('decideAccess', () => {
  it('gives the provider every column unmasked and the bureau every column masked, neither logged as a share call', () => {
    const own = decideAccess(user(PROVIDER, 'dept_user'), entry('none'), mount, null, elementMasks);
    expect([...own.masks.values()]).toEqual(['none', 'none', 'none']);
    expect(own).toMatchObject({ rowFilter: null, log: null });
    const bureau = decideAccess(user('d-bureau', 'admin'), entry('none'), mount, null, elementMasks);
    expect(Object.fromEntries(bureau.masks)).toEqual({ 姓名: 'name', 公民身份号码: 'citizen-id', 区县: 'none' });
    expect(bureau.log).toBeNull();
  });

  it('gives a grant holder the grant’s items, filter and masks, logged under the grant — even a reader who could oversee', () => {
    for (const p of [user(CONSUMER, 'dept_user'), user(CONSUMER, 'admin')]) {
      const d = decideAccess(p, entry('conditional'), mount, grant, elementMasks);
      expect(d.columns.map((c) => c.item)).toEqual(['姓名', '公民身份号码']);
      expect(Object.fromEntries(d.masks)).toEqual({ 姓名: 'none', 公民身份号码: 'citizen-id' });
      expect(d.rowFilter).toEqual(grant.rowFilter);
      expect(d.log).toEqual({ grantId: 'g', consumerDepartmentId: CONSUMER, purpose: '核验' });
    }
  });

  it('refuses a stranger, another department’s grant, and any grant of a not-shared resource', () => {
    expect(() => decideAccess(user(CONSUMER, 'dept_user'), entry('conditional'), mount, null, elementMasks)).toThrow(/有效共享授权/);
    expect(() => decideAccess(user('d-rsj', 'dept_user'), entry('conditional'), mount, grant, elementMasks)).toThrow(/不属于本部门/);
    expect(() => decideAccess(user(CONSUMER, 'dept_user'), entry('none'), mount, grant, elementMasks)).toThrow(/不予共享/);
    expect(() => decideAccess(user(CONSUMER, 'dept_user'), entry('none'), mount, null, elementMasks)).toThrow(/不予共享/);
  });
});
