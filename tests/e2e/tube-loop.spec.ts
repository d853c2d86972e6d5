// The first loop end to end: a clerk fills a tube by typed scans while the manager watches the totals.
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../src-main/core/domain/residentId';
import { CONTENT_SECURITY_POLICY } from '../../src-main/csp';
import { idNumber, personCode } from '../fixtures/people';
import { signIn } from './signIn';
import { expectOutcome } from './outcome';
import { typeAsScanner } from './typing';
import { MANAGER, startStation, type RunningStation } from './station';

let station: RunningStation;

test.beforeEach(async () => {
  station = await startStation();
});

test.afterEach(async () => {
  await station.stop();
});

/** Types a code into the scan field as a keyboard-mode scanner does. */
const scan = (page: Page, text: string) => typeAsScanner(page, page.getByTestId('scan'), text);

async function openClerk(page: Page): Promise<void> {
  await page.goto(station.urls.clerk);
  await signIn(page);
  await expect(page.getByTestId('result')).toContainText('请扫描试管条码');
}

test('a clerk fills a tube of 10 by typed scans; it seals itself and the manager sees the totals change', async ({
  browser,
}) => {
  const manager = await browser.newPage();
  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);
  await expect(manager.getByTestId('total-peopleToday')).toHaveText('0');
  // A marker that a reload would erase: the totals must arrive by push, not by reloading the page.
  await manager.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const clerk = await browser.newPage();
  await openClerk(clerk);
  await scan(clerk, '2026112200001');
  await expect(clerk.getByTestId('result')).toContainText('试管 2026112200001 已开管');
  await expect(clerk.getByTestId('tube-fill')).toHaveText('0 / 10 人');
  await expect(manager.getByTestId('total-openTubes')).toHaveText('1');

  for (let i = 0; i < 9; i++) {
    await scan(clerk, personCode(i));
    await expect(clerk.getByTestId('tube-fill')).toHaveText(`${i + 1} / 10 人`);
    await expect(clerk.getByTestId('result')).toHaveAttribute('data-tone', 'ok');
  }
  // On screen the people are masked: region and last four of the ID number only.
  const first = idNumber(0);
  await expect(clerk.getByTestId('people')).toContainText(`${first.slice(0, 6)}********${first.slice(-4)}`);
  await expect(clerk.getByTestId('people')).not.toContainText(first);

  await scan(clerk, personCode(9));
  await expect(clerk.getByTestId('result')).toHaveAttribute('data-tone', 'sealed');
  await expect(clerk.getByTestId('result')).toContainText('试管 2026112200001 已满，已封管');
  await expect(clerk.getByTestId('tube')).toHaveAttribute('data-state', 'none');

  await expect(manager.getByTestId('total-peopleToday')).toHaveText('10');
  await expect(manager.getByTestId('total-sealedTubesToday')).toHaveText('1');
  await expect(manager.getByTestId('total-openTubes')).toHaveText('0');
  expect(await manager.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  const { tubes, registrations } = station.snapshot() as { tubes: { status: string; seal_reason: string }[]; registrations: unknown[] };
  expect(tubes).toEqual([expect.objectContaining({ status: 'sealed', seal_reason: 'full' })]);
  expect(registrations).toHaveLength(10);
});

test('a tube is sealed early with one key', async ({ page }) => {
  await openClerk(page);
  await scan(page, '2026112200002');
  await scan(page, personCode(0));
  await scan(page, personCode(1));
  await expect(page.getByTestId('tube-fill')).toHaveText('2 / 10 人');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('result')).toContainText('试管 2026112200002 已封管');
  await expect(page.getByTestId('tube')).toHaveAttribute('data-state', 'none');
  const { tubes } = station.snapshot() as { tubes: { status: string; seal_reason: string }[] };
  expect(tubes).toEqual([expect.objectContaining({ status: 'sealed', seal_reason: 'early' })]);
});

