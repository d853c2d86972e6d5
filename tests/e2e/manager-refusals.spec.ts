// Every manager form refuses bad values in the window's language, each refusal beside the field it concerns, and
// never shows a message of the core or of a library ("Invalid input…", "✖", "expected number"): the general
// settings, the personal-code formats, the operators, the upload settings, and the upload's connection errors.
import { expect, test } from '@playwright/test';
import { expectBeside, expectNothingRaw } from './refusals';
import { signIn } from './signIn';
import { MANAGER, startStation, type RunningStation } from './station';

let station: RunningStation;

test.beforeEach(async () => {
  station = await startStation();
});

test.afterEach(async () => {
  await station.stop();
});

test('each manager form says in Chinese, beside the field, what it refuses, and changes nothing', async ({ browser }) => {
  test.setTimeout(120_000);
  const manager = await browser.newPage();
  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);
  // A bag opened, so that the uploader has a fact to send below.
  await manager.getByTestId('tab-bags').click();
  await manager.keyboard.type('B2026112399');
  await manager.keyboard.press('Enter');
  await expect(manager.getByTestId('packing-result')).toContainText('已开箱');

  await manager.getByTestId('tab-settings').click();
  const before = station.snapshot().settings;
  await manager.getByTestId('setting-siteName').fill('东'.repeat(61));
  await manager.getByTestId('setting-siteCode').fill('BJ 01');
  await manager.getByTestId('setting-poolingRatio').fill('0');
  await manager.getByTestId('setting-bagCapacity').fill('2.5');
  await manager.getByTestId('setting-idleLockMinutes').fill('');
  await manager.getByTestId('setting-tubePattern').fill('([0-9');
  await manager.getByTestId('settings-save').click();
  // An empty number is said before anything is sent; once filled, the core's refusals are said beside each field.
  await expectBeside(manager, 'setting-idleLockMinutes', 'idleLockMinutes', '请填写');
  await manager.getByTestId('setting-idleLockMinutes').fill('5');
  await manager.getByTestId('settings-save').click();
  await expectBeside(manager, 'setting-siteName', 'siteName', '最多 60 个字');
  await expectBeside(manager, 'setting-siteCode', 'siteCode', '只能用字母、数字和 -');
  await expectBeside(manager, 'setting-poolingRatio', 'poolingRatio', '不能小于 1');
  await expectBeside(manager, 'setting-bagCapacity', 'bagCapacity', '请填写整数');
  await expectBeside(manager, 'setting-tubePattern', 'tubePattern', '不是有效的正则表达式：请检查括号和转义');
  await expect(manager.getByTestId('settings-message').first()).toHaveText('有填写不对的地方，什么也没有改变：请按提示修改');
  expect(station.snapshot().settings).toEqual(before);
  // In the window's language: English after the switch, the same refusal beside the same field.
  await manager.locator('.topbar button').click();
  await expect(manager.getByTestId('problem-poolingRatio')).toHaveText('At least 1');
  await manager.locator('.topbar button').click();
  await expect(manager.getByTestId('problem-poolingRatio')).toHaveText('不能小于 1');

  await manager.getByTestId('code-formats').fill('[{"kind": "xml", "name": "省码"}]');
  await manager.getByTestId('code-formats-save').click();
  await expectBeside(manager, 'code-formats', 'codeFormats', '第 1 项的 kind：格式类型（kind）只能是 delimited、json、regex、url 或 opaque');
  await manager.getByTestId('code-formats').fill('[{"kind": "delimited", "name": "省码", "template": "{name}|{phone}"}]');
  await manager.getByTestId('code-sample').fill('王芳|13800000000');
  await manager.getByTestId('code-test').click();
  await expectBeside(manager, 'code-formats', 'formats', '第 1 项的 template：模板必须包含 {idNumber}');
  await manager.getByTestId('code-formats').fill('省码');
  await manager.getByTestId('code-formats-save').click();
  await expectBeside(manager, 'code-formats', 'codeFormats', '格式不是 JSON 数组');
  expect(station.snapshot().settings).toEqual(before);

  await manager.getByTestId('operator-name').fill('周敏');
  await manager.getByTestId('operator-pin').fill('12');
  await manager.getByTestId('operator-add').click();
  await expectBeside(manager, 'operator-pin', 'pin', 'PIN 应为 4–8 位数字');
  await manager.getByTestId('operator-name').fill('周'.repeat(101));
  await manager.getByTestId('operator-pin').fill('4321');
  await manager.getByTestId('operator-add').click();
  await expectBeside(manager, 'operator-name', 'name', '最多 100 个字');

  await manager.getByTestId('tab-upload').click();
  await manager.getByTestId('upload-endpoint').fill('http://platform.example.cn');
  await manager.getByTestId('upload-token').fill('has space');
  await manager.getByTestId('upload-batch-size').fill('0');
  await manager.getByTestId('upload-save').click();
  await expectBeside(manager, 'upload-endpoint', 'endpoint', '必须以 https:// 开头（http:// 只能连本机 127.0.0.1）');
  await expectBeside(manager, 'upload-token', 'token', '令牌只能由可打印字符组成，不能有空格');
  await expectBeside(manager, 'upload-batch-size', 'batchSize', '不能小于 1');
  await manager.getByTestId('upload-endpoint').fill('');
  await manager.getByTestId('upload-token').fill('');
  await manager.getByTestId('upload-batch-size').fill('200');
  await manager.getByTestId('upload-adapter').selectOption('template');
  await manager.getByTestId('upload-template').fill('{"id": "{{registrationId}}"}');
  await manager.getByTestId('upload-save').click();
  await expectBeside(manager, 'upload-template', 'template', '模板必须包含 {{factId}}：平台用它确认每一条数据');

  // A platform on a port fetch will not use: the status says so in words, with what to do.
  await manager.getByTestId('upload-adapter').selectOption('swabdesk');
  await manager.getByTestId('upload-endpoint').fill('http://127.0.0.1:6000');
  await manager.getByTestId('upload-save').click();
  await expect(manager.getByTestId('settings-message')).toHaveText('已保存');
  await expect(manager.getByTestId('upload-last-error')).toContainText('这个端口不能用来上传：请改正平台地址中的端口号');
  await expectNothingRaw(manager);
});
