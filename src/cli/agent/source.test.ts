import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbSource } from './config.js';
import { DbPushSource, FolderPushSource, type Planned } from './source.js';
import { isoTimestamptz, openSql, type Sql } from './sql.js';
import type { Pending, PushPosition } from './state.js';
import { hasMysql, hasPostgres, type Scratch, scratch } from './test-support.js';

// The push sources on the real PostgreSQL and MariaDB: batches by (updated-at, key) that cut
// through runs of equal times without losing or repeating a row, values exactly as the database
// holds them, a batch read again from its range giving the same bytes, and a change table cut
// into runs of one kind in change order.

const available = { postgres: await hasPostgres(), mysql: await hasMysql() };

const text = (p: Planned | { position: PushPosition } | null) => (p && 'body' in p ? (p.body as Buffer).toString('utf8') : null);
const lines = (s: string | null) =>
  (s ?? '')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const pending = (mode: Pending['mode'], from: PushPosition, to: PushPosition): Pending => ({ batch: 1, attempt: 0, mode, from, to, rows: 0 });

describe('text forms', () => {
  it('turns PostgreSQL’s timestamptz text into ISO 8601', () => {
    expect(isoTimestamptz('2024-02-29 00:30:00+00')).toBe('2024-02-29T00:30:00+00:00');
    expect(isoTimestamptz('2024-02-29 00:30:00.123456+05:30')).toBe('2024-02-29T00:30:00.123456+05:30');
    expect(isoTimestamptz('infinity')).toBe('infinity');
  });
});

describe.each(['postgres', 'mysql'] as const)('push sources on %s', (kind) => {
  let db: Scratch;
  let sql: Sql;
  const ddl =
    kind === 'postgres'
      ? [
          `CREATE TABLE items (id bigint PRIMARY KEY, name text, amount numeric(20,4), big bigint, born date, at timestamptz, ok boolean, u timestamptz NOT NULL)`,
          `CREATE TABLE changes (seq bigserial PRIMARY KEY, op text NOT NULL, id bigint NOT NULL)`,
        ]
      : [
          `CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT, amount DECIMAL(20,4), big BIGINT, born DATE, at DATETIME(3), ok TINYINT(1), u DATETIME(6) NOT NULL)`,
          `CREATE TABLE changes (seq BIGINT AUTO_INCREMENT PRIMARY KEY, op VARCHAR(10) NOT NULL, id BIGINT NOT NULL)`,
        ];
  const base = (): Omit<DbSource, 'updatedAt' | 'changeTable'> => ({
    kind,
    url: db.url,
    table: 'items',
    key: ['id'],
    columns: { 编号: 'id', 名称: 'name', 金额: 'amount', 大数: 'big', 日期: 'born', 时间: 'at', 是否: 'ok' },
  });

  beforeAll(async () => {
    if (!available[kind]) return;
    db = await scratch(kind);
    sql = await openSql({ kind, url: db.url });
    for (const s of ddl) await sql.query(s);
    // 12 rows share one time, 8 have their own: batches of 5 cut through the tie.
    const tie = '2026-03-01 08:00:00.123456';
    for (let id = 1; id <= 20; id++) {
      const u = id <= 12 ? tie : `2026-03-0${1 + (id % 5)} 09:00:0${id % 10}.5`;
      const at = kind === 'postgres' ? '2026-03-01 08:00:00.5+08' : '2026-03-01 08:00:00.500';
      await sql.query(`INSERT INTO items VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map((i) => sql.param(i)).join(', ')})`, [
        id,
        id === 3 ? null : `名"${id}\\`,
        '12345678901234.5678',
        '9007199254740993',
        '1999-12-31',
        at,
        kind === 'postgres' ? id % 2 === 0 : id % 2,
        u,
      ]);
    }
  });
  afterAll(async () => {
    await sql?.close();
    await db?.drop();
  });

  it.skipIf(!available[kind])('reads by (updated-at, key) in batches that cut through equal times, each row once, and again to the same bytes', async () => {
    const src = await DbPushSource.open({ ...base(), updatedAt: 'u' });
    try {
      let pos = await src.start();
      expect(pos).toEqual({ kind: 'updatedAt', after: null });
      const seen: string[] = [];
      for (let i = 0; i < 10; i++) {
        const next = await src.next(pos, 5);
        if (!next) break;
        if ('position' in next) throw new Error('no phases in updatedAt mode');
        const rows = lines(text(next));
        seen.push(...rows.map((r) => r.编号));
        // Read again from the written-down range: the same bytes.
        const again = await src.reread(pending('upsert', pos, next.to));
        expect(Buffer.compare(again?.body as Buffer, next.body as Buffer)).toBe(0);
        pos = next.to;
      }
      expect(seen.length).toBe(20);
      expect(new Set(seen).size).toBe(20);
      expect(await src.next(pos, 5)).toBeNull();

      // A row updated later comes again, after the position.
      await sql.query(`UPDATE items SET name = 'changed', u = ${kind === 'postgres' ? "'2026-04-01 00:00:00+00'" : "'2026-04-01 08:00:00'"} WHERE id = 4`);
      const later = await src.next(pos, 5);
      expect(lines(text(later)).map((r) => [r.编号, r.名称])).toEqual([['4', 'changed']]);
    } finally {
      await src.close();
    }
  });

  it.skipIf(!available[kind])('sends values as the database holds them: exact decimals and big integers, dates, times, nulls, quotes', async () => {
    const src = await DbPushSource.open({ ...base(), updatedAt: 'u' });
    try {
      const first = lines(text(await src.next(await src.start(), 20))).find((r) => r.编号 === '3');
      expect(first).toEqual({
        编号: '3',
        名称: null,
        金额: '12345678901234.5678',
        大数: '9007199254740993',
        日期: '1999-12-31',
        时间: kind === 'postgres' ? '2026-03-01T00:00:00.5+00:00' : '2026-03-01 08:00:00.500',
        是否: kind === 'postgres' ? 'false' : '1',
      });
      const other = lines(text(await src.next(await src.start(), 20))).find((r) => r.编号 === '5');
      expect(other?.名称).toBe('名"5\\');
    } finally {
      await src.close();
    }
  });

  it.skipIf(!available[kind])('reads the table by key first, then the change table in runs of one kind', async () => {
    const src = await DbPushSource.open({ ...base(), changeTable: { table: 'changes', seq: 'seq', op: 'op', key: ['id'] } });
    try {
      await sql.query(`INSERT INTO changes (op, id) VALUES ('I', 1)`);
      let pos = await src.start();
      expect(pos).toMatchObject({ kind: 'scan', after: null, startSeq: '1' });
      const scanned: string[] = [];
      for (;;) {
        const next = await src.next(pos, 8);
        if (!next) throw new Error('a scan ends with a phase change');
        if ('position' in next) {
          pos = next.position;
          break;
        }
        scanned.push(...lines(text(next)).map((r) => r.编号));
        pos = next.to;
      }
      expect(scanned).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
      expect(pos).toEqual({ kind: 'changes', after: '1' });

      // update 2, update 3, delete 4, delete 5, update 6 (and 6 again), insert 21 (then deleted), update 4 (gone)
      await sql.query(`DELETE FROM items WHERE id IN (4, 5)`);
      await sql.query(
        `INSERT INTO changes (op, id) VALUES ('U', 2), ('UPDATE', 3), ('D', 4), ('delete', 5), ('U', 6), ('U', 6), ('I', 21), ('U', 4), ('D', 21)`,
      );
      const batches: { mode: string; keys: string[] }[] = [];
      for (let i = 0; i < 10; i++) {
        const next = await src.next(pos, 100);
        if (!next) break;
        if ('position' in next) throw new Error('no phase after the scan');
        const body = lines(text(next));
        batches.push({ mode: next.mode, keys: body.map((r) => r.编号) });
        if (next.mode === 'delete') expect(body.every((r) => Object.keys(r).join() === '编号')).toBe(true);
        const again = await src.reread(pending(next.mode, pos, next.to));
        expect(Buffer.compare(again?.body as Buffer, next.body as Buffer)).toBe(0);
        pos = next.to;
      }
      expect(batches).toEqual([
        { mode: 'upsert', keys: ['2', '3'] },
        { mode: 'delete', keys: ['4', '5'] },
        { mode: 'upsert', keys: ['6'] }, // 6 twice is one row; 21 and 4 are gone: left to their deletes
        { mode: 'delete', keys: ['21'] },
      ]);
      await sql.query(`INSERT INTO changes (op, id) VALUES ('X', 1)`);
      await expect(src.next(pos, 100)).rejects.toThrow(/操作类型 X 不认识/);
    } finally {
      await src.close();
    }
  });

  it.skipIf(!available[kind])('refuses a key column that no item carries', async () => {
    await expect(DbPushSource.open({ ...base(), key: ['u'], updatedAt: 'u' })).rejects.toThrow(/key 列 u 没有映射到信息项/);
  });
});

