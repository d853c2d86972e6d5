// The keys of the sign-in and lock screens, each window's own language and title, and the names of devices, on a
// station started with --simulate --desks 2: F9 switches the words and ←/→ walk the names with the PIN field
// keeping the focus; F9 at desk 1 leaves desk 2 in its language, now and after a reload; a window's title names it;
// a device is shown by its model and port until the manager names it, then by its name at its desk.
import { expect, test, type Page } from '@playwright/test';
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

const heading = (page: Page) => page.getByTestId('sign-in').getByRole('heading');

test('on the sign-in and lock screens F9 switches the language and ←/→ walk the names, the PIN field keeping the focus', async ({
  page,
}) => {
  await page.goto(station.urls.byWindow['clerk-1']);
  const pin = page.getByTestId('pin');
  await expect(heading(page)).toHaveText('登记台 1 · 请登录');
  await expect(pin).toBeFocused();

  await page.keyboard.press('F9');
  await expect(heading(page)).toHaveText('Desk 1 · sign in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(pin).toBeFocused();

  const names = page.getByTestId('sign-in').getByRole('option');
  await expect(names).toHaveCount(2);
  await names.nth(1).click();
  await expect(names.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(pin).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(names.nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(names.nth(1)).toHaveAttribute('aria-selected', 'false');
  await expect(pin).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(names.nth(1)).toHaveAttribute('aria-selected', 'true');
  // Past the last name, the first again.
  await page.keyboard.press('ArrowRight');
  await expect(names.nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(pin).toBeFocused();

  // The top bar's language button, clicked, leaves the PIN field with the focus too.
  await page.getByRole('button', { name: '中文' }).click();
  await expect(heading(page)).toHaveText('登记台 1 · 请登录');
  await expect(pin).toBeFocused();

  await signIn(page);
  await page.keyboard.press('F10');
  await expect(page.getByTestId('sign-in')).toHaveAttribute('data-state', 'locked');
  await expect(heading(page)).toHaveText('登记台 1 已锁定');
  await page.keyboard.press('F9');
  await expect(heading(page)).toHaveText('Desk 1 is locked');
  await expect(pin).toBeFocused();
});

test('each desk’s window keeps its own language, now and after a reload, and its title names it', async ({ browser }) => {
  // One browser profile, as on the station's PC: every window shares the station's origin and its storage.
  const context = await browser.newContext();
  const open = async (window: string) => {
    const page = await context.newPage();
    await page.goto(station.urls.byWindow[window]);
    await expect(page.getByTestId('sign-in')).toBeVisible();
    return page;
  };
  const desk1 = await open('clerk-1');
  const desk2 = await open('clerk-2');
  const manager = await open('manager');
  await expect(desk1).toHaveTitle('登记台 1 · 采样台 SwabDesk');
  await expect(desk2).toHaveTitle('登记台 2 · 采样台 SwabDesk');
  await expect(manager).toHaveTitle('点位负责人 · 采样台 SwabDesk');

  // Desk 2 hears desk 1's choice being stored (the storage event) and stays as it was.
  await desk2.evaluate(() => {
    const page = window as unknown as { stored: Promise<string | null> };
    page.stored = new Promise((resolve) => addEventListener('storage', (event) => resolve(event.key), { once: true }));
  });
  await desk1.keyboard.press('F9');
  await expect(desk1).toHaveTitle('Desk 1 · SwabDesk');
  await expect(heading(desk1)).toHaveText('Desk 1 · sign in');
  expect(await desk2.evaluate(() => (window as unknown as { stored: Promise<string | null> }).stored)).toBe('swabdesk.language.clerk-1');
  await expect(heading(desk2)).toHaveText('登记台 2 · 请登录');
  await expect(desk2).toHaveTitle('登记台 2 · 采样台 SwabDesk');

  for (const page of [desk1, desk2, manager]) await page.reload();
  await expect(heading(desk1)).toHaveText('Desk 1 · sign in');
  await expect(desk1).toHaveTitle('Desk 1 · SwabDesk');
  await expect(heading(desk2)).toHaveText('登记台 2 · 请登录');
  await expect(desk2).toHaveTitle('登记台 2 · 采样台 SwabDesk');
  await expect(manager).toHaveTitle('点位负责人 · 采样台 SwabDesk');

  await manager.keyboard.press('F9');
  await expect(manager).toHaveTitle('Site manager · SwabDesk');
  await context.close();
});

test('a device shows its model and port until the manager names it; then its desk shows the name', async ({ browser }) => {
  const SCANNER = 'hid:5344:0001:SIM-SCANNER-1';
  const desk = await browser.newPage();
  await desk.goto(station.urls.byWindow['clerk-1']);
  const scanner = desk.locator(`[data-device="${SCANNER}"]`);
  await expect(scanner).toContainText('HID-POS scanner (simulated) · /dev/simhid0');
  await expect(scanner).toContainText('就绪');
  // The desk's other scanner, of another model, on another port.
  await expect(desk.locator('[data-device="hid:5344:0002:SIM-KEYBOARD-SCANNER-1"]')).toContainText(
    'Keyboard-mode scanner (simulated) · /dev/simhid1',
  );

  const manager = await browser.newPage();
  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);
  await manager.getByTestId('tab-settings').click();
  const name = manager.getByTestId(`device-name-${SCANNER}`);
  await expect(name).toHaveValue('');
  await expect(name).toHaveAttribute('placeholder', 'HID-POS scanner (simulated) · /dev/simhid0');

  // Refused in words, and nothing saved.
  const problem = manager.getByTestId('device-name-problem');
  const settingsBefore = station.snapshot().settings;
  await name.fill('左边\u202e扫码枪');
  await name.press('Enter');
  await expect(problem).toHaveText('设备名称中有看不见的字符（控制符、方向符或零宽字符）：请清空后重新输入。未保存');
  await name.fill('扫'.repeat(41));
  await name.press('Enter');
  await expect(problem).toHaveText('设备名称最多 40 个字：未保存');
  expect(station.snapshot().settings).toEqual(settingsBefore);

  await name.fill(' 左边扫码枪 ');
  await name.press('Enter');
  await expect(problem).toHaveCount(0);
  await expect(name).toHaveValue('左边扫码枪');
  await expect(scanner).toContainText('左边扫码枪');
  await expect(scanner).not.toContainText('/dev/simhid0');

  // Unplugged, the desk says which scanner it is.
  await simulatedDevices(station).post('scanner-1/unplug');
  await expect(desk.locator('.device-unplugged')).toHaveCount(1);
  await expect(desk.locator('.device-unplugged')).toContainText('左边扫码枪');
  await expect(desk.locator('.device-unplugged')).toContainText('已断开');

  // Emptied, the name is dropped: the model and port again.
  await name.fill('');
  await name.press('Enter');
  await expect(scanner).toContainText('HID-POS scanner (simulated) · /dev/simhid0');
});
