import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

const srcDir = fileURLToPath(new URL('../../', import.meta.url));

// Migrations live beside the code that owns the tables (src/platform/db/migrations,
// src/modules/<m>/migrations) and are applied in the order of their file names, which
// carry one global number so the order never depends on the folder.
function migrationFiles(): string[] {
  const dirs = [join(srcDir, 'platform/db/migrations')];
  for (const m of readdirSync(join(srcDir, 'modules'), { withFileTypes: true })) {
    if (m.isDirectory()) dirs.push(join(srcDir, 'modules', m.name, 'migrations'));
  }
  const files = dirs.flatMap((d) => {
    try {
      return readdirSync(d)
        .filter((f) => f.endsWith('.sql'))
        .map((f) => join(d, f));
    } catch {
      return [];
    }
  });
  files.sort((a, b) => basename(a).localeCompare(basename(b)));
  const names = files.map((f) => basename(f));
  const dup = names.find((n, i) => names.indexOf(n) !== i || names.some((o, j) => j !== i && o.slice(0, 4) === n.slice(0, 4)));
  if (dup) throw new Error(`Two migrations share the number of ${dup}`);
  return files;
}

export async function migrate(db: Db): Promise<string[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    // Two instances starting together must not both apply the same migration.
    await tx.query('SELECT pg_advisory_xact_lock(7357001)');
    const done = new Set((await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
    for (const file of migrationFiles()) {
      const name = basename(file);
      if (done.has(name)) continue;
      for (const statement of splitSql(readFileSync(file, 'utf8'))) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      applied.push(name);
    }
  });
  return applied;
}

// Split on semicolons outside dollar-quoted bodies, quotes and comments, so a
// transaction can run statements one by one on both engines.
function splitSql(sql: string): string[] {
  const out: string[] = [];
  let cur = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
      cur += '\n';
      continue;
    }
    if (ch === "'") {
      const end = sql.indexOf("'", i + 1);
      cur += sql.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (ch === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))?.[0];
      if (tag) {
        const end = sql.indexOf(tag, i + tag.length);
        cur += sql.slice(i, end + tag.length);
        i = end + tag.length;
        continue;
      }
    }
    if (ch === ';') {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
    i++;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
