import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPlatform } from '../src/app.js';
import { seedDemo } from '../src/cli/seed.js';
import { openPglite } from '../src/platform/db/pglite.js';
import { openPostgres } from '../src/platform/db/postgres.js';
import { TEMPLATE_FILE, testConfig } from './config.js';
import { PG_ADMIN_URL, PG_TEMPLATE, postgresAvailable, urlFor } from './engines.js';

declare module 'vitest' {
  export interface ProvidedContext {
    engines: ('pglite' | 'postgres')[];
  }
}

// Migrate and seed the demo city once per run, then every test file starts from a
// copy: a PGlite data-directory dump, or a PostgreSQL database made from a template.
export default async function setup(project: TestProject) {
  const engines: ('pglite' | 'postgres')[] = ['pglite'];

  const lite = await openPglite({ memory: true });
  const p = await createPlatform(testConfig, lite, { background: false });
  await seedDemo(p, testConfig.demoPassword);
  mkdirSync(new URL('../.tmp/', import.meta.url), { recursive: true });
  writeFileSync(TEMPLATE_FILE, Buffer.from(await (await (lite as unknown as { dump(): Promise<Blob> }).dump()).arrayBuffer()));
  await p.close();

  if (await postgresAvailable()) {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await dropTestDatabases(admin);
    await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE}`);
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE}`);
    const db = await openPostgres(urlFor(PG_TEMPLATE), 2);
    const pp = await createPlatform(testConfig, db, { background: false });
    await seedDemo(pp, testConfig.demoPassword);
    await pp.close();
    await admin.end();
    engines.push('postgres');
  }
  project.provide('engines', engines);
}

async function dropTestDatabases(admin: pg.Client) {
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'jt_test_%'`);
  for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
}
