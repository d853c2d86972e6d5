// The day's export as the people who open it see it: read back by readers that did not write it (LibreOffice Calc
// headless, read-excel-file), with 18-digit ID numbers, barcodes and phones exact, times in the site's local time
// (real dates in the XLSX), codes in words, and the sheet laid out to read and print. Also the manager window's
// export (the same files, audited when full).
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readSheet } from 'read-excel-file/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/core';
import { DATABASE_FILE } from '../../src-main/core/core';
import { VECTOR_RESIDENT_CARD } from '../fixtures/cards';
import { CLERK, driver, MANAGER, value } from '../fixtures/driver';
import { calcRows } from '../fixtures/libreOffice';
import { openKeyed, TEST_PASSPHRASE } from '../fixtures/passphrase';
import { idNumber } from '../fixtures/people';
import { tempCore, tempDir } from '../fixtures/tempCore';

// The site is in China and the test machine need not be: the station's local time is the site's.
process.env.TZ = 'Asia/Shanghai';

const DAY = '2026-11-22';
/** 09:30 at the site: 01:30 UTC. */
const AT = new Date(Date.UTC(2026, 10, 22, 1, 30));
/** An 18-digit ID with no X, which a spreadsheet would turn into 1.10101196001011E+17. */
const ID = [0, 1, 2, 3, 4].map(idNumber).find((id) => /^\d{18}$/.test(id))!;
const FORMULA_NAME = '=HYPERLINK("http://x")';

let core: Core;
let dataDir: string;
let dispose: () => void;
let out: string;

beforeEach(() => {
  ({ core, dataDir, dispose } = tempCore(() => AT, TEST_PASSPHRASE));
  out = tempDir('swabdesk-export-');
  const d = driver(core, dataDir);
  // Tube 1: a scanned code, an ID card on the reader, a passport typed by hand, a name that looks like a formula.
  d.scan('2026112200001');
  d.scan(`张伟|${ID}|13900000001`);
  value(core.call({ role: 'device' }, 'device.input', { desk: '1', device: 'serial:reader', label: 'reader', reading: { kind: 'card', card: VECTOR_RESIDENT_CARD } }));
  value(core.call(CLERK, 'clerk.enterPerson', { docType: 'passport', idNumber: 'E12345678', name: '李娜', phone: '13900000003' }));
  d.scan(`${FORMULA_NAME}|${idNumber(7)}|13900000004`);
  d.seal();
  // Tube 2, voided by the manager.
  d.scan('2026112200002');
  d.scan(`王芳|${idNumber(8)}|13900000005`);
  d.seal();
  d.call(MANAGER, 'site.voidTube', { barcode: '2026112200002', reason: '试管破损' });
});

afterEach(() => {
  dispose();
  fs.rmSync(out, { recursive: true, force: true });
});

const HEADERS_ZH = ['试管条码', '管内序号', '登记台', '证件类型', '证件号码', '姓名', '电话', '登记时间', '状态', '登记方式'];

async function exported(format: 'csv' | 'xlsx', options: { full?: boolean; language?: 'zh' | 'en' } = {}): Promise<string> {
  const file = path.join(out, `day-${options.language ?? 'zh'}.${format}`);
  expect(await core.admin.exportDay({ format, day: DAY, out: file, full: options.full ?? true, language: options.language, actor: 'test' })).toBe(5);
  return file;
}

function auditKinds(): string[] {
  const db = openKeyed(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT kind FROM audit ORDER BY seq').pluck().all() as string[];
  } finally {
    db.close();
  }
}

