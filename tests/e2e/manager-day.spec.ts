// A site's day, as its people do it: two desks fill tubes from their scanners, the manager packs the sealed tubes
// into two bags, hands both to a courier, and saves the manifest as PDF, XLSX and CSV. Each file is read back with a
// tool of its own (pdftotext, read-excel-file, csv-parse) and must list exactly the tubes registered, each with its
// people.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { personCode } from '../fixtures/people';
import { expectBeside } from './refusals';
import { signIn } from './signIn';
import { simulatedDevices } from './simulated';
import { CLERKS, MANAGER, startStation, type RunningStation } from './station';

let station: RunningStation;
let out: string;

test.beforeEach(async () => {
  station = await startStation(['--simulate', '--desks', '2'], { settings: { bagCapacity: 2 } });
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-day-'));
});

test.afterEach(async () => {
  await station.stop();
  fs.rmSync(out, { recursive: true, force: true });
});

const scanWith = (scanner: string, text: string) => simulatedDevices(station).scanWith(scanner, text);

/** Fills a tube at a desk from its scanner; a tube not filled to 10 is sealed early with F8. */
async function fillTube(desk: Page, scanner: string, barcode: string, people: number[]): Promise<void> {
  await scanWith(scanner, barcode);
  await expect(desk.getByTestId('tube-barcode')).toHaveText(barcode);
  for (const [i, person] of people.entries()) {
    await scanWith(scanner, personCode(person));
    if (i < 9) await expect(desk.getByTestId('tube-fill')).toHaveText(`${i + 1} / 10 人`);
  }
  if (people.length < 10) await desk.keyboard.press('F8');
  await expect(desk.getByTestId('tube')).toHaveAttribute('data-state', 'none');
}

async function pack(manager: Page, text: string, expected: RegExp): Promise<void> {
  const field = manager.getByTestId('packing-scan');
  await field.fill(text);
  await field.press('Enter');
  await expect(manager.getByTestId('packing-result')).toContainText(expected);
}

