import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountTable, publishEntry } from '../../../test/catalog.js';
import { testConfig } from '../../../test/config.js';
import { engines, openTestDb, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { createPlatform, type Platform } from '../../app.js';
import { citizenIdCheckDigit } from '../../platform/validators/index.js';
import { drainWebhooks, notifySubscribers, signWebhook, verifyWebhook } from './subscriptions.js';

// Subscriptions: a consumer department subscribes through its grant; each publish of the
// resource (a replace = a new version, an upsert = a batch) becomes a console notification and a
// signed webhook, retried with backoff against a real receiver on 127.0.0.1.

const id18 = (first17: string) => first17 + citizenIdCheckDigit(first17);
const A = id18('37030219800101001');
const B = id18('37030319900215002');
const C = id18('37030419751231003');

const entry = {
  name: '订阅测试人员名单',
  classification: '101',
  abstract: '用于订阅与 Webhook 测试的人员名单，包括姓名和公民身份号码。',
  format: 'database',
  formatType: 'PostgreSQL',
  items: [
    { name: '姓名', dataElement: 'DE00001', type: 'string', length: 50 },
    { name: '公民身份号码', dataElement: 'DE00004', type: 'string', length: 18 },
  ],
  shareType: 'conditional',
  shareCondition: '仅用于政务服务',
  shareChannel: 'platform',
  shareVia: 'api',
  openType: 'closed',
  updateCycle: 'daily',
};

const csv = (rows: string[][]) => [['姓名', '公民身份号码'], ...rows].map((r) => r.join(',')).join('\r\n');
const NO_WAIT = [0, 0, 0, 0, 0];

type Api = TestPlatform['api'];

/** A platform whose configuration lets webhooks reach 127.0.0.1 (listed, private allowed), with the test client. */
async function privatePlatform(engine: Parameters<typeof testPlatform>[0], background = false): Promise<Platform & { api: Api }> {
  const config = { ...testConfig, fetch: { allowHosts: ['127.0.0.1'], allowPrivate: true } };
  const p = await createPlatform(config, await openTestDb(engine), { background });
  const tokens = new Map<string, string>();
  const api: Api = async (username, method, url, body) => {
    let token = username ? tokens.get(username) : undefined;
    if (username && !token) {
      const res = await p.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: config.demoPassword } });
      token = res.json().token as string;
      tokens.set(username, token);
    }
    const res = await p.http.inject({ method: method as 'GET', url, payload: body as object, headers: token ? { authorization: `Bearer ${token}` } : {} });
    let parsed: unknown = res.body;
    try {
      parsed = res.json();
    } catch {}
    return { status: res.statusCode, body: parsed };
  };
  return Object.assign(p, { api });
}

