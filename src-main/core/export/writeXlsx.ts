// XLSX through exceljs's streaming writer, so a day of 100,000 rows does not sit in memory.
import ExcelJS from 'exceljs';
import { neutralise } from './cells';
import { EXPORT_COLUMNS, type ExportRow } from './registrations';

const ROWS_PER_BREATH = 200;
/**
 * zlib's fastest level: its deflate runs on Node's shared thread pool, beside the desks' thread rather than in the
 * low-priority worker, so the less it computes the less it competes (the file is a little larger).
 */
const ZIP = { zlib: { level: 1 } };

export async function writeXlsx(rows: Iterable<ExportRow>, file: string, sheetName: string): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false, zip: ZIP });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = EXPORT_COLUMNS.map(([key, label]) => ({ header: label, key, width: key === 'docNumber' ? 22 : 14 }));
  let count = 0;
  for (const row of rows) {
    // A breath every few hundred rows: the zip's compression catches up, and the desks' thread keeps a core.
    if (++count % ROWS_PER_BREATH === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    // Strings go in as strings (never formulas); a leading = + - @ is neutralised as in the CSV.
    sheet.addRow(EXPORT_COLUMNS.map(([key]) => (typeof row[key] === 'number' ? row[key] : neutralise(String(row[key]))))).commit();
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
