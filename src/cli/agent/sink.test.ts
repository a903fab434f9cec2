import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangesPage } from './platform.js';
import { columnsFor, Sink } from './sink.js';
import { openSql, type Sql } from './sql.js';
import { hasMysql, hasPostgres, type Scratch, scratch } from './test-support.js';

// The pull side's destination table, fed pages as the changes feed sends them, on the real
// PostgreSQL and MariaDB: a snapshot in pages, changes, a page applied twice, a delete and a
// re-insert of one record in one page, and a new snapshot that drops what it no longer holds.

const available = { postgres: await hasPostgres(), mysql: await hasMysql() };

const page = (p: Partial<ChangesPage>): ChangesPage => ({
  resourceCode: '101/370300001-00001',
  grantId: '00000000-0000-0000-0000-000000000000',
  fields: [
    { item: '姓名', masked: true },
    { item: '户籍区县', masked: false },
  ],
  reset: false,
  upserts: [],
  deletes: [],
  next: 'x',
  more: false,
  ...p,
});
const up = (ref: string, 姓名: string | null, 户籍区县: string | null = '张店区') => ({ ref, values: { 姓名, 户籍区县 } });

describe('destination column names', () => {
  it('keeps item names that every engine can hold, and hashes the others, stably', () => {
    const long = '一'.repeat(22); // 66 bytes: PostgreSQL would cut it at 63
    const cols = columnsFor(['姓名', 'Name', 'name', '_ref', long, 'a"b', 'x.y', ' 空格'], {});
    expect(cols.姓名).toBe('姓名');
    expect(cols.Name).toBe('Name');
    expect(cols.name).toMatch(/^c_[0-9a-f]{12}$/); // same as Name but for case: MySQL would not tell them apart
    for (const k of ['_ref', long, 'a"b', 'x.y', ' 空格']) expect(cols[k]).toMatch(/^c_[0-9a-f]{12}$/);
    expect(new Set(Object.values(cols)).size).toBe(8);
    // Existing columns stay as they are when items come and go.
    expect(columnsFor(['name', '新项'], cols)).toMatchObject({ name: cols.name, 新项: '新项' });
  });
});

