// The handover manifest: what it lists (bags, tubes, each tube's people, totals), the sealed bags still waiting
// for a courier, and the manifest as CSV and XLSX files, read back as a spreadsheet program would (LibreOffice
// Calc, headless, among them).
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/core';
import { CLERK, driver, MANAGER, OTHER_CLERK } from '../fixtures/driver';
import { calcRows } from '../fixtures/libreOffice';
import { personCode } from '../fixtures/people';
import { tempCore, tempDir } from '../fixtures/tempCore';

// The site's clock, whatever the test machine's: the manifest's time is the site's.
process.env.TZ = 'Asia/Shanghai';

let core: Core;
let dispose: () => void;
let d: ReturnType<typeof driver>;

beforeEach(() => {
  let dataDir: string;
  ({ core, dataDir, dispose } = tempCore(() => new Date(2026, 10, 22, 9, 30)));
  d = driver(core, dataDir);
  d.call(MANAGER, 'site.updateSettings', { bagCapacity: 2 });
  // Three tubes of 3, 2 and 1 people; two bags of two and one tube.
  const tubes: [string, number, number, typeof CLERK][] = [
    ['2026112200001', 3, 0, CLERK],
    ['2026112200002', 2, 3, OTHER_CLERK],
    ['2026112200003', 1, 5, CLERK],
  ];
  for (const [barcode, people, first, who] of tubes) {
    d.scan(barcode, who);
    for (let i = first; i < first + people; i++) d.scan(personCode(i), who);
    d.seal(who);
  }
  for (const text of ['B2026112201', '2026112200001', '2026112200002', 'B2026112202', '2026112200003']) d.pack(text);
  d.call(MANAGER, 'packing.sealNow');
});
afterEach(() => dispose());

const courier = { name: '=HYPERLINK("http://x","李师傅")', phone: '13900001111', vehicle: '京A12345' };

async function file(number: string, format: 'csv' | 'xlsx', language?: 'zh' | 'en'): Promise<{ fileName: string; mime: string; bytes: Buffer }> {
  const result = await core.callAsync(MANAGER, 'site.manifestFile', { number, format, language });
  if (!result.ok) throw new Error(result.error.message);
  const value = result.value as { fileName: string; mime: string; base64: string };
  return { fileName: value.fileName, mime: value.mime, bytes: Buffer.from(value.base64, 'base64') };
}

