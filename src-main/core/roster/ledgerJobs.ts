// The worker's side of a roster ledger: reads the file into a preview (telling how far it has come), keeps it for a
// new mapping, imports it, or makes the file of its refused rows; a cancel stops a reading at its next step and
// forgets the file. Nothing of a ledger is stored before its import.
import type { Db } from '../db/database';
import { createFactRecorder } from '../facts/record';
import { maskIdNumber, maskName, maskPhone } from '../domain/mask';
import type { ExportLanguage } from '../export/words';
import type { SpreadsheetFormat } from '../export/file';
import { LedgerCancelled, readLedger, writeRefusedRows, type LedgerReading } from './ledger';
import type { LedgerChoice, RosterProgress } from './ledgerFile';
import { REQUIRED_ROSTER_FIELDS } from './rosterPerson';
import { createRosterImport } from './rosterImport';
import type { Imported, LedgerPreview } from './schemas';

/** Refused rows and people a preview shows; the refused rows' file has them all. */
const PREVIEW_REFUSED = 200;
const PREVIEW_SAMPLE = 20;

/**
 * A ledger that cannot be imported: no longer kept (imported, cancelled, or the worker started again), or without a
 * column for a field every person needs.
 */
export class LedgerRefused extends Error {
  constructor(
    message: string,
    readonly problem: 'ledger-gone' | 'columns-missing',
  ) {
    super(message);
  }
}

interface Kept {
  fileName: string;
  bytes: Uint8Array;
  reading: LedgerReading;
}

/** `rest` runs between two of an import's write transactions: there the desks take their turn at the database. */
export function createLedgerJobs(db: Db, progressed: (progress: RosterProgress) => void, rest: () => Promise<void>) {
  const kept = new Map<string, Kept>();
  const cancelled = new Set<string>();
  // The import's fact carries the instant the station asked for; this clock is never read for it.
  const rosterImport = createRosterImport(db, createFactRecorder(db, () => new Date()));

  function missingFields(reading: LedgerReading) {
    return REQUIRED_ROSTER_FIELDS.filter((field) => reading.mapping[field] === undefined);
  }

  function previewOf(fileId: string, fileName: string, reading: LedgerReading): LedgerPreview {
    const people = reading.people.map(({ person }) => person);
    return {
      fileId,
      fileName,
      sheets: reading.sheets,
      sheet: reading.sheet,
      headerRow: reading.headerRow,
      columns: reading.columns,
      missing: missingFields(reading),
      rows: reading.rows,
      good: people.length,
      ...rosterImport.compare(people),
      refusedCount: reading.refused.length,
      refused: reading.refused.slice(0, PREVIEW_REFUSED),
      sample: reading.people.slice(0, PREVIEW_SAMPLE).map(({ row, person }) => ({
        row,
        name: maskName(person.name),
        docNumber: maskIdNumber(person.docNumber),
        phone: maskPhone(person.phone),
        grid: person.grid,
        building: person.building,
        unit: person.unit,
        room: person.room,
        tags: person.tags,
      })),
    };
  }

  async function read(fileId: string, fileName: string, bytes: Uint8Array, choice: LedgerChoice, today: string): Promise<LedgerPreview> {
    const reading = await readLedger(bytes, fileName, choice, new Date(today), {
      progress: (step) => progressed({ fileId, ...step }),
      cancelled: () => cancelled.has(fileId),
    });
    kept.set(fileId, { fileName, bytes, reading });
    return previewOf(fileId, fileName, reading);
  }

  function keptFile(fileId: string): Kept {
    const file = kept.get(fileId);
    if (!file) throw new LedgerRefused(`The ledger ${fileId} is not kept any more: open the file again.`, 'ledger-gone');
    return file;
  }

  return {
    open: read,

    remap(fileId: string, choice: LedgerChoice, today: string): Promise<LedgerPreview> {
      const { fileName, bytes } = keptFile(fileId);
      return read(fileId, fileName, bytes, choice, today);
    },

    /** The kept ledger's people, shown all at once or not at all; the file is forgotten once they are in. */
    async import(fileId: string, at: string, actor: string): Promise<Imported> {
      const { fileName, reading } = keptFile(fileId);
      const missing = missingFields(reading);
      if (missing.length > 0) throw new LedgerRefused(`The ledger ${fileId} has no column for ${missing.join(', ')}.`, 'columns-missing');
      const people = reading.people.map(({ person }) => person);
      const pace = {
        rest,
        stopIfCancelled() {
          if (cancelled.has(fileId)) throw new LedgerCancelled();
        },
        progressed: (done: number) => progressed({ fileId, phase: 'importing', done, total: people.length }),
      };
      pace.progressed(0);
      const imported = await rosterImport.importPeople({ people, refused: reading.refused.length, file: { fileId, fileName }, at, actor }, pace);
      kept.delete(fileId);
      return imported;
    },

    /** The refused rows' file, and how many rows it holds. */
    async refusedRows(fileId: string, format: SpreadsheetFormat, language: ExportLanguage): Promise<{ count: number; bytes: Uint8Array }> {
      const { refused } = keptFile(fileId).reading;
      return { count: refused.length, bytes: await writeRefusedRows(refused, format, language) };
    },

    /** Stops a reading of the file at its next step, and forgets the file. */
    cancel(fileId: string): void {
      cancelled.add(fileId);
      kept.delete(fileId);
    },
  };
}
