// The settings screen as a manager uses it: a bad pattern is refused with the reason and nothing changes; a new
// pooling ratio applies to the next tube; the code-format tester reads a sample before anything is saved; a clerk
// added here can sign in at a desk at once.
import { expect, test } from '@playwright/test';
import { signIn } from './signIn';
import { MANAGER, startStation, type RunningStation } from './station';
import { typeAsScanner } from './typing';

let station: RunningStation;

test.beforeEach(async () => {
  station = await startStation();
});

test.afterEach(async () => {
  await station.stop();
});

test('a manager changes the rules, tests a code format, and adds a clerk who signs in at once', async ({ browser }) => {
  const desk = await browser.newPage();
  await desk.goto(station.urls.clerk);
  await expect(desk.getByTestId('sign-in')).toBeVisible();

  const manager = await browser.newPage();
  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);
  await manager.getByTestId('tab-settings').click();

  const settingsBefore = station.snapshot().settings;
  await manager.getByTestId('setting-tubePattern').fill('([0-9]+');
  await manager.getByTestId('settings-save').click();
  await expect(manager.getByTestId('settings-message').first()).toContainText('什么也没有改变');
  await expect(manager.getByTestId('problem-tubePattern')).toHaveText('不是有效的正则表达式：请检查括号和转义');
  expect(station.snapshot().settings).toEqual(settingsBefore);

  await manager.getByTestId('setting-tubePattern').fill('^[0-9]{8,14}$');
  await manager.getByTestId('setting-poolingRatio').fill('5');
  await manager.getByTestId('setting-siteName').fill('东城区第三采样点');
  await manager.getByTestId('settings-save').click();
  await expect(manager.getByTestId('settings-message').first()).toHaveText('已保存');

  // The tester reads a sample with the formats as typed, before anything is saved.
  await manager.getByTestId('code-sample').fill('王芳|110101199003071233|13800000000');
  await manager.getByTestId('code-test').click();
  await expect(manager.getByTestId('code-tested')).toContainText('王芳 · 110101199003071233 · 13800000000');
  await manager.getByTestId('code-sample').fill('hello');
  await manager.getByTestId('code-test').click();
  await expect(manager.getByTestId('code-tested')).toContainText('没有格式能识别这个码');

  await manager.getByTestId('operator-name').fill('周敏');
  await manager.getByTestId('operator-pin').fill('12');
  await manager.getByTestId('operator-add').click();
  await expect(manager.getByTestId('problem-pin')).toHaveText('PIN 应为 4–8 位数字');
  await manager.getByTestId('operator-pin').fill('4321');
  await manager.getByTestId('operator-add').click();
  await expect(manager.getByTestId('operators-message')).toHaveText('已添加');
  await expect(manager.getByTestId('operators')).toContainText('周敏');

  // The desk's sign-in screen lists the new clerk without a reload.
  await signIn(desk, { name: '周敏', pin: '4321' });
  await typeAsScanner(desk, desk.getByTestId('scan'), '2026112300801');
  await expect(desk.getByTestId('tube-fill')).toHaveText('0 / 5 人');
});
