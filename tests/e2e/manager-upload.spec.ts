// Uploading as a manager lives it: data waits while no platform is set; a wrong token halts with the platform's
// answer on screen; a template that leaves out a required field gets every fact refused and held, never lost;
// fixed and sent again, everything arrives once, and the desk's status bar shows nothing waiting.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { personCode } from '../fixtures/people';
import { startTestHub, type TestHub } from '../fixtures/hub';
import { signIn } from './signIn';
import { CLERKS, MANAGER, startStation, type RunningStation } from './station';
import { typeAsScanner } from './typing';

const SCREENSHOTS = path.resolve(__dirname, '../../docs/screenshots');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

let station: RunningStation;
let hub: TestHub;

test.beforeEach(async () => {
  hub = await startTestHub();
  station = await startStation([], { settings: { siteCode: 'BJ-0101', siteName: '东城区第三采样点' } });
});

test.afterEach(async () => {
  await station.stop();
  await hub.close();
});

/** The panel from its top, as the manager sees it on opening the tab, at both desk screen sizes. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.locator('.manager-main').evaluate((main) => main.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SIZES[0]);
}

const TEMPLATE_WITHOUT_KIND = '{"factId": "{{factId}}", "at": "{{at}}", "采样点": "{{siteCode}}", "管号": "{{tubeBarcode}}"}';
const TEMPLATE = '{"factId": "{{factId}}", "kind": "{{kind}}", "at": "{{at}}", "采样点": "{{siteCode}}", "管号": "{{tubeBarcode}}"}';

test('a manager sets up uploading, sees each failure for what it is, and gets every fact to the platform once', async ({ browser }) => {
  test.setTimeout(120_000);
  const desk = await browser.newPage();
  await desk.goto(station.urls.clerk);
  await signIn(desk, CLERKS[0]);
  const scan = (text: string) => typeAsScanner(desk, desk.getByTestId('scan'), text);
  await scan('20261123777');
  for (let i = 0; i < 3; i++) await scan(personCode(i));
  await desk.keyboard.press('F8');
  await expect(desk.getByTestId('result')).toHaveAttribute('data-tone', 'sealed');
  // Opened, three people, sealed.
  await expect(desk.getByTestId('backlog')).toHaveAttribute('data-count', '5');

  const manager = await browser.newPage();
  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);
  await manager.getByTestId('tab-upload').click();
  await expect(manager.getByTestId('upload-status')).toHaveAttribute('data-state', 'off');
  await expect(manager.getByTestId('upload-backlog')).toHaveText('5');
  await expect(manager.getByTestId('upload-now')).toBeDisabled();

  await manager.getByTestId('upload-endpoint').fill(hub.url);
  await manager.getByTestId('upload-token').fill('wrong-token');
  await manager.getByTestId('upload-save').click();
  await expect(manager.getByTestId('upload-status')).toHaveAttribute('data-state', 'halted');
  await expect(manager.getByTestId('upload-headline')).toContainText('需要处理');
  await expect(manager.getByTestId('upload-last-error')).toContainText('HTTP 401');
  await expect(manager.getByTestId('upload-backlog')).toHaveText('5');
  await expect(manager.getByTestId('upload-token')).toHaveValue('');
  await expect(manager.getByTestId('upload-token')).toHaveAttribute('placeholder', '已设置（留空则不变）');
  await shoot(manager, 'manager-upload-halted');

  await manager.getByTestId('upload-token').fill(hub.token);
  await manager.getByTestId('upload-adapter').selectOption('template');
  await manager.getByTestId('upload-template').fill('{"id": "{{registrationId}}"}');
  await manager.getByTestId('upload-save').click();
  await expect(manager.getByTestId('problem-template')).toContainText('{{factId}}');

  await manager.getByTestId('upload-template').fill(TEMPLATE_WITHOUT_KIND);
  await manager.getByTestId('upload-save').click();
  await expect(manager.getByTestId('upload-held')).toHaveText('5');
  await expect(manager.getByTestId('held-fact')).toHaveCount(5);
  await expect(manager.getByTestId('held-facts')).toContainText('kind');
  await expect(manager.getByTestId('upload-backlog')).toHaveText('0');
  await expect(manager.getByTestId('upload-headline')).toHaveText('5 条数据被平台拒收，需要处理');
  await expect(manager.getByTestId('upload-last-error')).toContainText('平台拒收了这一批');
  expect(await hub.storedKeys()).toHaveLength(0);
  await shoot(manager, 'manager-upload-held');

  await manager.getByTestId('upload-template').fill(TEMPLATE);
  await manager.getByTestId('upload-save').click();
  await expect(manager.getByTestId('settings-message')).toHaveText('已保存');
  await manager.getByTestId('held-release-all').click();
  await expect(manager.getByTestId('upload-held')).toHaveText('0');
  await expect(manager.getByTestId('held-facts')).toHaveCount(0);
  await expect(manager.getByTestId('upload-headline')).toHaveText('已全部上传');
  await expect(manager.getByTestId('upload-last-success')).not.toHaveText('尚未成功');
  await shoot(manager, 'manager-upload-done');

  const rows = await hub.query<{ kind: string; payload: Record<string, unknown> }>('SELECT kind, payload FROM facts');
  expect(rows.map((row) => row.kind).sort()).toEqual(['person.added', 'person.added', 'person.added', 'tube.opened', 'tube.sealed']);
  expect(rows.find((row) => row.kind === 'person.added')?.payload).toMatchObject({ 采样点: 'BJ-0101', 管号: '20261123777' });
  await expect(desk.getByTestId('backlog')).toHaveAttribute('data-count', '0');
});
