// The one database interface every store uses. Two engines sit behind it: PGlite
// (embedded, the demo default) and PostgreSQL via `pg`. Stores write plain SQL that
// runs on both; FIELD-NOTES.md lists the features that differ.

export type Row = Record<string, unknown>;

export type QueryOptions = {
  /**
   * The statement is on a hot path and its text is one of a small set (no user-built parts): PostgreSQL
   * keeps it parsed and planned on each connection, which for a statement of several subqueries costs
   * more than running it. Ignored by PGlite.
   */
  prepare?: boolean;
};

export interface Queryable {
  /** Runs one statement with $1… parameters. JSON values must be passed JSON.stringify'd and cast (::jsonb). */
  query<T = Row>(sql: string, params?: readonly unknown[], opts?: QueryOptions): Promise<T[]>;
}

/** One pinned connection, outside any transaction: long work that commits as it goes (ingest). */
export interface Session extends Queryable {
  /** Starts `COPY table (cols) FROM STDIN`; the input is sent in pieces (PostgreSQL's text format, whole lines). */
  copyFrom(copySql: string): CopyInput;
}

/**
 * The input of one COPY. On PostgreSQL it is one statement streamed: a failed write ends it,
 * and `abort` must be called before the session is used again. On PGlite (which reads a COPY
 * from a blob held whole) each write is a statement of its own, so a failed write fails only
 * its piece.
 */
export interface CopyInput {
  /** Sends a piece; resolves when the next may be sent. */
  write(data: Uint8Array): Promise<void>;
  /** Ends the input; resolves when the COPY has completed. */
  end(): Promise<void>;
  /** Abandons the COPY (nothing of it is kept); the session stays usable. */
  abort(): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  session<T>(fn: (s: Session) => Promise<T>): Promise<T>;
  /** Runs statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `fn` on each NOTIFY on `channel` from any process, and once each time listening
   * (re)starts, for what was sent while it was not. Returns how to stop.
   */
  listen(channel: string, fn: () => void): () => Promise<void>;
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
