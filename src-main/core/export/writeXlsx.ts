// XLSX through exceljs's streaming writer, so a day of 100,000 rows does not sit in memory.
import ExcelJS from 'exceljs';
import { neutralise } from './cells';
import { EXPORT_COLUMNS, type ExportRow } from './registrations';

export async function writeXlsx(rows: Iterable<ExportRow>, file: string, sheetName: string): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = EXPORT_COLUMNS.map(([key, label]) => ({ header: label, key, width: key === 'docNumber' ? 22 : 14 }));
  let count = 0;
  for (const row of rows) {
    count++;
    // Strings go in as strings (never formulas); a leading = + - @ is neutralised as in the CSV.
    sheet.addRow(EXPORT_COLUMNS.map(([key]) => (typeof row[key] === 'number' ? row[key] : neutralise(String(row[key]))))).commit();
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