describe('the handover manifest', () => {
  it('offers the sealed bags no courier has taken, then lists what was handed over with its totals', () => {
    expect(d.call(MANAGER, 'site.waitingBags')).toEqual([
      { barcode: 'B2026112201', sealedAt: expect.any(String), tubes: 2, people: 5 },
      { barcode: 'B2026112202', sealedAt: expect.any(String), tubes: 1, people: 1 },
    ]);
    const handed = d.call(MANAGER, 'site.handover', { bags: ['B2026112201', 'B2026112202'], courier, temperature: 4.5 });
    expect(handed).toMatchObject({ result: 'handed-over', number: '20261122-001', bags: 2, tubes: 3, people: 6 });
    expect(d.call(MANAGER, 'site.waitingBags')).toEqual([]);
    expect(d.call(MANAGER, 'site.manifest', { number: '20261122-001' })).toEqual({
      number: '20261122-001',
      handedAt: new Date(2026, 10, 22, 9, 30).toISOString(),
      site: { name: '', code: '' },
      handedBy: '测试负责人',
      courier,
      temperature: 4.5,
      totals: { bags: 2, tubes: 3, people: 6 },
      bags: [
        { barcode: 'B2026112201', sealedAt: expect.any(String), tubes: [{ barcode: '2026112200001', people: 3 }, { barcode: '2026112200002', people: 2 }] },
        { barcode: 'B2026112202', sealedAt: expect.any(String), tubes: [{ barcode: '2026112200003', people: 1 }] },
      ],
    });
    expect(d.call(MANAGER, 'site.manifest', { number: '20261122-999' })).toBeNull();
  });

  it('is a CSV with a BOM, every field quoted, one row per tube, codes as text constants, the courier’s formula made text', async () => {
    d.call(MANAGER, 'site.handover', { bags: ['B2026112201', 'B2026112202'], courier, temperature: null });
    const csv = await file('20261122-001', 'csv');
    expect(csv.fileName).toBe('交接单-20261122-001.csv');
    expect(csv.mime).toBe('text/csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.toString('utf8').slice(1);
    // Every field quoted: each line starts and ends with a quote.
    for (const line of text.trim().split('\r\n')) expect(line).toMatch(/^".*"$/);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r['转运箱'], r['试管条码'], r['人数']])).toEqual([
      ['="B2026112201"', '="2026112200001"', '3'],
      ['="B2026112201"', '="2026112200002"', '2'],
      ['="B2026112202"', '="2026112200003"', '1'],
    ]);
    for (const row of rows) {
      expect(row['交接单号']).toBe('="20261122-001"');
      expect(row['交接时间']).toBe('2026-11-22 09:30:00');
      expect(row['转运人员']).toBe(`'${courier.name}`);
    }
  });

  it('opens in LibreOffice Calc, as CSV and as XLSX, with every barcode and the phone exact', async () => {
    d.call(MANAGER, 'site.handover', { bags: ['B2026112201', 'B2026112202'], courier, temperature: 4.5 });
    const out = tempDir('swabdesk-manifest-');
    try {
      for (const format of ['csv', 'xlsx'] as const) {
        const saved = path.join(out, `manifest.${format}`);
        fs.writeFileSync(saved, (await file('20261122-001', format)).bytes);
        const [header, ...rows] = calcRows(saved);
        expect(header, format).toEqual(['交接单号', '交接时间', '转运人员', '联系电话', '车辆', '转运箱', '试管条码', '人数']);
        expect(rows.slice(0, 3).map((row) => [row[0], row[1], row[3], row[5], row[6], row[7]]), format).toEqual([
          ['20261122-001', '2026-11-22 09:30:00', '13900001111', 'B2026112201', '2026112200001', '3'],
          ['20261122-001', '2026-11-22 09:30:00', '13900001111', 'B2026112201', '2026112200002', '2'],
          ['20261122-001', '2026-11-22 09:30:00', '13900001111', 'B2026112202', '2026112200003', '1'],
        ]);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('is an XLSX whose tube rows hold text and numbers, never a formula', async () => {
    d.call(MANAGER, 'site.handover', { bags: ['B2026112201', 'B2026112202'], courier, temperature: 4.5 });
    const xlsx = await file('20261122-001', 'xlsx');
    expect(xlsx.fileName).toBe('交接单-20261122-001.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const tubeRows = [2, 3, 4].map((r) => [sheet.getRow(r).getCell(6).value, sheet.getRow(r).getCell(7).value, sheet.getRow(r).getCell(8).value]);
    expect(tubeRows).toEqual([
      ['B2026112201', '2026112200001', 3],
      ['B2026112201', '2026112200002', 2],
      ['B2026112202', '2026112200003', 1],
    ]);
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula, String(cell.value)).toBeUndefined()));
    // Text in a text column: exactly as entered, with no apostrophe, and no formula.
    expect(sheet.getRow(2).getCell(3).value).toBe(courier.name);
    expect(sheet.getRow(2).getCell(3).numFmt).toBe('@');
    // The time is a date-time cell holding the site's clock.
    expect(sheet.getRow(2).getCell(2).value).toEqual(new Date(Date.UTC(2026, 10, 22, 9, 30)));
    expect(sheet.getRow(2).getCell(2).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
  });

  it('is an XLSX that prints on A4, one page wide, its header on every page, with totals and two signature lines', async () => {
    d.call(MANAGER, 'site.handover', { bags: ['B2026112201', 'B2026112202'], courier, temperature: 4.5 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await file('20261122-001', 'xlsx')).bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('交接单 20261122-001');
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(sheet.headerFooter.oddHeader).toContain('交接单 20261122-001');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:H4');
    const cells = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(cells(6)).toEqual(['合计', '', '', '', '', '2 箱', '3 管', 6]);
    expect(cells(7)).toEqual(['温度（℃）', 4.5]);
    for (const [r, labels] of [[9, ['交接人签字', '接收人签字']], [10, ['日期', '日期']]] as const) {
      const row = sheet.getRow(r);
      expect([row.getCell(1).value, row.getCell(5).value]).toEqual(labels);
      // A line to sign on beside each label.
      for (const column of [2, 3, 6, 7]) expect(row.getCell(column).border?.bottom?.style, `${r}:${column}`).toBe('thin');
    }
  });

  it('is in English when asked', async () => {
    d.call(MANAGER, 'site.handover', { bags: ['B2026112201', 'B2026112202'], courier, temperature: null });
    const xlsx = await file('20261122-001', 'xlsx', 'en');
    expect(xlsx.fileName).toBe('manifest-20261122-001.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Manifest number',
      'Handed over at',
      'Courier',
      'Phone',
      'Vehicle',
      'Transport box',
      'Tube barcode',
      'People',
    ]);
    expect((sheet.getRow(6).values as unknown[]).slice(1)).toEqual(['Total', '', '', '', '', '2 boxes', '3 tubes', 6]);
    expect(sheet.getRow(9).getCell(1).value).toBe('Handed over by (signature)');
  });

  it('is no file for an unknown number, and no file for a clerk or a signed-out manager', async () => {
    expect(await core.callAsync(MANAGER, 'site.manifestFile', { number: '20261122-404', format: 'csv' })).toEqual({ ok: true, value: null });
    expect(await core.callAsync(CLERK, 'site.manifestFile', { number: '20261122-001', format: 'csv' })).toMatchObject({
      error: { code: 'forbidden' },
    });
    // The synchronous entry point says where such a channel is answered.
    expect(core.call(MANAGER, 'site.manifestFile', { number: '20261122-001', format: 'csv' })).toMatchObject({
      error: { code: 'internal', message: expect.stringContaining('callAsync') },
    });
    d.call(MANAGER, 'session.signOut');
    expect(await core.callAsync(MANAGER, 'site.manifestFile', { number: '20261122-001', format: 'csv' })).toMatchObject({
      error: { code: 'signed-out' },
    });
  });
});
