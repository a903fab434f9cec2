import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// One guarded door to mounted data: gathering's tables service (src/modules/gathering/tables)
// reads mount tables, runs and deletes on an access decision, and nothing outside gathering
// writes SQL against them. A statement that names one of them elsewhere is a read past the
// door, so this walk fails on it (tests may look at the tables directly).

const root = new URL('../src/', import.meta.url).pathname;
const gathering = join(root, 'modules', 'gathering');

/** Gathering's tables, in SQL: the run log, the delete log, file versions, mount tables and staging tables, and the mounts themselves. */
const FORBIDDEN = [/\bingest_runs\b/, /\bmount_deletes\b/, /\bmount_files\b/, /\bmount_(data|stage)_/, /\b(FROM|JOIN|INTO|UPDATE|TABLE)\s+mounts\b/i];

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (path !== gathering) yield* sources(path);
    } else if (/\.(ts|mts)$/.test(e.name) && !/\.test\.ts$/.test(e.name)) yield path;
  }
}

/** The code without its comments: a comment may name a table, a statement may not. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('the door to mounted data', () => {
  it('finds the walk works: a statement naming a mount table is caught, its comment is not', () => {
    expect(FORBIDDEN.some((re) => re.test(code('db.query(`SELECT max(seq) FROM ingest_runs WHERE mount_id = $1`)')))).toBe(true);
    expect(FORBIDDEN.some((re) => re.test(code('db.query(`SELECT 1 FROM base_feeds f JOIN mounts m ON m.id = f.mount_id`)')))).toBe(true);
    expect(FORBIDDEN.some((re) => re.test(code('// the run (ingest_runs.seq) that wrote it\nconst url = `/api/v1/mounts/` + id;')))).toBe(false);
  });

  it('no source file outside gathering names gathering’s tables in SQL', () => {
    const found: string[] = [];
    for (const file of sources(root)) {
      const lines = code(readFileSync(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        if (FORBIDDEN.some((re) => re.test(line))) found.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
