import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { Platform } from '../app.js';
import type { Config } from '../config.js';
import { systemPrincipal } from '../platform/auth/principal.js';
import { DomainError } from '../platform/errors.js';
import { registerAgent } from './agent/command.js';
import { RemoteError } from './client.js';
import { createCommands } from './commands.js';
import { registerGenerate } from './generate.js';
import { registerRemote } from './remote.js';
import { registerWatermark } from './watermark.js';

// The platform's code (Fastify, the database drivers, every module) loads only for the
// commands that open it: `jutong import` and `jutong login`, clients of a running platform,
// start in a third of the time and leave the cores to the server they talk to.
const version: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

/** Opens the platform for one CLI command, runs it, and always closes the database. */
export async function withPlatform<T>(
  mode: Config['mode'],
  fn: (p: Platform) => Promise<T>,
  opts: { background?: boolean } = { background: false },
): Promise<T> {
  const [{ loadConfig }, { openDb }, { createPlatform }] = await Promise.all([import('../config.js'), import('../platform/db/open.js'), import('../app.js')]);
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
registerWatermark(program);
registerGenerate(program);
registerAgent(program);

program.parseAsync(process.argv).catch(async (e: unknown) => {
  const { ConfigError } = await import('../config.js');
  if (e instanceof ConfigError || e instanceof RemoteError) console.error(e.message);
  else if (e instanceof DomainError) {
    console.error(`${e.message}`);
    if (Array.isArray(e.details)) for (const d of e.details.slice(0, 50)) console.error(`  ${JSON.stringify(d)}`);
  } else console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
