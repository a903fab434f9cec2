import type { Config } from '../../config.js';
import type { Db } from './db.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export function openDb(database: Config['database']): Promise<Db> {
  return database.kind === 'postgres' ? openPostgres(database.url) : openPglite({ dataDir: database.dataDir });
}
