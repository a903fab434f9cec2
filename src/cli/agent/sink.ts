import { createHash } from 'node:crypto';
import type { Database } from './config.js';
import { fault } from './faults.js';
import type { ChangesPage } from './platform.js';
import { openSql, type Query, type Sql } from './sql.js';

// The consumer's copy of a granted resource, in its own PostgreSQL or MySQL/MariaDB: a table
// with `_ref` (the record's reference, the primary key), `_gen` (the snapshot generation that
// last wrote the row) and one text column per granted item. Columns are named after the items
// themselves, quoted, so the department's own SQL reads 姓名, 公民身份号码 … as in the catalog;
// an item whose name cannot be a column on both engines (longer than 63 bytes, a leading "_",
// quotes, dots, control characters, or a name equal to another's but for case) becomes
// c_<12 hex of its SHA-256>. Every column's comment holds its item name either way.
//
// A page is applied in one transaction: deletes, then upserts (a key deleted and then written
// again within one page must end present; the feed delivers a key's delete before its later
// upsert), then, at the end of a snapshot, the rows no page of the snapshot wrote. Applying a
// page twice leaves the same table, so the token is saved after the commit.

const META = ['_ref', '_gen'] as const;

const unsafe = /[`"'\\.]/;
const hasControl = (s: string) => [...s].some((ch) => (ch.codePointAt(0) as number) < 0x20 || ch === '\u007f');

/** The column for each item: existing ones kept, new ones named as above. */
export function columnsFor(items: string[], existing: Record<string, string>): Record<string, string> {
  const out = { ...existing };
  const taken = new Set([...META, ...Object.values(out)].map((c) => c.toLowerCase()));
  for (const item of items) {
    if (out[item]) continue;
    const hashed = `c_${createHash('sha256').update(item).digest('hex').slice(0, 12)}`;
    const plain = item.length > 0 && Buffer.byteLength(item) <= 63 && !item.startsWith('_') && item.trim() === item && !unsafe.test(item) && !hasControl(item);
    const name = plain && !taken.has(item.toLowerCase()) ? item : hashed;
    out[item] = name;
    taken.add(name.toLowerCase());
  }
  return out;
}

/** A value in COPY's text format: \\N for null, backslash, tab and line ends escaped. */
const copyText = (v: string | null) => (v === null ? '\\N' : /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (ch) => COPY_ESCAPES[ch] as string) : v);
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const literal = (kind: Database['kind'], s: string) => `'${(kind === 'mysql' ? s.replaceAll('\\', '\\\\') : s).replaceAll("'", "''")}'`;

export class Sink {
  private constructor(
    private readonly sql: Sql,
    private readonly table: string,
  ) {}

  static async open(target: Database & { table: string }): Promise<Sink> {
    return new Sink(await openSql(target), target.table);
  }

  close() {
    return this.sql.close();
  }

  private get t() {
    return this.sql.table(this.table);
  }

  private async existingColumns(): Promise<Set<string> | null> {
    const parts = this.table.split('.');
    const name = parts.pop() as string;
    const schema = parts.pop() ?? null;
    const own = this.sql.kind === 'postgres' ? 'current_schema()' : 'DATABASE()';
    const p = this.sql.param;
    const rows = await this.sql.query(
      `SELECT column_name AS c FROM information_schema.columns WHERE table_schema = coalesce(${p(1)}, ${own}) AND table_name = ${p(2)}`,
      [schema, name],
    );
    return rows.length ? new Set(rows.map((r) => r.c as string)) : null;
  }

  /** Creates the table, or adds the columns of items granted since. */
  async prepare(columns: Record<string, string>, resource: string) {
    const { sql } = this;
    const have = await this.existingColumns();
    const text = sql.kind === 'postgres' ? 'text' : 'MEDIUMTEXT';
    const comment = (item: string) => `聚通信息项 ${item}`;
    if (!have) {
      if (sql.kind === 'postgres') {
        const cols = Object.values(columns).map((c) => `${sql.col(c)} text`);
        await sql.transaction(async (q) => {
          await q(`CREATE TABLE IF NOT EXISTS ${this.t} (_ref text COLLATE "C" PRIMARY KEY, _gen bigint NOT NULL${cols.map((c) => `, ${c}`).join('')})`);
          await q(`COMMENT ON TABLE ${this.t} IS ${literal('postgres', `聚通库表同步 ${resource}（前置机维护，请勿手工修改）`)}`);
          for (const [item, c] of Object.entries(columns)) await q(`COMMENT ON COLUMN ${this.t}.${sql.col(c)} IS ${literal('postgres', comment(item))}`);
        });
      } else {
        const cols = Object.entries(columns).map(([item, c]) => `, ${sql.col(c)} ${text} NULL COMMENT ${literal('mysql', comment(item))}`);
        await sql.query(
          `CREATE TABLE IF NOT EXISTS ${this.t} (_ref VARCHAR(1024) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY, _gen BIGINT NOT NULL${cols.join('')})
           ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT=${literal('mysql', `聚通库表同步 ${resource}`)}`,
        );
      }
      return;
    }
    if (!have.has('_ref') || !have.has('_gen')) throw new Error(`目标表 ${this.table} 已存在，但不是前置机建的（缺 _ref/_gen 列）：请换一个表名`);
    for (const [item, c] of Object.entries(columns)) {
      if (have.has(c)) continue;
      if (sql.kind === 'postgres') {
        await sql.query(`ALTER TABLE ${this.t} ADD COLUMN IF NOT EXISTS ${sql.col(c)} text`);
        await sql.query(`COMMENT ON COLUMN ${this.t}.${sql.col(c)} IS ${literal('postgres', comment(item))}`);
      } else await sql.query(`ALTER TABLE ${this.t} ADD COLUMN ${sql.col(c)} ${text} NULL COMMENT ${literal('mysql', comment(item))}`);
    }
  }

  /** Applies one page in one transaction; `endSnapshot`: this page ends a snapshot of generation `gen`. */
  async apply(page: Pick<ChangesPage, 'upserts' | 'deletes'>, columns: Record<string, string>, gen: number, endSnapshot: boolean, pageNo = 0) {
    const items = Object.keys(columns);
    await this.sql.transaction(async (q) => {
      await this.deletes(q, page.deletes);
      if (page.upserts.length)
        await (this.sql.kind === 'postgres' ? this.upsertPg(q, page.upserts, items, columns, gen) : this.upsertMy(q, page.upserts, items, columns, gen));
      fault('mid-apply', pageNo);
      if (endSnapshot) await q(`DELETE FROM ${this.t} WHERE _gen < ${this.sql.param(1)}`, [gen]);
    });
  }

  private async deletes(q: Query, refs: string[]) {
    for (let i = 0; i < refs.length; i += 1000) {
      const part = refs.slice(i, i + 1000);
      if (this.sql.kind === 'postgres') await q(`DELETE FROM ${this.t} WHERE _ref = ANY($1::text[])`, [part]);
      else await q(`DELETE FROM ${this.t} WHERE _ref IN (${part.map(() => '?').join(', ')})`, part);
    }
  }

  private async upsertPg(q: Query, rows: ChangesPage['upserts'], items: string[], columns: Record<string, string>, gen: number) {
    // COPY into a table of the transaction, then one upsert from it: the page's values travel
    // once, in PostgreSQL's own text format, instead of as one JSON parameter unpacked by jsonb.
    const cols = items.map((i) => this.sql.col(columns[i]));
    await q(`CREATE TEMP TABLE _jutong_page (_ref text${cols.map((c) => `, ${c} text`).join('')}) ON COMMIT DROP`);
    const lines = rows.map((r) => `${copyText(r.ref)}${items.map((i) => `\t${copyText(r.values[i] ?? null)}`).join('')}\n`);
    await (this.sql.copyIn as NonNullable<Sql['copyIn']>)(`COPY _jutong_page FROM STDIN`, Buffer.from(lines.join(''), 'utf8'));
    await q(
      `INSERT INTO ${this.t} (_ref, _gen${cols.map((c) => `, ${c}`).join('')})
       SELECT _ref, $1::bigint${cols.map((c) => `, ${c}`).join('')} FROM _jutong_page
       ON CONFLICT (_ref) DO UPDATE SET _gen = EXCLUDED._gen${cols.map((c) => `, ${c} = EXCLUDED.${c}`).join('')}`,
      [gen],
    );
  }

  private async upsertMy(q: Query, rows: ChangesPage['upserts'], items: string[], columns: Record<string, string>, gen: number) {
    const cols = items.map((i) => this.sql.col(columns[i]));
    const tuple = `(?, ?${items.map(() => ', ?').join('')})`;
    for (let i = 0; i < rows.length; i += 500) {
      const part = rows.slice(i, i + 500);
      const values = part.flatMap((r) => [r.ref, gen, ...items.map((it) => r.values[it] ?? null)]);
      await q(
        `INSERT INTO ${this.t} (_ref, _gen${cols.map((c) => `, ${c}`).join('')}) VALUES ${part.map(() => tuple).join(', ')}
         ON DUPLICATE KEY UPDATE _gen = VALUES(_gen)${cols.map((c) => `, ${c} = VALUES(${c})`).join('')}`,
        values,
      );
    }
  }
}