/** A published conditional entry of 公安局 mounted as a table, and an approved grant to each consumer given. */
async function setup(p: Platform & { api: Api }, consumers: { user: string }[]) {
  const created = await publishEntry(p, entry);
  const mountId = await mountTable(p, created.id);
  const today = new Date().toISOString().slice(0, 10);
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const grants: string[] = [];
  for (const c of consumers) {
    const req = await p.api(c.user, 'POST', '/api/v1/sharing/requests', {
      resourceId: created.id,
      purpose: '办理社会救助业务需要核对人员身份',
      legalBasis: '《社会救助暂行办法》',
      items: ['姓名', '公民身份号码'],
      delivery: 'api',
      useFrom: today,
      useTo: nextYear,
    });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    expect((await p.api('admin', 'POST', `/api/v1/sharing/requests/${req.body.id}/check`, { decision: 'pass' })).status).toBe(200);
    const approved = await p.api('gaj_admin', 'POST', `/api/v1/sharing/requests/${req.body.id}/review`, { decision: 'approve' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    grants.push(approved.body.grantId);
  }
  return { resourceId: created.id, code: created.code, mountId, grants };
}

type Seen = { headers: IncomingHttpHeaders; body: string };

/** A real webhook receiver on 127.0.0.1 answering with the statuses queued, then 200. */
async function receiver() {
  const seen: Seen[] = [];
  const answers: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = answers.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : `故障 ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    seen,
    answers,
    url: `http://127.0.0.1:${port}/hook`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('webhook signatures', () => {
  const body = '{"id":"x"}';
  it('are HMAC-SHA256 over timestamp.body, hex, and refuse a stale or altered message', () => {
    // printf '%s' '1767225600.{"id":"x"}' | openssl dgst -sha256 -hmac whsec_test
    expect(signWebhook('whsec_test', '1767225600', body)).toBe('sha256=f2a0e9cc79f6a8d5063bc6718561e872509983827740ea4ee5622da1c7e8d2b4');
    const now = 1767225600 * 1000;
    expect(verifyWebhook('whsec_test', '1767225600', body, signWebhook('whsec_test', '1767225600', body), now)).toBe(true);
    expect(verifyWebhook('whsec_test', '1767225600', body, signWebhook('whsec_test', '1767225600', body), now + 301_000)).toBe(false);
    expect(verifyWebhook('whsec_test', '1767225601', body, signWebhook('whsec_test', '1767225600', body), now)).toBe(false);
    expect(verifyWebhook('whsec_test', 'abc', body, 'sha256=00', now)).toBe(false);
  });
});

describe.each(engines())('subscriptions and webhooks on %s', (engine) => {
  let p: Platform & { api: Api };
  let hook: Awaited<ReturnType<typeof receiver>>;
  let res: Awaited<ReturnType<typeof setup>>;
  let mzjGrant: string;
  let rsjGrant: string;
  let sub: { id: string; secret: string };

  const upload = async (body: string, mode: 'replace' | 'upsert' = 'replace') => {
    const token = (
      await p.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'gaj_user', password: testConfig.demoPassword } })
    ).json().token as string;
    const r = await p.http.inject({
      method: 'POST',
      url: `/api/v1/mounts/${res.mountId}/runs?filename=data.csv&mode=${mode}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      payload: body,
    });
    expect(r.json().status, r.body).toBe('succeeded');
    await p.events.drain();
    return r.json() as { id: string; version: number; rowsLoaded: number };
  };
  const deliveryLog = async () => (await p.api('mzj_user', 'GET', `/api/v1/sharing/subscriptions/${sub.id}/deliveries`)).body.items;

  beforeAll(async () => {
    p = await privatePlatform(engine);
    hook = await receiver();
    res = await setup(p, [{ user: 'mzj_user' }, { user: 'rsj_admin' }]);
    [mzjGrant, rsjGrant] = res.grants;
  });
  afterAll(async () => {
    await hook?.close();
    await p?.close();
  });

  it('refuses webhook URLs on private, loopback or link-local addresses the configuration does not allow', async () => {
    // 127.0.0.1 is allowed on this platform (listed, private allowed); nothing else internal is.
    for (const [url, reason] of [
      ['http://localhost:8080/hook', /回环地址/],
      ['http://10.20.30.40/hook', /内网地址/],
      ['https://192.168.1.10/hook', /内网地址/],
      ['http://169.254.169.254/latest/meta-data', /链路本地地址/],
      ['http://[::1]:8080/hook', /回环地址/],
      ['http://0.0.0.0/hook', /保留/],
    ] as const) {
      const r = await p.api('mzj_user', 'POST', '/api/v1/sharing/subscriptions', { grantId: mzjGrant, webhookUrl: url });
      expect(r.status, url).toBe(422);
      expect(r.body.error.message, url).toMatch(reason);
    }
    const bad = await p.api('mzj_user', 'POST', '/api/v1/sharing/subscriptions', { grantId: mzjGrant, webhookUrl: 'ftp://example.com/x' });
    expect(bad.status).toBe(400);
    const withCreds = await p.api('mzj_user', 'POST', '/api/v1/sharing/subscriptions', { grantId: mzjGrant, webhookUrl: 'https://u:pw@8.8.8.8/x' });
    expect(withCreds.status).toBe(422);
    expect((await p.api('mzj_user', 'GET', '/api/v1/sharing/subscriptions')).body.total).toBe(0);
  });

  it('refuses loopback with the default configuration', async () => {
    const d = await testPlatform(engine);
    try {
      const { grants } = await setup(d, [{ user: 'mzj_user' }]);
      const r = await d.api('mzj_user', 'POST', '/api/v1/sharing/subscriptions', { grantId: grants[0], webhookUrl: hook.url });
      expect(r.status).toBe(422);
      expect(r.body.error.message).toMatch(/127\.0\.0\.1.*回环地址/);
      expect((await d.api('mzj_user', 'POST', '/api/v1/sharing/subscriptions', { grantId: grants[0] })).status).toBe(201);
    } finally {
      await d.close();
    }
  });

  it('subscribes through a grant of my department, shows the secret once, one subscription per grant', async () => {
    // The provider sees the grant but does not hold it; a third department does not see it at all.
    expect((await p.api('gaj_user', 'POST', '/api/v1/sharing/subscriptions', { grantId: mzjGrant })).status).toBe(403);
    expect((await p.api('mzj_user', 'POST', '/api/v1/sharing/subscriptions', { grantId: rsjGrant })).status).toBe(404);

    const r = await p.api('mzj_user', 'POST', '/api/v1/sharing/subscriptions', { grantId: mzjGrant, webhookUrl: hook.url });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ grantId: mzjGrant, resourceCode: res.code, webhookUrl: hook.url, state: 'active', grantState: 'active' });
    expect(r.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    sub = { id: r.body.id, secret: r.body.secret };

    const shown = await p.api('mzj_user', 'GET', `/api/v1/sharing/subscriptions/${sub.id}`);
    expect(shown.status).toBe(200);
    expect(JSON.stringify(shown.body)).not.toContain(sub.secret);
    expect(shown.body).not.toHaveProperty('secret');
    const listed = await p.api('mzj_user', 'GET', '/api/v1/sharing/subscriptions');
    expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual([sub.id]);
    expect(JSON.stringify(listed.body)).not.toContain(sub.secret);

    const again = await p.api('mzj_user', 'POST', '/api/v1/sharing/subscriptions', { grantId: mzjGrant });
    expect(again.status).toBe(409);
  });

  it('notifies of a new version and of an upsert batch, in the console and by a signed webhook', async () => {
    const v1 = await upload(csv([['张三', A]]));
    const v2 = await upload(csv([['李四', B]]), 'upsert');
    expect([v1.version, v2.version]).toEqual([1, 2]);

    const notes = await p.api('mzj_user', 'GET', '/api/v1/sharing/notifications');
    expect(notes.status).toBe(200);
    expect(notes.body).toMatchObject({ total: 2, unread: 2 });
    expect(notes.body.items).toMatchObject([
      { subscriptionId: sub.id, event: 'resource.batch', resourceCode: res.code, resourceName: entry.name, version: 2, runId: v2.id, rows: 1, readAt: null },
      { subscriptionId: sub.id, event: 'resource.version', resourceCode: res.code, version: 1, runId: v1.id, rows: 1 },
    ]);
    // The provider subscribed to nothing: its console is empty.
    expect((await p.api('gaj_user', 'GET', '/api/v1/sharing/notifications')).body.total).toBe(0);

    // A publish handled twice (events are at least once) is notified once.
    const [last] = await p.db.query<{ payload: Parameters<typeof notifySubscribers>[1] }>(
      `SELECT payload FROM outbox WHERE action = 'gathering.run.finish' ORDER BY seq DESC LIMIT 1`,
    );
    expect(await notifySubscribers(p.db, last.payload)).toBe(0);
    expect((await p.api('mzj_user', 'GET', '/api/v1/sharing/notifications')).body.total).toBe(2);

    // Nothing is sent until the sender runs (background is off in tests).
    expect(hook.seen).toHaveLength(0);
    expect(await drainWebhooks(p.db, p.config, { backoffMs: NO_WAIT })).toEqual({ attempts: 2, succeeded: 2 });
    expect(hook.seen).toHaveLength(2);
    const bodies = hook.seen.map((s) => JSON.parse(s.body));
    expect(bodies.map((b) => b.event).sort()).toEqual(['resource.batch', 'resource.version']);
    const batch = bodies.find((b) => b.event === 'resource.batch');
    expect(batch).toEqual({
      id: notes.body.items[0].id,
      event: 'resource.batch',
      subscriptionId: sub.id,
      grantId: mzjGrant,
      resourceCode: res.code,
      resourceName: entry.name,
      version: 2,
      runId: v2.id,
      rows: 1,
      at: notes.body.items[0].at,
    });
    for (const s of hook.seen) {
      expect(s.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(s.headers['x-jutong-delivery']).toBe(JSON.parse(s.body).id);
      expect(s.headers['x-jutong-event']).toBe(JSON.parse(s.body).event);
      expect(s.headers['x-jutong-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(verifyWebhook(sub.secret, String(s.headers['x-jutong-timestamp']), s.body, String(s.headers['x-jutong-signature']))).toBe(true);
      // A changed body, or another secret, does not verify.
      expect(verifyWebhook(sub.secret, String(s.headers['x-jutong-timestamp']), `${s.body} `, String(s.headers['x-jutong-signature']))).toBe(false);
      expect(verifyWebhook('whsec_other', String(s.headers['x-jutong-timestamp']), s.body, String(s.headers['x-jutong-signature']))).toBe(false);
    }
    const log = await deliveryLog();
    expect(log).toHaveLength(2);
    for (const d of log)
      expect(d).toMatchObject({
        status: 'succeeded',
        attempts: 1,
        lastStatus: 200,
        nextAt: null,
        log: [{ attempt: 1, httpStatus: 200, outcome: 'succeeded' }],
      });

    // Marked read, for the department.
    expect((await p.api('mzj_admin', 'POST', '/api/v1/sharing/notifications/read', { ids: [notes.body.items[1].id] })).body).toEqual({ marked: 1 });
    expect((await p.api('mzj_user', 'GET', '/api/v1/sharing/notifications?unread=true')).body).toMatchObject({ total: 1, unread: 1 });
    expect((await p.api('gaj_user', 'POST', '/api/v1/sharing/notifications/read', { all: true })).body).toEqual({ marked: 0 });
    expect((await p.api('mzj_user', 'POST', '/api/v1/sharing/notifications/read', { all: true })).body).toEqual({ marked: 1 });
    expect((await p.api('mzj_user', 'GET', '/api/v1/sharing/notifications')).body).toMatchObject({ total: 2, unread: 0 });
  });

  it('retries a receiver that fails the first attempts, with backoff, logging each attempt', async () => {
    hook.seen.length = 0;
    hook.answers.push(500, 500);
    const v3 = await upload(csv([['王五', C]]));

    // First attempt fails; the next waits for the backoff (30 s), so draining again sends nothing.
    const before = Date.now();
    expect(await drainWebhooks(p.db, p.config)).toEqual({ attempts: 1, succeeded: 0 });
    expect(await drainWebhooks(p.db, p.config)).toEqual({ attempts: 0, succeeded: 0 });
    let [d] = await deliveryLog();
    expect(d).toMatchObject({ event: 'resource.version', status: 'failed', attempts: 1, lastStatus: 500 });
    expect(d.lastError).toMatch(/HTTP 500.*故障 500/);
    const wait = new Date(d.nextAt).getTime() - before;
    expect(wait).toBeGreaterThan(25_000);
    expect(wait).toBeLessThan(40_000);

    // Time passes: the delivery is due; with no wait between retries, it fails once more, then succeeds.
    await p.db.query('UPDATE webhook_deliveries SET next_at = now() WHERE id = $1', [d.id]);
    expect(await drainWebhooks(p.db, p.config, { backoffMs: NO_WAIT })).toEqual({ attempts: 2, succeeded: 1 });
    [d] = await deliveryLog();
    expect(d).toMatchObject({ status: 'succeeded', attempts: 3, lastStatus: 200, lastError: null, nextAt: null });
    expect(d.finishedAt).toBeTruthy();
    expect(d.log.map((a: { attempt: number; httpStatus: number; outcome: string }) => [a.attempt, a.httpStatus, a.outcome])).toEqual([
      [1, 500, 'retry'],
      [2, 500, 'retry'],
      [3, 200, 'succeeded'],
    ]);
    expect(d.log[0].error).toMatch(/HTTP 500/);

    // The receiver saw the same delivery three times: same id and body, each freshly and validly signed.
    expect(hook.seen).toHaveLength(3);
    expect(new Set(hook.seen.map((s) => s.headers['x-jutong-delivery']))).toEqual(new Set([d.id]));
    expect(new Set(hook.seen.map((s) => s.body)).size).toBe(1);
    expect(JSON.parse(hook.seen[0].body)).toMatchObject({ event: 'resource.version', version: 3, runId: v3.id });
    expect(hook.seen.map((s) => s.headers['x-jutong-attempt'])).toEqual(['1', '2', '3']);
    for (const s of hook.seen)
      expect(verifyWebhook(sub.secret, String(s.headers['x-jutong-timestamp']), s.body, String(s.headers['x-jutong-signature']))).toBe(true);
  });

  it('gives up at once on a 4xx, after the last retry on 5xx, and when the configuration refuses the address', async () => {
    hook.seen.length = 0;
    hook.answers.push(404);
    await upload(csv([['张三', A]]), 'upsert');
    expect(await drainWebhooks(p.db, p.config, { backoffMs: NO_WAIT })).toEqual({ attempts: 1, succeeded: 0 });
    let [d] = await deliveryLog();
    expect(d).toMatchObject({ event: 'resource.batch', status: 'gave_up', attempts: 1, lastStatus: 404 });
    expect(d.lastError).toMatch(/HTTP 404.*不再重试/);

    hook.answers.push(503, 503, 503);
    await upload(csv([['李四', B]]), 'upsert');
    expect(await drainWebhooks(p.db, p.config, { backoffMs: [0, 0] })).toEqual({ attempts: 3, succeeded: 0 });
    [d] = await deliveryLog();
    expect(d).toMatchObject({ status: 'gave_up', attempts: 3, lastStatus: 503, nextAt: null });
    expect(d.lastError).toMatch(/已尝试 3 次，放弃/);
    expect(d.log.map((a: { outcome: string }) => a.outcome)).toEqual(['retry', 'retry', 'gave_up']);

    // Checked again at delivery: under the default configuration the same URL is refused, not sent.
    hook.seen.length = 0;
    await upload(csv([['王五', C]]), 'upsert');
    expect(await drainWebhooks(p.db, testConfig, { backoffMs: NO_WAIT })).toEqual({ attempts: 1, succeeded: 0 });
    [d] = await deliveryLog();
    expect(d).toMatchObject({ status: 'gave_up', attempts: 1, lastStatus: null });
    expect(d.lastError).toMatch(/地址被拒绝.*127\.0\.0\.1/);
    expect(hook.seen).toHaveLength(0);
  });

  it('keeps one department’s subscriptions from another, and audits subscribing and cancelling', async () => {
    for (const user of ['gaj_user', 'rsj_admin']) {
      expect((await p.api(user, 'GET', `/api/v1/sharing/subscriptions/${sub.id}`)).status).toBe(404);
      expect((await p.api(user, 'GET', `/api/v1/sharing/subscriptions/${sub.id}/deliveries`)).status).toBe(404);
      expect((await p.api(user, 'DELETE', `/api/v1/sharing/subscriptions/${sub.id}`)).status).toBe(404);
      expect((await p.api(user, 'GET', '/api/v1/sharing/subscriptions')).body.total).toBe(0);
      expect((await p.api(user, 'GET', '/api/v1/sharing/subscriptions?scope=all')).status).toBe(403);
    }
    // The bureau and auditors see every subscription and its log; an auditor changes nothing.
    const all = await p.api('auditor', 'GET', '/api/v1/sharing/subscriptions?scope=all');
    expect(all.body.items.map((s: { id: string }) => s.id)).toContain(sub.id);
    expect((await p.api('auditor', 'GET', `/api/v1/sharing/subscriptions/${sub.id}/deliveries`)).status).toBe(200);
    expect((await p.api('auditor', 'DELETE', `/api/v1/sharing/subscriptions/${sub.id}`)).status).toBe(403);

    const cancelled = await p.api('mzj_user', 'DELETE', `/api/v1/sharing/subscriptions/${sub.id}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: sub.id, state: 'cancelled' });
    expect(cancelled.body.cancelledAt).toBeTruthy();
    expect((await p.api('mzj_user', 'DELETE', `/api/v1/sharing/subscriptions/${sub.id}`)).status).toBe(409);

    const audit = await p.db.query<{ action: string; actor: string; details: Record<string, unknown> }>(
      `SELECT action, actor, details FROM audit_log WHERE target_type = 'share_subscription' AND target_id = $1 ORDER BY seq`,
      [sub.id],
    );
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['sharing.subscription.create', 'mzj_user'],
      ['sharing.subscription.cancel', 'mzj_user'],
    ]);
    expect(audit[0].details).toMatchObject({ grantId: mzjGrant, resource: res.code, webhook: new URL(hook.url).host });
    expect(JSON.stringify(audit)).not.toContain(sub.secret);

    // A cancelled subscription is told nothing more; a new one may be made on the same grant.
    const before = (await p.api('mzj_user', 'GET', '/api/v1/sharing/notifications')).body.total;
    await upload(csv([['张三', A]]));
    expect((await p.api('mzj_user', 'GET', '/api/v1/sharing/notifications')).body.total).toBe(before);
    expect((await p.api('mzj_user', 'POST', '/api/v1/sharing/subscriptions', { grantId: mzjGrant })).status).toBe(201);
  });

  it('sends by itself when the platform runs its background work, and closes cleanly', async () => {
    const b = await privatePlatform(engine, true);
    const own = await receiver();
    try {
      const { grants, mountId } = await setup(b, [{ user: 'mzj_user' }]);
      const s = await b.api('mzj_user', 'POST', '/api/v1/sharing/subscriptions', { grantId: grants[0], webhookUrl: own.url });
      expect(s.status).toBe(201);
      const token = (
        await b.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'gaj_user', password: testConfig.demoPassword } })
      ).json().token as string;
      const run = await b.http.inject({
        method: 'POST',
        url: `/api/v1/mounts/${mountId}/runs?filename=data.csv`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        payload: csv([['张三', A]]),
      });
      expect(run.json().status).toBe('succeeded');
      // No drain called: the event consumer notifies, and the sender it kicks delivers.
      await expect.poll(() => own.seen.length, { timeout: 10_000 }).toBe(1);
      expect(JSON.parse(own.seen[0].body)).toMatchObject({ event: 'resource.version', subscriptionId: s.body.id, version: 1 });
      await expect
        .poll(async () => (await b.api('mzj_user', 'GET', `/api/v1/sharing/subscriptions/${s.body.id}/deliveries`)).body.items[0]?.status)
        .toBe('succeeded');
    } finally {
      await b.close();
      await own.close();
    }
  });

  it('tells nobody whose grant is revoked, and refuses to subscribe with it', async () => {
    const r = await p.api('rsj_admin', 'POST', '/api/v1/sharing/subscriptions', { grantId: rsjGrant, webhookUrl: hook.url });
    expect(r.status).toBe(201);
    await upload(csv([['李四', B]]), 'upsert');
    expect((await p.api('rsj_admin', 'GET', '/api/v1/sharing/notifications')).body.total).toBe(1);
    expect((await p.api('gaj_admin', 'POST', `/api/v1/sharing/grants/${rsjGrant}/revoke`, { reason: '业务已办结' })).status).toBe(200);

    // The delivery queued before the revocation is given up, not sent.
    hook.seen.length = 0;
    await drainWebhooks(p.db, p.config, { backoffMs: NO_WAIT });
    expect(hook.seen.filter((s) => JSON.parse(s.body).subscriptionId === r.body.id)).toHaveLength(0);
    const [d] = (await p.api('rsj_admin', 'GET', `/api/v1/sharing/subscriptions/${r.body.id}/deliveries`)).body.items;
    expect(d).toMatchObject({ status: 'gave_up' });
    expect(d.lastError).toMatch(/授权已撤销/);

    await upload(csv([['王五', C]]), 'upsert');
    expect((await p.api('rsj_admin', 'GET', '/api/v1/sharing/notifications')).body.total).toBe(1);
    expect((await p.api('rsj_admin', 'GET', `/api/v1/sharing/subscriptions/${r.body.id}`)).body.grantState).toBe('revoked');

    // Cancel, then try again on the revoked grant: refused.
    expect((await p.api('rsj_admin', 'DELETE', `/api/v1/sharing/subscriptions/${r.body.id}`)).status).toBe(200);
    const again = await p.api('rsj_admin', 'POST', '/api/v1/sharing/subscriptions', { grantId: rsjGrant });
    expect(again.status).toBe(422);
    expect(again.body.error.message).toMatch(/已撤销/);
  });
});
