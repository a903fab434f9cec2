import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type RunningServer = { base: string; port: number; pid: number; stop(): Promise<void>; output(): string };

/** The platform as a user starts it (`jutong serve --demo`), on a fresh data directory and a free port. */
export async function startDemoServer(): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'jutong-e2e-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const bin = new URL('../../bin/jutong.mjs', import.meta.url).pathname;
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve', '--demo'], {
    env: { ...process.env, JUTONG_DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', JUTONG_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Seeding the demo city takes ~15 s on a quiet machine; under a loaded CI it can take several times that
  // (the hooks that call this wait 120 s).
  const deadline = Date.now() + 110_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { base, port, pid: child.pid as number, stop, output: () => out };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the demo server did not answer /api/health:\n${out}`);
}
