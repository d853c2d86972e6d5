// A sheet as every kind of file is read into: its rows as the spreadsheet numbers them, each cell as text, or as the
// number the file stored (an ID number stored as a number may have been rounded, which only the number tells).

export type LedgerCell = string | number | null;

export interface LedgerSheet {
  name: string;
  /** Row n of the sheet is rows[n - 1]; a blank row is an empty array. */
  rows: LedgerCell[][];
  /** A CSV keeps no cell types: a rounded number reaches it as 18 digits ending in 000. */
  fromCsv: boolean;
}

/** A number as its digits (no exponent for the whole numbers a ledger holds: a room, a phone, an old ID). */
export function cellText(cell: LedgerCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  return Number.isInteger(cell) && Math.abs(cell) < 1e21 ? BigInt(cell).toString() : String(cell);
}

export const isBlankRow = (row: readonly LedgerCell[]) => row.every((cell) => cellText(cell).trim() === '');

/** A column as a spreadsheet names it: A, B, … Z, AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
