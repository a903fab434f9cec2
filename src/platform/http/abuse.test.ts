import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/config.js';
import { engines, openTestDb } from '../../../test/platform.js';
import { MB, post, send } from '../../../test/raw-http.js';
import { createPlatform, type Platform } from '../../app.js';
import { loginFailures } from '../auth/store.js';

// An anonymous client attacking the server: bodies it cannot make the server read, a blocked address refused
// before its body is parsed, headers past the limit, and what the log and every answer carry.

describe.each(engines())('a server under abuse on %s', (engine) => {
  let p: Platform;
  let port: number;
  const log = new PassThrough();
  let logged = '';
  log.on('data', (d) => {
    logged += d;
  });

  beforeAll(async () => {
    p = await createPlatform({ ...testConfig, logLevel: 'info' }, await openTestDb(engine), { background: false, logStream: log });
    await p.http.listen({ host: '127.0.0.1', port: 0 });
    port = (p.http.server.address() as { port: number }).port;
  });
  afterAll(() => p?.close());

  it('refuses 20 MB bodies to the login route before reading them, and keeps answering meanwhile', async () => {
    const size = 20 * MB;
    const floods = Array.from({ length: 8 }, (_, i) => post(port, '/api/v1/auth/login', size, i % 2 === 1));
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    for (const a of await Promise.all(floods)) {
      expect(a.status).toBe(413);
      expect(JSON.parse(a.body).error.code).toBe('too_large');
      // Answered while most of the body had not even been sent.
      expect(a.sent).toBeLessThan(size);
    }
  });

  it('answers a JSON body that never finishes arriving with 408 and closes, so held connections cannot pile up', async () => {
    // Headers come within Node's headersTimeout; a body had no deadline at all: an anonymous client
    // could hold any number of login requests open, a byte at a time, until descriptors ran out.
    const slow = await createPlatform({ ...testConfig, logLevel: 'silent' }, await openTestDb(engine), { background: false, bodyDeadlineMs: 300 });
    try {
      await slow.http.listen({ host: '127.0.0.1', port: 0 });
      const at = (slow.http.server.address() as { port: number }).port;
      const head = `POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${at}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"username":`;
      const a = await send(at, head);
      expect(a.status).toBe(408);
      expect(JSON.parse(a.body).error.code).toBe('timeout');
      expect(a.head.toLowerCase()).toContain('connection: close');
      // A body that arrives in time is read as before.
      const whole = `POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${at}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`;
      expect((await send(at, whole)).status).toBe(400);
    } finally {
      await slow.close();
    }
  });

  it('refuses JSON nested past any schema’s depth as bad input, in a body or a filter, before a validator recurses into it', async () => {
    const token = await login(p, 'mzj_user');
    // 20,000 levels fit in the body limit; the row filter's recursive schema overflowed the stack on them (a 500).
    const deep = (n: number) => `${'{"and":['.repeat(n)}{"field":"a","op":"eq","value":"x"}${']}'.repeat(n)}`;
    const body = await p.http.inject({
      method: 'POST',
      url: '/api/v1/sharing/requests',
      payload: `{"resourceId":"00000000-0000-0000-0000-000000000001","purpose":"x","items":["a"],"rowFilter":${deep(20_000)}}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    expect(body.statusCode, body.body).toBe(400);
    expect(body.json().error).toMatchObject({ code: 'bad_input', message: expect.stringMatching(/嵌套/) });
    // Brackets inside strings are text, not nesting.
    const text = await p.http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: JSON.stringify({ username: '['.repeat(100), password: '{'.repeat(100) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(text.body).not.toMatch(/嵌套/);
    const { parseFilterParam } = await import('../../modules/gathering/index.js');
    expect(() => parseFilterParam(deep(1500))).toThrow(/嵌套/);
  });

  it('limits every JSON route to a small body, signed in or not', async () => {
    const token = await login(p, 'gaj_user');
    const big = JSON.stringify({ name: 'x'.repeat(2 * MB) });
    const res = await p.http.inject({
      method: 'POST',
      url: '/api/v1/auth/api-keys',
      payload: big,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('too_large');
  });

  it('refuses an address over the login failure limit before its body is parsed', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < 30; i++) await loginFailures.add(p.db, 'nobody', ip, 60);
    // Not even JSON: parsing it would answer 400.
    const res = await p.http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: ip,
      payload: '{"username": tru',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('too_many_requests');
    // Another address logs in.
    const ok = await p.http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '203.0.113.8',
      payload: { username: 'gaj_user', password: testConfig.demoPassword },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('answers an over-long header with 431 in the error shape', async () => {
    const a = await send(port, `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(a.status).toBe(431);
    expect(JSON.parse(a.body)).toEqual({ error: { code: 'header_too_large', message: expect.any(String) } });
    expect(a.head).toMatch(/x-content-type-options: nosniff/i);
  });

  it('sends the security headers with every answer: API, console, files, documentation, errors', async () => {
    const index = await p.http.inject({ method: 'GET', url: '/' });
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index.body)?.[1];
    const urls = [
      '/',
      '/api/health',
      '/api/docs',
      '/api/docs/static/swagger-ui.css',
      '/api/v1/auth/me',
      '/api/v1/nothing',
      '/api/v1/users/%ZZ',
      '/catalog/x',
      ...(script ? [script] : []),
    ];
    for (const url of urls) {
      const res = await p.http.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toMatch(/script-src 'self'(;|$)/);
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
    }
    // The policy holds only if the console has no inline script.
    if (index.statusCode === 200) expect(index.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('logs the route, never the ID number in the URL, the token or the cookie', async () => {
    const token = await login(p, 'gaj_user');
    const id = '370303198805126629';
    const res = await p.http.inject({
      method: 'GET',
      url: `/api/v1/bases/population/records/${id}`,
      headers: { authorization: `Bearer ${token}`, cookie: `jutong_session=${token}` },
    });
    expect(res.statusCode).toBeLessThan(500);
    await new Promise((r) => setImmediate(r));
    expect(logged).toContain('/api/v1/bases/:base/records/:key');
    expect(logged).not.toContain(id);
    expect(logged).not.toContain(token);
  });

  it('answers a URL no route matches without echoing it: the path may hold an ID number', async () => {
    const id = '370303198805126629';
    for (const method of ['GET', 'POST'] as const) {
      const res = await p.http.inject({ method, url: `/api/v1/people/${id}?name=${id}`, payload: method === 'POST' ? {} : undefined });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
      expect(res.body).not.toContain(id);
      expect(res.body).not.toContain('/api/v1/people');
    }
  });
});

async function login(p: Platform, username: string): Promise<string> {
  const res = await p.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: testConfig.demoPassword } });
  return res.json().token;
}
