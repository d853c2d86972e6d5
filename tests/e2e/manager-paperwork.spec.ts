// The day's paperwork in the manager window: a past day's handover opened and its manifest printed again (read back
// with pdftotext), the warnings of tubes left open or unbagged (naming the desk), bag labels on 60 × 40 mm pages,
// the day's summary on one A4 page, and F10 locking the window.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { siteAt } from './paperworkSite';
import { signIn } from './signIn';
import { MANAGER, startStation, type RunningStation, type StationOptions } from './station';

let station: RunningStation | null = null;
let out: string;

test.beforeEach(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-paperwork-'));
});

test.afterEach(async () => {
  await station?.stop();
  station = null;
  fs.rmSync(out, { recursive: true, force: true });
});

async function managerWindow(browser: import('@playwright/test').Browser, options: StationOptions): Promise<Page> {
  station = await startStation([], options);
  const manager = await browser.newPage();
  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);
  return manager;
}

/** The page printed as Chromium prints it, with the page sizes its CSS asks for. */
async function printed(page: Page, name: string): Promise<{ text: string; pages: number; sizes: string[] }> {
  const pdf = path.join(out, `${name}.pdf`);
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '100', pdf], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+ x [\d.]+) pts/gm)].map((m) => m[1]);
  return { text: execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }), pages, sizes };
}

const MM = 72 / 25.4;
const points = (size: string) => size.split(' x ').map((n) => Math.round(Number(n) / MM));

test('a past day’s handover opens from the list and its manifest prints again with the site and the manager', async ({ browser }) => {
  const yesterday = new Date(Date.now() - 24 * 3600_000);
  yesterday.setHours(15, 0, 0, 0);
  let number = '';
  const manager = await managerWindow(browser, {
    settings: { siteName: '朝阳一小', siteCode: 'CY-001' },
    prepare: (dataDir) =>
      siteAt(dataDir, yesterday, (site) => {
        site.tube(1, '2026112100001', 0, 3);
        site.tube(2, '2026112100002', 3, 2);
        site.bag('B2026112101', ['2026112100001', '2026112100002']);
        number = site.handOver(['B2026112101']);
      }),
  });
  await manager.getByTestId('tab-handover').click();
  const list = manager.getByTestId('handover-list');
  await expect(list).toContainText('这一天没有交接');
  const day = `${yesterday.getFullYear()}-${String(yesterday.getMonth() + 1).padStart(2, '0')}-${String(yesterday.getDate()).padStart(2, '0')}`;
  await manager.getByTestId('handover-day').selectOption(day);
  await expect(list.getByTestId(`handover-${number}`)).toContainText('1 箱 · 2 管 · 5 人');
  await expect(list.getByTestId(`handover-${number}`)).toContainText(MANAGER.name);
  await list.getByTestId(`open-${number}`).click();

  await expect(manager.getByTestId('manifest-number')).toHaveText(`交接单号 ${number}`);
  await expect(manager.getByTestId('manifest-site')).toHaveText('朝阳一小');
  await expect(manager.getByTestId('manifest-handed-by')).toHaveText(MANAGER.name);
  const { text } = await printed(manager, 'manifest');
  expect(text).toContain(`交接单号 ${number}`);
  expect(text).toContain('朝阳一小');
  expect(text).toContain('CY-001');
  expect(text).toContain(MANAGER.name);
  expect(text).toMatch(/共\s*1\s*箱\s*·\s*2\s*管\s*·\s*5\s*人/);
  expect(text).toMatch(/2026112100001\s+3\b/);
  expect(text).not.toContain('打开 / 重印');
});

