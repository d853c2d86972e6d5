// The roster in the manager window: a community's ledger (an XLSX with a title row and one bad row) previewed with
// the bad row's reason in words (and saved for the grid worker) and imported; two people of it and a visitor
// registered at a desk while the coverage tab follows, pushed; one person excused with a reason and the excuse
// undone, by keys; the not-yet list exported, shown in full (audited), and printed on A4 and read back with
// pdftotext, by address and masked. A large ledger's progress, and its cancel.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { readSheet } from 'read-excel-file/node';
import { checkCharacter } from '../../src-main/core/domain/residentId';
import { personCode } from '../fixtures/people';
import { ledgerPerson, ledgerXlsx } from './rosterLedger';
import { signIn } from './signIn';
import { MANAGER, startStation, type RunningStation } from './station';
import { typeAsScanner } from './typing';

const PEOPLE = 60;
/** A person not on the roster (a 1990 birth, another district): counted apart. */
const VISITOR_ID = '11010219900101123';
const VISITOR = `钱多多|${VISITOR_ID}${checkCharacter(VISITOR_ID)}|13900000001`;

let station: RunningStation;
let out: string;

test.beforeEach(async () => {
  station = await startStation([], { settings: { siteName: '幸福里社区' } });
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-roster-'));
});

test.afterEach(async () => {
  await station.stop();
  fs.rmSync(out, { recursive: true, force: true });
});

async function managerWindow(browser: Browser): Promise<Page> {
  const manager = await browser.newPage();
  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);
  return manager;
}

/** Saves what a button downloads into the test's folder. */
async function download(page: Page, button: string, file: string): Promise<string> {
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
  const target = path.join(out, file);
  await saved.saveAs(target);
  return target;
}

const scan = (page: Page, text: string) => typeAsScanner(page, page.getByTestId('scan'), text);
const MM = 72 / 25.4;

