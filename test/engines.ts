import pg from 'pg';

// Which database engines the suite runs against. PGlite always; PostgreSQL when it
// answers at TEST_DATABASE_URL (default: the local server). Under CI=true a missing
// PostgreSQL is a failure, not a skip.
export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? `postgres://${process.env.PGUSER ?? process.env.USER ?? 'root'}@127.0.0.1:5432/test`;
export const PG_TEMPLATE = 'jutong_template';

export type Engine = 'pglite' | 'postgres';

export async function postgresAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch (e) {
    if (process.env.CI === 'true') throw new Error(`CI=true but PostgreSQL is not reachable at ${PG_ADMIN_URL}: ${(e as Error).message}`);
    return false;
  }
}

export function urlFor(database: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}
