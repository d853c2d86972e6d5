// A round end to end: a roster of 300 people in 3 grids imported in the manager window; 200 of them and 5 visitors
// registered at two desks (simulated scanners); 10 of the rest excused with the E key. The coverage view and
// `cli coverage` are checked against counts made here from who was sampled and excused; the not-yet list printed on
// A4 (page.pdf read back with pdftotext) holds exactly the other 90, in address order.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { expect, test, type Page } from '@playwright/test';
import { localDay } from '../../src-main/core/clock';
import { passphraseEnv } from '../fixtures/passphrase';
import { rosterCode, rosterId, rosterXlsx, type RosterEntry } from '../fixtures/rosterFile';
import { signIn } from './signIn';
import { simulatedDevices } from './simulated';
import { CLERKS, MANAGER, startStation, type RunningStation } from './station';

const CLI = path.resolve(__dirname, '../../out/main/cli.js');
const GRIDS = ['东一网格', '东二网格', '东三网格'];

/** Person `i`: a grid of three, ten buildings, two units, and a room of their own (the list's order is checked by it). */
function person(i: number): RosterEntry {
  return {
    name: `住户${i}`,
    id: rosterId(i),
    phone: `137${String(20000000 + i)}`,
    grid: GRIDS[i % 3],
    building: `${(Math.floor(i / 3) % 10) + 1}栋`,
    unit: `${(i % 2) + 1}单元`,
    room: `${1000 + i}室`,
    tags: i % 7 === 0 ? '60岁以上' : '',
  };
}
const PEOPLE = Array.from({ length: 300 }, (_, i) => person(i));
/** In every grid two people in three come: 200. */
const SAMPLED = PEOPLE.filter((_, i) => i % 3 !== Math.floor(i / 3) % 3);
const VISITORS = Array.from({ length: 5 }, (_, i) => person(10_000 + i));
const sampledIds = new Set(SAMPLED.map((p) => p.id));
const NOT_SAMPLED = PEOPLE.filter((p) => !sampledIds.has(p.id));
/** The first ten not sampled, in the order the list shows them, are excused. */
const number = (text: string) => Number(/\d+/.exec(text)![0]);
/** The order a grid worker walks: grid by name as written, then building, unit and room by number. */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byAddress = (a: RosterEntry, b: RosterEntry) =>
  byName(a.grid, b.grid) || number(a.building) - number(b.building) || number(a.unit) - number(b.unit) || number(a.room) - number(b.room);
const LISTED = [...NOT_SAMPLED].sort(byAddress);
const EXCUSED = LISTED.slice(0, 10);
const NOT_YET = LISTED.slice(10);

let station: RunningStation;
let out: string;

test.beforeEach(async () => {
  station = await startStation(['--simulate', '--desks', '2'], { settings: { siteName: '东园社区采样点', poolingRatio: 10 } });
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-round-'));
});
test.afterEach(async () => {
  await station.stop();
  fs.rmSync(out, { recursive: true, force: true });
});

/** The counts the coverage view must show for these people, made here. */
function counts(people: readonly RosterEntry[]) {
  const sampled = people.filter((p) => sampledIds.has(p.id)).length;
  const excused = people.filter((p) => EXCUSED.includes(p)).length;
  return { onRoster: people.length, sampled, excused, notYet: people.length - sampled - excused };
}

async function clerkAt(page: Page, url: string, clerk: (typeof CLERKS)[number]): Promise<void> {
  await page.goto(url);
  await signIn(page, clerk);
}