test('a ledger is previewed and imported, the coverage follows the desk, a person is excused and back, and the not-yet list prints on A4', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const manager = await managerWindow(browser);

  // The preview: the header found under the title, the bad row refused with its reason, nothing stored yet.
  await manager.getByTestId('tab-roster').click();
  await manager.getByTestId('roster-file').setInputFiles({
    name: '幸福里台账.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await ledgerXlsx(PEOPLE),
  });
  await expect(manager.getByTestId('roster-preview')).toBeVisible();
  await expect(manager.getByTestId('roster-preview')).toContainText('表头在第 2 行');
  await expect(manager.getByTestId('roster-count-rows')).toHaveText(String(PEOPLE + 1));
  await expect(manager.getByTestId('roster-count-good')).toHaveText(String(PEOPLE));
  await expect(manager.getByTestId('roster-count-added')).toHaveText(String(PEOPLE));
  await expect(manager.getByTestId('roster-count-refusedCount')).toHaveText('1');
  const refused = manager.getByTestId(`refused-row-${PEOPLE + 3}`);
  await expect(refused).toContainText('身份证号码');
  await expect(refused).toContainText('校验位不对');
  // The sample is masked: no full ID number of the file is on screen.
  await expect(manager.getByTestId('roster-sample')).toContainText('110101********');
  await expect(manager.getByTestId('roster-sample')).not.toContainText(ledgerPerson(0).idNumber);

  // The refused rows as a file for the grid worker: the row, its column and the reason, in words.
  const refusedCsv = fs.readFileSync(await download(manager, 'refused-csv', 'refused.csv'), 'utf8');
  expect(refusedCsv).toContain(String(PEOPLE + 3));
  expect(refusedCsv).toContain('身份证号码');

  await manager.getByTestId('roster-import').click();
  await expect(manager.getByTestId('roster-said')).toContainText(`新增 ${PEOPLE} 人`);
  await expect(manager.getByTestId('roster-said')).toContainText('1 行不能导入');

  // The coverage, pushed as the desk registers: two of the roster and one visitor.
  await manager.getByTestId('tab-coverage').click();
  await expect(manager.getByTestId('coverage-onRoster')).toHaveText(String(PEOPLE));
  await expect(manager.getByTestId('coverage-sampled')).toHaveText('0');
  await expect(manager.getByTestId('coverage-chart')).toBeVisible();
  // A marker a reload would erase: the figures must arrive by push.
  await manager.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  const clerk = await browser.newPage();
  await clerk.goto(station.urls.clerk);
  await signIn(clerk);
  await scan(clerk, '2026113000001');
  await scan(clerk, personCode(0));
  await expect(manager.getByTestId('coverage-sampled')).toHaveText('1');
  await scan(clerk, personCode(1));
  await scan(clerk, VISITOR);
  await expect(clerk.getByTestId('tube-fill')).toHaveText('3 / 10 人');
  await expect(manager.getByTestId('coverage-sampled')).toHaveText('2');
  await expect(manager.getByTestId('coverage-visitors')).toHaveText('1');
  await expect(manager.getByTestId('coverage-notYet')).toHaveText(String(PEOPLE - 2));
  await expect(manager.getByTestId('coverage-rate')).toHaveText('3.3%');
  await expect(manager.getByTestId('coverage-grids-一网格')).toContainText('6.7%');
  expect(await manager.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  // A round of two days a year ago: counted again in the background, then nobody of it was sampled; back to today,
  // the two are sampled again. The tab follows by itself once each count is done.
  const setRound = async (firstDay: string, lastDay: string) => {
    await manager.getByTestId('round-firstDay').fill(firstDay);
    await manager.getByTestId('round-lastDay').fill(lastDay);
    await manager.getByTestId('round-save').click();
    await expect(manager.getByTestId('round-saved')).toHaveText(`轮次已保存：${firstDay} 至 ${lastDay}`);
  };
  await setRound('2025-11-01', '2025-11-02');
  await expect(manager.getByTestId('coverage-sampled')).toHaveText('0');
  await expect(manager.getByTestId('coverage-recounting')).toHaveCount(0);
  const today = new Date().toLocaleDateString('sv');
  await setRound(today, today);
  await expect(manager.getByTestId('coverage-sampled')).toHaveText('2');
  await expect(manager.getByTestId('coverage-recounting')).toHaveCount(0);

  // The not-yet list by address; the second person in it excused by keys, first without the words "other" needs.
  await manager.getByTestId('tab-notYet').click();
  const count = manager.getByTestId('not-yet-count');
  await expect(count).toHaveText(`共 ${PEOPLE - 2} 人`);
  const rows = manager.getByTestId('not-yet-person');
  await expect(rows.first()).toContainText(ledgerPerson(2).room);
  await rows.first().click();
  await manager.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(rows.nth(1)).toContainText(ledgerPerson(3).room);
  await expect(rows.nth(1)).not.toContainText(ledgerPerson(3).name);
  await manager.keyboard.press('e');
  await expect(manager.getByTestId('excuse-dialog')).toBeVisible();
  await manager.getByTestId('excuse-other').check();
  await manager.keyboard.press('Enter');
  await expect(manager.getByTestId('problem-note')).toHaveText('请写明原因');
  await expect(count).toHaveText(`共 ${PEOPLE - 2} 人`);
  await manager.getByTestId('excuse-hospital').check();
  await manager.keyboard.press('Enter');
  await expect(manager.getByTestId('excuse-dialog')).toHaveCount(0);
  await expect(count).toHaveText(`共 ${PEOPLE - 3} 人`);
  await expect(manager.getByTestId('not-yet-list')).toBeFocused();
  await expect(manager.getByTestId('not-yet-list')).not.toContainText(ledgerPerson(3).room);

  // Shown again with the excused, with its reason, who and when; the same key undoes it.
  await manager.getByTestId('include-excused').check();
  const excused = rows.filter({ hasText: ledgerPerson(3).room });
  await expect(excused.getByTestId('not-yet-excused')).toContainText(`住院（${MANAGER.name}，`);
  await excused.click();
  await manager.keyboard.press('e');
  await expect(excused.getByTestId('not-yet-excused')).toHaveText('');
  await manager.getByTestId('include-excused').uncheck();
  await expect(count).toHaveText(`共 ${PEOPLE - 2} 人`);

  // The same list as a file, masked; then on screen in full, which the screen says is recorded, and the trail has.
  const sheet = await readSheet(await download(manager, 'not-yet-xlsx', 'not-yet.xlsx'));
  expect(sheet.length).toBeGreaterThanOrEqual(PEOPLE - 2);
  expect(JSON.stringify(sheet)).toContain(ledgerPerson(2).room);
  expect(JSON.stringify(sheet)).not.toContain(ledgerPerson(2).phone);
  await manager.getByTestId('show-full').check();
  await expect(manager.getByTestId('full-note')).toContainText('记入审计');
  await expect(rows.first()).toContainText(ledgerPerson(2).name);
  await expect(rows.first()).toContainText(ledgerPerson(2).phone);
  const listedInFull = (station.snapshot() as { audit: { kind: string }[] }).audit.filter((row) => row.kind === 'roster.listedInFull');
  expect(listedInFull.length).toBeGreaterThan(0);
  await manager.getByTestId('show-full').uncheck();
  await expect(rows.first()).not.toContainText(ledgerPerson(2).phone);

  // On A4 for the grid worker: every person not sampled, once each, by address, masked, the header on each page.
  await manager.getByTestId('not-yet-print').click();
  await expect(manager.getByTestId('not-yet-sheet').locator('tbody tr')).toHaveCount(PEOPLE - 2);
  const pdf = path.join(out, 'not-yet.pdf');
  await manager.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '100', pdf], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [Math.round(Number(m[1]) / MM), Math.round(Number(m[2]) / MM)]);
  expect(pages).toBeGreaterThan(1);
  expect(sizes).toEqual(Array.from({ length: pages }, () => [210, 297]));
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('未检名单 · 幸福里社区');
  expect(text).toContain('网格员备注');
  expect(text.match(/网格员备注/g)).toHaveLength(pages);
  const at = Array.from({ length: PEOPLE }, (_, i) => text.indexOf(ledgerPerson(i).room));
  expect(at.slice(0, 2)).toEqual([-1, -1]);
  const listed = at.slice(2);
  expect(listed.every((position) => position >= 0)).toBe(true);
  expect(listed).toEqual([...listed].sort((a, b) => a - b));
  for (let i = 2; i < PEOPLE; i++) expect(text.split(ledgerPerson(i).room)).toHaveLength(2);
  expect(text).not.toContain(ledgerPerson(3).idNumber);
  expect(text).not.toContain(ledgerPerson(3).phone);
  expect(text).not.toContain('打印视图');
});

