import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { CsvFolder, DbSource } from './config.js';
import { openSql, Params, type Row, type Sql, tupleCompare } from './sql.js';
import type { Pending, PushPosition } from './state.js';

// Where a push job's rows come from. A source reads the next batch after a position and says
// where the batch ends; after a crash it reads a written-down batch again from exactly the
// same range. Reading the same unchanged rows gives the same bytes (rows in key order, items
// in the configuration's order, values as the database prints them), so a batch sent again
// carries the same idempotency key and the same body and the platform replays its answer.

export type Body = Buffer | { path: string; size: number };

export type Planned = {
  mode: Pending['mode'];
  to: PushPosition;
  rows: number;
  body: Body;
  format: string;
  file?: { name: string; sha256: string };
};

/** A batch's body read again: null when there is nothing left to send (a file gone). */
type Reread = { rows: number; body: Body; sha256?: string } | null;

export interface PushSource {
  /** Where a new job starts. */
  start(): Promise<PushPosition>;
  /** The next batch after `pos`; `{ position }` to move on without a batch (a phase ends); null when caught up. */
  next(pos: PushPosition, limit: number): Promise<Planned | { position: PushPosition } | null>;
  reread(p: Pending): Promise<Reread>;
  /** The request's format, encoding and column mapping. */
  readonly wire: { format?: string; encoding?: string; mapping?: Record<string, string>; contentType: string };
  close(): Promise<void>;
}

const jsonl = (rows: Record<string, string | null>[]) => Buffer.from(rows.map((r) => `${JSON.stringify(r)}\n`).join(''), 'utf8');

/** Upserts and deletes read from a PostgreSQL or MySQL/MariaDB table. */
export class DbPushSource implements PushSource {
  readonly wire = { format: 'jsonl', contentType: 'application/x-ndjson' };
  private readonly items: [item: string, column: string][];
  /** The items the key columns feed, in key order (a delete's body). */
  readonly keyItems: string[];

  private constructor(
    private readonly sql: Sql,
    private readonly s: DbSource,
  ) {
    this.items = Object.entries(s.columns);
    this.keyItems = s.key.map((k) => {
      const item = this.items.find(([, c]) => c === k)?.[0];
      if (!item) throw new Error(`key 列 ${k} 没有映射到信息项：在 columns 中加上 "<主键信息项>": "${k}"`);
      return item;
    });
  }

  static async open(s: DbSource): Promise<DbPushSource> {
    const sql = await openSql(s);
    try {
      return new DbPushSource(sql, s);
    } catch (e) {
      await sql.close();
      throw e;
    }
  }

  close() {
    return this.sql.close();
  }

  private get cursorCols(): string[] {
    return this.s.updatedAt ? [this.s.updatedAt, ...this.s.key] : this.s.key;
  }

  private selectList(): string {
    const cols = [...new Set([...this.cursorCols, ...this.items.map(([, c]) => c)])];
    return cols.map((c) => this.sql.col(c)).join(', ');
  }

  private body(rows: Row[]): Buffer {
    return jsonl(rows.map((r) => Object.fromEntries(this.items.map(([item, col]) => [item, r[col] ?? null]))));
  }

  private orderBy(): string {
    return this.cursorCols.map((c) => this.sql.col(c)).join(', ');
  }

  /** Source rows in cursor order after `from` (exclusive) and up to `to` (inclusive), at most `limit`. */
  private async range(from: string[] | null, to: string[] | null, limit: number | null): Promise<Row[]> {
    const p = new Params(this.sql);
    const where: string[] = [];
    if (from) where.push(tupleCompare(this.sql, p, this.cursorCols, from, '>'));
    if (to) where.push(tupleCompare(this.sql, p, this.cursorCols, to, '<='));
    const text = `SELECT ${this.selectList()} FROM ${this.sql.table(this.s.table)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${this.orderBy()}${
      limit ? ` LIMIT ${limit}` : ''
    }`;
    return this.sql.query(text, p.values);
  }

  private tuple(r: Row): string[] {
    return this.cursorCols.map((c) => {
      const v = r[c];
      if (v === null) throw new Error(`来源表 ${this.s.table} 的 ${c} 有空值：增量列和主键列必须非空`);
      return v;
    });
  }

