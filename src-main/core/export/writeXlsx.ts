// XLSX through exceljs's streaming writer, so a day of 100,000 rows does not sit in memory.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { xlsxCell, type CellValue, type Column } from './cells';
import { boldHeader, filterRange, sheetColumns, sheetOptions } from './sheetLayout';

const ROWS_PER_BREATH = 200;
/**
 * zlib's fastest level: its deflate runs on Node's shared thread pool, beside the desks' thread rather than in the
 * low-priority worker, so the less it computes the less it competes (the file is a little larger).
 */
const ZIP = { zlib: { level: 1 } };

/** Writes one sheet of the header and the rows into `sink`; resolves with the number of rows once it is complete. */
export async function writeXlsx(columns: readonly Column[], rows: Iterable<CellValue[]>, sink: Writable, sheetName: string): Promise<number> {
  // Styles carry the text and date-time formats; shared strings would hold every distinct value in memory.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false, zip: ZIP });
  const sheet = workbook.addWorksheet(sheetName, sheetOptions('landscape'));
  sheet.columns = sheetColumns(columns);
  boldHeader(sheet.getRow(1));
  let count = 0;
  for (const row of rows) {
    // A breath every few hundred rows: the zip's compression catches up, and the desks' thread keeps a core.
    if (++count % ROWS_PER_BREATH === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    sheet.addRow(columns.map(({ kind }, i) => xlsxCell(kind, row[i]))).commit();
  }
  sheet.autoFilter = filterRange(columns.length, count + 1);
  sheet.commit();
  await workbook.commit();
  return count;
}
