// The rows a reading refused, as a file to send back to the grid worker: each row's number, its column and why.
import type { Column } from '../../export/cells';
import { memorySink } from '../../export/memorySink';
import type { SpreadsheetFormat } from '../../export/file';
import type { ExportLanguage } from '../../export/words';
import type { RefusedRow } from '../rosterPerson';
import { refusedRowsWords } from './words';

export async function writeRefusedRows(refused: readonly RefusedRow[], format: SpreadsheetFormat, language: ExportLanguage): Promise<Uint8Array> {
  const words = refusedRowsWords(language);
  const columns: Column[] = [
    { header: words.columns.row, kind: 'number', width: 8 },
    { header: words.columns.column, kind: 'text', width: 16 },
    { header: words.columns.reason, kind: 'text', width: 60 },
  ];
  const rows = refused.map(({ row, column, problem }) => [row, column, words.reasons[problem]]);
  const { sink, bytes } = memorySink();
  // The writers load on first use, as for every file the worker writes (exceljs is large).
  if (format === 'csv') await (await import('../../export/writeCsv')).writeCsv(columns, rows, sink);
  else await (await import('../../export/writeXlsx')).writeXlsx(columns, rows, sink, words.sheetName);
  return bytes();
}
