// A clerk's shift at desk 1, by scans only: three tubes of 10 from the HID-POS scanner, the ID-card reader and
// typed (keyboard-mode) scans, with a refusal, an undo, a re-test confirmed with F2 and a scanner that is
// unplugged and comes back. Every outcome is seen (tone, text) and heard (which sound played).
import { expect, test, type Page } from '@playwright/test';
import type { CardFields } from '../../src-main/core/devices/simulated/encode';
import { SAMPLE_CARD } from '../fixtures/cards';
import { idNumber, personCode } from '../fixtures/people';
import { expectOutcome } from './outcome';
import { signIn } from './signIn';
import { simulatedDevices } from './simulated';
import { CLERKS, startStation, type RunningStation } from './station';
import { typeAsScanner, typeByHand } from './typing';

let station: RunningStation;

test.beforeEach(async () => {
  station = await startStation(['--simulate', '--desks', '1']);
});

test.afterEach(async () => {
  await station.stop();
});

const sim = (path: string) => simulatedDevices(station).post(path);

const cardOf = (index: number, name: string): CardFields => {
  const id = idNumber(index);
  return { ...SAMPLE_CARD, name, idNumber: id, birthDate: id.slice(6, 14) };
};

/** The desk's ways in: its HID-POS scanner, its card reader, and the keyboard (a keyboard-mode scanner). */
function deskInputs(page: Page) {
  const devices = simulatedDevices(station);
  return {
    scanner: (text: string) => devices.scanWith('scanner-1', text),
    card: (card: CardFields) => devices.cardOn('reader-1', card),
    keyboard: (text: string) => typeAsScanner(page, page.getByTestId('scan'), text),
  };
}

test('three tubes of 10 by scans only, with a refusal, an undo, a confirmed re-test and an unplugged scanner', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(station.urls.clerk);
  await signIn(page);
  await expect(page.locator('.device-ready')).toHaveCount(4);
  await expect(page.getByTestId('operator')).toContainText(CLERKS[0].name);
  const { scanner, card, keyboard } = deskInputs(page);
  const fill = page.getByTestId('tube-fill');
  const result = page.getByTestId('result');

  // Tube 1: opened by the HID-POS scanner; people by scanner, keyboard and two ID cards. It seals itself at 10.
  await expectOutcome(page, () => scanner('2026112300101'), 'notice', 'info');
  await expect(fill).toHaveText('0 / 10 人');
  for (let i = 0; i < 10; i++) {
    const input =
      i === 3 ? () => card({ ...SAMPLE_CARD }) : i === 7 ? () => card(cardOf(37, '林小红')) : i % 2 === 0 ? () => scanner(personCode(i)) : () => keyboard(personCode(i));
    await expectOutcome(page, input, i === 9 ? 'full' : 'accepted', i === 9 ? 'sealed' : 'ok');
    if (i < 9) await expect(fill).toHaveText(`${i + 1} / 10 人`);
  }
  await expect(result).toContainText('试管 2026112300101 已满，已封管');
  await expect(page.getByTestId('tube')).toHaveAttribute('data-state', 'none');

  // Tube 2, typed by the keyboard-mode scanner.
  await expectOutcome(page, () => keyboard('2026112300102'), 'notice', 'info');

  // A refused scan: its sound and message, and nothing stored.
  let before = station.snapshot();
  await expectOutcome(page, () => scanner('not a code of this site'), 'refused', 'refused');
  await expect(result).toContainText('无法识别的码');
  expect(station.snapshot()).toEqual(before);

  await expectOutcome(page, () => scanner(personCode(10)), 'accepted', 'ok');
  await expectOutcome(page, () => keyboard(personCode(11)), 'accepted', 'ok');
  // Undo (F4) takes the last person out again; the clerk scans them once more.
  await expectOutcome(page, () => page.keyboard.press('F4'), 'notice', 'info');
  await expect(result).toContainText('已撤销第 2 位');
  await expect(fill).toHaveText('1 / 10 人');
  await expectOutcome(page, () => keyboard(personCode(11)), 'accepted', 'ok');

  // Person 0 was sampled in tube 1 today: a warning, nothing stored until F2 confirms the re-test.
  before = station.snapshot();
  await expectOutcome(page, () => scanner(personCode(0)), 'warning', 'warning');
  await expect(result).toContainText(/今天 \d{2}:\d{2} 已在 1 号台采样/);
  expect(station.snapshot()).toEqual(before);
  await expectOutcome(page, () => page.keyboard.press('F2'), 'accepted', 'ok');
  await expect(fill).toHaveText('3 / 10 人');

  // The scanner is pulled out: heard, seen on the banner and the strip; the keyboard carries on meanwhile.
  await expectOutcome(page, () => sim('scanner-1/unplug'), 'device-lost', 'lost');
  await expect(result).toContainText('扫码枪已断开');
  await expect(page.locator('.device-unplugged')).toHaveCount(1);
  for (let i = 12; i < 15; i++) await expectOutcome(page, () => keyboard(personCode(i)), 'accepted', 'ok');
  await sim('scanner-1/plug');
  await expect(page.locator('.device-ready')).toHaveCount(4);
  for (let i = 15; i < 18; i++) await expectOutcome(page, () => scanner(personCode(i)), 'accepted', 'ok');
  await expectOutcome(page, () => card(cardOf(38, '高山')), 'full', 'sealed');

  // Tube 3: its label is worn, so the clerk types it by hand, which is allowed for a tube; a personal code
  // typed by hand is not (manual entry is for that).
  await expectOutcome(page, () => typeByHand(page.getByTestId('scan'), '2026112300103'), 'notice', 'info');
  before = station.snapshot();
  await expectOutcome(page, () => typeByHand(page.getByTestId('scan'), personCode(20)), 'refused', 'refused');
  await expect(result).toContainText('这是手工输入，不是扫码');
  expect(station.snapshot()).toEqual(before);
  for (let i = 20; i < 30; i++) {
    const input = i % 3 === 0 ? () => keyboard(personCode(i)) : () => scanner(personCode(i));
    await expectOutcome(page, input, i === 29 ? 'full' : 'accepted', i === 29 ? 'sealed' : 'ok');
  }

  const tables = station.snapshot() as {
    tubes: { barcode: string; status: string; seal_reason: string }[];
    registrations: { status: string; source: string; doc_number: string }[];
  };
  expect(tables.tubes.map((t) => [t.barcode, t.status, t.seal_reason])).toEqual([
    ['2026112300101', 'sealed', 'full'],
    ['2026112300102', 'sealed', 'full'],
    ['2026112300103', 'sealed', 'full'],
  ]);
  const active = tables.registrations.filter((r) => r.status === 'active');
  expect(active).toHaveLength(30);
  expect(tables.registrations.filter((r) => r.status === 'removed')).toHaveLength(1);
  expect(active.filter((r) => r.source === 'card')).toHaveLength(3);
  // The confirmed re-test: person 0 twice today, in two tubes.
  expect(active.filter((r) => r.doc_number === idNumber(0))).toHaveLength(2);
  await expect(page.getByTestId('backlog')).toHaveAttribute('data-count', String(3 * 2 + 31 + 1));
});