  async start(): Promise<PushPosition> {
    if (this.s.updatedAt) return { kind: 'updatedAt', after: null };
    // The changes to follow after the first full read: everything after the table's state now.
    return { kind: 'scan', after: null, startSeq: await this.maxSeq() };
  }

  private async maxSeq(): Promise<string | null> {
    const ct = this.s.changeTable!;
    const [r] = await this.sql.query(`SELECT max(${this.sql.col(ct.seq)}) AS m FROM ${this.sql.table(ct.table)}`);
    return r?.m ?? null;
  }

  async next(pos: PushPosition, limit: number): Promise<Planned | { position: PushPosition } | null> {
    if (pos.kind === 'updatedAt' || pos.kind === 'scan') {
      const rows = await this.range(pos.after, null, limit);
      if (!rows.length) return pos.kind === 'scan' ? { position: { kind: 'changes', after: pos.startSeq } } : null;
      const after = this.tuple(rows[rows.length - 1]);
      return { mode: 'upsert', to: { ...pos, after }, rows: rows.length, body: this.body(rows), format: 'jsonl' };
    }
    if (pos.kind !== 'changes') throw new Error(`数据库来源不认识位置 ${pos.kind}`);
    const changes = await this.changes(pos.after, null, limit);
    if (!changes.length) return null;
    // The longest run of changes of one kind: upserts and deletes go in change-table order.
    const mode = changes[0].mode;
    let n = 1;
    while (n < changes.length && changes[n].mode === mode) n++;
    const run = changes.slice(0, n);
    const to: PushPosition = { kind: 'changes', after: run[n - 1].seq };
    const read = await this.changeBody(mode, run);
    return { to, ...read, format: 'jsonl' };
  }

  async reread(p: Pending): Promise<Reread> {
    const { from, to } = p;
    if ((from.kind === 'updatedAt' || from.kind === 'scan') && from.kind === to.kind) {
      const rows = await this.range(from.after, to.after, null);
      return { rows: rows.length, body: this.body(rows) };
    }
    if (from.kind === 'changes' && to.kind === 'changes') {
      // A change written since inside the range (a late commit) is of the batch's kind or left out.
      const changes = (await this.changes(from.after, to.after, null)).filter((c) => c.mode === p.mode);
      return this.changeBody(p.mode as 'upsert' | 'delete', changes);
    }
    throw new Error(`待发批次的范围不认识：${from.kind} → ${to.kind}`);
  }

  private async changes(after: string | null, upTo: string | null, limit: number | null) {
    const ct = this.s.changeTable!;
    const p = new Params(this.sql);
    const where: string[] = [];
    const seq = this.sql.col(ct.seq);
    if (after !== null) where.push(`${seq} > ${p.add(after)}`);
    if (upTo !== null) where.push(`${seq} <= ${p.add(upTo)}`);
    const rows = await this.sql.query(
      `SELECT ${seq} AS seq, ${this.sql.col(ct.op)} AS op, ${ct.key.map((k, i) => `${this.sql.col(k)} AS k${i}`).join(', ')}
         FROM ${this.sql.table(ct.table)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${seq}${limit ? ` LIMIT ${limit}` : ''}`,
      p.values,
    );
    return rows.map((r) => {
      const op = (r.op ?? '').trim().toUpperCase()[0];
      if (op !== 'I' && op !== 'U' && op !== 'D') throw new Error(`变更表 ${ct.table} 第 ${r.seq} 条的操作类型 ${r.op} 不认识：应为 I、U 或 D`);
      const key = ct.key.map((_, i) => r[`k${i}`]);
      if (key.some((k) => k === null)) throw new Error(`变更表 ${ct.table} 第 ${r.seq} 条的主键为空`);
      return { seq: r.seq as string, mode: op === 'D' ? ('delete' as const) : ('upsert' as const), key: key as string[] };
    });
  }

