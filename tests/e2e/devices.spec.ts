// Devices end to end, on a station started with --simulate --desks 2: an ID card placed on the simulated
// reader and a QR code from the simulated HID-POS scanner both land in desk 1's open tube, seen in its window;
// desk 2's window, fed by its own scanner, receives only its own scans; an unplug shows on the desk at once.
import { expect, test, type Page } from '@playwright/test';
import { residentCardText, toHex } from '../../src-main/core/devices/simulated/encode';
import { SAMPLE_CARD } from '../fixtures/cards';
import { personCode } from '../fixtures/people';
import { signIn } from './signIn';
import { simulatedDevices } from './simulated';
import { startStation, type RunningStation } from './station';

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