async function download(manager: Page, button: string, file: string): Promise<string> {
  const [saved] = await Promise.all([manager.waitForEvent('download'), manager.getByTestId(button).click()]);
  const target = path.join(out, file);
  await saved.saveAs(target);
  return target;
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

test('two desks fill tubes, the manager bags them and hands two bags over with a manifest saved as PDF, XLSX and CSV', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const [desk1, desk2, manager] = [await browser.newPage(), await browser.newPage(), await browser.newPage()];
  await desk1.goto(station.urls.byWindow['clerk-1']);
  await signIn(desk1, CLERKS[0]);
  await desk2.goto(station.urls.byWindow['clerk-2']);
  await signIn(desk2, CLERKS[1]);
  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);

  await fillTube(desk1, 'scanner-1', '2026112300501', range(0, 10));
  await fillTube(desk2, 'scanner-2', '2026112300502', range(10, 10));
  await fillTube(desk1, 'scanner-1', '2026112300503', range(20, 7));
  await fillTube(desk2, 'scanner-2', '2026112300504', range(30, 3));
  await expect(manager.getByTestId('total-peopleToday')).toHaveText('30');
  // The live view, pushed: each desk with who works there, and people per hour drawn as a chart.
  await expect(manager.getByTestId('live-desk-1')).toContainText(CLERKS[0].name);
  await expect(manager.getByTestId('live-desk-2')).toContainText(CLERKS[1].name);
  await expect(manager.getByTestId('live-desk-1')).toContainText('最近登记');
  await expect(manager.getByTestId('per-hour-chart')).toBeVisible();

  await manager.getByTestId('tab-bags').click();
  await expect(manager.getByTestId('unbagged')).toContainText('已封管未装箱：4 管');
  await pack(manager, '2026112300501', /请先扫描转运箱条码/);
  await pack(manager, 'B2026112301', /转运箱 B2026112301 已开箱/);
  await pack(manager, '2026112300501', /2026112300501 已装入转运箱 B2026112301（1 \/ 2）/);
  await pack(manager, '2026112300501', /已在转运箱中/);
  await pack(manager, '2026112300503', /B2026112301 已装满并封箱/);
  await pack(manager, 'B2026112302', /已开箱/);
  await pack(manager, '2026112300502', /已装入转运箱 B2026112302/);
  await pack(manager, '2026112300504', /B2026112302 已装满并封箱/);
  await expect(manager.getByTestId('unbagged')).toContainText('已封管未装箱：0 管');

  await manager.getByTestId('tab-handover').click();
  await manager.getByTestId('bag-B2026112301').check();
  await manager.getByTestId('bag-B2026112302').check();
  await manager.getByTestId('courier-name').fill('李师傅');
  await manager.getByTestId('courier-phone').fill('13900001111');
  await manager.getByTestId('courier-vehicle').fill('京A12345');
  await manager.getByTestId('courier-temperature').fill('4.5');
  await manager.getByTestId('hand-over').click();
  const number = /交接单号 (\d{8}-\d{3})/.exec((await manager.getByTestId('manifest-number').textContent())!)![1];
  await expect(manager.getByTestId('manifest-totals')).toHaveText('共 2 箱 · 4 管 · 30 人');
  await expect(manager.getByTestId('barcode-code128')).toBeVisible();
  await expect(manager.getByTestId('barcode-qrcode')).toBeVisible();

  // What was registered, from the station's own database: each tube and its active people.
  const tables = station.snapshot() as { tubes: { id: string; barcode: string }[]; registrations: { tube_id: string; status: string }[] };
  const registered = Object.fromEntries(
    tables.tubes.map((tube) => [tube.barcode, tables.registrations.filter((r) => r.tube_id === tube.id && r.status === 'active').length]),
  );
  expect(registered).toEqual({ '2026112300501': 10, '2026112300502': 10, '2026112300503': 7, '2026112300504': 3 });
  const expectedRows = [
    ['B2026112301', '2026112300501', 10],
    ['B2026112301', '2026112300503', 7],
    ['B2026112302', '2026112300502', 10],
    ['B2026112302', '2026112300504', 3],
  ];

  // PDF: the page as Chromium prints it (print styles: the manifest alone), read back by pdftotext.
  const pdf = path.join(out, 'manifest.pdf');
  await manager.pdf({ path: pdf, format: 'A4' });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain(`交接单号 ${number}`);
  expect(text).toContain('共 2 箱 · 4 管 · 30 人');
  expect(text).toContain('李师傅');
  expect(text).toContain('4.5 °C');
  for (const [, tube, people] of expectedRows) expect(text).toMatch(new RegExp(`${tube}\\s+${people}\\b`));
  expect(text).not.toContain('打印');

  // XLSX, read by a second reader (not exceljs, which wrote it).
  const sheet = await readSheet(await download(manager, 'manifest-xlsx', 'manifest.xlsx'));
  const tubeRows = sheet.filter((row) => typeof row[6] === 'string' && /^\d{13}$/.test(row[6] as string));
  expect(tubeRows.map((row) => [row[5], row[6], row[7]])).toEqual(expectedRows);
  expect(tubeRows.every((row) => row[0] === number && row[2] === '李师傅')).toBe(true);

  // CSV, by a CSV parser: each code a text constant (="…"), so Excel and WPS show it exactly.
  const csv = fs.readFileSync(await download(manager, 'manifest-csv', 'manifest.csv'));
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parse(csv.subarray(3), { columns: true }) as Record<string, string>[];
  const code = (cell: string) => /^="(.*)"$/.exec(cell)?.[1];
  expect(rows.map((row) => [code(row['转运箱']), code(row['试管条码']), Number(row['人数'])])).toEqual(expectedRows);
  expect(rows.every((row) => code(row['交接单号']) === number)).toBe(true);
});

/** Types a scan into whatever has the focus, as a keyboard-mode scanner does: it goes nowhere unless the field has it. */
async function scanIntoFocus(manager: Page, text: string, expected: RegExp): Promise<void> {
  await expect(manager.getByTestId('packing-scan')).toBeFocused();
  await manager.keyboard.type(text);
  await manager.keyboard.press('Enter');
  await expect(manager.getByTestId('packing-result')).toContainText(expected);
}

