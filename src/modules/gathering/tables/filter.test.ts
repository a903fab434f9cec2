import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, engines } from '../../../../test/platform.js';
import type { Db } from '../../../platform/db/db.js';
import { openPglite } from '../../../platform/db/pglite.js';
import { openPostgres } from '../../../platform/db/postgres.js';
import { InputError } from '../../../platform/errors.js';
import type { Column } from '../schema.js';
import { andFilters, checkFilter, compileFilter, filterItems, parseFilterParam, type RowFilter, RowFilterSchema } from './filter.js';

const col = (n: number, item: string, type: Column['type']): Column => ({ item, column: `c${n}`, type, length: null, dataElement: null, key: false });
const columns: Column[] = [
  col(1, '名称', 'string'),
  col(2, '人数', 'integer'),
  col(3, '金额', 'decimal'),
  col(4, '日期', 'date'),
  col(5, '有效', 'boolean'),
  col(6, '时间', 'datetime'),
  col(7, '照片', 'binary'),
];

/** The InputError a call throws, for asserting on its message and details. */
function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('checking a filter against the items', () => {
  it('names an unknown item, with the path to it', () => {
    const e = inputError(() =>
      checkFilter(
        {
          and: [
            { field: '名称', op: 'eq', value: 'a' },
            { field: '电话', op: 'eq', value: '1' },
          ],
        },
        columns,
      ),
    );
    expect(e.message).toBe('筛选条件中的信息项“电话”不存在');
    expect(e.details).toEqual([{ path: ['and', '1', 'field'], message: e.message }]);
  });

  it('refuses operators that do not suit the type', () => {
    expect(inputError(() => checkFilter({ field: '日期', op: 'prefix', value: '2026' }, columns)).message).toMatch(/日期.*不能用 prefix/);
    expect(inputError(() => checkFilter({ field: '有效', op: 'lt', value: true }, columns)).message).toMatch(/有效.*不能用 lt/);
    expect(inputError(() => checkFilter({ field: '照片', op: 'eq', value: 'x' }, columns)).message).toMatch(/照片.*isNull\/notNull/);
    expect(() => checkFilter({ field: '照片', op: 'notNull' }, columns)).not.toThrow();
  });

  it('refuses values that do not convert to the column type', () => {
    const bad: [string, unknown][] = [
      ['日期', '2026-02-30'],
      ['日期', '2026/01/05'],
      ['人数', 1.5],
      ['人数', 2 ** 53],
      ['人数', '12a'],
      ['金额', 'NaN'],
      ['金额', '1,5'],
      ['有效', 'yes'],
      ['时间', '2026-01-05 24:00:00'],
      ['名称', 5],
    ];
    for (const [field, value] of bad) {
      const e = inputError(() => checkFilter({ field, op: 'eq', value: value as string }, columns));
      expect(e.message).toContain(`“${field}”`);
      expect(e.message).toContain('无效');
    }
    expect(inputError(() => checkFilter({ field: '日期', op: 'eq', value: '2026-02-30' }, columns)).message).toContain('YYYY-MM-DD');
    const inList = inputError(() => checkFilter({ field: '人数', op: 'in', value: [1, 'x'] }, columns));
    expect(inList.details).toEqual([{ path: ['value', '1'], message: inList.message }]);
  });

  it('wants a value exactly where the operator takes one', () => {
    expect(inputError(() => checkFilter({ field: '名称', op: 'isNull', value: 'a' }, columns)).message).toContain('不带 value');
    expect(inputError(() => checkFilter({ field: '名称', op: 'eq' }, columns)).message).toContain('缺少 value');
    expect(inputError(() => checkFilter({ field: '名称', op: 'eq', value: null }, columns)).message).toContain('isNull');
    expect(inputError(() => checkFilter({ field: '名称', op: 'in', value: 'a' }, columns)).message).toContain('非空列表');
    expect(inputError(() => checkFilter({ field: '名称', op: 'in', value: [] }, columns)).message).toContain('非空列表');
    expect(inputError(() => checkFilter({ field: '名称', op: 'eq', value: ['a'] }, columns)).message).toContain('用 in');
  });

  it('lists every problem, the first as the message', () => {
    const e = inputError(() =>
      checkFilter(
        {
          or: [
            { field: 'x', op: 'eq', value: 1 },
            { field: '日期', op: 'gt', value: '2026-13-01' },
          ],
        },
        columns,
      ),
    );
    expect(e.details).toHaveLength(2);
    expect((e.details as { path: string[] }[])[1].path).toEqual(['or', '1', 'value']);
  });

  it('refuses an empty group that did not come through the schema', () => {
    expect(inputError(() => compileFilter({ and: [] }, columns, [])).message).toContain('至少包含一个条件');
  });
});