test('manual entry checks each field as it is typed, registers with Enter, and gives the focus back to the scan field', async ({
  page,
}) => {
  await page.goto(station.urls.clerk);
  await signIn(page);
  // Nowhere to put a person yet: F6 says so and opens nothing.
  await expectOutcome(page, () => page.keyboard.press('F6'), 'refused', 'refused');
  await expect(page.getByTestId('result')).toContainText('请先扫描试管');
  await expect(page.getByTestId('manual-entry')).toHaveCount(0);

  await typeAsScanner(page, page.getByTestId('scan'), '2026112300201');
  await expect(page.getByTestId('tube-fill')).toHaveText('0 / 10 人');
  await page.keyboard.press('F6');
  const form = page.getByTestId('manual-entry');
  await expect(form).toBeVisible();
  await expect(page.getByTestId('manual-docType')).toBeFocused();

  const good = idNumber(40);
  const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  await page.getByTestId('manual-idNumber').fill(wrong);
  await expect(page.getByTestId('manual-idNumber-reason')).toHaveText('身份证号校验位错误');
  await page.getByTestId('manual-idNumber').fill(good);
  await expect(page.getByTestId('manual-idNumber-reason')).toHaveText('');
  await page.getByTestId('manual-phone').fill('12345');
  await expect(page.getByTestId('manual-phone-reason')).toHaveText('手机号无效');
  // Enter with a field still wrong or empty registers nothing and says what is missing.
  const before = station.snapshot();
  await page.getByTestId('manual-phone').press('Enter');
  await expect(page.getByTestId('manual-name-reason')).toHaveText('必填');
  expect(station.snapshot()).toEqual(before);

  await page.getByTestId('manual-name').fill('欧阳娜娜');
  await page.getByTestId('manual-phone').fill('13912345678');
  await expectOutcome(page, () => page.getByTestId('manual-phone').press('Enter'), 'accepted', 'ok');
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('scan')).toBeFocused();
  await expect(page.getByTestId('people')).toContainText('欧**娜');
  const registrations = station.snapshot().registrations as { source: string; doc_number: string }[];
  expect(registrations).toEqual([expect.objectContaining({ source: 'manual', doc_number: good })]);

  // Esc closes without registering.
  await page.keyboard.press('F6');
  await expect(form).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('scan')).toBeFocused();
});

test('F10 locks the desk with its open tube kept; nothing registers until a clerk signs in, and the next clerk carries on', async ({
  page,
}) => {
  await page.goto(station.urls.clerk);
  await signIn(page);
  const { scanner } = deskInputs(page);
  await scanner('2026112300301');
  await scanner(personCode(0));
  await expect(page.getByTestId('tube-fill')).toHaveText('1 / 10 人');

  await page.keyboard.press('F10');
  await expect(page.getByTestId('sign-in')).toHaveAttribute('data-state', 'locked');
  await expect(page.getByTestId('kept-tube')).toContainText('试管 2026112300301 保持原样：1 / 10 人');

  // The scanner keeps working but the locked desk takes nothing from it.
  const before = station.snapshot();
  await scanner(personCode(1));
  await expect(page.getByTestId('sign-in-message')).toContainText('请先登录');
  await expect(page.locator('html')).toHaveAttribute('data-last-sound', 'refused');
  // A keyboard-mode scan lands in the PIN field: refused as a scan, not counted as a wrong PIN.
  await typeAsScanner(page, page.getByTestId('pin'), '2026112300302');
  await expect(page.getByTestId('sign-in-message')).toContainText('扫码内容没有保存');
  expect(station.snapshot()).toEqual(before);

  // A wrong PIN says how many tries are left.
  await page.getByRole('option', { name: CLERKS[1].name }).click();
  await typeByHand(page.getByTestId('pin'), '0000');
  await expect(page.getByTestId('sign-in-message')).toContainText('还可再试 4 次');

  await signIn(page, CLERKS[1]);
  await expect(page.getByTestId('operator')).toContainText(CLERKS[1].name);
  await expect(page.getByTestId('tube-fill')).toHaveText('1 / 10 人');
  await scanner(personCode(1));
  await expect(page.getByTestId('tube-fill')).toHaveText('2 / 10 人');
});
