import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenIdCheckDigit } from '../../src/platform/validators/index.js';
import { CHROMIUM, expectNavigation, launch, login } from './browser.js';
import { type RunningServer, startDemoServer } from './server.js';

// Sharing's main path in a real browser: 民政局 requests a conditional 公安局 entry → the
// bureau passes the conformity check → 公安局 approves fewer items → a call through the share
// API → 民政局 sees the active grant, its usage chart counts that call, and it browses the records in the console.
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);

const NAME = '低保对象户籍信息共享测试';
const id18 = (first17: string) => first17 + citizenIdCheckDigit(first17);
const CSV = [
  '姓名,公民身份号码,户籍区县',
  `张三,${id18('37030219800101001')},张店区`,
  `李四,${id18('37030319900215002')},淄川区`,
  `王五,${id18('37030419751231003')},博山区`,
].join('\n');

describe.runIf(haveBrowser)('sharing in Chromium', { timeout: 240_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let entry: { id: string; code: string };

  async function token(username: string): Promise<string> {
    const res = await fetch(`${server.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'Jutong@2026' }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  }
  async function call(tok: string, method: string, path: string, body?: unknown, type = 'application/json') {
    const res = await fetch(`${server.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${tok}`, ...(body !== undefined ? { 'content-type': type } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, any> };
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launch()]);
    // A published 公安局 entry shared on conditions by API, with three rows loaded.
    const [gaj, admin] = await Promise.all([token('gaj_user'), token('admin')]);
    const created = await call(gaj, 'POST', '/api/v1/catalog/resources', {
      name: NAME,
      classification: '101',
      abstract: '低保对象的姓名、公民身份号码和户籍区县，用于共享交换的浏览器测试。',
      format: 'database',
      formatType: 'PostgreSQL',
      items: [
        { name: '姓名', dataElement: 'DE00001', type: 'string', length: 50 },
        { name: '公民身份号码', dataElement: 'DE00004', type: 'string', length: 18 },
        { name: '户籍区县', dataElement: null, type: 'string', length: 20 },
      ],
      shareType: 'conditional',
      shareCondition: '仅用于社会救助',
      shareChannel: 'platform',
      shareVia: 'api',
      openType: 'closed',
      updateCycle: 'daily',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    entry = { id: created.body.id, code: created.body.code };
    expect((await call(gaj, 'POST', `/api/v1/catalog/resources/${entry.id}/submit`)).status).toBe(200);
    expect((await call(admin, 'POST', `/api/v1/catalog/resources/${entry.id}/review`, { decision: 'approve' })).status).toBe(200);
    const mount = await call(gaj, 'POST', `/api/v1/catalog/resources/${entry.id}/mounts`, { kind: 'table', keyItems: ['公民身份号码'] });
    expect(mount.status, JSON.stringify(mount.body)).toBe(201);
    const run = await call(gaj, 'POST', `/api/v1/mounts/${mount.body.id}/runs?filename=people.csv`, CSV, 'text/csv');
    expect(run.body).toMatchObject({ status: 'succeeded', rowsLoaded: 3 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function as(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await login(page, server.base, username);
    return page;
  }
  /** The open dialog, once its opening animation has ended (a click during the zoom can land on the mask). */
  async function dialogOf(page: Page) {
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect
      .poll(() => dialog.evaluate((el) => (el.closest('.ant-modal-wrap') ?? el).getAnimations({ subtree: true }).length), {
        message: 'the dialog finished opening',
      })
      .toBe(0);
    return dialog;
  }
  const row = (page: Page, table: string) => page.getByRole('table', { name: table }).getByRole('row', { name: new RegExp(NAME) });

  it('民政局 files a request with the items it needs', async () => {
    const page = await as('mzj_user');
    await page.goto(`${server.base}/sharing/requests/new?resourceId=${entry.id}`);
    for (const item of ['姓名', '公民身份号码', '户籍区县']) await page.getByRole('checkbox', { name: new RegExp(`^${item}`) }).check();
    await page.getByLabel('申请用途').fill('核验低保申请人的户籍信息');
    await page.getByLabel('申请依据').fill('《社会救助暂行办法》第十一条');
    const filed = page.waitForResponse((r) => r.url().endsWith('/api/v1/sharing/requests') && r.request().method() === 'POST');
    await page.getByRole('button', { name: '提交申请' }).click();
    expect((await filed).status()).toBe(201);
    await expectNavigation(page, /\/sharing\/requests$/);
    // Where it stands, and by when the bureau's check is due.
    await expect
      .poll(() => row(page, '我的申请').textContent(), { message: 'the new request in 我的申请, awaiting the check, with its deadline' })
      .toMatch(/待符合性审查[\s\S]*符合性审查[\s\S]*剩 \d+ (天|小时)/);
    await page.context().close();
  });

  it('the bureau passes the check, and 公安局 approves fewer items', async () => {
    const bureau = await as('admin');
    await bureau.goto(`${server.base}/sharing/review`);
    await row(bureau, '符合性审查').getByRole('button', { name: '通过' }).click();
    const checked = bureau.waitForResponse((r) => /\/api\/v1\/sharing\/requests\/[^/]+\/check$/.test(r.url()));
    await (await dialogOf(bureau)).getByRole('button', { name: '通过' }).click();
    expect(await (await checked).json()).toMatchObject({ status: 'checked' });
    await bureau.context().close();

    const provider = await as('gaj_admin');
    await provider.goto(`${server.base}/sharing/review`);
    await row(provider, '提供方审核').getByRole('button', { name: '审核' }).click();
    const dialog = await dialogOf(provider);
    await dialog.getByRole('checkbox', { name: '公民身份号码' }).uncheck();
    const reviewed = provider.waitForResponse((r) => /\/api\/v1\/sharing\/requests\/[^/]+\/review$/.test(r.url()));
    await dialog.getByRole('button', { name: '同意并授权' }).click();
    const approved = await (await reviewed).json();
    expect(approved).toMatchObject({ status: 'approved' });
    const grant = await call(await token('gaj_admin'), 'GET', `/api/v1/sharing/grants/${approved.grantId}`);
    expect(grant.body).toMatchObject({ state: 'active', items: ['姓名', '户籍区县'] });
    await provider.context().close();
  });

  it('民政局 calls the share API, then sees the active grant and the call in its usage chart', async () => {
    const served = await call(await token('mzj_user'), 'GET', `/api/v1/share/${encodeURIComponent(entry.code)}/records?limit=10`);
    expect(served.status, JSON.stringify(served.body)).toBe(200);
    expect(served.body.records).toHaveLength(3);

    const page = await as('mzj_user');
    await page.goto(`${server.base}/sharing/grants`);
    const held = row(page, '我获得的');
    await expect.poll(() => held.textContent(), { message: 'the grant in 我获得的, active' }).toMatch(/有效/);
    await held.getByRole('link', { name: '详情' }).click();
    await expectNavigation(page, /\/sharing\/grants\/[0-9a-f-]{36}$/);
    await expect
      .poll(() => page.getByRole('img', { name: /调用统计图：.*共调用 1 次，返回 3 条记录/ }).count(), {
        message: 'the usage chart counting the one call of 3 records',
      })
      .toBe(1);
    await expect
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text keeps the gaps between cells
      .poll(() => page.getByRole('table', { name: '各部门调用情况' }).innerText(), { message: 'the consumers table naming 民政局' })
      .toMatch(/淄博市民政局\s+1\s+3/);

    // The grant's records in the console: read only when asked (each page is a logged call), the granted items only.
    const listed = page.waitForResponse((r) => r.url().includes('/records?limit=20'));
    await page.getByRole('button', { name: '查看前 20 条' }).click();
    expect((await listed).status()).toBe(200);
    const records = page.getByRole('table', { name: '数据浏览' });
    await expect.poll(() => records.getByRole('row').count(), { message: 'a header and the 3 records' }).toBe(4);
    expect(await records.getByRole('columnheader').allTextContents()).toEqual(['姓名', '户籍区县']);
    await page.context().close();
  });
});