test('a large ledger shows how far its sending and reading have come, and a cancel leaves nothing', async ({ browser }) => {
  test.setTimeout(120_000);
  const manager = await managerWindow(browser);
  await manager.getByTestId('tab-roster').click();
  const ledger = { name: '全街道台账.xlsx', mimeType: 'application/octet-stream', buffer: await ledgerXlsx(30_000) };

  // Every figure the progress line shows, as the page shows it: it moves faster than a test could look.
  await manager.evaluate(() => {
    const seen: string[] = ((window as unknown as { figures: string[] }).figures = []);
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="roster-progress-figures"]')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await manager.getByTestId('roster-file').setInputFiles(ledger);
  await expect(manager.getByTestId('roster-count-rows')).toHaveText('30001', { timeout: 60_000 });
  const figures = await manager.evaluate(() => (window as unknown as { figures: string[] }).figures);
  expect(figures.some((text) => /^已发送 \d+%$/.test(text))).toBe(true);
  // The sheet's 30,003 rows read (the title, the header and the bad row too), then the 30,001 under the header
  // checked, rising (the preview may take the line's place before its last figure is drawn).
  const checked = figures.flatMap((text) => /^已读取 30003 行 · 已检查 (\d+) 行$/.exec(text)?.[1] ?? []).map(Number);
  expect(checked.length).toBeGreaterThan(1);
  expect(checked).toEqual([...checked].sort((a, b) => a - b));
  expect(Math.max(...checked)).toBeLessThanOrEqual(30_001);
  await manager.getByTestId('roster-drop').click();
  await expect(manager.getByTestId('roster-preview')).toHaveCount(0);

  // The same file again, cancelled while the station works on it: the tab is back at choosing, nothing stored.
  await manager.getByTestId('roster-file').setInputFiles(ledger);
  await manager.getByTestId('roster-cancel').click();
  await expect(manager.getByTestId('roster-said')).toHaveText('已取消，什么也没有保存。');
  await expect(manager.getByTestId('roster-progress')).toHaveCount(0);
  await expect(manager.getByTestId('roster-preview')).toHaveCount(0);
  await expect(manager.getByTestId('roster-choose')).toBeFocused();
  expect((station.snapshot() as { roster_people: unknown[] }).roster_people).toEqual([]);
});

test('a person is taken off the roster only with a reason', async ({ browser }) => {
  const manager = await browser.newPage();
  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);
  await manager.getByTestId('tab-roster').click();
  await manager.getByTestId('roster-file').setInputFiles({ name: '小区台账.xlsx', mimeType: 'application/octet-stream', buffer: await ledgerXlsx(5) });
  await manager.getByTestId('roster-import').click();
  await expect(manager.getByTestId('roster-said')).toContainText('新增 5 人');
  await manager.getByTestId('tab-notYet').click();
  const count = manager.getByTestId('not-yet-count');
  await expect(count).toHaveText('共 5 人');
  await manager.getByTestId('not-yet-person').first().click();
  await manager.getByTestId('remove-person').click();
  await expect(manager.getByTestId('remove-reason')).toBeFocused();
  await manager.keyboard.press('Enter');
  await expect(manager.getByTestId('problem-reason')).toBeVisible();
  await expect(count).toHaveText('共 5 人');
  await manager.getByTestId('remove-reason').fill('已搬离本社区');
  await manager.keyboard.press('Enter');
  await expect(manager.getByTestId('remove-dialog')).toHaveCount(0);
  await expect(count).toHaveText('共 4 人');
  await expect(manager.getByTestId('not-yet-list')).not.toContainText(ledgerPerson(0).room);
  await manager.getByTestId('tab-coverage').click();
  await expect(manager.getByTestId('coverage-onRoster')).toHaveText('4');
});
