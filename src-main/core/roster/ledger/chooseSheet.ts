// Which sheet of a workbook is the ledger: the one the manager chose, else the first with a header the station
// knows, else the first with anything in it (its columns then wait to be mapped).
import { findHeader, type LedgerHeader } from './findHeader';
import { LedgerUnreadable } from './problems';
import { isBlankRow, type LedgerSheet } from './sheet';

const hasRows = (sheet: LedgerSheet) => sheet.rows.some((row) => !isBlankRow(row));

export function chooseSheet(sheets: readonly LedgerSheet[], chosen: string | undefined): { sheet: LedgerSheet; header: LedgerHeader } {
  if (chosen !== undefined) {
    const sheet = sheets.find(({ name }) => name === chosen);
    if (!sheet) throw new LedgerUnreadable('no-sheet');
    return { sheet, header: findHeader(sheet) };
  }
  for (const sheet of sheets) {
    const header = findHeader(sheet);
    if (header.row > 0) return { sheet, header };
  }
  const sheet = sheets.find(hasRows);
  if (!sheet) throw new LedgerUnreadable('empty');
  return { sheet, header: findHeader(sheet) };
}
