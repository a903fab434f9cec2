import { existsSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenIdCheckDigit } from '../../src/platform/validators/index.js';
import { CHROMIUM, launch, login } from './browser.js';
import { type RunningServer, startDemoServer } from './server.js';

// Gathering in a real browser: the provider mounts a published entry as a table, uploads
// a GBK CSV whose ID column has another name (mapped in the page) and one bad row, and
// reads the quality report; another department sees the rows masked.
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);

const id18 = (first17: string) => first17 + citizenIdCheckDigit(first17);
const ZHANG = id18('37030219800101001');
const LI = id18('37030319900215002');
const ZHAO = id18('37030519600606004');
const WANG = id18('37030419751231003');
const WANG_BAD = `${WANG.slice(0, 17)}${WANG[17] === '0' ? '1' : '0'}`;
const NAME = '电动自行车驾驶人信息（汇聚测试）';

describe.runIf(haveBrowser)('gathering in Chromium', { timeout: 180_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let entryId = '';
  let mountId = '';

  async function token(username: string): Promise<string> {
    const res = await fetch(`${server.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'Jutong@2026' }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  }
  async function call(tok: string, method: string, path: string, body?: unknown) {
    const res = await fetch(`${server.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${tok}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launch()]);
    // A published 公安局 entry with a name, an ID number and a date.
    const [gaj, admin] = await Promise.all([token('gaj_user'), token('admin')]);
    const created = await call(gaj, 'POST', '/api/v1/catalog/resources', {
      name: NAME,
      classification: '209',
      abstract: '记录电动自行车驾驶人的姓名、公民身份号码和出生日期，用于汇聚功能的浏览器测试。',
      format: 'database',
      formatType: 'PostgreSQL',
      items: [
        { name: '姓名', dataElement: 'DE00001', type: 'string', length: 50 },
        { name: '公民身份号码', dataElement: 'DE00004', type: 'string', length: 18 },
        { name: '出生日期', dataElement: null, type: 'date' },
      ],
      shareType: 'conditional',
      shareCondition: '仅用于非机动车管理',
      shareChannel: 'platform',
      shareVia: 'table',
      openType: 'closed',
      updateCycle: 'daily',
    });
    expect(created.status).toBe(201);
    entryId = created.body.id as string;
    expect((await call(gaj, 'POST', `/api/v1/catalog/resources/${entryId}/submit`)).status).toBe(200);
    expect((await call(admin, 'POST', `/api/v1/catalog/resources/${entryId}/review`, { decision: 'approve' })).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function as(username: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await login(page, server.base, username);
    return page;
  }

  it('the provider mounts the entry as a table, maps a renamed column, uploads a GBK file and reads the quality report', async () => {
    const page = await as('gaj_user');
    await page.goto(`${server.base}/catalog/${entryId}`);
    const section = page.locator('.ant-card').filter({ has: page.getByText('挂载资源', { exact: true }) });
    await section.getByRole('button', { name: '挂载' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('不合格记录上限').fill('50');
    const mounted = page.waitForResponse((r) => r.url().endsWith(`/api/v1/catalog/resources/${entryId}/mounts`) && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: '挂载' }).click();
    const mount = await (await mounted).json();
    expect(mount).toMatchObject({ kind: 'table', table: { rejectThreshold: 0.5 } });
    mountId = mount.id;
    await page.waitForURL(new RegExp(`/gathering/mounts/${mountId}\\?tab=upload$`));

    // The ID column is called 身份证号 in the file; one row has a wrong check digit.
    const csv = [
      ['姓名', '身份证号', '出生日期'],
      ['张三', ZHANG, '1980-01-01'],
      ['李四', LI, '1990-02-15'],
      ['王五', WANG_BAD, '1975-12-31'],
      ['赵六', ZHAO, '1960-06-06'],
    ]
      .map((r) => r.join(','))
      .join('\r\n');
    await page.locator('input[type=file]').setInputFiles({ name: '驾驶人.csv', mimeType: 'text/csv', buffer: iconv.encode(csv, 'gbk') });
    // The browser read the GBK header itself.
    await page.getByText('按 GB18030 读取表头').waitFor();
    await expect.poll(() => page.getByText(/主键信息项没有对应的列：公民身份号码/).count()).toBe(1);
    await page.getByLabel('“身份证号”列对应的信息项').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="公民身份号码（主键）"]').click();
    await expect.poll(() => page.getByText(/主键信息项没有对应的列/).count()).toBe(0);

    const uploaded = page.waitForResponse((r) => r.url().includes(`/api/v1/mounts/${mountId}/runs?`) && r.request().method() === 'POST');
    await page.getByRole('button', { name: '开始导入' }).click();
    const response = await uploaded;
    expect(decodeURIComponent(response.url())).toContain('mapping={"身份证号":"公民身份号码"}');
    const run = await response.json();
    expect(run).toMatchObject({ status: 'succeeded', rowsRead: 4, rowsLoaded: 3, rowsRejected: 1, version: 1, encoding: 'gb18030', hasRejects: true });

    await page.getByText('导入成功：已发布第 1 版，入库 3 行').waitFor();
    const report = page.getByRole('region', { name: '质量报告' });
    await report.waitFor();
    const idRow = report.getByRole('row', { name: /公民身份号码/ });
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text keeps the gaps between cells
    expect(await idRow.innerText()).toMatch(/公民身份号码\s+4\s+3\s+1\s+3\s+100%\s+75%/);
    await expect.poll(() => report.getByRole('img', { name: /完整性、有效性和唯一性/ }).count()).toBe(1);

    const rejects = page.getByRole('link', { name: '下载不合格记录' });
    expect(await rejects.getAttribute('href')).toBe(`/api/v1/runs/${run.id}/rejects`);
    const body = await (await page.request.get(`${server.base}/api/v1/runs/${run.id}/rejects`)).text();
    expect(body).toContain('4,公民身份号码');
    expect(body).toMatch(/校验码/);

    // The same report on the run's own page, and the run in the mount's list.
    await page.getByRole('link', { name: '查看本次导入详情' }).click();
    await page.waitForURL(new RegExp(`/gathering/runs/${run.id}$`));
    await page.getByRole('region', { name: '质量报告' }).waitFor();
    await page.goto(`${server.base}/gathering/mounts/${mountId}?tab=runs`);
    await expect.poll(() => page.getByRole('table', { name: '导入记录' }).getByText('成功', { exact: true }).count()).toBe(1);
    await page.context().close();
  });

  it('another department finds the mount in the list as its catalog entry, never its rows, on a phone', async () => {
    const page = await as('mzj_user', { width: 390, height: 844 });
    await page.goto(`${server.base}/gathering`);
    await page.getByRole('link', { name: NAME }).click();
    // The list gives another department's mount without its id: the link leads to the entry, where a grant is asked for.
    await page.waitForURL(/\/catalog\/[0-9a-f-]{36}$/);
    const preview = await page.request.get(`${server.base}/api/v1/mounts/${mountId}/preview`);
    expect(preview.status()).toBe(403);
    expect(await preview.text()).not.toContain(ZHANG);
    expect(await page.content()).not.toContain(ZHANG);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.context().close();
  });
});
