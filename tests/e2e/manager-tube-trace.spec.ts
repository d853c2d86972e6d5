// 管码查人 and operators, as a manager does them: a tube's barcode lists its people (masked), its bag and its
// manifest; one person opens in full and, corrected, shows as corrected. A second operator of the same name is
// refused; a staff number shows its last digits, with the role, on the desk's sign-in row.
import { expect, test } from '@playwright/test';
import { idNumber } from '../fixtures/people';
import { siteAt } from './paperworkSite';
import { signIn } from './signIn';
import { CLERKS, MANAGER, startStation, type RunningStation } from './station';

let station: RunningStation;

test.afterEach(async () => {
  await station.stop();
});

test('a tube’s barcode gives its people, bag and manifest; a person opened in full and corrected shows corrected', async ({
  browser,
}) => {
  let number = '';
  station = await startStation([], {
    prepare: (dataDir) =>
      siteAt(dataDir, new Date(), (site) => {
        site.tube(1, '2026112200031', 0, 3);
        site.bag('B2026112231', ['2026112200031']);
        number = site.handOver(['B2026112231']);
      }),
  });
  const manager = await browser.newPage();
  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);
  await manager.getByTestId('tab-search').click();
  await manager.getByTestId('search-text').fill('2026112200031');
  await manager.getByTestId('search-go').click();

  const tube = manager.getByTestId('search-tube');
  await expect(tube.getByTestId('search-tube-bag')).toContainText('转运箱 B2026112231');
  await expect(tube.getByTestId('search-tube-bag')).toContainText(`交接单 ${number}`);
  await expect(tube.getByTestId('search-tube-bag')).toContainText('李师傅');
  const second = tube.getByTestId('tube-person-2');
  await expect(second).toContainText('王*');
  await expect(second).toContainText(`110101********${idNumber(1).slice(-4)}`);
  await expect(tube).not.toContainText(idNumber(1));

  await second.getByTestId('open-person').click();
  const opened = manager.getByTestId('search-opened');
  await expect(opened).toContainText(idNumber(1));
  await expect(opened).toContainText('王芳');
  await opened.getByTestId('correct-opened').click();
  await manager.getByTestId('correct-name').fill('汪芳');
  await manager.getByTestId('correct-reason').fill('登记时名字写错');
  await manager.getByTestId('correct-save').click();
  await expect(manager.getByTestId('search-message')).toContainText('已更正');
  // The record as corrected, in full and in the tube's list, though the search was for the tube.
  await expect(opened).toContainText('汪芳');
  await expect(second).toContainText('汪*');

  await tube.getByTestId('search-open-manifest').click();
  await expect(manager.getByTestId('manifest-number')).toHaveText(`交接单号 ${number}`);

  // Each opening in full is in the trail, by id, never with the details.
  const audit = (station.snapshot() as { audit: { kind: string; data: string }[] }).audit.filter((row) => row.kind === 'search');
  expect(audit.filter((row) => row.data.includes('"opened"')).length).toBeGreaterThanOrEqual(2);
  expect(audit.map((row) => row.data).join()).not.toContain(idNumber(1));
});

test('a second operator of the same name is refused; a staff number’s last digits show with the role at sign-in', async ({ browser }) => {
  station = await startStation();
  const manager = await browser.newPage();
  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);
  await manager.getByTestId('tab-settings').click();
  await manager.getByTestId('operator-name').fill(CLERKS[0].name);
  await manager.getByTestId('operator-pin').fill('4321');
  await manager.getByTestId('operator-add').click();
  // Said beside the name, and nothing added.
  await expect(manager.getByTestId('problem-name')).toHaveText('已有同名的操作员：请在姓名后加以区分（如“王芳 二组”）');
  await expect(manager.getByTestId('operators').getByRole('row').filter({ hasText: CLERKS[0].name })).toHaveCount(1);

  await manager.getByTestId('operator-name').fill('周敏');
  await manager.getByTestId('operator-staff-number').fill('12 34');
  await manager.getByTestId('operator-add').click();
  await expect(manager.getByTestId('problem-staffNumber')).toContainText('工号只能由字母、数字和 - 组成');
  await expect(manager.getByTestId('problem-name')).toHaveCount(0);
  await manager.getByTestId('operator-staff-number').fill('HD-0012345');
  await manager.getByTestId('operator-add').click();
  await expect(manager.getByTestId('operators-message')).toHaveText('已添加');
  await expect(manager.getByTestId('staff-number-周敏')).toHaveText('HD-0012345');

  const desk = await browser.newPage();
  await desk.goto(station.urls.clerk);
  const row = desk.getByRole('option', { name: /周敏/ });
  await expect(row).toHaveText('周敏登记员 · 工号尾号 2345');
  await expect(desk.getByTestId('sign-in')).not.toContainText('HD-0012345');
  await expect(desk.getByRole('option', { name: new RegExp(CLERKS[0].name) })).toHaveText(`${CLERKS[0].name}登记员`);
});
