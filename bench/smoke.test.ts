import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hasMysql } from '../src/cli/agent/test-support.js';
import { PG_ADMIN_URL, postgresAvailable } from '../test/engines.js';
import { processTree } from './lib/proc.js';

// Every bench in its smoke mode (bench/lib/args.ts: tiny sizes, nothing written to RESULTS.md),
// as a child process the way it is run by hand, so that a change that breaks a bench fails the
// suite instead of the next person who runs it. One after the other: each keeps a core busy.
// PostgreSQL (and MariaDB for the agent) as the other tests find them: skipped locally when
// absent, a failure under CI=true.

const postgres = await postgresAvailable();
const mariadb = postgres && (await hasMysql());
/** Generous: a smoke run takes seconds on a quiet machine, minutes on a loaded one; past this it hangs. */
const LIMIT_MS = 300_000;
const TEST_MS = LIMIT_MS + 30_000;

function smoke(bench: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/run-ts.mjs', `bench/${bench}.bench.ts`, '--smoke', ...args], {
      cwd: new URL('..', import.meta.url).pathname,
      env: { ...process.env, BENCH_PG_ADMIN_URL: process.env.BENCH_PG_ADMIN_URL ?? PG_ADMIN_URL },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    // Past the limit the bench and what it started (servers, agents, autocannon) are stopped by pid:
    // SIGINT first (the benches clean up on it), then SIGKILL.
    const signal = (s: NodeJS.Signals) => {
      for (const pid of processTree(child.pid as number).reverse())
        try {
          process.kill(pid, s);
        } catch {}
    };
    const limit = setTimeout(() => {
      signal('SIGINT');
      setTimeout(() => signal('SIGKILL'), 15_000).unref();
    }, LIMIT_MS);
    child.on('close', (code, sig) => {
      clearTimeout(limit);
      if (code === 0) resolve(out);
      else reject(new Error(`${bench}.bench.ts --smoke ended with ${code ?? sig}\n${out}\n${err}`));
    });
  });
}

const ratio = '\\d+(\\.\\d+)?×';

describe.sequential('benches in smoke mode', () => {
  it('catalog: import against the raw insert, search against the floor routes', { timeout: TEST_MS }, async () => {
    const engines = postgres ? ['pglite', 'postgres'] : ['pglite'];
    const out = await smoke('catalog', '--engine', postgres ? 'both' : 'pglite');
    expect(out).toMatch(new RegExp(`\\*\\*import / reference\\*\\* \\| ${engines.map(() => `\\*\\*${ratio}\\*\\*`).join(' \\| ')} \\|`));
    expect(out.match(new RegExp(`\\*\\*search / floor \\(auth/me\\)\\*\\* \\|  \\| ${ratio} \\| ${ratio}`, 'g'))).toHaveLength(engines.length);
  });

  it.skipIf(!postgres)('gathering: validated ingest against raw COPY, on PostgreSQL and PGlite', { timeout: TEST_MS }, async () => {
    const out = await smoke('gathering');
    for (const engine of ['postgres', 'pglite']) expect(out).toMatch(new RegExp(`\\| ${engine} \\| 2,000 \\| .* \\| \\*\\*\\d+ %\\*\\* \\|`));
    expect(out).toContain('Targets in this run:');
  });

  it.skipIf(!postgres)('bases: merges against a plain INSERT, lookups against the floors', { timeout: TEST_MS }, async () => {
    const out = await smoke('bases');
    expect(out).toMatch(/\| reference: plain INSERT … SELECT .* \| 2,000 \| 2,000 \|/);
    expect(out).toMatch(new RegExp(`takes [\\d.]+ s \\(${ratio} as long\\)`));
    expect(out).toMatch(/\| floor: an audited write action that does nothing \(no HTTP\) \| 2 \| 10 \|/);
  });

  it('share: the share API against a bare Fastify route', { timeout: TEST_MS }, async () => {
    // One engine is enough here: the bench's code is the same for both (the catalog bench runs the pair).
    const engine = postgres ? 'postgres' : 'pglite';
    const out = await smoke('share', '--engines', engine);
    expect(out).toMatch(new RegExp(`\\| ${engine} \\| \\*\\*peak\\*\\* \\| .* \\| \\*\\*\\d+ %\\*\\* \\| calls logged: `));
    expect(out).toContain('profile: ');
  });

  it('abuse: /api/health under oversized login bodies against the same polls at rest', { timeout: TEST_MS }, async () => {
    const out = await smoke('abuse');
    expect(out).toMatch(/\| at rest \(reference\) \| 20 \| .* \|/);
    expect(out).toMatch(/\| \*\*under 8 × 20 MB login bodies\*\* \| 20 \| .* floods answered: [\d,]+ × 413/);
  });

  it.skipIf(!mariadb)('agent: MariaDB → platform → PostgreSQL against a raw copy', { timeout: TEST_MS }, async () => {
    const out = await smoke('agent');
    expect(out).toMatch(/\| end to end \(push \+ pull\) \| .* \| \*\*\d+ %\*\* \|/);
    expect(out).toContain('500 rows on each side');
  });
});