  /** A run of changes of one kind as a body: deletes name the keys; upserts carry the rows as they are now (gone ones are left to their delete). */
  private async changeBody(mode: 'upsert' | 'delete', changes: { key: string[] }[]): Promise<{ rows: number; body: Buffer; mode: 'upsert' | 'delete' }> {
    const seen = new Set<string>();
    const keys: string[][] = [];
    for (const c of changes) {
      const id = JSON.stringify(c.key);
      if (!seen.has(id)) {
        seen.add(id);
        keys.push(c.key);
      }
    }
    if (mode === 'delete') {
      const rows = keys.map((k) => Object.fromEntries(this.keyItems.map((item, i) => [item, k[i]])));
      return { mode, rows: rows.length, body: jsonl(rows) };
    }
    const rows: Row[] = [];
    for (let i = 0; i < keys.length; i += 1000) {
      const part = keys.slice(i, i + 1000);
      const p = new Params(this.sql);
      const cond =
        this.s.key.length === 1
          ? `${this.sql.col(this.s.key[0])} IN (${part.map((k) => p.add(k[0])).join(', ')})`
          : part.map((k) => `(${this.s.key.map((c, j) => `${this.sql.col(c)} = ${p.add(k[j])}`).join(' AND ')})`).join(' OR ');
      rows.push(...(await this.sql.query(`SELECT ${this.selectList()} FROM ${this.sql.table(this.s.table)} WHERE ${cond}`, p.values)));
    }
    // Key order, whatever order the database answered in: the same rows make the same bytes.
    const keyOf = (r: Row) => this.s.key.map((c) => r[c] ?? '');
    rows.sort((a, b) => compareTuples(keyOf(a), keyOf(b)));
    return { mode, rows: rows.length, body: this.body(rows) };
  }
}

function compareTuples(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

const FORMATS: Record<string, string> = { '.csv': 'csv', '.tsv': 'tsv', '.json': 'json', '.jsonl': 'jsonl', '.xlsx': 'xlsx' };

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Files dropped into a folder, each sent whole as one batch in name order; the platform parses it (encodings, Excel). */
export class FolderPushSource implements PushSource {
  readonly wire: PushSource['wire'];
  private readonly pattern: RegExp;

  constructor(private readonly s: CsvFolder) {
    this.pattern = new RegExp(s.pattern, 'i');
    const mapping = s.columns ? Object.fromEntries(Object.entries(s.columns).map(([item, header]) => [header, item])) : undefined;
    this.wire = { encoding: s.encoding, mapping, contentType: 'application/octet-stream' };
  }

  async start(): Promise<PushPosition> {
    return { kind: 'files', sent: {} };
  }

  async close() {}

  async next(pos: PushPosition): Promise<Planned | { position: PushPosition } | null> {
    if (pos.kind !== 'files') throw new Error(`文件夹来源不认识位置 ${pos.kind}`);
    const names = readdirSync(this.s.path)
      .filter((n) => !n.startsWith('.') && this.pattern.test(n) && FORMATS[extname(n).toLowerCase()])
      .sort();
    for (const name of names) {
      const path = join(this.s.path, name);
      const st = statSync(path, { throwIfNoEntry: false });
      if (!st?.isFile()) continue;
      const sent = pos.sent[name];
      if (sent && sent.size === st.size && sent.mtimeMs === st.mtimeMs) continue;
      const sha256 = await sha256File(path);
      const to: PushPosition = { kind: 'files', sent: { ...pos.sent, [name]: { sha256, size: st.size, mtimeMs: st.mtimeMs } } };
      if (sent?.sha256 === sha256) return { position: to }; // touched, not changed
      return { mode: this.s.mode, to, rows: 0, body: { path, size: st.size }, format: FORMATS[extname(name).toLowerCase()], file: { name, sha256 } };
    }
    return null;
  }

  async reread(p: Pending): Promise<Reread> {
    if (!p.file) throw new Error('文件批次缺少文件名');
    const path = join(this.s.path, p.file.name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st?.isFile()) return null;
    return { rows: 0, body: { path, size: st.size }, sha256: await sha256File(path) };
  }
}

export async function openSource(s: DbSource | CsvFolder): Promise<PushSource> {
  return s.kind === 'csv-folder' ? new FolderPushSource(s) : DbPushSource.open(s);
}
