// Two PCs of one site, as their people live it: a hub on its own PostgreSQL, two stations enrolled to the site. A
// clerk on A fills a tube; B's manager sees A's desk and the tube on the live tab within 2 s of A's upload being
// acknowledged, without reloading; packs A's sealed tube into a bag and hands the bag over; and a clerk on B who
// scans A's tube is refused with words naming A's desk and PC.
import { expect, test, type Page } from '@playwright/test';
import { personCode } from '../fixtures/people';
import { signedIn, siteAtHub } from './siteStations';
import { CLERKS, MANAGER } from './station';
import { typeAsScanner } from './typing';

const SITE = 'BJ-0101';
const TUBE = '2026112300701';

const site = siteAtHub(SITE);

async function pack(manager: Page, text: string, expected: RegExp): Promise<void> {
  const field = manager.getByTestId('packing-scan');
  await field.fill(text);
  await field.press('Enter');
  await expect(manager.getByTestId('packing-result')).toContainText(expected);
}

test("B's manager sees A's desk live, packs A's tube and hands it over; B's desk refuses A's tube naming A", async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await site.station('收费处');
  const b = await site.station('大厅');
  const deskA = await signedIn(browser, a.urls.clerk, CLERKS[0]);
  const managerB = await signedIn(browser, b.urls.manager, MANAGER);
  await expect(managerB.getByTestId('site-feed')).toHaveAttribute('data-state', 'reading');

  const scanA = (text: string) => typeAsScanner(deskA, deskA.getByTestId('scan'), text);
  await scanA(TUBE);
  for (let i = 0; i < 3; i++) await scanA(personCode(i));
  await expect(deskA.getByTestId('tube-fill')).toHaveText('3 / 10 人');
  // A's platform has acknowledged everything: from here B's window has 2 s to show it, with no reload.
  await expect(deskA.getByTestId('backlog')).toHaveAttribute('data-count', '0');
  const deskOfA = managerB.locator('[data-testid="site-desk"][data-pc="收费处"][data-desk="1"]');
  await expect(deskOfA.getByTestId('site-desk-tube')).toContainText(TUBE, { timeout: 2000 });
  await expect(deskOfA.getByTestId('site-desk-tube')).toContainText('3 / 10 人', { timeout: 2000 });
  await expect(deskOfA).toContainText('电脑 收费处');
  await expect(deskOfA).toContainText('今日 3 人');
  await expect(deskOfA).toContainText('最近上传');
  await expect(managerB.getByTestId('site-total-peopleToday')).toHaveText('3');
  await expect(managerB.getByTestId('site-total-openTubes')).toHaveText('1');
  // B's own totals are only B's.
  await expect(managerB.getByTestId('total-peopleToday')).toHaveText('0');

  await deskA.keyboard.press('F8');
  await expect(deskA.getByTestId('result')).toHaveAttribute('data-tone', 'sealed');
  await expect(deskA.getByTestId('backlog')).toHaveAttribute('data-count', '0');
  await expect(deskOfA.getByTestId('site-desk-tube')).toHaveCount(0, { timeout: 2000 });
  await expect(managerB.getByTestId('site-total-sealedTubesToday')).toHaveText('1');

  // B's manager packs A's sealed tube (a bag holds one here, so it is sealed full) and hands the bag over.
  await managerB.getByTestId('tab-bags').click();
  await pack(managerB, 'B2026112301', /转运箱 B2026112301 已开箱/);
  await pack(managerB, TUBE, /B2026112301 已装满并封箱/);
  await managerB.getByTestId('tab-handover').click();
  await managerB.getByTestId('bag-B2026112301').check();
  await managerB.getByTestId('courier-name').fill('李师傅');
  await managerB.getByTestId('courier-phone').fill('13900001111');
  await managerB.getByTestId('courier-vehicle').fill('京A12345');
  await managerB.getByTestId('courier-temperature').fill('4.5');
  await managerB.getByTestId('hand-over').click();
  await expect(managerB.getByTestId('manifest-totals')).toHaveText('共 1 箱 · 1 管 · 3 人');

  // A clerk on B scans A's tube: refused, naming A's desk and PC; nothing is written at B.
  const deskB = await signedIn(browser, b.urls.clerk, CLERKS[1]);
  const before = b.snapshot();
  await typeAsScanner(deskB, deskB.getByTestId('scan'), TUBE);
  await expect(deskB.getByTestId('result')).toHaveAttribute('data-tone', 'refused');
  await expect(deskB.getByTestId('result')).toContainText('这支试管已在 收费处 的 1 号台使用');
  expect(b.snapshot().tubes).toEqual(before.tubes);
  // Nothing stands between the two PCs: no conflict is listed on B.
  await managerB.getByTestId('tab-live').click();
  await expect(managerB.getByTestId('site-desks')).toBeVisible();
  await expect(managerB.getByTestId('site-conflicts')).toHaveCount(0);
});
