// Each window in each state a person sees, at the two screen sizes desks use.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { residentCardText, toHex } from '../../src-main/core/devices/simulated/encode';
import { SAMPLE_CARD } from '../fixtures/cards';
import { personCode } from '../fixtures/people';
import { ledgerXlsx } from '../e2e/rosterLedger';
import { signIn } from '../e2e/signIn';
import { CLERKS, MANAGER, startStation, type RunningStation } from '../e2e/station';
import { typeAsScanner } from '../e2e/typing';

const OUT = path.resolve(__dirname, '../../docs/screenshots');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

let station: RunningStation;
test.beforeEach(async () => {
  // With the simulated devices, so the desk's device strip shows what a real desk shows.
  station = await startStation(['--simulate']);
});
test.afterEach(async () => {
  await station.stop();
});

const scan = (page: Page, text: string) => typeAsScanner(page, page.getByTestId('scan'), text);

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(OUT, `${name}-${page.viewportSize()!.width}x${page.viewportSize()!.height}.png`) });
}

for (const size of SIZES) {
  test(`clerk and manager at ${size.width}x${size.height}`, async ({ browser }) => {
    const clerk = await browser.newPage({ viewport: size });
    const manager = await browser.newPage({ viewport: size });
    await clerk.goto(station.urls.clerk);
    await manager.goto(station.urls.manager);
    await expect(manager.getByTestId('sign-in')).toBeVisible();
    await shoot(manager, 'manager-sign-in');
    await signIn(manager, MANAGER);
    await expect(clerk.getByTestId('sign-in')).toBeVisible();
    await expect(clerk.locator('.device-ready')).toHaveCount(4);
    await shoot(clerk, 'clerk-sign-in');
    await signIn(clerk);
    await expect(clerk.getByTestId('result')).toBeVisible();
    await shoot(clerk, 'clerk-idle');

    await scan(clerk, `20261122${String(size.width).padStart(5, '0')}`);
    for (let i = 0; i < 7; i++) await scan(clerk, personCode(i));
    await expect(clerk.getByTestId('tube-fill')).toHaveText('7 / 10 人');
    await shoot(clerk, 'clerk-tube-open');
    // The open tube scanned again: go on with it.
    await scan(clerk, `20261122${String(size.width).padStart(5, '0')}`);
    await expect(clerk.getByTestId('result')).toHaveAttribute('data-tone', 'info');
    await shoot(clerk, 'clerk-tube-still-open');

    const sim = new URL(station.simulationUrl!);
    await fetch(`${sim.origin}/sim/devices/scanner-1/unplug${sim.search}`, { method: 'POST' });
    await expect(clerk.locator('.device-unplugged')).toHaveCount(1);
    await expect(clerk.getByTestId('result')).toHaveAttribute('data-tone', 'lost');
    await shoot(clerk, 'clerk-device-unplugged');
    await fetch(`${sim.origin}/sim/devices/scanner-1/plug${sim.search}`, { method: 'POST' });
    await expect(clerk.locator('.device-ready')).toHaveCount(4);

    await scan(clerk, personCode(3));
    await expect(clerk.getByTestId('result')).toHaveAttribute('data-tone', 'refused');
    await shoot(clerk, 'clerk-refused');

    for (let i = 7; i < 10; i++) await scan(clerk, personCode(i));
    await expect(clerk.getByTestId('result')).toHaveAttribute('data-tone', 'sealed');
    await shoot(clerk, 'clerk-tube-full');
    // The sealed tube scanned again: it holds swabs, take a new one.
    await scan(clerk, `20261122${String(size.width).padStart(5, '0')}`);
    await expect(clerk.getByTestId('result')).toHaveAttribute('data-tone', 'refused');
    await shoot(clerk, 'clerk-tube-sealed-again');

    await scan(clerk, `20261123${String(size.width).padStart(5, '0')}`);
    await scan(clerk, personCode(0));
    await expect(clerk.getByTestId('result')).toHaveAttribute('data-tone', 'warning');
    await shoot(clerk, 'clerk-warning');

    await clerk.keyboard.press('F2');
    await expect(clerk.getByTestId('tube-fill')).toHaveText('1 / 10 人');
    await clerk.keyboard.press('F6');
    await clerk.getByTestId('manual-idNumber').fill('11010119900307123');
    await clerk.getByTestId('manual-name').fill('欧阳娜娜');
    await clerk.getByTestId('manual-phone').fill('1391234');
    await expect(clerk.getByTestId('manual-phone-reason')).toHaveText('手机号无效');
    await shoot(clerk, 'clerk-manual-entry');
    await clerk.keyboard.press('Escape');

    await clerk.keyboard.press('F10');
    await expect(clerk.getByTestId('kept-tube')).toBeVisible();
    await shoot(clerk, 'clerk-locked');
    // Signed in again: the banner names the kept tube and says to go on with it.
    await signIn(clerk);
    await expect(clerk.getByTestId('result')).toHaveAttribute('data-tone', 'idle');
    await expect(clerk.getByTestId('result')).toContainText('继续使用本台的试管');
    await shoot(clerk, 'clerk-kept-tube');

    // A new tube while the kept one holds 1 of 10: asked first; F2 switches; F4 right after takes it back.
    await scan(clerk, `20261124${String(size.width).padStart(5, '0')}`);
    await expect(clerk.getByTestId('result')).toHaveAttribute('data-tone', 'warning');
    await shoot(clerk, 'clerk-tube-not-full');
    await clerk.keyboard.press('F2');
    await expect(clerk.getByTestId('tube-fill')).toHaveText('0 / 10 人');
    await shoot(clerk, 'clerk-tube-switched');
    await clerk.keyboard.press('F4');
    await expect(clerk.getByTestId('tube-fill')).toHaveText('1 / 10 人');
    await shoot(clerk, 'clerk-switch-undone');

    // An ID card on the desk's reader: name, sex and year of birth beside each other, to compare with the face.
    await fetch(`${sim.origin}/sim/devices/reader-1/reports${sim.search}`, { method: 'POST', body: toHex(residentCardText(SAMPLE_CARD)) });
    await expect(clerk.getByTestId('result-card')).toBeVisible();
    await shoot(clerk, 'clerk-card-read');

    await clerk.keyboard.press('F3');
    await expect(clerk.getByTestId('desk-settings')).toBeVisible();
    await shoot(clerk, 'clerk-desk-settings');
    await clerk.keyboard.press('Escape');

    await expect(manager.getByTestId('total-openTubes')).toHaveText('1');
    await shoot(manager, 'manager');

    const fullTube = `20261122${String(size.width).padStart(5, '0')}`;
    await manager.getByTestId('tab-bags').click();
    for (const text of [`B${String(size.width).padStart(10, '0')}`, fullTube]) {
      await manager.getByTestId('packing-scan').fill(text);
      await manager.getByTestId('packing-scan').press('Enter');
    }
    await expect(manager.getByTestId('open-bag-fill')).toHaveText('1 / 20 管');
    await shoot(manager, 'manager-bags');
    await manager.getByTestId('seal-bag').click();

    await manager.getByTestId('tab-handover').click();
    await manager.getByTestId(`bag-B${String(size.width).padStart(10, '0')}`).check();
    await manager.getByTestId('courier-name').fill('李师傅');
    await manager.getByTestId('courier-phone').fill('13900001111');
    await manager.getByTestId('courier-vehicle').fill('京A12345');
    await manager.getByTestId('courier-temperature').fill('4.5');
    await shoot(manager, 'manager-handover');
    await manager.getByTestId('hand-over').click();
    await expect(manager.getByTestId('barcode-qrcode')).toBeVisible();
    await shoot(manager, 'manager-manifest');

    await manager.getByTestId('tab-search').click();
    await manager.getByTestId('search-text').fill('张伟');
    await manager.getByTestId('search-go').click();
    await expect(manager.getByTestId('search-results')).toContainText('张伟');
    await manager.getByTestId('correct').first().click();
    await expect(manager.getByTestId('correct-name')).toHaveValue('张伟');
    await shoot(manager, 'manager-search');

    await manager.getByTestId('tab-settings').click();
    await manager.getByTestId('code-sample').fill('王芳|110101199003071233|13800000000');
    await manager.getByTestId('code-test').click();
    await expect(manager.getByTestId('code-tested')).toBeVisible();
    await shoot(manager, 'manager-settings');

    const guide = await browser.newPage({ viewport: size });
    await guide.goto(station.urls.byWindow.guide);
    await signIn(guide, CLERKS[1]);
    await guide.getByTestId('guide-idNumber').fill('11010119900307123');
    await guide.getByTestId('guide-name').fill('钱老伯');
    await guide.getByTestId('guide-phone').fill('13812345678');
    await expect(guide.getByTestId('guide-idNumber-reason')).not.toBeEmpty();
    await shoot(guide, 'guide-form');
    await guide.getByTestId('guide-idNumber').fill('110101199003071233');
    await guide.getByTestId('sticker-make').click();
    await expect(guide.getByTestId('barcode-qrcode')).toBeVisible();
    await shoot(guide, 'guide-sticker');
  });
}

