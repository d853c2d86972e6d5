// The desktop app's unlock window as a person meets it, in Chromium: its built page served as it is, with a stand-in
// for the bridge main gives it. A new site chooses the passphrase twice; a wrong one is said plainly.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const RENDERER = path.resolve(__dirname, '../../out/renderer');
const SCREENSHOTS = path.resolve(__dirname, '../../docs/screenshots');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

let server: http.Server;
let origin: string;

test.beforeAll(async () => {
  server = http.createServer((request, response) => {
    const file = path.join(RENDERER, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(RENDERER) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The bridge main would give: "wrong" for anything but the site's passphrase; records what it was given. */
async function withBridge(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const given: string[] = [];
    Object.assign(window, {
      given,
      swabdeskUnlock: {
        submit: async (passphrase: string) => {
          given.push(passphrase);
          return passphrase === 'correct horse battery' ? { ok: true } : { ok: false, problem: 'wrong' };
        },
      },
    });
  });
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${size.width}x${size.height}.png`) });
  }
}

test('a new site chooses its passphrase twice; the two must match before anything is sent', async ({ page }) => {
  await withBridge(page);
  await page.goto(`${origin}/unlock/index.html?site=new`);
  await expect(page.getByRole('heading', { name: '设置站点口令' })).toBeVisible();
  await page.getByTestId('unlock-passphrase').fill('correct horse battery');
  await page.getByTestId('unlock-again').fill('correct horse');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('unlock-problem')).toHaveText('两次输入不一致');
  expect(await page.evaluate(() => (window as unknown as { given: string[] }).given)).toEqual([]);
  await shoot(page, 'unlock-new-site');
  await page.getByTestId('unlock-again').fill('correct horse battery');
  await page.getByTestId('unlock-submit').click();
  expect(await page.evaluate(() => (window as unknown as { given: string[] }).given)).toEqual(['correct horse battery']);
});

test('an existing site is opened with its passphrase, and a wrong one is said plainly', async ({ page }) => {
  await withBridge(page);
  await page.goto(`${origin}/unlock/index.html?site=existing`);
  await expect(page.getByTestId('unlock-again')).toHaveCount(0);
  await page.getByTestId('unlock-passphrase').fill('guess');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('unlock-problem')).toHaveText('口令不对：不是加密本站数据时设置的口令');
  await shoot(page, 'unlock-wrong');
});
