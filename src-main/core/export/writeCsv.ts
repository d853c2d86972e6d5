// CSV for Excel and WPS: UTF-8 with a byte-order mark (without it both read the bytes as GBK, and Chinese turns to
// nonsense), every field quoted, CRLF, each cell written for its kind (cells.ts): codes as text, times in local time.
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { csvCell, type CellValue, type Column } from './cells';

export const CSV_OPTIONS = { bom: true, quoted: true, record_delimiter: 'windows' } as const;

/** Writes the header and the rows into `sink`; resolves with the number of rows once the sink has them all. */
export async function writeCsv(columns: readonly Column[], rows: Iterable<CellValue[]>, sink: Writable): Promise<number> {
  let count = 0;
  const records = Readable.from(
    (function* () {
      yield columns.map(({ header }) => header);
      for (const row of rows) {
        count++;
        yield columns.map(({ kind }, i) => csvCell(kind, row[i]));
      }
    })(),
  );
  await pipeline(records, stringify(CSV_OPTIONS), sink);
  return count;
}