test('each refusal shows its message and leaves the database unchanged', async ({ page }) => {
  await openClerk(page);

  async function refused(text: string, message: string): Promise<void> {
    const before = station.snapshot();
    await expectOutcome(page, () => scan(page, text), 'refused', 'refused');
    await expect(page.getByTestId('result')).toContainText(message);
    await expect(page.getByTestId('scan')).toBeFocused();
    expect(station.snapshot()).toEqual(before);
  }

  await refused(personCode(0), '请先扫描试管');

  await scan(page, '2026112200003');
  await expect(page.getByTestId('tube-fill')).toHaveText('0 / 10 人');

  const good = idNumber(1);
  const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  await refused(`王芳|${wrongCheck}|13900000001`, '身份证号校验位错误');
  // 1990-02-30 does not exist; the check character is made right so only the date is wrong.
  const badDate17 = '11010119900230123';
  await refused(`王芳|${badDate17}${checkCharacter(badDate17)}|13900000001`, '身份证号出生日期无效');

  await scan(page, personCode(2));
  await expect(page.getByTestId('tube-fill')).toHaveText('1 / 10 人');
  await refused(personCode(2), '此人已在本管中');

  // A second tube, confirmed with F2, seals the first (it has a person in it); scanning the first again is refused,
  // saying it is sealed and with how many, so the clerk takes a new tube rather than throwing away one that holds swabs.
  await scan(page, '2026112200004');
  await expect(page.getByTestId('result')).toContainText('上一管 2026112200003 只有 1/10 人');
  await page.keyboard.press('F2');
  await expect(page.getByTestId('result')).toContainText('上一管 2026112200003 未满');
  await refused('2026112200003', '这支试管已封管');
  await expect(page.getByTestId('result')).toContainText('管内 1 人。请换一支新试管。');
  // The open tube scanned again changes nothing and says to go on with it.
  const before = station.snapshot();
  await expectOutcome(page, () => scan(page, '2026112200004'), 'notice', 'info');
  await expect(page.getByTestId('result')).toContainText('这支试管正在本台使用');
  await expect(page.getByTestId('scan')).toBeFocused();
  await expect(page.getByTestId('result')).toContainText('试管 2026112200004 已登记 0/10 人。请继续扫描受检者，无需换管。');
  await expect(page.getByTestId('tube-fill')).toHaveText('0 / 10 人');
  expect(station.snapshot()).toEqual(before);

  await refused('not a code', '无法识别的码');
});

test('every window is served with the CSP, as a header and in the page', async ({ page }) => {
  for (const url of [station.urls.clerk, station.urls.manager]) {
    const response = await page.goto(url);
    expect(response!.headers()['content-security-policy']).toContain(CONTENT_SECURITY_POLICY);
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CONTENT_SECURITY_POLICY);
  }
});

test('a re-test today is confirmed with F2, and F4 takes the last person out again', async ({ page }) => {
  await openClerk(page);
  await scan(page, '2026112200005');
  await scan(page, personCode(0));
  await page.keyboard.press('F8');
  await scan(page, '2026112200006');
  // Tube 005 also showed 0 / 10 once: the new barcode is what says the queue of scans has reached this one.
  await expect(page.getByTestId('tube-barcode')).toHaveText('2026112200006');
  await expect(page.getByTestId('tube-fill')).toHaveText('0 / 10 人');

  const before = station.snapshot();
  await scan(page, personCode(0));
  await expect(page.getByTestId('result')).toHaveAttribute('data-tone', 'warning');
  // When and where the person was sampled before: this desk, at the time the clock shows.
  await expect(page.getByTestId('result')).toContainText(/今天 \d{2}:\d{2} 已在 1 号台采样/);
  expect(station.snapshot()).toEqual(before);

  await page.keyboard.press('F2');
  await expect(page.getByTestId('tube-fill')).toHaveText('1 / 10 人');
  await page.keyboard.press('F4');
  await expect(page.getByTestId('result')).toContainText('已撤销第 1 位');
  await expect(page.getByTestId('tube-fill')).toHaveText('0 / 10 人');
  const { registrations } = station.snapshot() as { registrations: { status: string }[] };
  expect(registrations.map((r) => r.status)).toEqual(['active', 'removed']);
  // F4 again, on the empty tube: it says what F4 does, and that there is nothing to undo now.
  await expectOutcome(page, () => page.keyboard.press('F4'), 'refused', 'refused');
  await expect(page.getByTestId('result')).toContainText('管内还没有人，F4 无可撤销');
  await expect(page.getByTestId('scan')).toBeFocused();
  // After sealing, F4 says a sealed tube is the manager's to correct, not "scan a tube first".
  await scan(page, personCode(1));
  await page.keyboard.press('F8');
  await expect(page.getByTestId('tube-fill')).toHaveCount(0);
  await expectOutcome(page, () => page.keyboard.press('F4'), 'refused', 'refused');
  await expect(page.getByTestId('result')).toContainText('本台没有开管的试管，F4 无可撤销');
  await expect(page.getByTestId('result')).toContainText('只有点位负责人可以取出某人（需填写原因）');
  await expect(page.getByTestId('scan')).toBeFocused();
});

test('a new site makes its first manager at the manager window, who is then signed in', async ({ page }) => {
  await station.stop();
  station = await startStation([], { withManager: false });
  await page.goto(station.urls.manager);
  await expect(page.getByTestId('first-manager')).toBeVisible();
  await page.getByTestId('first-manager-name').fill('孙主任');
  await page.getByTestId('first-manager-pin').fill('8080');
  await page.getByTestId('first-manager-again').fill('8081');
  await page.getByTestId('first-manager-submit').click();
  await expect(page.getByRole('alert')).toContainText('两次输入的 PIN 不一致');
  await page.getByTestId('first-manager-again').fill('8080');
  await page.getByTestId('first-manager-submit').click();
  await expect(page.getByTestId('total-peopleToday')).toHaveText('0');
  await expect(page.getByTestId('signed-in-as')).toContainText('孙主任');
  const operators = station.snapshot().operators as { name: string; role: string }[];
  expect(operators.filter((o) => o.role === 'manager').map((o) => o.name)).toEqual(['孙主任']);
});
