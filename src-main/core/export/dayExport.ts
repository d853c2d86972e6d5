// The day's registrations as a file, for the headless command and the manager window alike: written by the
// background worker, never on the desks' thread; a full export (unmasked) is recorded in the audit trail first.
import { z } from 'zod';
import type { Background } from '../background/background';
import type { Db } from '../db/database';
import type { RecordFact } from '../facts/record';
import { SPREADSHEET_MIME, spreadsheetFormatSchema, type SavedFile } from './file';
import { exportLanguageSchema, exportWords } from './words';

/** Which day, as which file, masked or in full, in which language (Chinese unless asked). */
export const dayExportSchema = z.strictObject({
  day: z.iso.date(),
  format: spreadsheetFormatSchema,
  full: z.boolean(),
  language: exportLanguageSchema.default('zh'),
});
export type DayExport = z.output<typeof dayExportSchema>;

export function createDayExport(db: Db, background: Background, record: RecordFact) {
  /** The trail says who took the people's full details, of which day, and where they went. */
  function auditFull({ day, format, full }: DayExport, actor: string, to: Record<string, string>): void {
    if (full) db.transaction(() => record({ kind: 'export.full', subject: day, actor, data: { format, day, ...to } })).immediate();
  }

  return {
    /** Into a file on this computer (the headless command); resolves with the rows written. */
    toFile(request: DayExport, out: string, actor: string): Promise<number> {
      auditFull(request, actor, { out });
      return background.run({ kind: 'export', ...request, out });
    },

    /** For a window to save: the rows and the file, made in memory (a full export never lies on a disk in the clear). */
    async download(request: DayExport, actor: string): Promise<{ rows: number; file: SavedFile }> {
      const fileName = `${exportWords(request.language).registrations.fileName(request.day, request.full)}.${request.format}`;
      auditFull(request, actor, { download: fileName });
      const { count, base64 } = await background.exportToMemory({ kind: 'export', ...request });
      return { rows: count, file: { fileName, mime: SPREADSHEET_MIME[request.format], base64 } };
    },
  };
}

export type DayExports = ReturnType<typeof createDayExport>;
