import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, expectNavigation, launch, login } from './browser.js';
import { type RunningServer, startDemoServer } from './server.js';

// The whole catalog loop in a real browser, as a department user and the bureau would do
// it, against `jutong serve --demo` on a fresh data directory.
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);

const NAME = '电动自行车登记挂牌信息';
const WORD = '非机动车';

// Generous limits: these steps share 2 cores with the rest of the suite.
describe.runIf(haveBrowser)('the console in Chromium', { timeout: 180_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let entryId = '';
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launch()]);
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
  const option = (page: Page, title: string) => page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`).click();
  async function choose(page: Page, label: RegExp, title: string) {
    await page.getByLabel(label).click();
    await option(page, title);
  }

  it('a department user registers an entry with two items from the registry and submits it', async () => {
    const page = await as('gaj_user');
    await page.goto(`${server.base}/catalog/new`);
    await page.getByLabel(/资源分类/).click();
    await page
      .locator('.ant-select-dropdown:visible')
      .getByText(/^2\s*主题信息资源$/)
      .click();
    await page
      .locator('.ant-select-dropdown:visible')
      .getByText(/^209\s*公共安全$/)
      .click();
    await page.getByLabel(/资源名称/).fill(NAME);
    await page.getByLabel(/资源摘要/).fill(`记录全市电动自行车登记挂牌、过户和注销情况，用于${WORD}管理。`);
    await choose(page, /格式分类/, '数据库');
    await page.getByLabel(/格式类型/).fill('KingbaseES');
    for (const [row, element] of [
      [1, '姓名'],
      [2, '公民身份号码'],
    ] as const) {
      if (!(await page.getByLabel(`第 ${row} 行 数据元`).count())) await page.getByRole('button', { name: '添加信息项' }).click();
      // The picker searches the registry as one types; pick from the answer to the full name.
      const answered = page.waitForResponse((r) => r.url().includes('/api/v1/catalog/data-elements') && decodeURIComponent(r.url()).includes(element));
      await page.getByLabel(`第 ${row} 行 数据元`).fill(element);
      await answered;
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: element }).first().click();
    }
    await choose(page, /共享类型/, '有条件共享');
    await page.getByLabel(/共享条件/).fill('仅用于非机动车管理业务');
    await choose(page, /共享方式分类/, '共享平台');
    await choose(page, /共享方式类型/, '接口');
    await choose(page, /开放类型/, '不予开放');
    await choose(page, /更新周期/, '每日');
    await page.getByRole('button', { name: '保存并提交审核' }).click();
    await expectNavigation(page, /\/catalog\/[0-9a-f-]{36}$/);
    entryId = page.url().split('/').at(-1) as string;
    await expect.poll(() => page.getByText('审核中').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('the bureau returns it with a reason; the department fixes it and resubmits; the bureau approves', async () => {
    const admin = await as('admin');
    await admin.goto(`${server.base}/review`);
    await admin
      .getByRole('row', { name: new RegExp(NAME) })
      .getByRole('button', { name: '退回' })
      .click();
    await admin.getByLabel(/退回理由/).fill('请在摘要中写明数据覆盖范围');
    await admin.getByRole('button', { name: '确认退回' }).click();
    await expect.poll(() => admin.getByRole('row', { name: new RegExp(NAME) }).count()).toBe(0);

    const user = await as('gaj_user');
    await user.goto(`${server.base}/catalog/${entryId}`);
    await expect.poll(() => user.getByText('请在摘要中写明数据覆盖范围').count()).toBeGreaterThan(0);
    await user.getByRole('button', { name: /编辑/ }).first().click();
    await expectNavigation(user, /\/edit$/);
    const abstract = user.getByLabel(/资源摘要/);
    await abstract.fill(`${await abstract.inputValue()}覆盖全市五区三县。`);
    await user.getByRole('button', { name: '保存并提交审核' }).click();
    await expectNavigation(user, new RegExp(`/catalog/${entryId}$`));

    await admin.goto(`${server.base}/review`);
    await admin
      .getByRole('row', { name: new RegExp(NAME) })
      .getByRole('button', { name: '通过' })
      .click();
    await expect.poll(() => admin.getByRole('row', { name: new RegExp(NAME) }).count()).toBe(0);
    await admin.goto(`${server.base}/catalog/${entryId}`);
    await expect.poll(() => admin.getByText('已发布').count()).toBeGreaterThan(0);
    await admin.context().close();
    await user.context().close();
  });

  it('another department finds it by a Chinese word from its abstract', async () => {
    const page = await as('mzj_user');
    await page.goto(`${server.base}/catalog`);
    await page.getByLabel('搜索目录').fill(WORD);
    await page.getByLabel('搜索目录').press('Enter');
    const hit = page.getByRole('list', { name: '检索结果' }).getByRole('link', { name: NAME });
    await expect.poll(() => hit.count()).toBe(1);
    await expect.poll(() => page.locator('mark', { hasText: WORD }).count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('editing the published entry makes version 2, and the detail page compares the versions', async () => {
    const page = await as('gaj_user');
    await page.goto(`${server.base}/catalog/${entryId}/edit`);
    await page.getByLabel(/资源名称/).fill(`${NAME}（2026版）`);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expectNavigation(page, new RegExp(`/catalog/${entryId}$`));
    await expect.poll(() => page.getByText(/共 \d+ 处变化/).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(`${NAME}（2026版）`).count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('an Excel file with one bad row imports nothing and shows the row', async () => {
    const page = await as('gaj_user');
    const template = await (await page.request.get(`${server.base}/api/v1/catalog/import-template`)).body();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as never);
    const sheet = wb.getWorksheet('目录')!;
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    const row = (seq: number, condition: string) => {
      const v: Record<string, string> = {
        序号: String(seq),
        资源名称: `导入测试${seq}`,
        资源分类代码: '209',
        提供方代码: '370300002',
        摘要: '用于浏览器测试的导入条目，不含真实数据。',
        格式分类: '电子表格',
        格式类型: 'xlsx',
        共享类型: '有条件共享',
        共享条件: condition,
        共享方式分类: '共享平台',
        共享方式类型: '文件',
        开放类型: '不予开放',
        更新周期: '每月',
      };
      return headers.map((h) => v[h] ?? null);
    };
    sheet.getRow(2).values = row(1, '用于测试');
    sheet.getRow(3).values = row(2, '');
    const items = wb.getWorksheet('信息项')!;
    items.getRow(2).values = ['1', '字段一', '', '字符型', 10, ''];
    items.getRow(3).values = ['2', '字段一', '', '字符型', 10, ''];
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    await page.goto(`${server.base}/import`);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '目录导入.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await expect.poll(() => page.getByText('文件中有错误，未导入任何数据').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const errorRow = page.getByRole('row', { name: /有条件共享必须填写共享条件/ });
    await expect.poll(() => errorRow.count()).toBe(1);
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text keeps the gaps between cells
    expect(await errorRow.innerText()).toMatch(/目录\s+3\s+共享条件/);
    await page.context().close();
  });

  it('switches the whole console to English', async () => {
    const page = await as('admin');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Catalog search' }).count()).toBe(1);
    // biome-ignore lint/performance/useDomNodeTextContent: what a person reads, hidden parts excluded
    const menu = await page.getByRole('menu').innerText();
    expect(menu).not.toMatch(/\p{Script=Han}/u);
    await page.goto(`${server.base}/catalog`);
    await expect.poll(() => page.getByRole('button', { name: '中文' }).count()).toBe(1);
    await page.context().close();
  });
});
