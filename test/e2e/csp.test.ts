import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launch, login } from './browser.js';
import { type RunningServer, startDemoServer } from './server.js';

// The console and the API reference under the platform's Content-Security-Policy (no inline script, no framing):
// the browser reports every refused script, style, image or request, and a login posts through the origin check.
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);

describe.runIf(haveBrowser)('the console under its security headers', { timeout: 180_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A page that records what the policy refused. */
  async function watched(): Promise<{ page: Page; refused: string[] }> {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    page.setDefaultTimeout(30_000);
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
    return { page, refused };
  }

  it('signs in and shows the workbench and the catalog, gathering, bases and sharing pages with nothing refused', async () => {
    const { page, refused } = await watched();
    await login(page, server.base, 'gaj_user');
    await expect.poll(() => page.locator('.ant-layout').count()).toBeGreaterThan(0);
    for (const path of ['/catalog', '/gathering', '/bases', '/sharing/grants']) {
      await page.goto(`${server.base}${path}`);
      await page.waitForLoadState('networkidle');
    }
    expect(refused).toEqual([]);
  });

  it('shows the API reference with nothing refused', async () => {
    const { page, refused } = await watched();
    await page.goto(`${server.base}/api/docs`);
    await expect.poll(() => page.locator('.opblock').count()).toBeGreaterThan(10);
    expect(refused).toEqual([]);
  });
});
