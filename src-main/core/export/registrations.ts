// The day's registrations as a table for export: masked unless a full export was asked for (and audited), every
// code in words.
import type { Db } from '../db/database';
import { maskIdNumber, maskName, maskPhone } from '../domain/mask';
import type { CellKind, CellValue, Column } from './cells';
import { exportWords, inWords, type ExportLanguage } from './words';

type Key = 'tube' | 'position' | 'desk' | 'docType' | 'docNumber' | 'name' | 'phone' | 'registeredAt' | 'status' | 'source';

/** Each column: what its cells hold and how many characters wide its values are. */
const COLUMNS: readonly [Key, CellKind, number][] = [
  ['tube', 'code', 16],
  ['position', 'number', 8],
  ['desk', 'text', 8],
  ['docType', 'text', 20],
  ['docNumber', 'code', 22],
  ['name', 'text', 12],
  ['phone', 'code', 14],
  ['registeredAt', 'time', 20],
  ['status', 'text', 8],
  ['source', 'text', 10],
];

export function registrationColumns(language: ExportLanguage): Column[] {
  const { columns } = exportWords(language).registrations;
  return COLUMNS.map(([key, kind, width]) => ({ header: columns[key], kind, width }));
}

type Stored = Record<Exclude<Key, 'position'>, string> & { position: number };

/** Iterates the day's registrations (removed ones are not registrations; voided ones say so), in column order. */
export function* exportRows(db: Db, day: string, full: boolean, language: ExportLanguage): Generator<CellValue[]> {
  const words = exportWords(language);
  const query = db.prepare<[string], Stored>(
    `SELECT t.barcode AS tube, r.position, t.desk, r.doc_type AS docType, r.doc_number AS docNumber, r.name, r.phone,
            r.created_at AS registeredAt, CASE WHEN t.voided_at IS NOT NULL THEN 'voided' ELSE r.status END AS status,
            r.source
     FROM registrations r JOIN tubes t ON t.id = r.tube_id
     WHERE r.day = ? AND r.status <> 'removed'
     ORDER BY r.created_at, t.barcode, r.position`,
  );
  for (const stored of query.iterate(day)) {
    const row: Record<Key, CellValue> = {
      ...stored,
      docType: inWords(words.docType, stored.docType),
      docNumber: full ? stored.docNumber : maskIdNumber(stored.docNumber),
      name: full ? stored.name : maskName(stored.name),
      phone: full ? stored.phone : maskPhone(stored.phone),
      status: inWords(words.status, stored.status),
      source: inWords(words.source, stored.source),
    };
    yield COLUMNS.map(([key]) => row[key]);
  }
}
