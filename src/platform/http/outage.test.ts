import { connect, createServer, type Server, type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/config.js';
import { createTestDatabase, engines } from '../../../test/platform.js';
import { createPlatform, type Platform } from '../../app.js';
import { openPostgres } from '../db/postgres.js';

// PostgreSQL goes away for a few seconds (a restart, a failover, a network cut) under a running server with its
// background loops: requests answer 503 with an id the log also has, nothing ends the process, and once the
// database is back the server serves again by itself.

/** A TCP relay to PostgreSQL that can be cut: open connections dropped, new ones refused. */
class Relay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => {});
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => server?.close(resolve));
  }
}

describe.runIf(engines().includes('postgres'))('a database outage on postgres', () => {
  let p: Platform;
  let relay: Relay;
  let drop: () => Promise<void>;
  let token: string;
  const log = new PassThrough();
  let logged = '';
  log.on('data', (d) => {
    logged += d;
  });
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);

  beforeAll(async () => {
    const test = await createTestDatabase();
    drop = test.drop;
    const url = new URL(test.url);
    relay = new Relay(url.hostname, Number(url.port || 5432));
    await relay.open();
    url.hostname = '127.0.0.1';
    url.port = String(relay.port);
    p = await createPlatform({ ...testConfig, logLevel: 'info' }, await openPostgres(url.toString(), 4), { background: true, logStream: log });
    const res = await p.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'gaj_user', password: testConfig.demoPassword } });
    token = res.json().token;
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await p?.close();
    await drop?.();
  });

  const me = () => p.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });

  it('answers 503 with a request id while the database is away, keeps its loops alive, and recovers by itself', async () => {
    expect((await me()).statusCode).toBe(200);

    await relay.cut();
    for (const res of [await me(), await p.http.inject({ method: 'GET', url: '/api/health' })]) {
      expect(res.statusCode).toBe(503);
      const { error } = res.json();
      expect(error).toMatchObject({ code: 'unavailable', message: expect.any(String), requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      // The operator finds the user's failure in the log by its id.
      expect(logged).toContain(error.requestId);
    }
    // The background loops keep failing while the database is away (their polls run meanwhile) and never reject.
    await expect(p.jobs.work()).resolves.toBeUndefined();
    await expect(p.events.drain()).resolves.toBeUndefined();
    await sleep(5000);
    expect(logged).toContain('background loop failed');
    expect(unhandled).toEqual([]);

    await relay.open();
    await expect.poll(async () => (await me()).statusCode, { timeout: 20_000, interval: 500 }).toBe(200);
    expect((await p.http.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    await expect(p.events.drain()).resolves.toBeUndefined();
    expect(unhandled).toEqual([]);
  });
});