describe('parsing the query parameter', () => {
  const nest = (depth: number): RowFilter => (depth === 0 ? { field: '名称', op: 'notNull' } : { and: [nest(depth - 1)] });

  it('refuses bad JSON', () => {
    const e = inputError(() => parseFilterParam('{"field": "名称", '));
    expect(e.message).toContain('不是有效的 JSON');
  });

  it('follows the form the input chose when reporting a bad shape', () => {
    const e = inputError(() => parseFilterParam(JSON.stringify({ and: [{ field: '名称', op: 'like', value: 'a' }] })));
    expect(e.message).toMatch(/^筛选条件（and\.0\.op）：运算符应为/);
    expect(e.details).toEqual([{ path: ['and', '0', 'op'], message: expect.stringContaining('prefix') }]);
    expect(inputError(() => parseFilterParam('{"x": 1}')).message).toContain('{"and": [条件…]}');
    expect(inputError(() => parseFilterParam('{"field": "名称", "op": "eq", "value": "a", "sql": "1=1"}')).details).toEqual([
      { path: [], message: expect.stringContaining('sql') },
    ]);
    expect(inputError(() => parseFilterParam(JSON.stringify({ field: '名称', op: 'eq', value: 'x'.repeat(201) }))).message).toContain('最多200');
  });

  it('limits depth and the number of conditions', () => {
    expect(parseFilterParam(JSON.stringify(nest(5)))).toEqual(nest(5));
    expect(inputError(() => parseFilterParam(JSON.stringify(nest(6)))).message).toContain('嵌套过深');
    const many = (n: number) => ({ or: Array.from({ length: n }, (_, i) => ({ field: '人数', op: 'eq', value: i })) });
    expect(() => parseFilterParam(JSON.stringify(many(50)))).not.toThrow();
    expect(inputError(() => parseFilterParam(JSON.stringify(many(51)))).message).toContain('最多50个条件');
    expect(inputError(() => parseFilterParam(JSON.stringify({ field: '人数', op: 'in', value: Array.from({ length: 1001 }, (_, i) => i) }))).message).toContain(
      '最多1000',
    );
  });

  it('is one schema in the OpenAPI document, referring to itself', () => {
    const doc = z.toJSONSchema(z.object({ filter: RowFilterSchema })) as { properties: Record<string, unknown>; $defs: Record<string, unknown> };
    expect(doc.properties.filter).toEqual({ $ref: '#/$defs/RowFilter' });
    expect(JSON.stringify(doc.$defs)).toContain('"items":{"$ref":"#/$defs/RowFilter"}');
  });
});

describe('composing and compiling', () => {
  it('lists the items in order, once each', () => {
    const f: RowFilter = {
      or: [
        { field: '日期', op: 'isNull' },
        {
          and: [
            { field: '名称', op: 'eq', value: 'a' },
            { field: '日期', op: 'gt', value: '2026-01-01' },
          ],
        },
      ],
    };
    expect(filterItems(f)).toEqual(['日期', '名称']);
  });

  it('ANDs the grant with the caller, flattening top-level ANDs', () => {
    const a: RowFilter = { field: '名称', op: 'eq', value: 'a' };
    const b: RowFilter = {
      and: [
        { field: '人数', op: 'gt', value: 1 },
        { field: '人数', op: 'lt', value: 9 },
      ],
    };
    expect(andFilters()).toBeNull();
    expect(andFilters(null, undefined)).toBeNull();
    expect(andFilters(undefined, a)).toBe(a);
    expect(andFilters(a, b)).toEqual({ and: [a, ...b.and] });
  });

  it('compiles to parameters cast to the column types, continuing the numbering', () => {
    const params: unknown[] = ['earlier'];
    const sql = compileFilter(
      {
        and: [
          { field: '日期', op: 'eq', value: '2026-01-05' },
          {
            or: [
              { field: '名称', op: 'prefix', value: '5%_\\' },
              { field: '人数', op: 'isNull' },
              { field: '人数', op: 'in', value: [1, '2'] },
            ],
          },
          { field: '名称', op: 'gte', value: 'b' },
        ],
      },
      columns,
      params,
      'r',
    );
    expect(sql).toBe(`(r.c4 = $2::date AND (r.c1 LIKE $3::text ESCAPE '\\' OR r.c2 IS NULL OR r.c2 = ANY($4::bigint[])) AND r.c1 >= $5::text COLLATE "C")`);
    expect(params).toEqual(['earlier', '2026-01-05', '5\\%\\_\\\\%', ['1', '2'], 'b']);
    expect(compileFilter({ field: '有效', op: 'ne', value: 'true' }, columns, [])).toBe('(c5 <> $1::boolean)');
  });

  it('stores date-times as Shanghai wall time, so an offset is converted', () => {
    const params: unknown[] = [];
    compileFilter({ field: '时间', op: 'lt', value: '2026-01-05T00:00:00Z' }, columns, params);
    expect(params).toEqual(['2026-01-05 08:00:00']);
  });

  it('never puts an item name or a value into the SQL text', () => {
    const hostile = [`c1; DROP TABLE t`, `' OR 1=1 --`, `"; DELETE FROM x; --`, `$1`, `\\'`];
    const named = hostile.map((item, n) => col(n + 1, item, 'string'));
    for (const h of hostile) {
      const params: unknown[] = [];
      const sql = compileFilter({ or: named.map((c) => ({ field: c.item, op: 'eq' as const, value: h })) }, named, params, 'r');
      expect(sql).toBe(`(${named.map((c, n) => `r.${c.column} = $${n + 1}::text`).join(' OR ')})`);
      expect(params).toEqual(named.map(() => h));
    }
    expect(inputError(() => compileFilter({ field: 'c1; DROP TABLE t', op: 'isNull' }, columns, [])).message).toContain('不存在');
    expect(() => compileFilter({ field: '名称', op: 'isNull' }, columns, [], 'r; DROP TABLE t')).toThrow(/alias/);
    expect(() => compileFilter({ field: 'x', op: 'isNull' }, [{ ...col(1, 'x', 'string'), column: 'c1; DROP TABLE t' }], [])).toThrow(/column/);
  });
});

