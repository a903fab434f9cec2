import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { createPlatform, type Platform, version } from '../app.js';
import { type Config, ConfigError, loadConfig } from '../config.js';
import { systemPrincipal } from '../platform/auth/principal.js';
import { openDb } from '../platform/db/open.js';
import { DomainError } from '../platform/errors.js';
import { RemoteError } from './client.js';
import { createCommands } from './commands.js';
import { registerGenerate } from './generate.js';
import { registerRemote } from './remote.js';

/** Opens the platform for one CLI command, runs it, and always closes the database. */
export async function withPlatform<T>(
  mode: Config['mode'],
  fn: (p: Platform) => Promise<T>,
  opts: { background?: boolean } = { background: false },
): Promise<T> {
  const config = loadConfig(process.env, mode);
  const db = await openDb(config.database);
  const p = await createPlatform({ ...config, logLevel: mode === 'tool' ? 'warn' : config.logLevel }, db, opts).catch(async (e) => {
    await db.close();
    throw e;
  });
  try {
    return await fn(p);
  } finally {
    if (mode === 'tool') await p.close();
  }
}

const program = new Command('jutong').description('聚通 — the city data platform').version(version);
createCommands(program, { withPlatform, system: systemPrincipal('cli'), readFile: (f) => readFileSync(f) });
registerRemote(program);
registerGenerate(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof RemoteError) console.error(e.message);
  else if (e instanceof DomainError) {
    console.error(`${e.message}`);
    if (Array.isArray(e.details)) for (const d of e.details.slice(0, 50)) console.error(`  ${JSON.stringify(d)}`);
  } else console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
