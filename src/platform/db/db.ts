// The one database interface every store uses. Two engines sit behind it: PGlite
// (embedded, the demo default) and PostgreSQL via `pg`. Stores write plain SQL that
// runs on both; FIELD-NOTES.md lists the features that differ.

export type Row = Record<string, unknown>;

export interface Queryable {
  /** Runs one statement with $1… parameters. JSON values must be passed JSON.stringify'd and cast (::jsonb). */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/** One pinned connection, outside any transaction: long work that commits as it goes (ingest). */
export interface Session extends Queryable {
  /** Runs `COPY table (cols) FROM STDIN` with the pieces of `data` (PostgreSQL's text format, whole lines) as the whole input. */
  copyIn(copySql: string, data: (string | Uint8Array)[]): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  session<T>(fn: (s: Session) => Promise<T>): Promise<T>;
  /** Runs statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Type OIDs whose default parsing differs between the engines or loses meaning:
// int8 arrives as a string through pg (counts are well under 2^53), and `date` would
// become a JS Date at local midnight, shifting a day in some time zones.
export const INT8_OID = 20;
export const DATE_OID = 1082;

export function parseInt8(value: string): number {
  return Number(value);
}