test('a round of 300: coverage and the CLI agree with the counts made here, and the printed list holds the other 90', async ({ browser }) => {
  test.setTimeout(300_000);
  const manager = await browser.newPage();
  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);
  await manager.getByTestId('tab-roster').click();
  await manager.getByTestId('roster-file').setInputFiles({
    name: '东园社区台账.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await rosterXlsx(PEOPLE, [['东园社区居民台账（2026年11月）']]),
  });
  await expect(manager.getByTestId('roster-count-good')).toHaveText('300');
  await manager.getByTestId('roster-import').click();
  await expect(manager.getByTestId('roster-said')).toContainText('新增 300 人');

  // Two desks, a clerk at each, scanning with their own scanners: tubes of ten, half of the people each.
  const desks = [await browser.newPage(), await browser.newPage()];
  await clerkAt(desks[0], station.urls.byWindow['clerk-1'], CLERKS[0]);
  await clerkAt(desks[1], station.urls.byWindow['clerk-2'], CLERKS[1]);
  const sim = simulatedDevices(station);
  const arrivals = [...SAMPLED.map(rosterCode), ...VISITORS.map(rosterCode)];
  for (let i = 0; i < arrivals.length; i++) {
    const scanner = i % 20 < 10 ? 'scanner-1' : 'scanner-2';
    if (i % 10 === 0) await sim.scanWith(scanner, `20261130${String(10_000 + i / 10).padStart(5, '0')}`);
    await sim.scanWith(scanner, arrivals[i]);
  }
  await manager.getByTestId('tab-coverage').click();
  await expect(manager.getByTestId('coverage-sampled')).toHaveText('200', { timeout: 60_000 });
  await expect(manager.getByTestId('coverage-visitors')).toHaveText('5');

  // Ten excused, each with the E key from the list by address.
  await manager.getByTestId('tab-notYet').click();
  const count = manager.getByTestId('not-yet-count');
  await expect(count).toHaveText('共 100 人');
  const reasons = ['away', 'hospital', 'sampled-elsewhere', 'refused'] as const;
  for (let excused = 0; excused < 10; excused++) {
    const first = manager.getByTestId('not-yet-person').first();
    await expect(first).toContainText(EXCUSED[excused].room);
    await first.click();
    await manager.keyboard.press('e');
    await manager.getByTestId(`excuse-${reasons[excused % reasons.length]}`).check();
    await manager.keyboard.press('Enter');
    await expect(count).toHaveText(`共 ${99 - excused} 人`);
  }

  // The coverage view against the counts made here: the whole round and each grid.
  await manager.getByTestId('tab-coverage').click();
  const total = counts(PEOPLE);
  expect(total).toEqual({ onRoster: 300, sampled: 200, excused: 10, notYet: 90 });
  for (const [figure, expected] of Object.entries(total)) await expect(manager.getByTestId(`coverage-${figure}`)).toHaveText(String(expected));
  await expect(manager.getByTestId('coverage-rate')).toHaveText('66.7%');
  for (const grid of GRIDS) {
    const { onRoster, sampled, notYet, excused } = counts(PEOPLE.filter((p) => p.grid === grid));
    const rate = `${((sampled / onRoster) * 100).toFixed(1)}%`;
    await expect(manager.getByTestId(`coverage-grids-${grid}`).locator('td')).toHaveText([grid, ...[onRoster, sampled, notYet, excused].map(String), rate]);
  }

  // The headless command reads the same day the same way.
  const file = path.join(out, 'coverage.csv');
  execFileSync(process.execPath, [CLI, 'coverage', '--day', localDay(new Date()), '--out', file, '--format', 'csv', '--data-dir', station.dataDir], {
    env: passphraseEnv(),
  });
  const rows = parse(fs.readFileSync(file, 'utf8').slice(1), { columns: true }) as Record<string, string>[];
  const figures = (row: Record<string, string> | undefined) => row && { onRoster: Number(row['名单人数']), sampled: Number(row['已检']), excused: Number(row['免检']), notYet: Number(row['未检']) };
  expect(figures(rows.find((row) => row['统计'] === '合计'))).toEqual(total);
  for (const grid of GRIDS) {
    expect(figures(rows.find((row) => row['统计'] === '按网格' && row['网格'] === grid))).toEqual(counts(PEOPLE.filter((p) => p.grid === grid)));
  }
  expect(rows.find((row) => row['统计'] === '名单外人员')?.['已检']).toBe('5');

  // The printed list: the other 90, once each, by address.
  await manager.getByTestId('tab-notYet').click();
  await manager.getByTestId('not-yet-print').click();
  await expect(manager.getByTestId('not-yet-sheet').locator('tbody tr')).toHaveCount(90);
  const pdf = path.join(out, 'not-yet.pdf');
  await manager.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const at = NOT_YET.map((p) => text.indexOf(p.room));
  expect(at.every((position) => position >= 0)).toBe(true);
  expect(at).toEqual([...at].sort((a, b) => a - b));
  for (const p of NOT_YET) expect(text.split(p.room)).toHaveLength(2);
  for (const p of [...SAMPLED, ...EXCUSED]) expect(text).not.toContain(p.room);
  for (const p of NOT_YET) expect(text).not.toContain(p.id);
});
