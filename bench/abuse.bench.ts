// An anonymous client floods the login route with large bodies while a monitor polls /api/health:
// how long health takes to answer meanwhile, against the same polls on the same server at rest,
// measured in the same run. Target (issue 11, F4): 8 concurrent 20 MB bodies leave /api/health
// answering in under 100 ms (p99).
//
//   node bin/run-ts.mjs bench/abuse.bench.ts [--floods 8] [--mb 20] [--probes 500] [--rounds 3] [--no-write] [--smoke]
//
// The server is `jutong serve --demo` as a user starts it (a child process, PGlite, a fresh data
// directory); the floods and the polls come from this process over loopback. Each flood connection
// sends its body as fast as the socket takes it (half with Content-Length, half chunked) and, once
// answered, is replaced by a new one, so `floods` bodies are in flight for the whole measurement.
// The quiet and the flooded polls take turns, round after round, so a change in the machine's load
// falls on both. Prints a table and writes its section of bench/RESULTS.md (not with --smoke).
import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { startDemoServer } from '../test/e2e/server.js';
import { MB, post } from '../test/raw-http.js';
import { benchArgs } from './lib/args.js';
import { status } from './lib/proc.js';
import { writeSection } from './lib/sections.js';
import { fmtMs, type Summary, summarize } from './lib/stats.js';

const args = benchArgs({ floods: '8', mb: '20', probes: '500', rounds: '3' }, { probes: '20', rounds: '1' });
const FLOODS = Number(args.floods);
const SIZE = Number(args.mb) * MB;
const PROBES = Number(args.probes);
const ROUNDS = Number(args.rounds);
const TARGET_MS = 100;
const code = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

/** `n` sequential GET /api/health on one kept-alive connection, each one's time in ms. */
async function probe(base: string, n: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(`${base}/api/health`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/api/health answered ${res.status}`);
    ms.push(performance.now() - t);
  }
  return ms;
}

type Floods = { answered: number; statuses: Map<number, number>; sentMB: number[]; failures: number };

/** Keeps `FLOODS` oversized login bodies in flight until `until` settles. */
async function flooding<T>(port: number, until: Promise<T>): Promise<{ value: T; floods: Floods }> {
  const floods: Floods = { answered: 0, statuses: new Map(), sentMB: [], failures: 0 };
  let done = false;
  const lane = async (i: number) => {
    while (!done) {
      try {
        const a = await post(port, '/api/v1/auth/login', SIZE, i % 2 === 1);
        floods.answered++;
        floods.statuses.set(a.status, (floods.statuses.get(a.status) ?? 0) + 1);
        floods.sentMB.push(a.sent / MB);
      } catch {
        // The server closed a connection without an answer: counted, and the lane goes on.
        floods.failures++;
      }
    }
  };
  const lanes = Array.from({ length: FLOODS }, (_, i) => lane(i));
  const value = await until;
  done = true;
  await Promise.all(lanes);
  return { value, floods };
}

const server = await startDemoServer();
const stop = async () => {
  await server.stop();
};
process.once('SIGINT', () => void stop().then(() => process.exit(130)));
try {
  log(`server ${server.base} (pid ${server.pid}); warming up`);
  await probe(server.base, 50);
  const rssBefore = status(server.pid, 'VmRSS');
  const quiet: number[] = [];
  const flooded: number[] = [];
  const all: Floods = { answered: 0, statuses: new Map(), sentMB: [], failures: 0 };
  const loads = [loadavg()[0]];
  for (let r = 0; r < ROUNDS; r++) {
    quiet.push(...(await probe(server.base, PROBES)));
    const { value, floods } = await flooding(server.port, probe(server.base, PROBES));
    flooded.push(...value);
    all.answered += floods.answered;
    all.failures += floods.failures;
    all.sentMB.push(...floods.sentMB);
    for (const [s, n] of floods.statuses) all.statuses.set(s, (all.statuses.get(s) ?? 0) + n);
    log(`round ${r + 1}: ${floods.answered} floods answered`);
  }
  loads.push(loadavg()[0]);
  const rssPeak = status(server.pid, 'VmHWM');
  const q = summarize(quiet);
  const f = summarize(flooded);
  const meanSent = all.sentMB.reduce((a, b) => a + b, 0) / Math.max(1, all.sentMB.length);
  const statuses = [...all.statuses].map(([s, n]) => `${n.toLocaleString('en')} × ${s}`).join(', ');
  const row = (label: string, s: Summary, notes: string) => `| ${label} | ${s.n} | ${fmtMs(s.p50)} | ${fmtMs(s.p99)} | ${fmtMs(s.max)} | ${notes} |`;
  const met = f.p99 < TARGET_MS;
  const md = [
    '## Abuse: /api/health while anonymous clients send oversized login bodies',
    '',
    'Generated by `bench/abuse.bench.ts` (section rewritten on every run).',
    '',
    `- **Reproduce:** \`node bin/run-ts.mjs bench/abuse.bench.ts --floods ${FLOODS} --mb ${args.mb} --probes ${PROBES} --rounds ${ROUNDS}\``,
    `- **Run:** ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · Node ${process.version} · code ${code} · ${availableParallelism()} cores, load average ${loads.map((l) => l.toFixed(1)).join(' → ')}`,
    '- **Server:** `jutong serve --demo` (a child process, PGlite, fresh data directory). **Attack:** from this process over loopback,',
    `  ${FLOODS} connections at all times each POST a ${args.mb} MB body to \`/api/v1/auth/login\` (half with Content-Length, half chunked) as fast`,
    '  as the socket takes it; an answered one is replaced at once. **Monitor:** sequential `GET /api/health` on a kept-alive connection.',
    '  **Reference:** the same polls on the same server with no flood, the two taking turns round after round.',
    '',
    '| polls of /api/health | n | p50 ms | p99 ms | max ms | notes |',
    '| --- | --- | --- | --- | --- | --- |',
    row('at rest (reference)', q, `server RSS ${Math.round(rssBefore)} MB before`),
    row(
      `**under ${FLOODS} × ${args.mb} MB login bodies**`,
      f,
      `floods answered: ${statuses || 'none'}${all.failures ? `, ${all.failures} closed unanswered` : ''}; ${meanSent.toFixed(2)} MB of each body sent before its answer (mean); server peak RSS ${Math.round(rssPeak)} MB`,
    ),
    '',
    `Under the flood /api/health answered at p99 ${fmtMs(f.p99)} ms (${(f.p99 / q.p99).toFixed(1)}× the p99 at rest). Target: p99 under ${TARGET_MS} ms — **${met ? 'met' : 'missed'}**.`,
    'The login route answers 413 to a body over its limit (16 KB, `src/platform/auth/routes.ts`) from the Content-Length header, or as soon',
    'as a chunked body passes it, and the login rate limit is checked before any body is read: the server never parses or buffers the rest.',
    'Figures taken while other work loads the machine are slower for both rows.',
  ].join('\n');
  console.log(`\n${md}\n`);
  if (!args['no-write']) writeSection(new URL('./RESULTS.md', import.meta.url), 'abuse', md);
} finally {
  await stop();
}
