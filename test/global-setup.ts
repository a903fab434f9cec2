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
    pgTemplate: string;
  }
}

// Migrate and seed the demo city once per run, then every test file starts from a
// copy: a PGlite data-directory dump, or a PostgreSQL database made from a template.
export default async function setup(project: TestProject) {
  const engines: ('pglite' | 'postgres')[] = ['pglite'];
  // One template per run, so two runs against one server do not pull databases from under each other.
  const template = `${PG_TEMPLATE}_${process.pid}`;

  const lite = await openPglite({ memory: true });
  const p = await createPlatform(testConfig, lite, { background: false });
  await seedDemo(p, testConfig.demoPassword);
  mkdirSync(new URL('../.tmp/', import.meta.url), { recursive: true });
  writeFileSync(TEMPLATE_FILE, Buffer.from(await (await (lite as unknown as { dump(): Promise<Blob> }).dump()).arrayBuffer()));
  await p.close();

  if (await postgresAvailable()) {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await dropIdleTestDatabases(admin);
    await admin.query(`CREATE DATABASE ${template}`);
    const db = await openPostgres(urlFor(template), 2);
    const pp = await createPlatform(testConfig, db, { background: false });
    await seedDemo(pp, testConfig.demoPassword);
    await pp.close();
    await admin.end();
    engines.push('postgres');
  }
  project.provide('engines', engines);
  project.provide('pgTemplate', template);
  return async () => {
    if (!engines.includes('postgres')) return;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  };
}

/** Leftovers of runs that crashed; a database still in use by another run refuses and stays. */
async function dropIdleTestDatabases(admin: pg.Client) {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'jt\\_test\\_%' OR datname LIKE '${PG_TEMPLATE}\\_%'`,
  );
  for (const r of rows) {
    // A template or test database of a process that still runs (another run, idle between queries) stays.
    const owner = r.datname.startsWith(`${PG_TEMPLATE}_`) ? r.datname.slice(PG_TEMPLATE.length + 1) : r.datname.slice('jt_test_'.length).split('_')[0];
    const pid = /^\d+$/.test(owner) ? Number(owner) : 0;
    if (pid && alive(pid)) continue;
    await admin.query(`DROP DATABASE IF EXISTS ${r.datname}`).catch(() => {});
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
