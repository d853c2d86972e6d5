// A CSV ledger as one sheet, named after the file. Each record is a row as a spreadsheet opening it numbers it
// (an empty line stays a blank row, a quoted line break stays inside its cell).
import { parse } from 'csv-parse/sync';
import { decodeText } from './decodeText';
import { LedgerUnreadable, MAX_ROWS } from './problems';
import type { LedgerSheet } from './sheet';

export function readCsv(bytes: Uint8Array, fileName: string): LedgerSheet {
  const text = decodeText(bytes);
  if (text === null) throw new LedgerUnreadable('not-a-spreadsheet');
  let rows: string[][];
  try {
    // One record past the limit is enough to know the file is too large, without parsing the rest.
    rows = parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, to: MAX_ROWS + 1 });
  } catch {
    throw new LedgerUnreadable('not-a-spreadsheet');
  }
  if (rows.length > MAX_ROWS) throw new LedgerUnreadable('too-large');
  return { name: fileName.replace(/\.[^.]*$/u, ''), rows: rows.map((row) => (row.length === 1 && row[0] === '' ? [] : row)), fromCsv: true };
}
