import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DATE_OID, type Db, INT8_OID, parseInt8, type Queryable, type QueryOptions, type Session } from './db.js';

pg.types.setTypeParser(INT8_OID, parseInt8);
pg.types.setTypeParser(DATE_OID, (v) => v);

export async function openPostgres(url: string, max = 10): Promise<Db> {
  // A server that does not answer (a network cut, not a refusal) fails the request in 10 s instead of holding it forever.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
  // Fail at start, with the URL's host in the message, rather than on the first request.
  const client = await pool.connect().catch((e: Error) => {
    throw new Error(`Cannot connect to PostgreSQL at ${redact(url)}: ${e.message}`);
  });
  client.release();
  pool.on('error', () => {}); // an idle client dropped by the server is replaced on next use
  return {
    kind: 'postgres',
    async query(sql, params, opts) {
      return (await pool.query(config(sql, params, opts))).rows;
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const c = await pool.connect();
      const tx: Queryable = {
        async query(sql, params, opts) {
          return (await c.query(config(sql, params, opts))).rows;
        },
      };
      try {
        await c.query('BEGIN');
        const result = await fn(tx);
        await c.query('COMMIT');
        return result;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        c.release();
      }
    },
    async session(fn) {
      const c = await pool.connect();
      const s: Session = {
        async query(sql, params, opts) {
          return (await c.query(config(sql, params, opts))).rows;
        },
        copyFrom(copySql) {
          const stream = c.query(copyFrom(copySql));
          // Rejects once the COPY fails, for whoever is waiting at that moment; never unhandled.
          const failed = new Promise<never>((_, reject) => stream.once('error', reject));
          failed.catch(() => {});
          return {
            async write(data) {
              if (!stream.write(data)) await Promise.race([once(stream, 'drain'), failed]);
            },
            async end() {
              stream.end();
              await Promise.race([finished(stream), failed]);
            },
            async abort() {
              // pg-copy-streams answers a destroy with CopyFail: the server rolls the COPY back.
              stream.destroy(new Error('copy abandoned'));
              await finished(stream).catch(() => {});
            },
          };
        },
      };
      let broken = false;
      try {
        return await fn(s);
      } catch (e) {
        broken = true;
        throw e;
      } finally {
        // A session that failed mid-COPY may be in any protocol state: never reuse it.
        c.release(broken);
      }
    },
    listen: (channel, fn) => listener(url, channel, fn),
    close: () => pool.end(),
  };
}

/**
 * LISTEN on a connection of its own, outside the pool (a LISTEN lasts as long as its session).
 * When that connection drops (the server restarted, the network cut) it connects again, 1 s,
 * 2 s … at most 30 s apart, and calls `fn` once listening again, for what it missed meanwhile.
 */
function listener(url: string, channel: string, fn: () => void): () => Promise<void> {
  if (!/^[a-z_]+$/.test(channel)) throw new RangeError(`not a channel name: ${channel}`);
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let delay = 1000;
  let stopped = false;
  const retry = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => void connect(), delay);
    timer.unref();
    delay = Math.min(delay * 2, 30_000);
  };
  const connect = async () => {
    timer = null;
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    c.on('error', () => {}); // 'end' follows
    c.on('end', () => {
      if (client !== c) return;
      client = null;
      retry();
    });
    c.on('notification', () => fn());
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch {
      c.end().catch(() => {});
      retry();
      return;
    }
    if (stopped) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    delay = 1000;
    fn();
  };
  void connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
}

// Names of the statements kept prepared, by text. Each connection prepares a name on first use;
// past the cap new texts simply run unprepared, so a mistaken caller cannot grow every server
// process's memory without bound.
const PREPARED_CAP = 1_000;
const preparedNames = new Map<string, string>();

function config(text: string, params: readonly unknown[] | undefined, opts: QueryOptions | undefined): pg.QueryConfig {
  const values = params as unknown[] | undefined;
  if (!opts?.prepare) return { text, values };
  let name = preparedNames.get(text);
  if (!name && preparedNames.size < PREPARED_CAP) {
    name = `jt_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    preparedNames.set(text, name);
  }
  return name ? { name, text, values } : { text, values };
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
