import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { sameHost } from './csrf.js';
import { createServer } from './server.js';

// A page of another site (a sibling under the same government domain is the same "site" to SameSite) makes the
// signed-in user's browser post to the platform: the cookie rides along, so the platform must refuse by origin,
// and a form's content types (text/plain, urlencoded) never reach a JSON route.

describe('sameHost', () => {
  it('compares the Origin with the host the request names, default ports written or not', () => {
    expect(sameHost('http://127.0.0.1:8080', '127.0.0.1:8080')).toBe(true);
    expect(sameHost('https://data.zibo.gov.cn', 'data.zibo.gov.cn')).toBe(true);
    expect(sameHost('https://data.zibo.gov.cn', 'data.zibo.gov.cn:443')).toBe(true);
    expect(sameHost('http://[::1]:8080', '[::1]:8080')).toBe(true);
    expect(sameHost('https://mail.zibo.gov.cn', 'data.zibo.gov.cn')).toBe(false);
    expect(sameHost('http://127.0.0.1:8081', '127.0.0.1:8080')).toBe(false);
    expect(sameHost('https://data.zibo.gov.cn', 'data.zibo.gov.cn:8443')).toBe(false);
    expect(sameHost('null', 'data.zibo.gov.cn')).toBe(false);
    expect(sameHost('https://data.zibo.gov.cn.evil.example', 'data.zibo.gov.cn')).toBe(false);
  });
});

describe.each(engines())('cross-site requests on %s', (engine) => {
  let p: TestPlatform;
  let cookie: string;
  let userId: string;

  beforeAll(async () => {
    p = await testPlatform(engine);
    cookie = `jutong_session=${await p.token('admin')}`;
    const users = await p.api('admin', 'GET', '/api/v1/users?q=mzj_user');
    userId = users.body.items.find((u: { username: string }) => u.username === 'mzj_user').id;
  });
  afterAll(() => p?.close());

  const lock = (headers: Record<string, string>, payload?: string) =>
    p.http.inject({ method: 'POST', url: `/api/v1/users/${userId}/lock`, headers: { cookie, ...headers }, payload });
  const locked = async () => (await p.api('admin', 'GET', `/api/v1/users?q=mzj_user`)).body.items.find((u: { id: string }) => u.id === userId).locked;
  const unlock = () => p.api('admin', 'POST', `/api/v1/users/${userId}/unlock`);

  it('refuses a write from another origin, even a sibling site, and says what to do instead', async () => {
    const attacks: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'http://localhost:8080' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site', origin: 'http://localhost:80' },
    ];
    for (const headers of attacks) {
      const res = await lock(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'cross_site', message: expect.stringContaining('Authorization: Bearer') });
    }
    expect(await locked()).toBe(false);
    // Logging in from another site (into the attacker's account) is refused too.
    const login = await p.http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: 'gaj_user', password: 'Jutong@2026' },
    });
    expect(login.statusCode).toBe(403);
  });

  it('refuses a form post (text/plain, urlencoded) to a JSON route even without an origin', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await lock({ 'content-type': type }, 'a=b');
      expect(res.statusCode, type).toBe(415);
      expect(res.json().error).toMatchObject({ code: 'unsupported_media_type', message: expect.stringContaining('application/json') });
    }
    expect(await locked()).toBe(false);
  });

  it('lets the console (same origin) and other clients (no origin) write', async () => {
    const ours: Record<string, string>[] = [
      { origin: 'http://localhost:80' },
      { 'sec-fetch-site': 'same-origin', origin: 'http://localhost' },
      { 'sec-fetch-site': 'none' },
      {},
    ];
    for (const headers of ours) {
      expect((await lock(headers)).statusCode, JSON.stringify(headers)).toBe(200);
      expect((await unlock()).status).toBe(200);
    }
    const created = await p.http.inject({
      method: 'POST',
      url: '/api/v1/auth/api-keys',
      headers: { cookie, origin: 'http://localhost', 'content-type': 'application/json; charset=utf-8' },
      payload: JSON.stringify({ name: 'csrf test' }),
    });
    expect(created.statusCode).toBe(201);
  });

  it('lets an upload send its file with the file’s own type', async () => {
    const res = await p.http.inject({
      method: 'POST',
      url: '/api/v1/sharing/exports/trace?filename=leak.csv',
      headers: { cookie, origin: 'http://localhost', 'content-type': 'text/plain' },
      payload: '姓名,公民身份号码\n张三,370303198805126629\n',
    });
    expect([403, 415]).not.toContain(res.statusCode);
  });

  it('compares the origin with the forwarded host behind a trusted proxy', async () => {
    const app = await createServer({ db: p.db, version: 'test', logLevel: 'silent', trustProxy: true });
    app.post('/api/v1/echo', { config: { public: true } }, async () => ({ ok: true }));
    const post = (origin: string) =>
      app.inject({ method: 'POST', url: '/api/v1/echo', headers: { origin, 'x-forwarded-host': 'data.zibo.gov.cn', 'x-forwarded-proto': 'https' } });
    expect((await post('https://data.zibo.gov.cn')).statusCode).toBe(200);
    expect((await post('https://localhost')).statusCode).toBe(403);
    await app.close();
  });
});
