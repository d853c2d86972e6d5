// CSV for Excel: UTF-8 with a byte-order mark (so Chinese shows), every field quoted, formulas neutralised.
import fs from 'node:fs';
import { stringify } from 'csv-stringify';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { neutralise } from './cells';
import { EXPORT_COLUMNS, type ExportRow } from './registrations';

export async function writeCsv(rows: Iterable<ExportRow>, file: string): Promise<number> {
  let count = 0;
  const records = Readable.from(
    (function* () {
      yield EXPORT_COLUMNS.map(([, label]) => label);
      for (const row of rows) {
        count++;
        yield EXPORT_COLUMNS.map(([key]) => neutralise(String(row[key])));
      }
    })(),
  );
  await pipeline(records, stringify({ bom: true, quoted: true, record_delimiter: 'windows' }), fs.createWriteStream(file));
  return count;
}