for (const size of SIZES) {
  test(`the manager's day, its warnings and paperwork at ${size.width}x${size.height}`, async ({ browser }) => {
    await station.stop();
    // Past closing time all day long, so the live view warns of what would be left behind.
    station = await startStation([], { settings: { siteName: '朝阳一小', siteCode: 'CY-001', closingTime: '00:00' } });
    const clerk = await browser.newPage({ viewport: size });
    const manager = await browser.newPage({ viewport: size });
    await clerk.goto(station.urls.clerk);
    await signIn(clerk);
    const tube = (n: number) => `20261130${String(size.width).padStart(4, '0')}${n}`;
    // One tube to pack, one sealed and left in no bag, one still open at the desk.
    for (const [n, people] of [[1, 3], [2, 1]] as const) {
      await scan(clerk, tube(n));
      for (let i = 0; i < people; i++) await scan(clerk, personCode(n * 10 + i));
      await expect(clerk.getByTestId('tube-fill')).toHaveText(`${people} / 10 人`);
      await clerk.keyboard.press('F8');
      await expect(clerk.getByTestId('tube')).toHaveAttribute('data-state', 'none');
    }
    await scan(clerk, tube(3));
    await scan(clerk, personCode(30));
    await expect(clerk.getByTestId('tube-fill')).toHaveText('1 / 10 人');

    await manager.goto(station.urls.manager);
    await signIn(manager, MANAGER);
    await expect(manager.getByTestId('loose-tubes')).toBeVisible();
    await shoot(manager, 'manager-live-loose');

    // A second bag label while the first holds a tube: asked, not sealed.
    await manager.getByTestId('tab-bags').click();
    const pack = async (text: string) => {
      await manager.getByTestId('packing-scan').fill(text);
      await manager.getByTestId('packing-scan').press('Enter');
    };
    const bag = (n: number) => `B2026113${String(size.width).padStart(4, '0')}${n}`;
    await pack(bag(1));
    await pack(tube(1));
    await expect(manager.getByTestId('open-bag-fill')).toHaveText('1 / 20 管');
    await pack(bag(2));
    await expect(manager.getByTestId('packing-confirm')).toBeVisible();
    await shoot(manager, 'manager-bags-confirm');
    await manager.keyboard.press('Escape');
    await manager.getByTestId('seal-bag').click();

    await manager.getByTestId('bag-labels').click();
    await manager.getByTestId('labels-first').fill('B2026113009');
    await manager.getByTestId('labels-count').fill('3');
    await manager.getByTestId('labels-make').click();
    await expect(manager.getByTestId('bag-label')).toHaveCount(3);
    await shoot(manager, 'manager-bag-labels');
    await manager.getByTestId('labels-back').click();

    // A courier's phone that is not one: said beside the field, nothing handed over.
    await manager.getByTestId('tab-handover').click();
    await manager.getByTestId(`bag-${bag(1)}`).check();
    await manager.getByTestId('courier-name').fill('李师傅');
    await manager.getByTestId('courier-phone').fill('1390000');
    await manager.getByTestId('courier-vehicle').fill('京A12345');
    await manager.getByTestId('courier-temperature').fill('四度');
    await manager.getByTestId('hand-over').click();
    await expect(manager.getByTestId('problem-temperature')).toBeVisible();
    await shoot(manager, 'manager-handover-refused');
    await manager.getByTestId('courier-temperature').fill('4.5');
    await manager.getByTestId('courier-phone').fill('13900001111');
    await manager.getByTestId('hand-over').click();
    await expect(manager.getByTestId('manifest-site')).toHaveText('朝阳一小');
    await manager.getByTestId('tab-live').click();
    await manager.getByTestId('tab-handover').click();
    await expect(manager.getByTestId('handover-list')).toContainText('李师傅');
    await shoot(manager, 'manager-handover-list');

    // 管码查人: a tube's people, its bag and the manifest that took it.
    await manager.getByTestId('tab-search').click();
    await manager.getByTestId('search-text').fill(tube(1));
    await manager.getByTestId('search-go').click();
    await expect(manager.getByTestId('search-tube-bag')).toContainText(bag(1));
    await shoot(manager, 'manager-search-tube');

    await manager.getByTestId('tab-summary').click();
    await expect(manager.getByTestId('day-summary')).toBeVisible();
    await shoot(manager, 'manager-summary');

    await manager.getByTestId('tab-export').click();
    await expect(manager.getByTestId('export-run')).toBeVisible();
    await shoot(manager, 'manager-export');
  });
}