test('tubes left open or unbagged are named, with the desk, before a handover and on the live view after closing time', async ({
  browser,
}) => {
  const manager = await managerWindow(browser, {
    // Closing time at midnight: the day has ended whenever the test runs.
    settings: { closingTime: '00:00' },
    prepare: (dataDir) =>
      siteAt(dataDir, new Date(), (site) => {
        site.tube(2, '2026112200011', 0, 3, true);
        site.tube(1, '2026112200012', 3, 1);
      }),
  });
  const warning = manager.getByTestId('loose-tubes');
  await expect(warning).toContainText('收工提醒');
  await expect(warning.getByTestId('loose-open-2')).toHaveText('登记台 2 仍有开管的试管 2026112200011（3 / 10 人）：请在该台封管');
  await expect(warning.getByTestId('loose-unbagged')).toContainText('2026112200012（登记台 1，1 人）');

  await manager.getByTestId('tab-handover').click();
  await expect(warning).toContainText('交接前请注意');
  await expect(warning.getByTestId('loose-open-2')).toContainText('登记台 2');
});

test('bag labels print one 60 × 40 mm page each, with a Code 128 and the number', async ({ browser }) => {
  const manager = await managerWindow(browser, {});
  await manager.getByTestId('tab-bags').click();
  await manager.getByTestId('bag-labels').click();
  await manager.getByTestId('labels-first').fill('X2026');
  await manager.getByTestId('labels-make').click();
  await expect(manager.getByTestId('labels-problem')).toHaveText('X2026 不符合本点位的转运箱条码格式');
  await manager.getByTestId('labels-first').fill('B2026112309');
  await manager.getByTestId('labels-count').fill('3');
  await manager.getByTestId('labels-make').click();
  const labels = manager.getByTestId('bag-label');
  await expect(labels).toHaveCount(3);
  await expect(labels.nth(1)).toContainText('B2026112310');
  const code = labels.nth(0).getByTestId('bag-label-code');
  await expect(code).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
  const svg = Buffer.from((await code.getAttribute('src'))!.split(',')[1], 'base64').toString('utf8');
  expect(svg).toMatch(/^<svg/);
  const box = (await labels.nth(0).boundingBox())!;
  expect([Math.round(box.width / (96 / 25.4)), Math.round(box.height / (96 / 25.4))]).toEqual([60, 40]);

  const { text, pages, sizes } = await printed(manager, 'labels');
  expect(pages).toBe(3);
  for (const size of sizes) expect(points(size)).toEqual([60, 40]);
  for (const number of ['B2026112309', 'B2026112310', 'B2026112311']) expect(text).toContain(number);
  expect(text).not.toContain('生成标签');
});

test('the day’s summary prints on one A4 page', async ({ browser }) => {
  const manager = await managerWindow(browser, {
    settings: { siteName: '朝阳一小', siteCode: 'CY-001' },
    prepare: (dataDir) =>
      siteAt(dataDir, new Date(), (site) => {
        site.tube(1, '2026112200021', 0, 10);
        site.tube(2, '2026112200022', 10, 4);
        site.tube(1, '2026112200023', 14, 2, true);
        site.bag('B2026112201', ['2026112200021']);
        site.handOver(['B2026112201']);
      }),
  });
  await manager.getByTestId('tab-summary').click();
  const summary = manager.getByTestId('day-summary');
  await expect(summary).toContainText('采样点日报');
  await expect(summary).toContainText('朝阳一小');
  const { text, pages, sizes } = await printed(manager, 'summary');
  expect(pages).toBe(1);
  expect(points(sizes[0])).toEqual([210, 297]);
  expect(text).toContain('采样点日报');
  expect(text).toMatch(/采样人数\s+16\b/);
  expect(text).toMatch(/已封管未装箱\s+1\b/);
  expect(text).toContain(MANAGER.name);
  expect(text).not.toContain('打印（A4 一页）');
});

test('F10 locks the manager window, and the sign-out button signs the manager out', async ({ browser }) => {
  const manager = await managerWindow(browser, {});
  await manager.getByTestId('tab-search').click();
  await manager.getByTestId('search-text').focus();
  await manager.keyboard.press('F10');
  await expect(manager.getByTestId('sign-in')).toHaveAttribute('data-state', 'locked');
  await signIn(manager, MANAGER);
  await manager.getByTestId('manager-sign-out').click();
  await expect(manager.getByTestId('sign-in')).toHaveAttribute('data-state', 'signed-out');
});