describe('the CSV', () => {
  it('writes codes as text formulas and times in local time, under a byte-order mark', async () => {
    const bytes = fs.readFileSync(await exported('csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[1]).toBe(`"=""2026112200001""","1","1","居民身份证","=""${ID}""","张伟","=""13900000001""","2026-11-22 09:30:00","有效","扫码"`);
    // The formula guard stays: a name is text, never a formula.
    expect(lines[4]).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it('opens in LibreOffice Calc with every ID, barcode and phone exact, codes in words, times as the site saw them', async () => {
    const [header, ...rows] = calcRows(await exported('csv'));
    expect(header).toEqual(HEADERS_ZH);
    expect(rows.map((row) => [row[0], row[1], row[3], row[4], row[6], row[7], row[8], row[9]])).toEqual([
      ['2026112200001', '1', '居民身份证', ID, '13900000001', '2026-11-22 09:30:00', '有效', '扫码'],
      ['2026112200001', '2', '居民身份证', VECTOR_RESIDENT_CARD.idNumber, expect.any(String), '2026-11-22 09:30:00', '有效', '读卡'],
      ['2026112200001', '3', '护照', 'E12345678', '13900000003', '2026-11-22 09:30:00', '有效', '手工'],
      ['2026112200001', '4', '居民身份证', idNumber(7), '13900000004', '2026-11-22 09:30:00', '有效', '扫码'],
      ['2026112200002', '1', '居民身份证', idNumber(8), '13900000005', '2026-11-22 09:30:00', '已作废', '扫码'],
    ]);
    // Never a formula's result: the guarded name is text.
    expect(rows[3][5]).toMatch(/^'?=HYPERLINK\("http:\/\/x"\)$/);
    expect(rows.flat().filter((cell) => /E\+/i.test(cell))).toEqual([]);
  });

  it('is masked unless asked in full', async () => {
    const [, first] = calcRows(await exported('csv', { full: false }));
    expect(first[4]).toBe(`${ID.slice(0, 6)}********${ID.slice(-4)}`);
    expect(first[5]).toBe('张*');
    expect(first[6]).toBe('139****0001');
  });

  it('speaks English when asked', async () => {
    const [header, first, , , , voided] = calcRows(await exported('csv', { language: 'en' }));
    expect(header).toEqual(['Tube barcode', 'Position in tube', 'Desk', 'Document type', 'Document number', 'Name', 'Phone', 'Registered at', 'Status', 'Entered by']);
    expect([first[3], first[8], first[9], voided[8]]).toEqual(['Resident ID card', 'Valid', 'Scanned code', 'Voided']);
  });
});

describe('the XLSX', () => {
  it('reads back (read-excel-file) with IDs as exact text, times as real dates, names as plain text', async () => {
    const [header, ...rows] = await readSheet(await exported('xlsx'));
    expect(header).toEqual(HEADERS_ZH);
    expect(rows[0]).toEqual(['2026112200001', 1, '1', '居民身份证', ID, '张伟', '13900000001', expect.any(Date), '有效', '扫码']);
    // A spreadsheet's date has no time zone: it holds the site's clock, 09:30 (to the second: a day's fraction is
    // a binary number, and the reader gives back 09:29:59.999).
    expect(Math.round((rows[0][7] as unknown as Date).getTime() / 1000)).toBe(Date.UTC(2026, 10, 22, 9, 30) / 1000);
    expect(rows.map((row) => row[9])).toEqual(['扫码', '读卡', '手工', '扫码', '扫码']);
    expect(rows[4][8]).toBe('已作废');
    // Text cells need no apostrophe: the name is exactly as stored, and a string, not a formula.
    expect(rows[3][5]).toBe(FORMULA_NAME);
  });

  it('opens in LibreOffice Calc with every ID and barcode exact and the local time', async () => {
    const [, ...rows] = calcRows(await exported('xlsx'));
    expect(rows.map((row) => [row[0], row[4], row[6], row[7]])).toEqual([
      ['2026112200001', ID, '13900000001', '2026-11-22 09:30:00'],
      ['2026112200001', VECTOR_RESIDENT_CARD.idNumber, expect.any(String), '2026-11-22 09:30:00'],
      ['2026112200001', 'E12345678', '13900000003', '2026-11-22 09:30:00'],
      ['2026112200001', idNumber(7), '13900000004', '2026-11-22 09:30:00'],
      ['2026112200002', idNumber(8), '13900000005', '2026-11-22 09:30:00'],
    ]);
    expect(rows[3][5]).toBe(FORMULA_NAME);
  });

  it('has its header frozen, a filter on every column, widths for its values, text and date formats, and prints on A4', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await exported('xlsx'));
    const sheet = workbook.worksheets[0];
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:J6');
    const widths = sheet.columns.map((column) => column.width ?? 0);
    expect(widths[4]).toBeGreaterThanOrEqual(20); // 18 digits
    expect(widths.every((width) => width >= 8)).toBe(true);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(5).numFmt).toBe('@');
    expect(sheet.getRow(2).getCell(8).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
  });
});

describe('from the manager window', () => {
  /** The file the core made, fetched part after part as the window does; afterwards it is gone. */
  function fetched(file: { id: string; parts: number }): Buffer {
    const parts = Array.from({ length: file.parts }, (_, part) => value(core.call(MANAGER, 'site.exportPart', { id: file.id, part }))!.base64);
    expect(value(core.call(MANAGER, 'site.exportPart', { id: file.id, part: 0 }))).toBeNull();
    return Buffer.concat(parts.map((part) => Buffer.from(part, 'base64')));
  }

  it('downloads the masked day as XLSX, in the worker, with nothing in the audit trail', async () => {
    const before = auditKinds();
    const answer = value(await core.callAsync(MANAGER, 'site.exportDay', { day: DAY, format: 'xlsx', full: false }));
    expect(answer).toMatchObject({
      rows: 5,
      fileName: '登记-2026-11-22-脱敏.xlsx',
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      parts: 1,
    });
    const [, first] = await readSheet(fetched(answer));
    expect(first[4]).toBe(`${ID.slice(0, 6)}********${ID.slice(-4)}`);
    expect(auditKinds()).toEqual(before);
  });

  it('downloads the full day only into the audit trail first, naming the manager', async () => {
    const answer = value(await core.callAsync(MANAGER, 'site.exportDay', { day: DAY, format: 'csv', full: true, language: 'en' }));
    expect(answer.fileName).toBe('registrations-2026-11-22-full.csv');
    expect(fetched(answer).toString('utf8')).toContain(`"=""${ID}"""`);
    const db = openKeyed(path.join(dataDir, DATABASE_FILE), { readonly: true });
    const audited = db.prepare("SELECT actor, subject, data FROM audit WHERE kind = 'export.full'").all() as { actor: string; subject: string; data: string }[];
    db.close();
    expect(audited).toEqual([{ actor: expect.stringMatching(/^manager:[0-9a-f-]{36}$/), subject: DAY, data: expect.any(String) }]);
    expect(JSON.parse(audited[0].data)).toEqual({ format: 'csv', day: DAY, download: 'registrations-2026-11-22-full.csv' });
  });

  it('is refused, with nothing recorded, for a day that is no date, a clerk, or a manager signed out', async () => {
    const before = auditKinds();
    expect(await core.callAsync(MANAGER, 'site.exportDay', { day: '2026-02-30', format: 'csv', full: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await core.callAsync(CLERK, 'site.exportDay', { day: DAY, format: 'csv', full: true })).toMatchObject({ error: { code: 'forbidden' } });
    // A file's parts go only to the manager, and only for a file made.
    const made = value(await core.callAsync(MANAGER, 'site.exportDay', { day: DAY, format: 'csv', full: false }));
    expect(core.call(CLERK, 'site.exportPart', { id: made.id, part: 0 })).toMatchObject({ error: { code: 'forbidden' } });
    expect(value(core.call(MANAGER, 'site.exportPart', { id: '00000000-0000-4000-8000-000000000000', part: 0 }))).toBeNull();
    expect(value(core.call(MANAGER, 'site.exportPart', { id: made.id, part: 1 }))).toBeNull();
    value(core.call(MANAGER, 'session.signOut'));
    const afterSignOut = auditKinds();
    expect(await core.callAsync(MANAGER, 'site.exportDay', { day: DAY, format: 'csv', full: true })).toMatchObject({ error: { code: 'signed-out' } });
    expect(auditKinds()).toEqual(afterSignOut);
    expect(afterSignOut.slice(0, before.length)).toEqual(before);
    expect(afterSignOut).not.toContain('export.full');
  });
});
