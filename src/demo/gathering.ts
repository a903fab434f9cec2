import { join } from 'node:path';
import type { Platform } from '../app.js';
import { csvText, type GenerateKind, SOURCE_ENTRIES } from '../modules/gathering/generate/index.js';
import { ingest } from '../modules/gathering/ingest.js';
import { createMount } from '../modules/gathering/service.js';
import { systemPrincipal } from '../platform/auth/principal.js';

/** How much generated data the demo city holds: enough to look at, small enough to seed in seconds. */
const DEMO_ROWS: Record<GenerateKind, number> = { population: 2000, 'legal-entity': 500, license: 300 };

/**
 * Mounts the entries that feed the base databases as tables and loads generated rows into
 * them through the real ingest (a few deliberately bad rows show up in the quality report).
 */
export async function seedGathering(p: Platform, log: (s: string) => void = () => {}): Promise<void> {
  const sys = systemPrincipal('seed');
  const deps = { db: p.db, actions: p.actions, files: p.files, tmpDir: join(p.config.filesDir, 'tmp') };
  for (const kind of Object.keys(DEMO_ROWS) as GenerateKind[]) {
    const [entry] = await p.db.query<{ id: string }>('SELECT resource_id AS id FROM catalog_resource_versions WHERE name = $1 AND is_published', [
      SOURCE_ENTRIES[kind].entry,
    ]);
    if (!entry) throw new Error(`demo entry ${SOURCE_ENTRIES[kind].entry} is not published`);
    const mount = await p.actions.run(createMount, sys, { id: entry.id, kind: 'table' });
    const csv = Buffer.from(csvText({ kind, rows: DEMO_ROWS[kind], seed: 'demo', badFraction: 0.01 }), 'utf8');
    const body = (async function* () {
      yield csv;
    })();
    const run = await ingest(deps, sys, { mountId: mount.id, mode: 'replace', encoding: 'auto', mapping: {}, bytesTotal: null, filename: `${kind}.csv`, body });
    if (run.status !== 'succeeded') throw new Error(`demo ingest of ${kind}: ${run.status} ${run.error}`);
    log(`mounted ${SOURCE_ENTRIES[kind].entry}: ${run.rowsLoaded} rows (${run.rowsRejected} rejected)`);
  }
}
