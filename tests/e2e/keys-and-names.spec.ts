// The keys of the sign-in and lock screens, on a station started with --simulate --desks 2: F9 switches the words
// and ←/→ walk the names with the PIN field keeping the focus.
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './signIn';
import { startStation, type RunningStation } from './station';

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