describe('a folder of files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jutong-agent-folder-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sends each file once in name order, again when its content changes, not when only touched', async () => {
    writeFileSync(join(dir, 'b.csv'), '编号,名称\n2,乙\n');
    writeFileSync(join(dir, 'a.csv'), '编号,名称\n1,甲\n');
    writeFileSync(join(dir, '.c.csv.part'), 'half');
    writeFileSync(join(dir, 'notes.txt'), 'not data');
    const src = new FolderPushSource({
      kind: 'csv-folder',
      path: dir,
      pattern: '\\.(csv|tsv|jsonl?|xlsx)$',
      encoding: 'auto',
      mode: 'upsert',
      columns: { 名称: '名字' },
    });
    expect(src.wire).toMatchObject({ encoding: 'auto', mapping: { 名字: '名称' } });
    let pos = await src.start();
    const names: string[] = [];
    for (;;) {
      const next = await src.next(pos);
      if (!next) break;
      if ('position' in next) throw new Error('nothing was touched');
      names.push(next.file?.name as string);
      const again = await src.reread({ ...pending('upsert', pos, next.to), file: next.file });
      expect(again?.sha256).toBe(next.file?.sha256);
      pos = next.to;
    }
    expect(names).toEqual(['a.csv', 'b.csv']);
    const t = new Date(Date.now() + 5000);
    utimesSync(join(dir, 'a.csv'), t, t);
    const touched = await src.next(pos);
    expect(touched && 'position' in touched).toBe(true);
    pos = (touched as { position: PushPosition }).position;
    expect(await src.next(pos)).toBeNull();
    writeFileSync(join(dir, 'a.csv'), '编号,名称\n1,甲改\n');
    const changed = await src.next(pos);
    expect(changed && 'file' in changed ? changed.file?.name : null).toBe('a.csv');
  });
});