for (const size of SIZES) {
  test(`a new site's manager window at ${size.width}x${size.height}`, async ({ browser }) => {
    await station.stop();
    station = await startStation([], { withManager: false });
    const manager = await browser.newPage({ viewport: size });
    await manager.goto(station.urls.manager);
    await manager.getByTestId('first-manager-name').fill('孙主任');
    await expect(manager.getByTestId('first-manager')).toBeVisible();
    await shoot(manager, 'manager-first-run');
  });
}

for (const size of SIZES) {
  test(`the roster, its coverage and the not-yet list at ${size.width}x${size.height}`, async ({ browser }) => {
    const manager = await browser.newPage({ viewport: size });
    await manager.goto(station.urls.manager);
    await signIn(manager, MANAGER);
    // The site's name heads the printed list.
    await manager.getByTestId('tab-settings').click();
    await manager.getByTestId('setting-siteName').fill('幸福里社区采样点');
    await manager.getByTestId('settings-save').click();
    await expect(manager.getByTestId('settings-message')).toHaveClass('setting-ok');
    await manager.getByTestId('tab-roster').click();
    await manager.getByTestId('roster-file').setInputFiles({ name: '幸福里台账.xlsx', mimeType: 'application/octet-stream', buffer: await ledgerXlsx(60) });
    await expect(manager.getByTestId('roster-count-refusedCount')).toHaveText('1');
    await shoot(manager, 'manager-roster-preview');
    await manager.getByTestId('roster-import').click();
    await expect(manager.getByTestId('roster-said')).toBeVisible();

    const clerk = await browser.newPage({ viewport: size });
    await clerk.goto(station.urls.clerk);
    await signIn(clerk);
    await scan(clerk, `20261130${String(size.width).padStart(5, '0')}`);
    for (const person of [0, 1, 2, 3, 31, 32]) await scan(clerk, personCode(person));
    await expect(clerk.getByTestId('tube-fill')).toHaveText('6 / 10 人');

    await manager.getByTestId('tab-coverage').click();
    await expect(manager.getByTestId('coverage-sampled')).toHaveText('6');
    await shoot(manager, 'manager-coverage');

    await manager.getByTestId('tab-notYet').click();
    await manager.getByTestId('not-yet-person').nth(2).click();
    await manager.keyboard.press('e');
    await manager.getByTestId('excuse-hospital').check();
    await shoot(manager, 'manager-not-yet-excuse');
    await manager.keyboard.press('Enter');
    await manager.getByTestId('include-excused').check();
    await expect(manager.getByTestId('not-yet-excused').nth(2)).not.toBeEmpty();
    await shoot(manager, 'manager-not-yet');
    await manager.getByTestId('not-yet-print').click();
    await expect(manager.getByTestId('not-yet-sheet')).toBeVisible();
    await shoot(manager, 'manager-not-yet-sheet');
  });
}
