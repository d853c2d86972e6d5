// The idle lock as a clerk meets it: nobody touches the desk for the site's idle time, the window locks by itself
// with the open tube kept, and signing in again carries on with that tube.
import { expect, test } from '@playwright/test';
import { personCode } from '../fixtures/people';
import { signIn } from './signIn';
import { startStation, type RunningStation } from './station';
import { typeAsScanner } from './typing';

let station: RunningStation;

test.beforeEach(async () => {
  // One minute, the shortest the settings allow.
  station = await startStation([], { settings: { idleLockMinutes: 1 } });
});

test.afterEach(async () => {
  await station.stop();
});

test('an idle desk locks itself after the idle time, keeps its open tube, and goes on after sign-in', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(station.urls.clerk);
  await signIn(page);
  const scan = (text: string) => typeAsScanner(page, page.getByTestId('scan'), text);
  await scan('2026112300401');
  await scan(personCode(0));
  await expect(page.getByTestId('tube-fill')).toHaveText('1 / 10 人');
  const before = station.snapshot();

  // Nobody touches anything: the lock screen comes by itself, just after the minute.
  const idleFrom = Date.now();
  await expect(page.getByTestId('sign-in')).toHaveAttribute('data-state', 'locked', { timeout: 75_000 });
  expect(Date.now() - idleFrom).toBeGreaterThan(55_000);
  await expect(page.getByTestId('kept-tube')).toContainText('1 / 10 人');
  expect(station.snapshot()).toEqual(before);

  await signIn(page);
  await expect(page.getByTestId('tube-fill')).toHaveText('1 / 10 人');
  // The banner names the kept tube and says to go on with it: a clerk told to scan a tube would seal this one.
  await expect(page.getByTestId('result')).toHaveAttribute('data-tone', 'idle');
  await expect(page.getByTestId('result')).toContainText('继续使用本台的试管');
  await expect(page.getByTestId('result')).toContainText('试管 2026112300401 已登记 1/10 人，保持原样。请继续扫描受检者。');
  await expect(page.getByTestId('scan')).toBeFocused();
  await scan(personCode(1));
  await expect(page.getByTestId('tube-fill')).toHaveText('2 / 10 人');
});
