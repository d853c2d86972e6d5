// Devices end to end, on a station started with --simulate --desks 2: an ID card placed on the simulated
// reader and a QR code from the simulated HID-POS scanner both land in desk 1's open tube, seen in its window;
// desk 2's window, fed by its own scanner, receives only its own scans; an unplug shows on the desk at once; a
// code no decoder can read is told to the desk and counted in the manager's device list.
import { expect, test, type Page } from '@playwright/test';
import { hidPosReports, residentCardText, toHex } from '../../src-main/core/devices/simulated/encode';
import { SAMPLE_CARD } from '../fixtures/cards';
import { personCode } from '../fixtures/people';
import { signIn } from './signIn';
import { simulatedDevices } from './simulated';
import { MANAGER, startStation, type RunningStation } from './station';

let station: RunningStation;

test.beforeEach(async () => {
  station = await startStation(['--simulate', '--desks', '2']);
});

test.afterEach(async () => {
  await station.stop();
});

const sim = (path: string, body = '') => simulatedDevices(station).post(path, body);
const scanWith = (scanner: string, text: string) => simulatedDevices(station).scanWith(scanner, text);

async function openDesk(page: Page, window: string): Promise<void> {
  await page.goto(station.urls.byWindow[window]);
  await signIn(page);
  await expect(page.getByTestId('result')).toContainText('请扫描试管条码');
  // Both of the desk's devices are open and say so.
  await expect(page.locator('.device-ready')).toHaveCount(window === 'clerk-1' ? 4 : 2);
}

test('an ID card and a HID-POS QR code land in desk 1’s tube; desk 2 gets only its own scans', async ({ browser }) => {
  const desk1 = await browser.newPage();
  const desk2 = await browser.newPage();
  await openDesk(desk1, 'clerk-1');
  await openDesk(desk2, 'clerk-2');

  await scanWith('scanner-1', '2026112300001');
  await expect(desk1.getByTestId('tube-barcode')).toContainText('2026112300001');

  const card = residentCardText(SAMPLE_CARD);

  await sim('reader-1/reports', toHex(card));
  await expect(desk1.getByTestId('tube-fill')).toHaveText('1 / 10 人');
  await expect(desk1.getByTestId('people')).toContainText('王*明');

  await scanWith('scanner-1', personCode(0));
  await expect(desk1.getByTestId('tube-fill')).toHaveText('2 / 10 人');
  await expect(desk1.getByTestId('people')).toContainText('张*');
  await expect(desk1.getByTestId('result')).toHaveAttribute('data-tone', 'ok');

  // Desk 2's own scanner opens a tube there, and desk 1 does not move.
  await scanWith('scanner-2', '2026112300002');
  await expect(desk2.getByTestId('tube-barcode')).toContainText('2026112300002');
  await expect(desk2.getByTestId('tube-fill')).toHaveText('0 / 10 人');
  await expect(desk1.getByTestId('tube-barcode')).toContainText('2026112300001');
  await expect(desk1.getByTestId('tube-fill')).toHaveText('2 / 10 人');

  const registrations = station.snapshot().registrations as { source: string }[];
  expect(registrations.map((r) => r.source)).toEqual(['card', 'scan']);
});

test('an unplugged scanner shows on its desk at once and comes back by itself', async ({ page }) => {
  await openDesk(page, 'clerk-1');
  await sim('scanner-1/unplug');
  await expect(page.locator('.device-unplugged')).toHaveCount(1);
  await expect(page.locator('.device-unplugged')).toContainText('已断开');
  await sim('scanner-1/plug');
  await expect(page.locator('.device-ready')).toHaveCount(4);
  await scanWith('scanner-1', '2026112300003');
  await expect(page.getByTestId('tube-barcode')).toContainText('2026112300003');
});

test('a HID-POS code over 4 KB is told to the desk as not understood, heard, stored nowhere and counted for the manager', async ({
  browser,
}) => {
  const desk = await browser.newPage();
  await openDesk(desk, 'clerk-1');
  const manager = await browser.newPage();
  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);
  await manager.getByTestId('tab-settings').click();
  const notUnderstood = manager.getByTestId('device-not-understood-hid:5344:0001:SIM-SCANNER-1');
  await expect(notUnderstood).toHaveText('无法识别 0 次');

  const soundsPlayed = () => desk.evaluate(() => Number(document.documentElement.dataset.soundsPlayed ?? 0));
  const soundsBefore = await soundsPlayed();
  const before = station.snapshot();
  await sim('scanner-1/reports', hidPosReports('A'.repeat(5000)).map(toHex).join('\n'));
  const result = desk.getByTestId('result');
  await expect(result).toHaveAttribute('data-tone', 'refused');
  await expect(result).toContainText('扫码未被识别');
  await expect(result).toContainText('HID-POS scanner (simulated) · /dev/simhid0 发来的内容读不懂');
  await expect(result).toContainText('请检查扫码枪的工作模式');
  await expect(desk.locator('html')).toHaveAttribute('data-last-sound', 'refused');
  // Pushed to the manager's open list, without a reload.
  await expect(notUnderstood).toHaveText('无法识别 1 次');
  expect(station.snapshot()).toEqual(before);

  // The next code is taken as usual, and it is the second sound since: the oversized code made exactly one.
  await scanWith('scanner-1', '2026112300001');
  await expect(desk.getByTestId('tube-barcode')).toContainText('2026112300001');
  await expect(desk.locator('html')).toHaveAttribute('data-last-sound', 'notice');
  expect(await soundsPlayed()).toBe(soundsBefore + 2);

  // Plugged in again, the scanner starts from zero.
  await sim('scanner-1/unplug');
  await sim('scanner-1/plug');
  await expect(notUnderstood).toHaveText('无法识别 0 次');
});

test('a locked desk still hears that its scanner sent something nobody could read', async ({ page }) => {
  await openDesk(page, 'clerk-2');
  await page.keyboard.press('F10');
  await expect(page.getByTestId('sign-in')).toHaveAttribute('data-state', 'locked');
  const soundsPlayed = () => page.evaluate(() => Number(document.documentElement.dataset.soundsPlayed ?? 0));
  const soundsBefore = await soundsPlayed();
  await sim('scanner-2/reports', hidPosReports('A'.repeat(5000)).map(toHex).join('\n'));
  await expect(page.getByTestId('sign-in-message')).toContainText('刚才的内容没有保存');
  await expect(page.locator('html')).toHaveAttribute('data-last-sound', 'refused');
  expect(await soundsPlayed()).toBe(soundsBefore + 1);
});