test('a bag picked up by mistake: every tube ends in the bag the manager holds, and the manifest says so', async ({ browser }) => {
  test.setTimeout(120_000);
  const [desk, manager] = [await browser.newPage(), await browser.newPage()];
  await desk.goto(station.urls.byWindow['clerk-1']);
  await signIn(desk, CLERKS[0]);
  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);
  const tubes = ['2026112300601', '2026112300602', '2026112300603'];
  for (const [i, tube] of tubes.entries()) await fillTube(desk, 'scanner-1', tube, [40 + i]);

  await manager.getByTestId('tab-bags').click();
  await expect(manager.getByTestId('unbagged')).toContainText('已封管未装箱：3 管');
  // Bag 10 is opened, but bag 11 is the one in the manager's hands: scanning it drops the empty bag 10.
  await scanIntoFocus(manager, 'B2026112310', /转运箱 B2026112310 已开箱/);
  await manager.getByTestId('unbagged').click();
  await scanIntoFocus(manager, 'B2026112311', /转运箱 B2026112311 已开箱/);
  await expect(manager.getByTestId('packing-note')).toHaveText('空箱 B2026112310 已放弃（里面没有试管）');
  await expect(manager.getByTestId('open-bag')).toContainText('转运箱 B2026112311');
  await manager.getByTestId('open-bag').click();
  await scanIntoFocus(manager, tubes[0], /试管 2026112300601 已装入转运箱 B2026112311（1 \/ 2）/);

  // A new label while bag 11 holds a tube: a warning naming it and its count; nothing sealed; Esc keeps it open.
  await scanIntoFocus(manager, 'B2026112312', /转运箱 B2026112311 还没装满（1 \/ 2 管）/);
  await expect(manager.getByTestId('packing-result')).toHaveAttribute('data-tone', 'warning');
  await expect(manager.getByTestId('open-bag')).toContainText('转运箱 B2026112311');
  await manager.keyboard.press('Escape');
  await expect(manager.getByTestId('packing-result')).toContainText('继续装转运箱 B2026112311');
  await expect(manager.getByTestId('packing-confirm')).toHaveCount(0);
  // Asked again, and this time confirmed with F2: bag 11 sealed with its one tube, bag 12 open.
  await scanIntoFocus(manager, 'B2026112312', /还没装满/);
  await manager.keyboard.press('F2');
  await expect(manager.getByTestId('packing-result')).toContainText('转运箱 B2026112312 已开箱');
  await expect(manager.getByTestId('packing-note')).toHaveText('上一个转运箱 B2026112311 已封箱（1 管）');
  await manager.getByTestId('packing-result').click();
  await scanIntoFocus(manager, tubes[1], /已装入转运箱 B2026112312（1 \/ 2）/);
  await scanIntoFocus(manager, tubes[2], /B2026112312 已装满并封箱/);
  // An empty bag opened by mistake is dropped with its button; the field has the focus again after the click.
  await scanIntoFocus(manager, 'B2026112313', /已开箱/);
  await manager.getByTestId('drop-bag').click();
  await expect(manager.getByTestId('packing-result')).toContainText('空箱 B2026112313 已放弃');
  await expect(manager.getByTestId('packing-scan')).toBeFocused();
  await manager.getByTestId('tab-bags').click();
  await expect(manager.getByTestId('packing-scan')).toBeFocused();
  await expect(manager.getByTestId('unbagged')).toContainText('已封管未装箱：0 管');

  const tables = () => station.snapshot() as { bags: { id: string; barcode: string; status: string }[]; bag_tubes: { tube_id: string; bag_id: string }[]; tubes: { id: string; barcode: string }[]; handovers: unknown[] };
  const held = () => {
    const { bags, bag_tubes: packed, tubes: all } = tables();
    return Object.fromEntries(bags.map((bag) => [`${bag.barcode} ${bag.status}`, packed.filter((p) => p.bag_id === bag.id).map((p) => all.find((tube) => tube.id === p.tube_id)!.barcode)]));
  };
  expect(held()).toEqual({
    'B2026112310 discarded': [],
    'B2026112311 sealed': [tubes[0]],
    'B2026112312 sealed': [tubes[1], tubes[2]],
    'B2026112313 discarded': [],
  });

  // The courier's phone and a temperature in words are refused beside their fields, in Chinese; nothing is handed over.
  await manager.getByTestId('tab-handover').click();
  await expect(manager.getByTestId('bag-B2026112310')).toHaveCount(0);
  await manager.getByTestId('bag-B2026112311').check();
  await manager.getByTestId('bag-B2026112312').check();
  await manager.getByTestId('courier-name').fill('李师傅');
  await manager.getByTestId('courier-phone').fill('139');
  await manager.getByTestId('courier-vehicle').fill('京A12345');
  await manager.getByTestId('hand-over').click();
  await expectBeside(manager, 'courier-phone', 'courier.phone', '请填写手机号（1 开头，共 11 位）或座机号（0 开头，区号后可加 -）');
  await manager.getByTestId('courier-phone').fill('13900001111');
  await manager.getByTestId('courier-temperature').fill('四度');
  await manager.getByTestId('hand-over').click();
  await expectBeside(manager, 'courier-temperature', 'temperature', '请填写数字，如 4 或 -2.5');
  await expect(manager.getByTestId('problem-courier.phone')).toHaveCount(0);
  expect(tables().handovers).toEqual([]);

  await manager.getByTestId('courier-temperature').fill('4');
  await manager.getByTestId('hand-over').click();
  await expect(manager.getByTestId('manifest-totals')).toHaveText('共 2 箱 · 3 管 · 3 人');
  const rows = await manager.locator('.manifest-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  expect(rows).toEqual([
    ['B2026112311', tubes[0], '1'],
    ['B2026112312', tubes[1], '1'],
    ['', tubes[2], '1'],
  ]);
  const pdf = path.join(out, 'manifest.pdf');
  await manager.pdf({ path: pdf, format: 'A4' });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toMatch(new RegExp(`B2026112311\\s+${tubes[0]}`));
  expect(text).toMatch(new RegExp(`B2026112312\\s+${tubes[1]}`));
  expect(text).not.toContain('B2026112310');
  expect(text).toContain('4 °C');
});
