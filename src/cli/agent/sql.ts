import type { Database } from './config.js';

// The department's database, PostgreSQL or MySQL/MariaDB, behind one small interface. Every
// value comes back as the text the database prints (or null), never as a JavaScript number
// or Date: a batch's body is then the same bytes each time the same rows are read, which the
// platform's idempotency check compares, and no ID number or amount is rounded on the way.

export type Row = Record<string, string | null>;
export type Query = (text: string, params?: unknown[]) => Promise<Row[]>;

export interface Sql {
  readonly kind: Database['kind'];
  /** Quotes a column name. */
  col(name: string): string;
  /** Quotes a table name; `schema.table` becomes two quoted parts. */
  table(name: string): string;
  /** A placeholder for the n-th parameter (1-based). */
  param(n: number): string;
  query: Query;
  /** PostgreSQL only: `COPY … FROM STDIN` of text-format data, on the connection (inside a transaction when one is open). */
  copyIn?(copySql: string, data: Buffer): Promise<void>;
  transaction<T>(fn: (q: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class SqlUnavailable extends Error {}

const quotePg = (s: string) => `"${s.replaceAll('"', '""')}"`;
const quoteMy = (s: string) => `\`${s.replaceAll('`', '``')}\``;

/** Errors that mean "not reachable now" rather than "wrong": worth retrying. */
export function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? '';
  return (
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|PROTOCOL_CONNECTION_LOST|ER_CON_COUNT_ERROR|57P01|57P02|57P03|53300|08\w{3})$/.test(
      code,
    ) || /Connection terminated|connect ECONNREFUSED|server closed the connection/i.test((e as Error)?.message ?? '')
  );
}

const TIMESTAMPTZ = 1184;
const BOOL = 16;

/** PostgreSQL's text form of a timestamptz (2024-02-29 00:30:00.5+00) as ISO 8601, which the platform reads. */
export function isoTimestamptz(v: string): string {
  const m = /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d\d)(?::?(\d\d))?(?::?(\d\d))?$/.exec(v);
  return m && !m[5] ? `${m[1]}T${m[2]}${m[3]}:${m[4] ?? '00'}` : v;
}

async function openPg(url: string): Promise<Sql> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 10_000,
    // One text form per value whatever the server's settings: ISO dates, UTC instants.
    options: '-c DateStyle=ISO,YMD -c TimeZone=UTC -c IntervalStyle=iso_8601 -c extra_float_digits=1',
    types: {
      getTypeParser: ((oid: number) =>
        oid === TIMESTAMPTZ ? isoTimestamptz : oid === BOOL ? (v: string) => (v === 't' ? 'true' : 'false') : (v: string) => v) as never,
    },
  });
  client.on('error', () => {}); // a dropped connection surfaces on the next query
  try {
    await client.connect();
  } catch (e) {
    throw isConnectionError(e) ? new SqlUnavailable(`连不上 PostgreSQL：${(e as Error).message}`) : e;
  }
  const query: Query = async (text, params = []) => (await client.query(text, params)).rows as Row[];
  const { from: copyFrom } = await import('pg-copy-streams');
  const { pipeline } = await import('node:stream/promises');
  const { Readable } = await import('node:stream');
  return {
    kind: 'postgres',
    copyIn: (copySql, data) => pipeline(Readable.from([data]), client.query(copyFrom(copySql))),
    col: quotePg,
    table: (name) => name.split('.').map(quotePg).join('.'),
    param: (n) => `$${n}`,
    query,
    async transaction(fn) {
      await client.query('BEGIN');
      try {
        const out = await fn(query);
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      }
    },
    close: () => client.end().catch(() => {}),
  };
}

async function openMysql(url: string): Promise<Sql> {
  const mysql = await import('mysql2/promise');
  let conn: import('mysql2/promise').Connection;
  try {
    conn = await mysql.createConnection({
      uri: url,
      charset: 'utf8mb4',
      connectTimeout: 10_000,
      multipleStatements: false,
      // Every value as the server's text (dates as written, DECIMAL and BIGINT exact); NULL stays null.
      typeCast: (field, next) => (field.type === 'GEOMETRY' ? next() : field.string()),
    });
  } catch (e) {
    throw isConnectionError(e) ? new SqlUnavailable(`连不上 MySQL/MariaDB：${(e as Error).message}`) : e;
  }
  conn.on('error', () => {});
  // Beijing time for TIMESTAMP columns, as the platform shows times. A known sql_mode: strict, so nothing is
  // silently cut, and without NO_BACKSLASH_ESCAPES or ANSI_QUOTES, which the client's escaping and this SQL assume.
  await conn.query("SET time_zone = '+08:00', sql_mode = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
  const query: Query = async (text, params = []) => {
    const [rows] = await conn.query(text, params);
    return (Array.isArray(rows) ? rows : []) as Row[];
  };
  return {
    kind: 'mysql',
    col: quoteMy,
    table: (name) => name.split('.').map(quoteMy).join('.'),
    param: () => '?',
    query,
    async transaction(fn) {
      await conn.query('START TRANSACTION');
      try {
        const out = await fn(query);
        await conn.query('COMMIT');
        return out;
      } catch (e) {
        await conn.query('ROLLBACK').catch(() => {});
        throw e;
      }
    },
    close: () => conn.end().catch(() => {}),
  };
}

export function openSql(db: Database): Promise<Sql> {
  return db.kind === 'postgres' ? openPg(db.url) : openMysql(db.url);
}

/** Collects parameters and hands out the engine's placeholders. */
export class Params {
  readonly values: unknown[] = [];
  constructor(private readonly sql: Pick<Sql, 'param'>) {}
  add(v: unknown): string {
    this.values.push(v);
    return this.sql.param(this.values.length);
  }
}

/**
 * `(c1, c2, …) > (v1, v2, …)` (or `<=`) spelled out as ORs of equalities, which both engines'
 * range optimizers turn into index ranges (MariaDB does not for a row-constructor comparison).
 */
export function tupleCompare(sql: Sql, p: Params, cols: string[], vals: string[], op: '>' | '<='): string {
  const strict = op === '>' ? '>' : '<';
  const parts: string[] = [];
  for (let i = 0; i < cols.length; i++) {
    const eq = cols.slice(0, i).map((c, j) => `${sql.col(c)} = ${p.add(vals[j])}`);
    const last = i === cols.length - 1 && op === '<=' ? '<=' : strict;
    parts.push([...eq, `${sql.col(cols[i])} ${last} ${p.add(vals[i])}`].join(' AND '));
  }
  return `(${parts.map((x) => `(${x})`).join(' OR ')})`;
}
