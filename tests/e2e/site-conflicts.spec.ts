// Two PCs of one site apart, as a cable pulled out makes them: B reaches the hub through a proxy that is cut while
// both desks open the same tube barcode and fill it. Once the line is back and B has uploaded, both managers' live
// tabs list the conflict with both sides (PC, desk); B's manager voids B's side with a reason in the window, and the
// conflict leaves both managers' windows without a reload.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startFaultProxy } from '../fixtures/faultProxy';
import { personCode } from '../fixtures/people';
import { signedIn, siteAtHub } from './siteStations';
import { CLERKS, MANAGER } from './station';
import { typeAsScanner } from './typing';

const SITE = 'BJ-0101';
const TUBE = '2026112300801';
const SCREENSHOTS = path.resolve(__dirname, '../../docs/screenshots');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];
/** A cut line's retries back off (up to seconds apart) before the healed line is tried again. */
const AFTER_HEAL = { timeout: 45_000 };

const site = siteAtHub(SITE);
let proxy: Awaited<ReturnType<typeof startFaultProxy>> | null = null;

test.afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

/** A desk opens the tube, adds one person and seals it (F8), as a clerk does. */
async function fillAndSeal(desk: Page, person: string): Promise<void> {
  await typeAsScanner(desk, desk.getByTestId('scan'), TUBE);
  await expect(desk.getByTestId('result')).toHaveAttribute('data-tone', 'info');
  await typeAsScanner(desk, desk.getByTestId('scan'), person);
  await expect(desk.getByTestId('tube-fill')).toHaveText('1 / 10 人');
  await desk.keyboard.press('F8');
  await expect(desk.getByTestId('result')).toHaveAttribute('data-tone', 'sealed');
}

/** Marks the page, so that a later check can tell it was never reloaded. */
const markUnreloaded = (page: Page) => page.evaluate(() => ((window as unknown as { unreloaded: boolean }).unreloaded = true));
const stillUnreloaded = (page: Page) => page.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded === true);

test('a tube barcode opened on two PCs apart is listed on both managers until one side is voided in the window', async ({ browser }) => {
  test.setTimeout(150_000);
  const a = await site.station('收费处');
  proxy = await startFaultProxy(site.hub().url, () => 'pass');
  const b = await site.station('大厅', proxy.url);
  const managerA = await signedIn(browser, a.urls.manager, MANAGER);
  const managerB = await signedIn(browser, b.urls.manager, MANAGER);
  for (const manager of [managerA, managerB]) {
    await expect(manager.getByTestId('site-feed')).toHaveAttribute('data-state', 'reading');
    await markUnreloaded(manager);
  }
  const deskA = await signedIn(browser, a.urls.clerk, CLERKS[0]);
  const deskB = await signedIn(browser, b.urls.clerk, CLERKS[1]);

  // B's line is cut: B's window says so, and B can hear nothing of what A does.
  await proxy.cut();
  await expect(managerB.getByTestId('site-feed')).toHaveAttribute('data-state', 'waiting');
  await fillAndSeal(deskA, personCode(40));
  await expect(deskA.getByTestId('backlog')).toHaveAttribute('data-count', '0');
  // Not knowing of A's tube, B's desk takes the same barcode; what B did waits at B.
  await fillAndSeal(deskB, personCode(41));
  await expect(deskB.getByTestId('backlog')).not.toHaveAttribute('data-count', '0');
  await expect(managerA.getByTestId('site-conflicts')).toHaveCount(0);
  await expect(managerB.getByTestId('site-conflicts')).toHaveCount(0);

  await proxy.heal();
  await expect(deskB.getByTestId('backlog')).toHaveAttribute('data-count', '0', AFTER_HEAL);
  await expect(managerB.getByTestId('site-feed')).toHaveAttribute('data-state', 'reading', AFTER_HEAL);

  // Both managers list the one conflict, each with both sides: this PC's desk 1 and the other PC's desk 1.
  for (const [manager, other] of [
    [managerA, '大厅'],
    [managerB, '收费处'],
  ] as const) {
    const conflict = manager.getByTestId('site-conflict');
    await expect(conflict).toHaveCount(1, AFTER_HEAL);
    await expect(conflict).toHaveAttribute('data-kind', 'tube-opened-twice');
    await expect(conflict).toContainText(`试管 ${TUBE} 在两处使用`);
    await expect(conflict.getByTestId('conflict-first')).toContainText('本机 · 登记台 1 · ');
    await expect(conflict.getByTestId('conflict-second')).toContainText(`电脑 ${other} · 登记台 1 · `);
  }
  // B's live tab shows the whole site: A's PC, the site's totals and the conflict.
  await expect(managerB.getByTestId('site-desks')).toContainText('电脑 收费处');
  await expect(managerB.getByTestId('site-total-sealedTubesToday')).toHaveText('2');
  for (const size of SIZES) {
    await managerB.setViewportSize(size);
    await managerB.screenshot({ path: path.join(SCREENSHOTS, `manager-live-site-${size.width}x${size.height}.png`) });
  }
  await managerB.setViewportSize(SIZES[0]);

  // B's tube is the wrong one: B's manager voids it, with a reason, from the conflict itself.
  const voidB = `conflict-void-${TUBE}`;
  await managerB.getByTestId(voidB).click();
  await managerB.getByTestId(`${voidB}-reason`).fill('条码与收费处重复，作废本管');
  await managerB.getByTestId(`${voidB}-confirm`).click();
  await expect(managerB.getByTestId('site-conflicts')).toHaveCount(0);
  // The void flows through the hub to A, whose window drops the conflict by itself.
  await expect(managerA.getByTestId('site-conflicts')).toHaveCount(0, AFTER_HEAL);
  for (const manager of [managerA, managerB]) expect(await stillUnreloaded(manager)).toBe(true);
  // It was B's tube that was voided, and only B's.
  const voidedAt = (station: typeof a) => (station.snapshot().tubes as { barcode: string; voided_at: string | null }[]).find((tube) => tube.barcode === TUBE)?.voided_at;
  expect(voidedAt(b)).toEqual(expect.any(String));
  expect(voidedAt(a)).toBeNull();
});
