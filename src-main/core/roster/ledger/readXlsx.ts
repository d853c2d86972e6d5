// An XLSX ledger's sheets. A merged cell's value is read in every cell it covers (a title over the table, "住址"
// over 楼栋/单元/房号, a grid's name down its rows), which is what the eye reads in the spreadsheet.
import ExcelJS, { type CellValue } from 'exceljs';
import { createPace, type LedgerHooks } from './pace';
import { LedgerUnreadable, MAX_ROWS } from './problems';
import type { LedgerCell, LedgerSheet } from './sheet';

const pad = (n: number) => String(n).padStart(2, '0');

function ledgerCell(value: CellValue): LedgerCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  // A date as the sheet shows it: exceljs counts a sheet's day from the Date's UTC fields.
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if ('richText' in value) return value.richText.map(({ text }) => text).join('');
  if ('hyperlink' in value) return ledgerCell(value.text);
  if ('formula' in value || 'sharedFormula' in value) return ledgerCell(value.result as CellValue);
  // An error (#N/A, #REF!) holds nothing of the person.
  return null;
}

/** A row with nothing of its own is blank, even where a merged cell above reaches into it (a grid's name). */
function ownsAValue(row: ExcelJS.Row): boolean {
  let owns = false;
  row.eachCell((cell) => (owns ||= cell.type !== ExcelJS.ValueType.Merge));
  return owns;
}

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch {
    throw new LedgerUnreadable('not-a-spreadsheet');
  }
  // A zip of something else (a .docx, photos) loads as a workbook without sheets.
  if (workbook.worksheets.length === 0) throw new LedgerUnreadable('not-a-spreadsheet');
  return workbook;
}

export async function readXlsx(bytes: Uint8Array, hooks: LedgerHooks): Promise<LedgerSheet[]> {
  const workbook = await loadWorkbook(bytes);
  const total = workbook.worksheets.reduce((sum, worksheet) => sum + worksheet.rowCount, 0);
  if (workbook.worksheets.some((worksheet) => worksheet.rowCount > MAX_ROWS)) throw new LedgerUnreadable('too-large');
  const pace = createPace(hooks, 'reading', total);
  const sheets: LedgerSheet[] = [];
  for (const worksheet of workbook.worksheets) {
    const rows: LedgerCell[][] = [];
    for (let number = 1; number <= worksheet.rowCount; number++) {
      const row = worksheet.getRow(number);
      // row.values is 1-based: its first slot is always empty.
      rows.push(ownsAValue(row) ? Array.from((row.values as CellValue[]).slice(1), ledgerCell) : []);
      await pace.row();
    }
    sheets.push({ name: worksheet.name, rows, fromCsv: false });
  }
  pace.finish();
  return sheets;
}
