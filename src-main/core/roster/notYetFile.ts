// The not-yet list as a table for a file: the worker writes it, never the desks' thread.
import type { Db } from '../db/database';
import type { CellKind, CellValue, Column } from '../export/cells';
import { exportWords, type ExportLanguage } from '../export/words';
import { createNotYet } from './notYet';
import type { NotYetFilter } from './schemas';

type Key = 'grid' | 'building' | 'unit' | 'room' | 'address' | 'name' | 'docNumber' | 'phone' | 'tags' | 'notes';

const COLUMNS: readonly [Key, CellKind, number][] = [
  ['grid', 'text', 10],
  ['building', 'text', 8],
  ['unit', 'text', 6],
  ['room', 'text', 8],
  ['address', 'text', 24],
  ['name', 'text', 12],
  ['docNumber', 'code', 22],
  ['phone', 'code', 14],
  ['tags', 'text', 16],
  // Left empty for the grid worker's pen.
  ['notes', 'text', 20],
];

export function notYetFile(db: Db, filter: NotYetFilter, full: boolean, language: ExportLanguage) {
  const words = exportWords(language).notYet;
  const columns: Column[] = COLUMNS.map(([key, kind, width]) => ({ header: words.columns[key], kind, width }));
  function* rows(): Generator<CellValue[]> {
    for (const person of createNotYet(db).all(filter, full)) {
      const row: Record<Key, CellValue> = { ...person, tags: person.tags.join('、'), notes: '' };
      yield COLUMNS.map(([key]) => row[key]);
    }
  }
  return { columns, rows: rows(), sheetName: words.sheet };
}
