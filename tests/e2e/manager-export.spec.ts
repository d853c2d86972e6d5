// The day's export from the manager window: a desk registers people (scanned codes and an ID card), the manager
// exports the day masked as CSV, then in full as XLSX (confirmed, and recorded in the audit trail), and each download
// is read back by a reader of its own (csv-parse, read-excel-file): every ID number exact, codes in words, times real.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { localDay } from '../../src-main/core/clock';
import { DATABASE_FILE } from '../../src-main/core/core';
import { seededIdNumber, seedRegistrations } from '../../bench/seedRegistrations';
import { SAMPLE_CARD } from '../fixtures/cards';
import { openKeyed, TEST_PASSPHRASE } from '../fixtures/passphrase';
import { idNumber, personCode } from '../fixtures/people';
import { signIn } from './signIn';
import { simulatedDevices } from './simulated';
import { MANAGER, startStation, type RunningStation } from './station';

let station: RunningStation;
let out: string;

/** Yesterday's registrations, as a big site has them: enough for a file the window fetches in several parts. */
const YESTERDAY_PEOPLE = 10_000;

function yesterdaysWork(dataDir: string): void {
  const db = openKeyed(path.join(dataDir, DATABASE_FILE), { readonly: true });
  const clerk = db.prepare("SELECT id FROM operators WHERE role = 'clerk' LIMIT 1").pluck().get() as string;
  db.close();
  seedRegistrations(dataDir, YESTERDAY_PEOPLE, clerk, TEST_PASSPHRASE);
}

test.beforeEach(async () => {
  station = await startStation(['--simulate'], { prepare: yesterdaysWork });
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-export-'));
});

test.afterEach(async () => {
  await station.stop();
  fs.rmSync(out, { recursive: true, force: true });
});

async function download(manager: Page, click: () => Promise<void>, file: string): Promise<{ path: string; suggested: string }> {
  const [saved] = await Promise.all([manager.waitForEvent('download'), click()]);
  const target = path.join(out, file);
  await saved.saveAs(target);
  return { path: target, suggested: saved.suggestedFilename() };
}

