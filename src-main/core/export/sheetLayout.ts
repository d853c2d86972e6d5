// How an exported worksheet is laid out, the same for the day's registrations and a handover manifest: the header
// row frozen and bold, a filter on every column, each column wide enough for its header and values and formatted for
// its kind, and printing on A4, one page wide.
import type { AddWorksheetOptions, Column as SheetColumn, Row } from 'exceljs';
import { XLSX_FORMATS, type Column } from './cells';

/** ExcelJS's paper size for A4. */
const A4 = 9;

// A Chinese character takes two character widths of a spreadsheet's default font.
const WIDE_CHARACTER = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

export function displayWidth(text: string): number {
  return Array.from(text).reduce((width, character) => width + (WIDE_CHARACTER.test(character) ? 2 : 1), 0);
}

export function sheetOptions(orientation: 'portrait' | 'landscape'): Partial<AddWorksheetOptions> {
  return {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    // fitToHeight 0: as many pages down as the rows need.
    pageSetup: { paperSize: A4, orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  };
}

export function sheetColumns(columns: readonly Column[]): Partial<SheetColumn>[] {
  return columns.map(({ header, kind, width }) => {
    const numFmt = XLSX_FORMATS[kind];
    return { header, width: Math.max(width, displayWidth(header) + 2), ...(numFmt ? { style: { numFmt } } : {}) };
  });
}

export function boldHeader(row: Row): void {
  row.eachCell((cell) => (cell.font = { bold: true }));
}

/** A filter on every column, over the header and the rows under it. */
export function filterRange(columns: number, lastRow: number) {
  return { from: { row: 1, column: 1 }, to: { row: Math.max(lastRow, 1), column: columns } };
}
