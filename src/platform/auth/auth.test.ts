import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { creditCodeCheckChar } from '../validators/credit-code.js';
import { IP_MAX_FAILURES } from './service.js';

describe.each(engines())('identity on %s', (engine) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform(engine);
  });
  afterAll(() => p?.close());

  const login = (username: string, password: string) => p.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

  it('logs in with a cookie and a bearer token, and logs out', async () => {
    const res = await login('gaj_user', 'Jutong@2026');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'jutong_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const me = await p.http.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { jutong_session: cookie!.value } });
    expect(me.json()).toMatchObject({ username: 'gaj_user', roles: ['dept_user'], departmentName: '淄博市公安局' });
    expect(me.json()).not.toHaveProperty('password_hash');
    const out = await p.http.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${res.json().token}` } });
    expect(out.statusCode).toBe(200);
    const after = await p.http.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { jutong_session: cookie!.value } });
    expect(after.statusCode).toBe(401);
  });

  it('locks an account after repeated failures, and an admin unlocks it', async () => {
    for (let i = 0; i < 4; i++) expect((await login('mzj_admin', 'wrong-password1')).json().error.code).toBe('bad_credentials');
    const fifth = await login('mzj_admin', 'wrong-password1');
    expect(fifth.json().error).toMatchObject({ code: 'account_locked' });
    expect(fifth.json().error.message).toContain('锁定');
    // Even the right password is refused while locked.
    expect((await login('mzj_admin', 'Jutong@2026')).json().error.code).toBe('account_locked');
    const users = await p.api('admin', 'GET', '/api/v1/users?q=mzj_admin');
    const target = users.body.items[0];
    expect(target.locked).toBe(true);
    // The failures were audited even though each login failed.
    const audit = await p.api('auditor', 'GET', '/api/v1/audit?action=auth.login.failed');
    expect(audit.body.total).toBeGreaterThanOrEqual(5);
    expect(audit.body.items[0].actor).toBe('mzj_admin');
    expect((await p.api('admin', 'POST', `/api/v1/users/${target.id}/unlock`)).body.locked).toBe(false);
    expect((await login('mzj_admin', 'Jutong@2026')).statusCode).toBe(200);
  });

  const loginFrom = (remoteAddress: string, username: string, password: string) =>
    p.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });
  /** An answer as an anonymous client sees it, the lock's time of day aside. */
  const seen = (res: { statusCode: number; json(): unknown }) => ({
    status: res.statusCode,
    body: JSON.stringify(res.json()).replace(/\d{2}:\d{2}/g, 'hh:mm'),
  });

  it('answers an unknown username, a wrong password and a disabled account alike, and audits which it was', async () => {
    const rsj = (await p.api('admin', 'GET', '/api/v1/users?q=rsj_admin')).body.items[0];
    expect((await p.api('admin', 'POST', `/api/v1/users/${rsj.id}/lock`)).status).toBe(200);
    const unknown: unknown[] = [];
    const wrong: unknown[] = [];
    const disabled: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      unknown.push(seen(await loginFrom('10.0.1.1', 'no_such_user', 'wrong-password1')));
      wrong.push(seen(await loginFrom('10.0.1.2', 'gaj_user', 'wrong-password1')));
      disabled.push(seen(await loginFrom('10.0.1.3', 'rsj_admin', 'wrong-password1')));
    }
    expect(wrong).toEqual(unknown);
    expect(disabled).toEqual(unknown);
    expect(unknown[0]).toEqual({ status: 401, body: JSON.stringify({ error: { code: 'bad_credentials', message: '用户名或密码错误' } }) });
    expect(JSON.parse((unknown[5] as { body: string }).body).error.code).toBe('account_locked');
    // Only whoever knows the password learns that the account is disabled.
    expect((await loginFrom('10.0.1.4', 'rsj_admin', 'Jutong@2026')).json().error.message).toContain('管理员');
    expect((await p.api('admin', 'POST', `/api/v1/users/${rsj.id}/unlock`)).status).toBe(200);
    const reasons = await p.db.query<{ reason: string }>(
      `SELECT details->>'reason' AS reason FROM audit_log WHERE action = 'auth.login.failed' AND details->>'username' IN ('no_such_user', 'rsj_admin') ORDER BY seq LIMIT 2`,
    );
    expect(reasons.map((r) => r.reason)).toEqual(['unknown user', 'bad password, disabled']);
  });

  it('locks an account only for the address that failed: the owner elsewhere still signs in', async () => {
    for (let i = 0; i < 20; i++) expect((await loginFrom('10.0.2.1', 'admin', `wrong-password${i}`)).statusCode).toBe(401);
    expect((await loginFrom('10.0.2.2', 'admin', 'Jutong@2026')).statusCode).toBe(200);
    const again = await loginFrom('10.0.2.1', 'admin', 'Jutong@2026');
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('account_locked');
  });

  it('forgets failures no limit looks at any more, and keeps at most the address limit from one address', async () => {
    // Left by earlier attacks from many addresses: failures two days old, and a lock that has ended.
    await p.db.query(
      `INSERT INTO login_failures (account, ip, at) SELECT 'x' || g, '10.9.' || (g % 250) || '.1', now() - interval '2 days' FROM generate_series(1, 500) g`,
    );
    await p.db.query(`INSERT INTO login_locks (account, ip, until) VALUES ('old', '10.9.9.9', now() - interval '1 hour')`);
    const answers = new Set<number>();
    for (let i = 0; i < IP_MAX_FAILURES + 3; i++) answers.add((await loginFrom('10.0.3.1', `nobody${i}`, 'wrong-password1')).statusCode);
    expect([...answers].sort()).toEqual([401, 429]);
    const [left] = await p.db.query<{ old: number; mine: number; locks: number }>(
      `SELECT (SELECT count(*)::int FROM login_failures WHERE at < now() - interval '1 day') AS old,
              (SELECT count(*)::int FROM login_failures WHERE ip = '10.0.3.1') AS mine,
              (SELECT count(*)::int FROM login_locks WHERE until < now()) AS locks`,
    );
    expect(left).toEqual({ old: 0, mine: IP_MAX_FAILURES, locks: 0 });
  });

  it('issues API keys once, accepts them, and stops accepting them when revoked', async () => {
    const created = await p.api('gaj_admin', 'POST', '/api/v1/auth/api-keys', { name: '前置机' });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key).toMatch(/^jtk_/);
    const listed = await p.api('gaj_admin', 'GET', '/api/v1/auth/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(key);
    const withKey = await p.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${key}` } });
    expect(withKey.json().username).toBe('gaj_admin');
    // Another user cannot revoke it: to them it does not exist.
    expect((await p.api('mzj_admin', 'DELETE', `/api/v1/auth/api-keys/${created.body.id}`)).status).toBe(404);
    expect((await p.api('gaj_admin', 'DELETE', `/api/v1/auth/api-keys/${created.body.id}`)).status).toBe(200);
    const revoked = await p.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${key}` } });
    expect(revoked.statusCode).toBe(401);
  });

  it('gives API keys an optional end, refuses keys made with a key, and ends keys and sessions with a password reset', async () => {
    const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
    const past = await p.api('zjj_admin', 'POST', '/api/v1/auth/api-keys', { name: '过期', expiresAt: days(-1) });
    expect(past.status).toBe(400);
    expect(past.body.error.details[0].path).toEqual(['body', 'expiresAt']);
    expect((await p.api('zjj_admin', 'POST', '/api/v1/auth/api-keys', { name: '太久', expiresAt: days(800) })).status).toBe(400);
    const made = await p.api('zjj_admin', 'POST', '/api/v1/auth/api-keys', { name: '住建对接', expiresAt: days(30) });
    expect(made.status).toBe(201);
    expect(Date.parse(made.body.expiresAt)).toBeGreaterThan(Date.now());
    const withKey = (key: string, method: 'GET' | 'POST' = 'GET', url = '/api/v1/auth/me', payload?: object) =>
      p.http.inject({ method, url, payload, headers: { authorization: `Bearer ${key}` } });
    expect((await withKey(made.body.key)).statusCode).toBe(200);
    // A key does not mint keys.
    const minted = await withKey(made.body.key, 'POST', '/api/v1/auth/api-keys', { name: '再来一个' });
    expect(minted.statusCode).toBe(403);
    // Past its end, the key fails like a revoked one.
    await p.db.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [made.body.id]);
    expect((await withKey(made.body.key)).statusCode).toBe(401);

    const lasting = (await p.api('zjj_admin', 'POST', '/api/v1/auth/api-keys', { name: '长期' })).body;
    expect(lasting.expiresAt).toBeNull();
    const session = (await login('zjj_admin', 'Jutong@2026')).json().token as string;
    expect((await withKey(lasting.key)).statusCode).toBe(200);
    const user = (await p.api('admin', 'GET', '/api/v1/users?q=zjj_admin')).body.items[0];
    expect((await p.api('admin', 'PATCH', `/api/v1/users/${user.id}`, { password: 'Reset2027x' })).status).toBe(200);
    expect((await withKey(lasting.key)).statusCode).toBe(401);
    expect((await withKey(session)).statusCode).toBe(401);
    const listed = await p.http.inject({
      method: 'GET',
      url: '/api/v1/auth/api-keys',
      headers: { authorization: `Bearer ${(await login('zjj_admin', 'Reset2027x')).json().token}` },
    });
    expect(listed.json().find((k: { id: string }) => k.id === lasting.id).revokedAt).not.toBeNull();
  });

  it("scopes a department admin to their own department's users and roles", async () => {
    const own = await p.api('gaj_admin', 'GET', '/api/v1/users?pageSize=200');
    expect(own.body.items.every((u: { departmentName: string }) => u.departmentName === '淄博市公安局')).toBe(true);
    const gajId = own.body.items[0].departmentId;
    const mzj = (await p.api('mzj_admin', 'GET', '/api/v1/users')).body.items[0];
    expect((await p.api('gaj_admin', 'POST', `/api/v1/users/${mzj.id}/lock`)).status).toBe(404);
    const made = await p.api('gaj_admin', 'POST', '/api/v1/users', {
      username: 'gaj_new',
      displayName: '新同事',
      departmentId: gajId,
      roles: ['dept_user'],
      password: 'Passw0rd!x',
    });
    expect(made.status).toBe(201);
    const escalate = await p.api('gaj_admin', 'PATCH', `/api/v1/users/${made.body.id}`, { roles: ['admin'] });
    expect(escalate.status).toBe(403);
    const elsewhere = await p.api('gaj_admin', 'POST', '/api/v1/users', {
      username: 'gaj_spy',
      displayName: 'x',
      departmentId: mzj.departmentId,
      roles: ['dept_user'],
      password: 'Passw0rd!x',
    });
    expect(elsewhere.status).toBe(403);
    expect((await p.api('gaj_user', 'GET', '/api/v1/users')).status).toBe(403);
    const dup = await p.api('admin', 'POST', '/api/v1/users', {
      username: 'gaj_new',
      displayName: 'x',
      departmentId: gajId,
      roles: ['dept_user'],
      password: 'Passw0rd!x',
    });
    expect(dup.status).toBe(409);
    const weak = await p.api('admin', 'POST', '/api/v1/users', {
      username: 'weak',
      displayName: 'x',
      departmentId: gajId,
      roles: ['dept_user'],
      password: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0].path).toEqual(['body', 'password']);
  });

  it('gives a new department its own classification node', async () => {
    const body17 = '11370300MB0000000';
    const d = await p.api('admin', 'POST', '/api/v1/departments', {
      name: '淄博市测试局',
      code: '370300999',
      creditCode: body17 + creditCodeCheckChar(body17),
    });
    expect(d.status).toBe(201);
    await p.events.drain();
    const tree = await p.api('admin', 'GET', '/api/v1/catalog/classifications');
    const dept = tree.body.find((n: { code: string }) => n.code === '3');
    expect(dept.children.some((c: { departmentId: string }) => c.departmentId === d.body.id)).toBe(true);
  });
});