// ---- against a real database: SQL results equal an in-JS evaluation of the same filter ----

type Row = { id: number; c1: string | null; c2: number | null; c3: string | null; c4: string | null; c5: boolean | null; c6: string | null };
const TEXTS = ['', 'a', 'ab', 'a%', 'a%b', 'a_b', 'a\\b', 'a\\%', '100%', '_x', '\\', "o'neil", "' OR 1=1 --", '张三', '张三丰', 'B', 'ab_', '%'];
const rows: Row[] = Array.from({ length: 30 }, (_, i) => ({
  id: i + 1,
  c1: i % 7 === 6 ? null : TEXTS[i % TEXTS.length],
  c2: i % 5 === 4 ? null : ((i * 7) % 11) - 5,
  c3: i % 6 === 5 ? null : String(((i * 13) % 17) / 4 - 2),
  c4: i % 8 === 7 ? null : `2026-01-${String((i % 20) + 1).padStart(2, '0')}`,
  c5: i % 3 === 0 ? null : i % 2 === 0,
  c6: i % 9 === 8 ? null : `2026-01-05 ${String(i % 24).padStart(2, '0')}:30:00`,
}));

/** Values a generated condition may compare with, per item: present in the rows and not. */
const pools = {
  名称: [...TEXTS, 'a\\', '张', 'zz'],
  人数: [-5, -2, 0, 3, 6, '4', '-1', 100],
  金额: [-2, 0.25, 1.5, '-0.75', '2', '0'],
  日期: ['2026-01-01', '2026-01-05', '2026-01-15', '2026-01-20', '2025-12-31'],
  有效: [true, false, 'true', 'false'],
  时间: ['2026-01-05 00:30:00', '2026-01-05 12:00:00', '2026-01-05T13:30:00', '2026-01-06 00:00:00'],
} as const;
type Item = keyof typeof pools;
const ITEM_COLUMN: Record<Item, keyof Row> = { 名称: 'c1', 人数: 'c2', 金额: 'c3', 日期: 'c4', 有效: 'c5', 时间: 'c6' };
const ORDERED = ['lt', 'lte', 'gt', 'gte'] as const;

const condition: fc.Arbitrary<RowFilter> = fc.constantFrom(...(Object.keys(pools) as Item[])).chain((field) => {
  const pool = pools[field] as readonly (string | number | boolean)[];
  const value = fc.constantFrom(...pool);
  const ops = field === '有效' ? (['eq', 'ne'] as const) : (['eq', 'ne', ...ORDERED] as const);
  return fc.oneof(
    fc.record({ field: fc.constant(field), op: fc.constantFrom(...ops), value }),
    fc.record({ field: fc.constant(field), op: fc.constantFrom('isNull' as const, 'notNull' as const) }),
    fc.record({ field: fc.constant(field), op: fc.constant('in' as const), value: fc.subarray(pool.map(String), { minLength: 1 }) }),
    ...(field === '名称' ? [fc.record({ field: fc.constant(field), op: fc.constant('prefix' as const), value })] : []),
  );
});
const filter: fc.Arbitrary<RowFilter> = fc.letrec<{ node: RowFilter }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 3, depthSize: 'small' },
    condition,
    fc.record({ and: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ or: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
  ),
})).node;