describe.each(['postgres', 'mysql'] as const)('the pull sink on %s', (kind) => {
  let db: Scratch;
  let sql: Sql;
  let sink: Sink;
  const table = 'pulled_people';
  let columns: Record<string, string>;

  const rows = async () => {
    const r = await sql.query(`SELECT _ref, _gen, ${sql.col('姓名')} AS name, ${sql.col('户籍区县')} AS district FROM ${sql.table(table)} ORDER BY _ref`);
    return r.map((x) => [x._ref, x.name, x.district, Number(x._gen)]);
  };

  beforeAll(async () => {
    if (!available[kind]) return;
    db = await scratch(kind);
    sql = await openSql({ kind, url: db.url });
    sink = await Sink.open({ kind, url: db.url, table });
  });
  afterAll(async () => {
    await sink?.close();
    await sql?.close();
    await db?.drop();
  });

  it.skipIf(!available[kind])('creates the table and applies a snapshot that comes in pages', async () => {
    columns = columnsFor(['姓名', '户籍区县'], {});
    await sink.prepare(columns, '101/370300001-00001');
    await sink.prepare(columns, '101/370300001-00001'); // again: nothing to do
    await sink.apply(page({ reset: true, more: true, upserts: [up('r1', '张*'), up('r2', '王*')] }), columns, 1, false);
    await sink.apply(page({ upserts: [up('r3', '李*', null)] }), columns, 1, true);
    expect(await rows()).toEqual([
      ['r1', '张*', '张店区', 1],
      ['r2', '王*', '张店区', 1],
      ['r3', '李*', null, 1],
    ]);
  });

  it.skipIf(!available[kind])('tells references apart by case, as base64url needs', async () => {
    await sink.apply(page({ upserts: [up('Ab', '甲'), up('aB', '乙')] }), columns, 1, false);
    expect((await rows()).filter((r) => /^ab$/i.test(r[0] as string))).toEqual([
      ['Ab', '甲', '张店区', 1],
      ['aB', '乙', '张店区', 1],
    ]);
    await sink.apply(page({ deletes: ['Ab', 'aB'] }), columns, 1, false);
  });

  it.skipIf(!available[kind])('applies changes; a page applied twice leaves the same table', async () => {
    const changes = page({ upserts: [up('r2', '王*', '淄川区'), up('r4', "赵'\\*")], deletes: ['r1', 'r-not-there'] });
    await sink.apply(changes, columns, 1, false);
    const once = await rows();
    await sink.apply(changes, columns, 1, false);
    expect(await rows()).toEqual(once);
    expect(once).toEqual([
      ['r2', '王*', '淄川区', 1],
      ['r3', '李*', null, 1],
      ['r4', "赵'\\*", '张店区', 1],
    ]);
  });

  it.skipIf(!available[kind])('ends with a record present when one page deletes it and writes it again', async () => {
    await sink.apply(page({ upserts: [up('r3', '李*', '博山区')], deletes: ['r3'] }), columns, 1, false);
    expect((await rows()).find((r) => r[0] === 'r3')).toEqual(['r3', '李*', '博山区', 1]);
  });

  it.skipIf(!available[kind])('adds the columns of newly granted items', async () => {
    columns = columnsFor(['姓名', '户籍区县', '出生日期'], columns);
    await sink.prepare(columns, '101/370300001-00001');
    await sink.apply(page({ upserts: [{ ref: 'r4', values: { 姓名: '赵*', 户籍区县: '张店区', 出生日期: '1990-01-01' } }] }), columns, 1, false);
    const [r] = await sql.query(`SELECT ${sql.col('出生日期')} AS d FROM ${sql.table(table)} WHERE _ref = 'r4'`);
    expect(r.d).toBe('1990-01-01');
  });

  it.skipIf(!available[kind])('deletes, at the end of a new snapshot, the rows it did not deliver; not before', async () => {
    await sink.apply(page({ reset: true, more: true, upserts: [up('r2', '王*', '淄川区')] }), columns, 2, false);
    expect((await rows()).map((r) => r[0])).toEqual(['r2', 'r3', 'r4']);
    await sink.apply(page({ upserts: [up('r5', '孙*')] }), columns, 2, true);
    expect(await rows()).toEqual([
      ['r2', '王*', '淄川区', 2],
      ['r5', '孙*', '张店区', 2],
    ]);
  });

  it.skipIf(!available[kind])('writes a large page (COPY on PostgreSQL, statements of 500 rows on MySQL)', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => up(`big${String(i).padStart(5, '0')}`, `名${i}`));
    await sink.apply(page({ upserts: many }), columns, 2, false);
    const [{ c }] = await sql.query(`SELECT count(*) AS c FROM ${sql.table(table)} WHERE _ref LIKE 'big%'`);
    expect(Number(c)).toBe(5000);
  });

  it.skipIf(!available[kind])('keeps every character of a value: tabs, line ends, backslashes, a literal \\N', async () => {
    const odd = ['a\tb', 'line\nnext\r\nthird', 'C:\\dir\\', '\\N', '\\', ' 前后空格 ', ''];
    await sink.apply(page({ upserts: odd.map((v, i) => up(`odd${i}`, v, i % 2 ? null : v)) }), columns, 2, false);
    const got = await sql.query(
      `SELECT _ref, ${sql.col('姓名')} AS name, ${sql.col('户籍区县')} AS district FROM ${sql.table(table)} WHERE _ref LIKE 'odd%' ORDER BY _ref`,
    );
    expect(got.map((r) => [r.name, r.district])).toEqual(odd.map((v, i) => [v, i % 2 ? null : v]));
  });

  it.skipIf(!available[kind])('refuses a table of the same name that it did not make', async () => {
    await sql.query(`CREATE TABLE ${sql.table('someone_elses')} (id int)`);
    const other = await Sink.open({ kind, url: db.url, table: 'someone_elses' });
    await expect(other.prepare(columns, 'x')).rejects.toThrow(/不是前置机建的/);
    await other.close();
  });
});
