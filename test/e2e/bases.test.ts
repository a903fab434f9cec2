import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mask } from '../../src/platform/masking/mask.js';
import { CHROMIUM, launch, login } from './browser.js';
import { type RunningServer, startDemoServer } from './server.js';

// The base databases page in a real browser: 公安局's data specialist looks a resident up in
// the demo 人口库 by ID number, sees the golden record masked with its source, and a wrong
// check digit is refused with the validator's reason under the input.
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);

const POPULATION_ENTRY = '淄博市户籍人口基本信息';

describe.runIf(haveBrowser)('base databases in Chromium', { timeout: 120_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let id = '';
  let name = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launch()]);
    const signIn = await fetch(`${server.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'gaj_user', password: 'Jutong@2026' }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const get = async <T>(path: string): Promise<T> => {
      const res = await fetch(`${server.base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    };
    // Base records come back masked; the provider's own mount preview shows a real key.
    const mounts = await get<{ items: { id: string; resourceName: string }[] }>('/api/v1/mounts?kind=table&pageSize=100');
    const mount = mounts.items.find((m) => m.resourceName === POPULATION_ENTRY);
    expect(mount, POPULATION_ENTRY).toBeDefined();
    const preview = await get<{ columns: { item: string }[]; rows: (string | null)[][]; masked: boolean }>(`/api/v1/mounts/${mount?.id}/preview?limit=20`);
    expect(preview.masked).toBe(false);
    const col = (item: string) => preview.columns.findIndex((c) => c.item === item);
    const row = preview.rows.find((r) => r[col('公民身份号码')] && r[col('姓名')]) as string[];
    [id, name] = [row[col('公民身份号码')], row[col('姓名')]];
    expect(id).toMatch(/^\d{17}[\dX]$/);
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

  it('looks a resident up by ID number: masked record, each field with its source; a wrong check digit is refused', async () => {
    const page = await as('gaj_user');
    const bases = page.waitForResponse((r) => r.url().endsWith('/api/v1/bases') && r.ok());
    await page.goto(`${server.base}/bases`);
    await bases;
    await page.getByText('每次查询和浏览都会记入审计日志', { exact: false }).waitFor();

    const input = page.getByLabel('公民身份号码', { exact: true });
    await input.fill(id);
    const looked = page.waitForResponse((r) => r.url().includes('/api/v1/bases/population/records/') && r.request().method() === 'GET');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    expect((await looked).status()).toBe(200);

    const record = page.getByRole('table', { name: '基础库记录', exact: true });
    await record.waitFor();
    const idRow = record.getByRole('row', { name: /公民身份号码/ });
    expect(await idRow.getByText(mask('citizen-id', id) as string, { exact: true }).count()).toBe(1);
    expect(await idRow.getByText('已脱敏', { exact: true }).count()).toBe(1);
    const nameRow = record.getByRole('row', { name: /^姓名/ });
    expect(await nameRow.getByText(mask('name', name) as string, { exact: true }).count()).toBe(1);
    expect(await nameRow.getByText('已脱敏', { exact: true }).count()).toBe(1);
    expect(await nameRow.getByText('淄博市公安局', { exact: true }).count()).toBe(1);
    expect(await record.getByText(POPULATION_ENTRY).count()).toBeGreaterThan(0);
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, as a person reads it
    const shown = await record.innerText();
    expect(shown).not.toContain(id);
    expect(shown).not.toContain(name);

    // The same number with another check digit: 400, the validator's reason under the input.
    const bad = `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;
    await input.fill(bad);
    const refused = page.waitForResponse((r) => r.url().includes('/api/v1/bases/population/records/') && r.request().method() === 'GET');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    expect((await refused).status()).toBe(400);
    await expect
      .poll(() =>
        page
          .locator('.ant-form-item-explain-error')
          .filter({ hasText: /公民身份号码无效.*校验码/ })
          .count(),
      )
      .toBe(1);
    expect(await page.getByRole('table', { name: '基础库记录', exact: true }).count()).toBe(0);
    await page.context().close();
  });
});
