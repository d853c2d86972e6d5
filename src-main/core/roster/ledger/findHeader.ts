// Where the table starts: the header among the sheet's first rows, under any title rows, as one row or as two
// (a merged "住址" above 楼栋/单元/房号), and each column's header text.
import { REQUIRED_ROSTER_FIELDS, type RosterField } from '../rosterPerson';
import { fieldOfHeader } from './columnNames';
import { cellText, type LedgerSheet } from './sheet';

/** A header further down than this is not looked for: the manager maps the columns. */
const ROWS_SEARCHED = 15;
/** Fewer known names than this, and a row is as likely a title or a person as a header. */
const MIN_KNOWN = 2;

export interface LedgerHeader {
  /** The header's last row (1-based): the data starts under it. 0 when none was found. */
  row: number;
  /** Each column's header, two rows joined with "/". */
  headers: string[];
}

const cleanHeader = (text: string) => text.replace(/\s+/gu, ' ').trim();

function headersOf(sheet: LedgerSheet, rows: readonly number[], width: number): string[] {
  return Array.from({ length: width }, (_, column) => {
    const parts = rows.map((row) => cleanHeader(cellText(sheet.rows[row - 1]?.[column] ?? null))).filter((part) => part !== '');
    // A cell merged down over both rows is one name, not two.
    return [...new Set(parts)].join('/');
  });
}

const knownFields = (headers: readonly string[]) =>
  new Set(headers.map(fieldOfHeader).filter((field): field is RosterField => field !== null));

/** How many fields a header names; 0 unless it names enough, one of them a field that says who the row is. */
function score(headers: readonly string[]): number {
  const fields = knownFields(headers);
  const saysWho = REQUIRED_ROSTER_FIELDS.some((field) => fields.has(field));
  return fields.size >= MIN_KNOWN && saysWho ? fields.size : 0;
}

export function sheetWidth(sheet: LedgerSheet): number {
  return sheet.rows.reduce((width, row) => Math.max(width, row.length), 0);
}

export function findHeader(sheet: LedgerSheet): LedgerHeader {
  const width = sheetWidth(sheet);
  let best: LedgerHeader & { score: number } = { row: 0, headers: Array<string>(width).fill(''), score: 0 };
  const consider = (rows: number[]) => {
    const headers = headersOf(sheet, rows, width);
    const found = score(headers);
    if (found > best.score) best = { row: rows[rows.length - 1], headers, score: found };
  };
  const last = Math.min(ROWS_SEARCHED, sheet.rows.length);
  for (let row = 1; row <= last; row++) {
    // Two rows are a header only when each names a field: a title above, or the first person below, names none.
    // Tried first, so a two-row header that names no more fields than its lower row still keeps its upper names.
    const lowerNames = row < last ? knownFields(headersOf(sheet, [row + 1], width)).size : 0;
    if (lowerNames > 0 && knownFields(headersOf(sheet, [row], width)).size > 0) consider([row, row + 1]);
    consider([row]);
  }
  return { row: best.row, headers: best.headers };
}