test('a manager exports the day from the window, masked as CSV, then in full as XLSX after confirming', async ({ browser }) => {
  test.setTimeout(120_000);
  const [desk, manager] = [await browser.newPage(), await browser.newPage()];
  await desk.goto(station.urls.clerk);
  await signIn(desk);
  const devices = simulatedDevices(station);
  await devices.scanWith('scanner-1', '2026112300601');
  await expect(desk.getByTestId('tube-barcode')).toHaveText('2026112300601');
  for (const person of [0, 1]) {
    await devices.scanWith('scanner-1', personCode(person));
    await expect(desk.getByTestId('tube-fill')).toHaveText(`${person + 1} / 10 人`);
  }
  await devices.cardOn('reader-1', SAMPLE_CARD);
  await expect(desk.getByTestId('tube-fill')).toHaveText('3 / 10 人');
  await desk.keyboard.press('F8');
  await expect(desk.getByTestId('tube')).toHaveAttribute('data-state', 'none');

  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);
  await manager.getByTestId('tab-export').click();
  const dayField = manager.getByTestId('export-day');
  // The site's day is offered, and the field has the focus.
  await expect(dayField).toBeFocused();
  // Offered once the core has said which day it is.
  await expect(dayField).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  const day = await dayField.inputValue();

  // No day: said beside the field, and nothing is exported.
  await dayField.fill('');
  await manager.getByTestId('export-run').click();
  await expect(manager.getByTestId('export-day-problem')).toHaveText('请选择一个日期，不晚于今天。');
  await dayField.fill(day);
  await expect(manager.getByTestId('export-day-problem')).toHaveCount(0);

  // Masked, as CSV: Enter on the form exports it.
  await manager.getByTestId('export-format-csv').check();
  const masked = await download(manager, () => dayField.press('Enter'), 'masked.csv');
  expect(masked.suggested).toBe(`登记-${day}-脱敏.csv`);
  await expect(manager.getByTestId('export-said')).toHaveText(`已导出 ${day} 的登记 3 条：登记-${day}-脱敏.csv`);
  const csv = fs.readFileSync(masked.path);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parse(csv.subarray(3), { columns: true }) as Record<string, string>[];
  expect(rows.map((row) => [row['试管条码'], row['证件号码'], row['证件类型'], row['状态'], row['登记方式']])).toEqual([
    ['="2026112300601"', `="${idNumber(0).slice(0, 6)}********${idNumber(0).slice(-4)}"`, '居民身份证', '有效', '扫码'],
    ['="2026112300601"', `="${idNumber(1).slice(0, 6)}********${idNumber(1).slice(-4)}"`, '居民身份证', '有效', '扫码'],
    ['="2026112300601"', `="${SAMPLE_CARD.idNumber.slice(0, 6)}********${SAMPLE_CARD.idNumber.slice(-4)}"`, '居民身份证', '有效', '读卡'],
  ]);
  expect(rows.every((row) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(row['登记时间']))).toBe(true);
  const auditedBefore = (station.snapshot().audit as { kind: string }[]).filter((row) => row.kind === 'export.full');
  expect(auditedBefore).toEqual([]);

  // In full, as XLSX: asked first; cancelling exports nothing.
  await manager.getByTestId('export-format-xlsx').check();
  await manager.getByTestId('export-content-full').check();
  await manager.getByTestId('export-run').click();
  await expect(manager.getByRole('alertdialog')).toContainText('以您的名义记入审计');
  await expect(manager.getByTestId('export-confirm')).toBeFocused();
  await manager.keyboard.press('Escape');
  await expect(manager.getByRole('alertdialog')).toHaveCount(0);
  await expect(manager.getByTestId('export-run')).toBeFocused();
  await manager.getByTestId('export-run').click();
  const full = await download(manager, () => manager.getByTestId('export-confirm').click(), 'full.xlsx');
  expect(full.suggested).toBe(`登记-${day}-完整.xlsx`);
  const [header, ...sheet] = await readSheet(full.path);
  expect(header).toEqual(['试管条码', '管内序号', '登记台', '证件类型', '证件号码', '姓名', '电话', '登记时间', '状态', '登记方式']);
  expect(sheet.map((row) => [row[0], row[1], row[4], row[9]])).toEqual([
    ['2026112300601', 1, idNumber(0), '扫码'],
    ['2026112300601', 2, idNumber(1), '扫码'],
    ['2026112300601', 3, SAMPLE_CARD.idNumber, '读卡'],
  ]);
  // Times are date-time cells, on the day exported.
  for (const row of sheet) expect((row[7] as unknown as Date).toISOString().slice(0, 10)).toBe(day);

  const audited = (station.snapshot().audit as { kind: string; actor: string; subject: string }[]).filter((row) => row.kind === 'export.full');
  expect(audited).toEqual([expect.objectContaining({ actor: expect.stringMatching(/^manager:/), subject: day })]);
});

test('a manager exports another day, large enough to come in several parts, and gets the whole file', async ({ browser }) => {
  test.setTimeout(120_000);
  const manager = await browser.newPage();
  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);
  await manager.getByTestId('tab-export').click();
  const now = new Date();
  const yesterday = localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
  await manager.getByTestId('export-day').fill(yesterday);
  await manager.getByTestId('export-format-csv').check();
  await manager.getByTestId('export-content-full').check();
  await manager.getByTestId('export-run').click();
  const full = await download(manager, () => manager.getByTestId('export-confirm').click(), 'yesterday.csv');
  await expect(manager.getByTestId('export-said')).toHaveText(`已导出 ${yesterday} 的登记 ${YESTERDAY_PEOPLE} 条：登记-${yesterday}-完整.csv`);
  const csv = fs.readFileSync(full.path);
  // More than one part of 768 KiB: the file was put together from its parts, every row there, in order.
  expect(csv.length).toBeGreaterThan(768 * 1024);
  const rows = parse(csv.subarray(3), { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(YESTERDAY_PEOPLE);
  expect(rows.map((row) => row['证件号码'])).toEqual(Array.from({ length: YESTERDAY_PEOPLE }, (_, i) => `="${seededIdNumber(i)}"`));
});
