// Reading a community's ledger (台账): the file's sheets, the header found under any title rows, the columns
// mapped to the roster's fields, and each row under it through the desk's person rules. Pure: nothing is stored.
// It runs in a worker thread: a long file reports its progress and stops at the next step once cancelled.
import { ROSTER_FIELDS, type RefusedRow, type RosterField, type RosterPerson } from '../rosterPerson';
import type { LedgerChoice } from '../ledgerFile';
import { checkRow, type RowValues } from './checkRow';
import { chooseSheet } from './chooseSheet';
import { automaticMapping, mappedColumns } from './mapping';
import { checkCancelled, createPace, type LedgerHooks } from './pace';
import { LedgerUnreadable } from './problems';
import { readSheets } from './readSheets';
import type { LedgerReading } from './reading';
import { columnLetter, isBlankRow } from './sheet';

export async function readLedger(
  bytes: Uint8Array,
  fileName: string,
  choice: LedgerChoice,
  today: Date,
  hooks: LedgerHooks = {},
): Promise<LedgerReading> {
  hooks.progress?.({ phase: 'reading', done: 0, total: null });
  await checkCancelled(hooks);
  const sheets = await readSheets(bytes, fileName, hooks);
  const { sheet, header } = chooseSheet(sheets, choice.sheet);
  const mapping = choice.mapping ?? automaticMapping(header.headers);
  // Row numbers stay the sheet's own: a refused row is found where the grid worker sees it.
  const rows = sheet.rows
    .map((cells, index) => ({ number: index + 1, cells }))
    .filter(({ number, cells }) => number > header.row && !isBlankRow(cells));
  if (rows.length === 0) throw new LedgerUnreadable('empty');

  const columnOf = (field: RosterField) => {
    const index = mapping[field];
    return index === undefined ? '' : header.headers[index] || columnLetter(index);
  };
  const pace = createPace(hooks, 'checking', rows.length);
  const people: { row: number; person: RosterPerson }[] = [];
  const refused: RefusedRow[] = [];
  const seen = new Set<string>();
  for (const { number, cells } of rows) {
    const values = Object.fromEntries(
      ROSTER_FIELDS.map((field) => [field, mapping[field] === undefined ? null : (cells[mapping[field]] ?? null)]),
    ) as RowValues;
    const verdict = checkRow(values, sheet.fromCsv, today);
    if (!verdict.ok) {
      refused.push({ row: number, column: columnOf(verdict.field), field: verdict.field, problem: verdict.problem });
    } else if (seen.has(verdict.person.docNumber)) {
      refused.push({ row: number, column: columnOf('idNumber'), field: 'idNumber', problem: 'duplicate-row' });
    } else {
      seen.add(verdict.person.docNumber);
      people.push({ row: number, person: verdict.person });
    }
    await pace.row();
  }
  pace.finish();

  return {
    sheets: sheets.map(({ name }) => name),
    sheet: sheet.name,
    headerRow: header.row,
    columns: mappedColumns(header.headers, mapping),
    mapping,
    rows: rows.length,
    people,
    refused,
  };
}