/** A value as its column compares it, written independently of the code under test. */
function comparable(item: Item, v: string | number | boolean | null): string | number | boolean | null {
  if (v === null) return null;
  if (item === '人数' || item === '金额') return Number(v);
  if (item === '有效') return v === true || v === 'true';
  if (item === '时间') return String(v).replace('T', ' ');
  return v as string;
}

/** SQL's three-valued logic reduced to "is it TRUE": without NOT, unknown behaves as false. */
function matches(f: RowFilter, row: Row): boolean {
  if ('and' in f) return f.and.every((g) => matches(g, row));
  if ('or' in f) return f.or.some((g) => matches(g, row));
  const item = f.field as Item;
  const cell = comparable(item, row[ITEM_COLUMN[item]] as string | number | boolean | null);
  if (f.op === 'isNull') return cell === null;
  if (f.op === 'notNull') return cell !== null;
  if (cell === null) return false;
  if (f.op === 'in') return (f.value as string[]).some((v) => comparable(item, v) === cell);
  if (f.op === 'prefix') return (cell as string).startsWith(f.value as string);
  const v = comparable(item, f.value as string | number | boolean)!;
  switch (f.op) {
    case 'eq':
      return cell === v;
    case 'ne':
      return cell !== v;
    case 'lt':
      return cell < v;
    case 'lte':
      return cell <= v;
    case 'gt':
      return cell > v;
    default:
      return cell >= v;
  }
}

describe.each(engines())('filters on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    if (engine === 'pglite') db = await openPglite({ memory: true });
    else {
      const { url, drop } = await createTestDatabase('empty');
      const pgDb = await openPostgres(url, 2);
      const close = pgDb.close.bind(pgDb);
      db = Object.assign(pgDb, { close: () => close().then(drop) });
    }
    await db.exec('CREATE TABLE filtered (id integer PRIMARY KEY, c1 text, c2 bigint, c3 numeric, c4 date, c5 boolean, c6 timestamp, c7 text)');
    for (const r of rows) await db.query('INSERT INTO filtered VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)', [r.id, r.c1, r.c2, r.c3, r.c4, r.c5, r.c6]);
  });
  afterAll(() => db?.close());

  const select = async (f: RowFilter) => {
    const params: unknown[] = [];
    const where = compileFilter(f, columns, params, 'r');
    return (await db.query<{ id: number }>(`SELECT id FROM filtered AS r WHERE ${where} ORDER BY id`, params)).map((r) => r.id);
  };

  it('returns exactly the rows the filter describes', async () => {
    await fc.assert(
      fc.asyncProperty(filter, async (f) => {
        const parsed = parseFilterParam(JSON.stringify(f));
        expect(await select(parsed)).toEqual(rows.filter((r) => matches(f, r)).map((r) => r.id));
      }),
      { numRuns: 100 },
    );
  });

  it('treats % _ \\ in a prefix literally, and hostile values as data', async () => {
    const ids = (pred: (r: Row) => boolean) => {
      const found = rows.filter(pred).map((r) => r.id);
      expect(found.length).toBeGreaterThan(0); // else the case proves nothing
      return found;
    };
    const startsWith = (p: string) => ids((r) => r.c1?.startsWith(p) ?? false);
    expect(await select({ field: '名称', op: 'prefix', value: 'a%' })).toEqual(startsWith('a%'));
    expect(await select({ field: '名称', op: 'prefix', value: 'a_' })).toEqual(startsWith('a_'));
    expect(await select({ field: '名称', op: 'prefix', value: '\\' })).toEqual(startsWith('\\'));
    expect(await select({ field: '名称', op: 'eq', value: "' OR 1=1 --" })).toEqual(ids((r) => r.c1 === "' OR 1=1 --"));
    expect(await select({ field: '名称', op: 'eq', value: 'c1; DROP TABLE filtered' })).toEqual([]);
    expect(await select({ field: '时间', op: 'eq', value: '2026-01-05T04:30:00+02:00' })).toEqual(ids((r) => r.c6 === '2026-01-05 10:30:00'));
    expect(await select({ field: '照片', op: 'isNull' })).toEqual(rows.map((r) => r.id));
  });
});
