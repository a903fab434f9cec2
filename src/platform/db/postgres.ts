import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DATE_OID, type Db, INT8_OID, parseInt8, type Queryable, type Session } from './db.js';

pg.types.setTypeParser(INT8_OID, parseInt8);
pg.types.setTypeParser(DATE_OID, (v) => v);

export async function openPostgres(url: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max });
  // Fail at start, with the URL's host in the message, rather than on the first request.
  const client = await pool.connect().catch((e: Error) => {
    throw new Error(`Cannot connect to PostgreSQL at ${redact(url)}: ${e.message}`);
  });
  client.release();
  pool.on('error', () => {}); // an idle client dropped by the server is replaced on next use
  return {
    kind: 'postgres',
    async query(sql, params) {
      const res = await pool.query(sql, params as unknown[] | undefined);
      return res.rows;
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const c = await pool.connect();
      const tx: Queryable = {
        async query(sql, params) {
          return (await c.query(sql, params as unknown[] | undefined)).rows;
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
        async query(sql, params) {
          return (await c.query(sql, params as unknown[] | undefined)).rows;
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
    close: () => pool.end(),
  };
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
