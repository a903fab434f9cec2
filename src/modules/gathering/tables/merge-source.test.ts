import { describe, expect, it } from 'vitest';
import { systemPrincipal } from '../../../platform/auth/principal.js';
import type { PlanItem } from '../../../platform/masking/plan.js';
import type { Resource } from '../../catalog/schema.js';
import type { MountRow } from '../store.js';
import { decideAccess } from './decision.js';
import { type NewRowsOf, newRowsCountSql, newRowsSql } from './merge-source.js';

// A base's merge reads a mount table whole and unmasked: only on the platform's own decision.
// The bureau oversees the same rows masked, and a grant holder reads some of them: neither may feed a merge.

const entry = { id: 'r', name: '人口', providerDepartmentId: 'd-gaj', shareType: 'conditional' } as Resource;
const col = (n: number, item: string, key = false) => ({ item, column: `c${n}`, type: 'string' as const, length: null, dataElement: null, key });
const [name, id] = [col(1, '姓名'), col(2, '公民身份号码', true)];
const mount = { id: 'm', currentTable: 'mount_data_7_v3', table: { columns: [name, id], rejectThreshold: 0 } } as MountRow;
const masking: PlanItem[] = [
  { name: '姓名', rule: 'name' },
  { name: '公民身份号码', rule: 'citizen-id', identifies: 'citizen-id' },
];
const source: NewRowsOf = { key: id, values: [{ column: name, as: 'i_name', cast: 'text' }], keyPattern: '^[0-9]{17}[0-9X]$', dedupe: true };

describe('the rows a merge reads', () => {
  it('are read on the platform’s decision: the new rows of the current table, one per key', () => {
    const d = decideAccess(systemPrincipal('bases.merge'), entry, mount, null, masking);
    const sql = newRowsSql(d, source);
    expect(sql).toContain('FROM "mount_data_7_v3" s');
    expect(sql).toContain('DISTINCT ON (s.c2)');
    expect(sql).toContain('s.c1::text AS i_name');
    expect(newRowsCountSql(d, source)).toContain('s._run > $1::bigint AND s._run <= $2::bigint');
  });

  it('refuses a decision that masks or filters, and a value that is not a plain name', () => {
    const bureau = decideAccess({ kind: 'user', userId: 'u', username: 'u', departmentId: 'd-bureau', roles: ['admin'] }, entry, mount, null, masking);
    expect(() => newRowsSql(bureau, source)).toThrow(/unmasked/);
    const granted = decideAccess(
      { kind: 'user', userId: 'u', username: 'u', departmentId: 'd-mzj', roles: ['dept_user'] },
      entry,
      mount,
      {
        id: 'g',
        consumerDepartmentId: 'd-mzj',
        purpose: '核验',
        items: ['姓名', '公民身份号码'],
        unmasked: ['姓名', '公民身份号码'],
        rowFilter: null,
      },
      masking,
    );
    expect(() => newRowsSql(granted, source)).toThrow(/whole table/);
    const d = decideAccess(systemPrincipal('bases.merge'), entry, mount, null, masking);
    expect(() => newRowsSql(d, { ...source, values: [{ column: name, as: 'i_name; DROP TABLE x', cast: 'text' }] })).toThrow(/not a merge value/);
  });
});
