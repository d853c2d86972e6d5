// A handover manifest as a spreadsheet: CSV (UTF-8 with a BOM, every field quoted, formulas neutralised) and
// XLSX (exceljs), one row per tube under the manifest's own facts, so either opens in Excel as the paper reads.
import { stringify } from 'csv-stringify/sync';
import type { Manifest } from '../transport/manifest';
import { neutralise } from './cells';

export const MANIFEST_COLUMNS = ['交接单号', '交接时间', '转运人员', '联系电话', '车辆', '转运箱', '试管条码', '人数'] as const;

/** One row per tube, each carrying the manifest's facts, so a filter or a pivot needs nothing else. */
export function manifestRows(manifest: Manifest): (string | number)[][] {
  const { number, handedAt, courier } = manifest;
  return manifest.bags.flatMap((bag) =>
    bag.tubes.map((tube) => [number, handedAt, courier.name, courier.phone, courier.vehicle, bag.barcode, tube.barcode, tube.people]),
  );
}

export function manifestCsv(manifest: Manifest): Buffer {
  const rows = manifestRows(manifest).map((row) => row.map((cell) => neutralise(String(cell))));
  const text = stringify([[...MANIFEST_COLUMNS], ...rows], { bom: true, quoted: true, record_delimiter: 'windows' });
  return Buffer.from(text, 'utf8');
}

export async function manifestXlsx(manifest: Manifest): Promise<Buffer> {
  // Loaded on first use: exceljs alone would add a third of a second to every start.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`交接单 ${manifest.number}`);
  sheet.columns = MANIFEST_COLUMNS.map((header) => ({ header, width: header === '交接时间' ? 26 : 16 }));
  for (const row of manifestRows(manifest)) {
    // Text goes in as text, never a formula; counts stay numbers.
    sheet.addRow(row.map((cell) => (typeof cell === 'number' ? cell : neutralise(cell))));
  }
  const { bags, tubes, people } = manifest.totals;
  sheet.addRow([]);
  sheet.addRow(['合计', '', '', '', '', `${bags} 箱`, `${tubes} 管`, people]);
  sheet.addRow(['温度（℃）', manifest.temperature ?? '']);
  sheet.addRow(['交接人签字', '', '', '接收人签字']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
